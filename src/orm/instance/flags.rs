//! One flag per column of a model (set, fresh while expired).

/// One flag per column: inline bits for up to 64 columns (no allocation
/// per object), a boxed slice beyond that (16 bytes in all: issue 17,
/// bytes per loaded instance).
#[derive(Clone)]
pub enum ColumnFlags {
    Bits(u64),
    Many(Box<[bool]>),
}

impl ColumnFlags {
    pub fn new(columns: usize) -> ColumnFlags {
        if columns <= 64 {
            ColumnFlags::Bits(0)
        } else {
            ColumnFlags::Many(vec![false; columns].into_boxed_slice())
        }
    }

    pub fn get(&self, i: usize) -> bool {
        match self {
            ColumnFlags::Bits(b) => i < 64 && b & (1 << i) != 0,
            ColumnFlags::Many(v) => v.get(i).copied().unwrap_or(false),
        }
    }

    /// Set or clear column `i`'s flag.
    pub fn put(&mut self, i: usize, on: bool) {
        match self {
            ColumnFlags::Bits(b) if i < 64 => {
                if on {
                    *b |= 1 << i
                } else {
                    *b &= !(1 << i)
                }
            }
            ColumnFlags::Bits(_) => {}
            ColumnFlags::Many(v) => {
                if let Some(f) = v.get_mut(i) {
                    *f = on;
                }
            }
        }
    }

    /// Every one of `columns` flags set.
    pub fn all(columns: usize) -> ColumnFlags {
        let mut f = ColumnFlags::new(columns);
        match &mut f {
            ColumnFlags::Bits(b) => {
                *b = if columns >= 64 {
                    u64::MAX
                } else {
                    (1 << columns) - 1
                }
            }
            ColumnFlags::Many(v) => v.iter_mut().for_each(|x| *x = true),
        }
        f
    }

    /// Are flags `0..n` all set?
    pub fn all_of(&self, n: usize) -> bool {
        (0..n).all(|i| self.get(i))
    }

    /// Is any flag set?
    pub fn any(&self) -> bool {
        match self {
            ColumnFlags::Bits(b) => *b != 0,
            ColumnFlags::Many(v) => v.iter().any(|&x| x),
        }
    }

    /// Clear every flag.
    pub fn clear(&mut self) {
        match self {
            ColumnFlags::Bits(b) => *b = 0,
            ColumnFlags::Many(v) => v.iter_mut().for_each(|x| *x = false),
        }
    }

    pub fn mark(&mut self, i: usize) {
        match self {
            ColumnFlags::Bits(b) if i < 64 => *b |= 1 << i,
            ColumnFlags::Bits(_) => {}
            ColumnFlags::Many(v) => {
                if let Some(f) = v.get_mut(i) {
                    *f = true;
                }
            }
        }
    }
}

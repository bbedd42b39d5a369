//! A method's signature as the keyword binder reads it (`Args::bind`):
//! the keywords it uses and those it accepts and ignores, with why.

/// The keyword arguments a method takes. Each is either used by the method
/// (`kw`) or accepted and ignored for a stated reason (`ignored`: SQLAlchemy
/// ignores it too, or SQLite has no such thing). Any other keyword is a
/// `TypeError` naming the accepted ones (`Args::bind`).
#[derive(Clone, Copy)]
pub struct Sig {
    /// Keywords the method reads (with `Args::take_kw` / `Args::arg`).
    pub kw: &'static [&'static str],
    /// Keywords accepted and dropped, each with the reason.
    pub ignored: &'static [(&'static str, &'static str)],
    /// Whether any keyword is welcome (`filter_by(**columns)`): the method
    /// checks them itself.
    pub any_kw: bool,
}

impl Sig {
    /// No keyword arguments at all.
    pub const NONE: Sig = Sig {
        kw: &[],
        ignored: &[],
        any_kw: false,
    };

    /// Exactly these keywords.
    pub const fn kw(kw: &'static [&'static str]) -> Sig {
        Sig {
            kw,
            ignored: &[],
            any_kw: false,
        }
    }
}

//! The work lexing and parsing do, counted in steps (a character the lexer
//! looks at, a token a parser reads) so that tests can hold the parser to
//! work linear in its input without timing it: a test compares the steps
//! at N and 10 N, which no load on the machine can change. Counted in test
//! builds only; elsewhere [`tick`] is empty and compiles away.

#[cfg(test)]
use std::cell::Cell;

#[cfg(test)]
thread_local! {
    /// Steps counted on this thread since the last [`take`].
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Count `n` steps of lexing or parsing work (test builds only).
#[inline(always)]
pub(crate) fn tick(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

/// The steps counted on this thread since the last call, and start again.
#[cfg(test)]
pub(crate) fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}

//! Showing things to people: error diagnostics with the spot marked.

pub mod diagnostic;

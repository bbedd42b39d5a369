//! Showing things to people: error diagnostics with the spot marked, and
//! result sets as tables, csv, json or lines (`.mode`).

pub mod cell;
pub mod column;
pub mod diagnostic;
pub mod fit;
pub mod grid;
pub mod mode;
pub mod table;

//! Text to AST: tokens, nom parsers, spans, and "is this input complete?".
//! Never sees the model registry or SQL.

pub mod ast;
pub mod span;

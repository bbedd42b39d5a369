//! Text to AST: tokens, nom parsers, spans, and "is this input complete?".
//! Never sees the model registry or SQL. The grammar is `grammar/ormsh.ebnf`.
//!
//! Pipeline: `lexer` (text → tokens, bracket matching) → `stmt`/`model`/
//! `expr`/`literal` (nom parsers over the token stream) → `depth` (tree
//! depth limit) → `Vec<Stmt>`. Failures become errors in `error`. `chunks`
//! cuts a script into statements, lexing each once.

pub mod ast;
mod ast_walk;
mod atom;
mod block;
mod chunks;
mod class_def;
mod complete;
mod compound;
mod console_entry;
pub mod depth;
mod error;
mod expr;
mod import;
pub(crate) mod indent;
pub mod lexer;
mod literal;
mod model;
mod params;
pub mod pattern;
mod pattern_ast;
mod postfix;
pub mod prompts;
#[cfg(test)]
pub(crate) mod sexpr;
pub mod span;
mod stmt;
mod target;
mod token;
pub(crate) mod work;
mod yield_expr;
mod yield_stmt;
mod yield_value;
pub use yield_stmt::yields;
pub(crate) mod typed_class;
pub use class_def::{is_declared_attr, mixin_members, model_body_error};
pub use typed_class::bases_error;

#[cfg(test)]
mod tests;

pub use chunks::{Chunk, Chunks, chunks};
pub use console_entry::one_statement;
pub use depth::MAX_TREE_DEPTH;
pub use lexer::Lexed;

use crate::error::Error;
use crate::syntax::ast::Stmt;
use crate::syntax::token::{Cx, Toks};

/// How deeply brackets, unary operators, calls and subscripts may nest.
/// Deeper input is a `SyntaxError`, never a stack overflow.
pub const MAX_DEPTH: usize = 100;

/// Does the reader need another line before `parse_chunk` can run?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completeness {
    Complete,
    Incomplete,
}

/// Parse one or more complete statements (several lines, `;`-separated, a
/// whole model block…). Spans are byte offsets into `src`.
pub fn parse_chunk(src: &str) -> Result<Vec<Stmt>, Error> {
    parse_lexed(src, &lexer::lex(src, 0))
}

/// `parse_chunk` on tokens already made from `src` (see `chunks`).
pub fn parse_lexed(src: &str, lexed: &Lexed) -> Result<Vec<Stmt>, Error> {
    if let Some(e) = &lexed.error {
        return Err(Error::syntax(e.message.clone(), e.span));
    }
    let cx = Cx::new(src, &lexed.toks);
    let i = Toks {
        toks: &lexed.toks,
        cx: &cx,
    };
    match stmt::chunk(i) {
        Ok((_, stmts)) => depth::check(stmts),
        Err(e) => Err(error::to_error(e, i)),
    }
}

/// Does `src` need another line? (Strings and comments are honoured.)
pub fn completeness(src: &str) -> Completeness {
    complete::completeness(src)
}

/// Does the last line of `src`, at column 0, close the block open before
/// it (not a clause, a decorated statement, or inside brackets)? As in a
/// file, that line then starts the next statement.
pub fn dedent_closes(src: &str) -> bool {
    complete::dedent_closes(src)
}

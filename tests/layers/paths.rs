//! The paths a source file names, made absolute: each `use` tree branch
//! and each `crate::`/`super::`/`self::`/external-crate path, resolved
//! against the file's module (its place under `src/`, inline `mod` blocks
//! and `#[path]` attributes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::lex::{Tok, lex};

/// One path a file names: absolute from the crate root (`["orm",
/// "Session"]`) or from an external crate (`["extern:rusqlite",
/// "Connection"]`),
/// with the line it is on.
#[derive(Debug)]
pub struct Named {
    pub path: Vec<String>,
    pub line: usize,
}

/// The paths named by the source of the module at `module` (its path from
/// the crate root). The binary names the crate `ormsh::`, read as `crate::`.
pub fn named_paths(toks: &[(Tok, usize)], module: &[String]) -> Vec<Named> {
    let mut out = Vec::new();
    // Inline `mod name { … }` blocks open now: the brace depth inside each.
    let mut inline: Vec<usize> = Vec::new();
    let mut here: Vec<String> = module.to_vec();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].0 {
            Tok::Ident(w) if w == "mod" => {
                if let (Some((Tok::Ident(name), _)), Some((Tok::Punct('{'), _))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    depth += 1;
                    inline.push(depth);
                    here.push(name.clone());
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(w) if w == "use" => {
                let line = toks[i].1;
                let mut j = i + 1;
                let mut trees = Vec::new();
                use_tree(toks, &mut j, Vec::new(), &mut trees);
                for t in trees {
                    if let Some(path) = resolve(&t, &here) {
                        out.push(Named { path, line });
                    }
                }
                i = j;
                continue;
            }
            Tok::Ident(first) if path_start(toks, i) => {
                let line = toks[i].1;
                let mut segs = vec![first.clone()];
                let mut j = i + 1;
                while let (Some((Tok::Sep, _)), Some((Tok::Ident(s), _))) =
                    (toks.get(j), toks.get(j + 1))
                {
                    segs.push(s.clone());
                    j += 2;
                }
                if let Some(path) = resolve(&segs, &here) {
                    out.push(Named { path, line });
                }
                i = j;
                continue;
            }
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                if inline.last() == Some(&depth) {
                    inline.pop();
                    here.pop();
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether the identifier at `i` begins a path (`a::b`, or `crate` alone
/// as in `pub(crate)`), rather than continuing one.
fn path_start(toks: &[(Tok, usize)], i: usize) -> bool {
    let after_sep = i > 0 && toks[i - 1].0 == Tok::Sep;
    let before_sep = matches!(toks.get(i + 1), Some((Tok::Sep, _)));
    !after_sep && (before_sep || toks[i].0 == Tok::Ident("crate".into()))
}

/// Read a `use` tree from `toks[*j]` to its `;`, appending each full path
/// (a glob or a group counts as its prefix plus each branch).
fn use_tree(toks: &[(Tok, usize)], j: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        match toks.get(*j).map(|t| &t.0) {
            Some(Tok::Ident(w)) if w == "as" => {
                *j += 2; // `as name`
            }
            Some(Tok::Ident(w)) => {
                path.push(w.clone());
                *j += 1;
            }
            Some(Tok::Sep) => *j += 1,
            Some(Tok::Punct('*')) => *j += 1,
            Some(Tok::Punct('{')) => {
                *j += 1;
                loop {
                    use_tree(toks, j, path.clone(), out);
                    match toks.get(*j).map(|t| &t.0) {
                        Some(Tok::Punct(',')) => *j += 1,
                        Some(Tok::Punct('}')) => {
                            *j += 1;
                            break;
                        }
                        _ => break,
                    }
                    if matches!(toks.get(*j).map(|t| &t.0), Some(Tok::Punct('}'))) {
                        *j += 1;
                        break;
                    }
                }
                return;
            }
            Some(Tok::Punct(',' | '}')) => {
                out.push(path);
                return;
            }
            Some(Tok::Punct(';')) => {
                out.push(path);
                *j += 1;
                return;
            }
            _ => {
                out.push(path);
                return;
            }
        }
    }
}

/// A path as written, made absolute: `crate::a` and `super::b` against the
/// module `here`; an external crate's path as it is. `None` for paths that
/// name neither (a local item, `Self::`, a variant).
fn resolve(segs: &[String], here: &[String]) -> Option<Vec<String>> {
    let first = segs.first()?;
    match first.as_str() {
        "crate" | "ormsh" => Some(segs[1..].to_vec()),
        "self" => Some(
            here.iter()
                .cloned()
                .chain(segs[1..].iter().cloned())
                .collect(),
        ),
        "super" => {
            let mut base = here.to_vec();
            let mut rest = segs;
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
            Some(base.into_iter().chain(rest.iter().cloned()).collect())
        }
        _ => {
            // An external crate: marked so it cannot be taken for a module.
            let mut p = vec![format!("extern:{first}")];
            p.extend(segs[1..].iter().cloned());
            Some(p)
        }
    }
}

/// Each source file's module path, from its place under `src/` and the
/// `#[path = "…"] mod name;` attributes that put files elsewhere.
pub fn module_paths(files: &[(PathBuf, String)]) -> HashMap<PathBuf, Vec<String>> {
    let by_place = |rel: &Path| -> Vec<String> {
        let mut parts: Vec<String> = rel
            .with_extension("")
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        parts
    };
    let mut modules: HashMap<PathBuf, Vec<String>> = files
        .iter()
        .map(|(rel, _)| (rel.clone(), by_place(rel)))
        .collect();
    for (rel, src) in files {
        let toks = lex(src);
        for (k, w) in toks.windows(6).enumerate() {
            // # [ path = "x.rs" ] (pub)? mod name ;
            let [
                (Tok::Punct('#'), _),
                (Tok::Punct('['), _),
                (Tok::Ident(p), _),
                (Tok::Punct('='), _),
                (Tok::Str(target), _),
                (Tok::Punct(']'), _),
            ] = w
            else {
                continue;
            };
            if p != "path" {
                continue;
            }
            let mut after = toks[k + 6..].iter().map(|t| &t.0);
            let name = match (after.next(), after.next(), after.next()) {
                (Some(Tok::Ident(m)), Some(Tok::Ident(n)), _) if m == "mod" => n,
                (Some(Tok::Ident(v)), Some(Tok::Ident(m)), Some(Tok::Ident(n)))
                    if v == "pub" && m == "mod" =>
                {
                    n
                }
                _ => continue,
            };
            let file = rel.parent().unwrap_or(Path::new("")).join(target);
            let mut path = modules[rel].clone();
            path.push(name.clone());
            modules.insert(file, path);
        }
    }
    modules
}

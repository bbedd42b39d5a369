//! SQLAlchemy's `MetaData(naming_convention={...})` (`sql/naming.py`):
//! the names a table's unnamed constraints and indexes take — `"pk"`,
//! `"uq"`, `"ck"`, `"fk"`, `"ix"` templates with `%(table_name)s`,
//! `%(column_0_name)s` (also `_key`, `_label`, `column_0N_…` joined,
//! `column_0_N_…` joined by `_`, any position), `%(referred_table_name)s`,
//! `%(referred_column_0_name)s` and `%(constraint_name)s`. A named
//! constraint keeps its name unless its template holds
//! `%(constraint_name)s` (`_constraint_name_for_table`). Pure: the DDL
//! plan (`schema::ddl`) asks it for each name.

use std::rc::Rc;

/// The kinds of item a convention names, by their keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Index,
}

impl Kind {
    /// The convention's key for this kind (SQLAlchemy's `_prefix_dict`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::PrimaryKey => "pk",
            Kind::Unique => "uq",
            Kind::Check => "ck",
            Kind::ForeignKey => "fk",
            Kind::Index => "ix",
        }
    }

    fn of_key(k: &str) -> Option<Kind> {
        [
            Kind::PrimaryKey,
            Kind::Unique,
            Kind::Check,
            Kind::ForeignKey,
            Kind::Index,
        ]
        .into_iter()
        .find(|kind| kind.key() == k)
    }
}

/// A `naming_convention` dict: each kind's template.
#[derive(Clone, Debug, PartialEq)]
pub struct NamingConvention {
    templates: Vec<(Kind, Rc<str>)>,
}

/// What a template is filled from: the table, the item's columns (name
/// and key), the referred table and columns of a foreign key, the name
/// given.
pub struct Subject<'a> {
    pub table: &'a str,
    /// (name, key) of each column, in the constraint's order.
    pub columns: Vec<(&'a str, &'a str)>,
    pub referred_table: Option<&'a str>,
    pub referred_columns: Vec<&'a str>,
    pub name: Option<&'a str>,
}

/// Why a name could not be made, as SQLAlchemy fails.
#[derive(Debug, PartialEq)]
pub enum NamingError {
    /// `%(constraint_name)s` for a constraint with no name
    /// (`InvalidRequestError`).
    Unnamed,
    /// A token SQLAlchemy's `ConventionDict` does not know (`KeyError`).
    UnknownToken(String),
}

impl NamingError {
    /// SQLAlchemy's message.
    pub fn message(&self) -> String {
        match self {
            NamingError::Unnamed => "Naming convention including %(constraint_name)s token requires that constraint is explicitly named.".to_string(),
            NamingError::UnknownToken(t) => format!("'{t}'"),
        }
    }
}

impl NamingConvention {
    /// A convention from its (key, template) entries; a key that is not
    /// one of the five kinds is refused with the reason.
    pub fn new(entries: Vec<(String, Rc<str>)>) -> Result<NamingConvention, String> {
        let mut templates = Vec::new();
        for (k, t) in entries {
            let Some(kind) = Kind::of_key(&k) else {
                return Err(format!(
                    "naming_convention key '{k}': ormsh names the kinds 'pk', 'uq', 'ck', 'fk' and 'ix' (SQLAlchemy's custom tokens, functions under other keys, are not supported)"
                ));
            };
            templates.retain(|(have, _)| *have != kind);
            templates.push((kind, t));
        }
        Ok(NamingConvention { templates })
    }

    /// The convention as the Python that makes it:
    /// `MetaData(naming_convention={'pk': 'pk_%(table_name)s', ...})` —
    /// what `_ormsh_models` stores and `.export python` writes.
    pub fn source(&self) -> String {
        let entries: Vec<String> = (self.templates.iter())
            .map(|(k, t)| format!("'{}': {}", k.key(), crate::value::repr::str_repr(t)))
            .collect();
        format!("MetaData(naming_convention={{{}}})", entries.join(", "))
    }

    /// Each kind's key and template, in the dict's order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.templates.iter().map(|(k, t)| (k.key(), &**t))
    }

    /// The template of `kind`, if the convention has one.
    pub fn template(&self, kind: Kind) -> Option<&str> {
        (self.templates.iter())
            .find(|(k, _)| *k == kind)
            .map(|(_, t)| &**t)
    }

    /// The name of an item of `kind` (`_constraint_name_for_table`): the
    /// template filled when there is one and the item has no name, or its
    /// template uses the name; `Ok(None)` keeps the item's own name.
    pub fn name(&self, kind: Kind, s: &Subject) -> Result<Option<Rc<str>>, NamingError> {
        let Some(t) = self.template(kind) else {
            return Ok(None);
        };
        if s.name.is_some() && !t.contains("constraint_name") {
            return Ok(None);
        }
        fill(t, s).map(|n| Some(Rc::from(n)))
    }
}

/// Python's `template % ConventionDict(...)` for `%(token)s` and `%%`.
fn fill(t: &str, s: &Subject) -> Result<String, NamingError> {
    let mut out = String::new();
    let mut rest = t;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(r) = rest.strip_prefix('%') {
            out.push('%');
            rest = r;
            continue;
        }
        let Some(r) = rest.strip_prefix('(') else {
            out.push('%');
            continue;
        };
        let Some(close) = r.find(')') else {
            out.push_str("%(");
            rest = r;
            continue;
        };
        let token = &r[..close];
        let after = &r[close + 1..];
        out.push_str(&token_value(token, s)?);
        rest = after.strip_prefix('s').unwrap_or(after);
    }
    out.push_str(rest);
    Ok(out)
}

/// One token's value (SQLAlchemy's `ConventionDict.__getitem__`).
fn token_value(token: &str, s: &Subject) -> Result<String, NamingError> {
    match token {
        "table_name" => return Ok(s.table.to_string()),
        "referred_table_name" => {
            return s
                .referred_table
                .map(str::to_string)
                .ok_or_else(|| NamingError::UnknownToken(token.to_string()));
        }
        "constraint_name" => {
            return s.name.map(str::to_string).ok_or(NamingError::Unnamed);
        }
        _ => {}
    }
    let unknown = || NamingError::UnknownToken(token.to_string());
    let (referred, rest) = match token.strip_prefix("referred_") {
        Some(r) => (true, r),
        None => (false, token),
    };
    let rest = rest.strip_prefix("column_").ok_or_else(unknown)?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let index: usize = rest[..digits].parse().map_err(|_| unknown())?;
    let rest = &rest[digits..];
    let (joined, sep, attr) = if let Some(a) = rest.strip_prefix("_N_") {
        (true, "_", a)
    } else if let Some(a) = rest.strip_prefix("N_") {
        (true, "", a)
    } else if let Some(a) = rest.strip_prefix('_') {
        (false, "", a)
    } else {
        return Err(unknown());
    };
    let values: Vec<String> = if referred {
        if attr != "name" && attr != "key" {
            return Err(unknown());
        }
        s.referred_columns.iter().map(|c| c.to_string()).collect()
    } else {
        let of = |(name, key): &(&str, &str)| match attr {
            "name" => Some(name.to_string()),
            "key" => Some(key.to_string()),
            "label" => Some(format!("{}_{}", s.table, name)),
            _ => None,
        };
        let v: Option<Vec<String>> = s.columns.iter().map(of).collect();
        v.ok_or_else(unknown)?
    };
    if joined {
        return Ok(values.get(index..).unwrap_or_default().join(sep));
    }
    // SQLAlchemy gives an empty string for a position past the last column.
    Ok(values.get(index).cloned().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject<'a>(cols: &'a [(&'a str, &'a str)], name: Option<&'a str>) -> Subject<'a> {
        Subject {
            table: "a",
            columns: cols.to_vec(),
            referred_table: Some("p"),
            referred_columns: vec!["x", "y"],
            name,
        }
    }

    /// Templates and what the reference (SQLAlchemy 2) made of them.
    #[test]
    fn fills_as_sqlalchemy() {
        let cols = [("x", "x"), ("y", "yk")];
        let table: &[(&str, Option<&str>, Result<&str, NamingError>)] = &[
            ("uq_%(table_name)s_%(column_0_name)s", None, Ok("uq_a_x")),
            (
                "uq_%(column_0_label)s_%(column_1_key)s",
                None,
                Ok("uq_a_x_yk"),
            ),
            (
                "uq_%(table_name)s_%(column_0N_name)s_%(column_0_N_name)s",
                None,
                Ok("uq_a_xy_x_y"),
            ),
            ("%%x_%(column_0_N_label)s", None, Ok("%x_a_x_a_y")),
            ("uq_%(column_2_name)s", None, Ok("uq_")),
            (
                "fk_%(column_0_name)s_%(referred_column_0N_name)s",
                None,
                Ok("fk_x_xy"),
            ),
            ("fk_%(referred_table_name)s", None, Ok("fk_p")),
            (
                "ck_%(table_name)s_%(constraint_name)s",
                Some("zpos"),
                Ok("ck_a_zpos"),
            ),
            (
                "ck_%(table_name)s_%(constraint_name)s",
                None,
                Err(NamingError::Unnamed),
            ),
            (
                "pk_%(bogus)s",
                None,
                Err(NamingError::UnknownToken("bogus".into())),
            ),
        ];
        for (t, name, want) in table {
            let got = fill(t, &subject(&cols, *name));
            assert_eq!(
                got.as_deref().map_err(|e| e.message()),
                want.as_ref().map(|s| *s).map_err(|e| e.message()),
                "{t}"
            );
        }
    }

    /// A named item keeps its name unless the template uses it.
    #[test]
    fn named_items_keep_their_names() {
        let c = NamingConvention::new(vec![
            ("uq".into(), Rc::from("uq_%(column_0_name)s")),
            ("ck".into(), Rc::from("ck_%(constraint_name)s")),
        ])
        .unwrap();
        let cols = [("x", "x")];
        assert_eq!(
            c.name(Kind::Unique, &subject(&cols, Some("mine"))),
            Ok(None)
        );
        assert_eq!(
            c.name(Kind::Check, &subject(&cols, Some("mine"))),
            Ok(Some(Rc::from("ck_mine")))
        );
        assert_eq!(c.name(Kind::PrimaryKey, &subject(&cols, None)), Ok(None));
        assert!(NamingConvention::new(vec![("xx".into(), Rc::from("a"))]).is_err());
    }
}

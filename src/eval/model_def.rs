//! The `model` statement: evaluating members into columns, `__tablename__`
//! and `__repr__`, checking the result, and registering the model. Also the
//! column-building built-ins (`db.Column`, types, `db.ForeignKey`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
/// `db.Column` lives in `column_def`; named here for its callers.
pub use crate::eval::column_def::column;
use crate::eval::objects::{ColumnSpec, ForeignKeySpec, TypeSpec};
use crate::eval::surface::Sig;
use crate::schema::column::{Column, ForeignKey};
use crate::schema::model::Model;
use crate::schema::naming::table_name;
use crate::schema::types::{ColumnType, TypeOptions};
use crate::syntax::ast::{Ident, ModelDef};
use crate::syntax::span::Span;
use crate::value::Value;

impl Interp {
    pub fn define_model(&mut self, def: &ModelDef, span: Span) -> Result<()> {
        let mut columns: Vec<Column> = Vec::new();
        let mut table: Option<Rc<str>> = None;
        let mut repr = None;
        let mut rels: Vec<(Rc<str>, Ident, Value)> = Vec::new();
        // As in a Python class body, earlier members are visible to later ones
        // (`foreign_keys=[author_id]`).
        self.locals.push(Vec::new());
        let r = (|| -> Result<()> {
            for m in &def.members {
                match &*m.name.name {
                    "__tablename__" => match self.eval(&m.value)? {
                        Value::Str(ref s) => table = Some(s.clone().into()),
                        other => {
                            return Err(Error::type_(format!(
                                "__tablename__ must be a string, not {}",
                                other.type_name()
                            ))
                            .at(m.value.span));
                        }
                    },
                    "__repr__" => repr = Some(Rc::new(m.value.clone())),
                    name => {
                        let v = self.eval(&m.value)?;
                        if columns.iter().any(|c| &*c.attr == name)
                            || rels.iter().any(|(n, _, _)| &**n == name)
                        {
                            return Err(Error::value(format!(
                                "'{name}' is defined twice in model {}",
                                def.name.name
                            ))
                            .at(m.name.span));
                        }
                        if let Some(spec) = v.downcast::<ColumnSpec>() {
                            let mut col = spec.column.clone();
                            col.attr = Rc::from(name);
                            col.name = spec.name.clone().unwrap_or_else(|| Rc::from(name));
                            columns.push(col);
                        } else if v.is::<crate::eval::rel_specs::RelSpecValue>() {
                            rels.push((Rc::from(name), m.name.clone(), v.clone()));
                        } else {
                            return Err(Error::type_(format!(
                                "member '{name}' of model {} must be a column or a relationship, like {name} = db.Column(db.String(80))",
                                def.name.name
                            ))
                            .at(m.value.span));
                        }
                        // Later members see a column as a column of this
                        // table (`primaryjoin=author_id == Author.id`).
                        let seen = match v.downcast::<ColumnSpec>() {
                            Some(spec) => {
                                let t: Rc<str> = table
                                    .clone()
                                    .unwrap_or_else(|| Rc::from(table_name(&def.name.name)));
                                let cname = spec.name.clone().unwrap_or_else(|| Rc::from(name));
                                crate::orm::expr::SqlVal::local_column(
                                    t,
                                    cname,
                                    spec.column.ty.clone(),
                                    Rc::from(name),
                                )
                                .into_value()?
                            }
                            None => v,
                        };
                        if let Some(frame) = self.locals.last_mut() {
                            frame.push((Rc::from(name), seen));
                        }
                    }
                }
            }
            Ok(())
        })();
        self.locals.pop();
        r?;
        let pk: Vec<usize> = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.primary_key)
            .map(|(i, _)| i)
            .collect();
        if pk.is_empty() {
            return Err(Error::new(
                crate::error::ErrorKind::ArgumentError,
                format!("model {} has no primary key", def.name.name),
            )
            .with_help("add one, e.g. id = db.Column(db.Integer, primary_key=True)")
            .at(def.name.span));
        }
        let table = table.unwrap_or_else(|| Rc::from(table_name(&def.name.name)));
        refuse_tool_table(&table).map_err(|e| e.at(def.name.span))?;
        let rels = rels
            .into_iter()
            .map(|(name, _, v)| {
                let spec = v
                    .downcast::<crate::eval::rel_specs::RelSpecValue>()
                    .map(|s| s.0.clone());
                (name, spec.expect("a relationship member"))
            })
            .collect();
        let model = Rc::new(Model {
            id: self.registry.next_id(),
            name: def.name.name.clone(),
            table,
            columns,
            pk,
            repr,
            source: Rc::from(&self.source[span.range()]),
            rels,
            pure: self.is_declaring(),
            retired: Default::default(),
        });
        self.replace_classes(&model, def.name.span)?;
        Ok(())
    }

    /// Put `model` in the registry in place of the classes it replaces:
    /// a model of the same name, and (`persist::replace`) a reflected model
    /// over the same table. Refused while any of them has changes not yet
    /// committed; otherwise their objects leave the session
    /// (`orm::retire`).
    fn replace_classes(&mut self, model: &Rc<Model>, name_span: Span) -> Result<()> {
        self.refuse_reflected_clash(model)
            .map_err(|e| e.at(name_span))?;
        let swap = self.reflected_swap(model);
        let mut ids = swap.model_ids();
        let mut names: Vec<Rc<str>> = swap
            .replaced
            .iter()
            .chain(&swap.dependents)
            .map(|m| m.name.clone())
            .collect();
        if let Some(old) = self.registry.get(&model.name) {
            ids.push(old.id);
            names.insert(0, old.name.clone());
        }
        if let Some(what) = self.session.uncommitted(&ids) {
            let whose = names.join(", ");
            let replaced = if names.len() == 1 && names[0] == model.name {
                format!("{} cannot be redefined", model.name)
            } else {
                format!("{} cannot replace {whose}", model.name)
            };
            return Err(Error::new(
                crate::error::ErrorKind::InvalidRequestError,
                format!("{replaced}: the session holds changes to {whose} not yet committed ({what})"),
            )
            .with_help(format!(
                "db.session.commit() saves them, db.session.rollback() discards them; then define {} again",
                model.name
            ))
            .at(name_span));
        }
        self.session.retire_models(&ids);
        self.registry.define(model.clone());
        self.model_defined(model);
        self.apply_swap(swap, model);
        Ok(())
    }
}

/// The keywords each type takes, as SQLAlchemy's type constructors do:
/// used, or accepted and ignored with the reason (`Args::bind`).
fn type_sig(ty: &ColumnType) -> Sig {
    const DECIMAL: (&str, &str) = (
        "asdecimal",
        "ormsh gives floats for Numeric and Float columns (README, Numbers)",
    );
    const SCALE: (&str, &str) = (
        "decimal_return_scale",
        "ormsh gives floats for Numeric and Float columns (README, Numbers)",
    );
    match ty {
        ColumnType::String(_)
        | ColumnType::Unicode(_)
        | ColumnType::Text
        | ColumnType::UnicodeText => Sig::kw(&["length", "collation"]),
        ColumnType::Numeric(_) => Sig {
            kw: &["precision", "scale"],
            ignored: &[DECIMAL, SCALE],
            any_kw: false,
        },
        ColumnType::Float => Sig {
            kw: &[],
            ignored: &[
                (
                    "precision",
                    "SQLAlchemy writes FLOAT for SQLite whatever the precision",
                ),
                DECIMAL,
                SCALE,
            ],
            any_kw: false,
        },
        ColumnType::Enum(_) => Sig {
            kw: &["name", "create_constraint", "length"],
            ignored: &[
                (
                    "native_enum",
                    "SQLite has no ENUM type: SQLAlchemy writes VARCHAR either way",
                ),
                (
                    "validate_strings",
                    "ormsh checks an Enum's values on assignment either way (README)",
                ),
            ],
            any_kw: false,
        },
        ColumnType::Boolean => Sig::kw(&["name", "create_constraint"]),
        ColumnType::DateTime | ColumnType::Time => Sig {
            kw: &[],
            ignored: &[(
                "timezone",
                "SQLAlchemy's SQLite DATETIME stores the text without a zone either way",
            )],
            any_kw: false,
        },
        ColumnType::Json => Sig::kw(&["none_as_null"]),
        ColumnType::LargeBinary => Sig::kw(&["length"]),
        _ => Sig::NONE,
    }
}

/// A positive length (`String(80)`, `Text(length=200)`).
fn length(v: Option<Value>, what: &str) -> Result<Option<u32>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(
            v.as_i64()
                .filter(|n| *n > 0 && *n < u32::MAX as i64)
                .ok_or_else(|| {
                    Error::type_(format!(
                        "{what} length must be a positive whole number, not {}",
                        v.type_name()
                    ))
                })? as u32,
        )),
    }
}

/// A string keyword (`collation=`, `name=`, `ondelete=`), `None` when
/// absent or None.
fn str_kw(a: &mut Args, key: &str) -> Result<Option<Rc<str>>> {
    let span =
        a.kw.iter()
            .find(|(k, _, _)| &**k == key)
            .map(|(_, _, s)| *s);
    match &a.take_kw(key) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.into())),
        Some(v) => Err(
            Error::type_(format!("{key}= takes a string, not {}", v.type_name()))
                .at(span.unwrap_or(a.span)),
        ),
    }
}

/// `db.String(80)`, `db.Numeric(10, 2)`, `db.Enum('a', 'b')`, with the
/// keywords `type_sig` lists.
pub fn parametrise_type(t: &TypeSpec, mut a: Args) -> Result<Value> {
    if !t.bare {
        return Err(Error::type_(format!(
            "'{}' type object is not callable",
            t.ty.name()
        )));
    }
    a.bind(t.ty.name(), &type_sig(&t.ty))?;
    let mut opts = TypeOptions {
        collation: str_kw(&mut a, "collation")?,
        none_as_null: a.take_kw("none_as_null").is_some_and(|v| v.truthy()),
        ..TypeOptions::default()
    };
    let constraint_name = str_kw(&mut a, "name")?;
    if a.take_kw("create_constraint").is_some_and(|v| v.truthy()) {
        opts.check = Some(constraint_name);
    }
    let ty = match &t.ty {
        ColumnType::String(_) | ColumnType::Unicode(_) => {
            let n = length(a.arg(0, "length"), "String")?;
            a.count(0, 1)?;
            if matches!(t.ty, ColumnType::String(_)) {
                ColumnType::String(n)
            } else {
                ColumnType::Unicode(n)
            }
        }
        ColumnType::Text | ColumnType::UnicodeText => {
            opts.length = length(a.arg(0, "length"), "Text")?;
            a.count(0, 1)?;
            t.ty.clone()
        }
        ColumnType::Numeric(_) => {
            let p = a.arg(0, "precision").and_then(|v| v.as_i64());
            let s = a.arg(1, "scale").and_then(|v| v.as_i64());
            a.count(0, 2)?;
            ColumnType::Numeric(p.map(|p| (p as u32, s.unwrap_or(0) as u32)))
        }
        ColumnType::Enum(_) => {
            opts.length = length(a.take_kw("length"), "Enum")?;
            let values = (0..a.len()).map(|i| a.str(i)).collect::<Result<Vec<_>>>()?;
            if values.is_empty() {
                return Err(Error::type_(
                    "Enum needs its values, like db.Enum('draft', 'published')",
                ));
            }
            ColumnType::Enum(values)
        }
        ColumnType::LargeBinary => {
            // Checked, then left out: SQLAlchemy writes BLOB for SQLite
            // whatever the length.
            length(a.arg(0, "length"), "LargeBinary")?;
            a.count(0, 1)?;
            ColumnType::LargeBinary
        }
        other => {
            a.count(0, 0)?;
            other.clone()
        }
    };
    Ok(Value::obj(TypeSpec {
        ty,
        bare: false,
        opts,
    }))
}

/// The keywords of `db.ForeignKey`: the constraint's name and actions,
/// and those SQLAlchemy writes no SQL for in SQLite.
const FOREIGN_KEY_SIG: Sig = Sig {
    kw: &["column", "ondelete", "onupdate", "name"],
    ignored: &[
        (
            "info",
            "a dictionary SQLAlchemy keeps for the application (ForeignKey.info); it writes no SQL for it",
        ),
        (
            "comment",
            "SQLAlchemy writes no constraint comment for SQLite, which has none",
        ),
    ],
    any_kw: false,
};

/// `db.ForeignKey('table.column', ondelete=…)`
pub fn foreign_key(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("ForeignKey", &FOREIGN_KEY_SIG)?;
    if let Some(c) = a.take_kw("column") {
        a.pos.insert(0, c);
    }
    let ondelete = str_kw(&mut a, "ondelete")?;
    let onupdate = str_kw(&mut a, "onupdate")?;
    let name = str_kw(&mut a, "name")?;
    a.count(1, 1)?;
    let target = a.str(0)?;
    let Some((table, column)) = target.rsplit_once('.') else {
        return Err(
            Error::value(format!("ForeignKey needs 'table.column', got '{target}'"))
                .with_help("e.g. db.ForeignKey('user.id') — a table name, not a model name")
                .at(a.span_of(0)),
        );
    };
    Ok(Value::obj(ForeignKeySpec(ForeignKey {
        table: Rc::from(table),
        column: Rc::from(column),
        ondelete,
        onupdate,
        name,
    })))
}

/// `db.Integer` etc.
pub fn type_value(name: &str) -> Option<Value> {
    let ty = match name {
        "Integer" => ColumnType::Integer,
        "BigInteger" => ColumnType::BigInteger,
        "SmallInteger" => ColumnType::SmallInteger,
        "Float" => ColumnType::Float,
        "Numeric" => ColumnType::Numeric(None),
        "String" => ColumnType::String(None),
        "Unicode" => ColumnType::Unicode(None),
        "Text" => ColumnType::Text,
        "UnicodeText" => ColumnType::UnicodeText,
        "Boolean" => ColumnType::Boolean,
        "Date" => ColumnType::Date,
        "DateTime" => ColumnType::DateTime,
        "Time" => ColumnType::Time,
        "LargeBinary" => ColumnType::LargeBinary,
        "JSON" => ColumnType::Json,
        "Enum" => ColumnType::Enum(Vec::new()),
        _ => return None,
    };
    Some(Value::obj(TypeSpec {
        ty,
        bare: true,
        opts: TypeOptions::default(),
    }))
}

/// ormsh's own table of stored definitions may not be mapped: a model or
/// `db.Table` over it could rewrite or delete what the file opens with.
/// SQLite compares names without case, so neither does this.
pub fn refuse_tool_table(table: &str) -> Result<()> {
    if table.eq_ignore_ascii_case(crate::persist::MODELS_TABLE) {
        return Err(Error::value(format!(
            "the table name '{table}' is ormsh's own (it stores the models of this file)"
        ))
        .with_help("choose another __tablename__ (or db.Table name)"));
    }
    Ok(())
}

//! The one place that maps a value to its class table (`class_of`), and
//! the list of every table (`all`), which the walking test and `help` read.

use crate::eval::surface::{
    ALIASED, ALIASED_REL, APP_CONTEXT, APPENDER, ATTRIBUTE_STATE, ATTRS, COLLECTION, COLUMN,
    COMPOUND, CONFIG, CURRENT_APP, DATE, DATETIME, DATETIME_MODULE, DB, DELETE, DICT, ENGINE,
    EXISTS, FLASK, FLASK_MODULE, FLASK_SQLALCHEMY, FUNC, HASH, HASHLIB, HISTORY, INSERT, INSTANCE,
    LIST, LOADER_OPTION, MAPPING_RESULT, METADATA, MODEL, MODULE, PAGINATION, QUERY, RELATIONSHIP,
    RESULT, ROW, SCALAR_RESULT, SELECT, SESSION, STATE, STR, SUB_COLUMNS, SUBQUERY, Surface, TABLE,
    TABLE_COLUMNS, TIME, TIMEDELTA, TUPLE, UPDATE, WERKZEUG_SECURITY, attrs, db, pyvalues,
};
use crate::value::Value;

/// The class table of a value, if its type has one. The one place that
/// maps a value to its table.
pub fn class_of(v: &Value) -> Option<&'static dyn Surface> {
    use crate::eval::objects::LoaderOption;
    use crate::orm::pagination::Pagination;
    use crate::schema::table::{Table, TableColumns};
    match v {
        Value::DateTime(_) | Value::Aware(_) => return Some(&DATETIME),
        Value::Date(_) => return Some(&DATE),
        Value::Time(_) => return Some(&TIME),
        _ if v.is::<crate::value::aware_time::AwareTime>() => return Some(&TIME),
        Value::TimeDelta(_) => return Some(&TIMEDELTA),
        Value::Str(_) => return Some(&STR),
        Value::List(_) => return Some(&LIST),
        Value::Tuple(_) => return Some(&TUPLE),
        Value::Dict(_) => return Some(&DICT),
        Value::Bytes(_) => return Some(&pyvalues::BYTES),
        Value::Decimal(_) => return Some(&pyvalues::DECIMAL),
        Value::Uuid(_) => return Some(&pyvalues::UUID),
        Value::Obj(_) => {}
        _ => return None,
    }
    if let Some(it) = v.downcast::<crate::eval::live_iter::PyIter>()
        && super::generator::is_generator(&it)
    {
        return Some(&super::generator::GENERATOR);
    }
    if v.is::<crate::eval::automap::AutomapBase>() {
        return Some(&crate::eval::automap::AUTOMAP_BASE);
    }
    if v.is::<crate::eval::automap::AutomapClasses>() {
        return Some(&crate::eval::automap::AUTOMAP_CLASSES);
    }
    if v.is::<crate::value::bytearray::ByteArray>() {
        return Some(&pyvalues::BYTEARRAY);
    }
    if v.is::<crate::eval::live_iter::PyIter>() {
        return Some(&super::generator::ITERATOR);
    }
    if v.is::<crate::eval::compiled::Compiled>() {
        return Some(&crate::eval::compiled::COMPILED);
    }
    if v.is::<crate::eval::column_attrs::ColumnDefault>() {
        return Some(&crate::eval::column_attrs::COLUMN_DEFAULT);
    }
    if v.is::<crate::eval::column_attrs::DefaultClause>() {
        return Some(&crate::eval::column_attrs::DEFAULT_CLAUSE);
    }
    if v.is::<crate::eval::declared_attr::DeclaringClass>() {
        return Some(&crate::eval::declared_attr::DECLARING_CLASS);
    }
    if v.is::<crate::eval::property_obj::Property>() {
        return Some(&crate::eval::property_obj::PROPERTY);
    }
    if let Some(s) = v.downcast::<crate::eval::pyset::PySet>() {
        return Some(if s.frozen {
            &super::set::FROZENSET
        } else {
            &super::set::SET
        });
    }
    if let Some(c) = v.downcast::<crate::orm::expr::ColumnElement>() {
        if crate::orm::exists::inner(&c).is_some() {
            return Some(&EXISTS);
        }
        return Some(&COLUMN);
    }
    if let Some(rs) = v.downcast::<crate::eval::objects::ResultSet>() {
        return Some(if rs.scalars {
            &SCALAR_RESULT
        } else if rs.mappings {
            &MAPPING_RESULT
        } else {
            &RESULT
        });
    }
    if v.is::<super::column_prop::ColumnProp>() {
        return Some(&super::column_prop::COLUMN_PROPERTY);
    }
    if v.is::<super::result_more::FrozenResult>() {
        return Some(&super::result_more::FROZEN_RESULT);
    }
    if let Some(d) = v.downcast::<crate::orm::dml::Dml>() {
        return Some(match d.kind {
            crate::orm::dml::DmlKind::Insert if d.sqlite => &super::dml_sqlite::SQLITE_INSERT,
            crate::orm::dml::DmlKind::Insert => &INSERT,
            crate::orm::dml::DmlKind::Update => &UPDATE,
            crate::orm::dml::DmlKind::Delete => &DELETE,
        });
    }
    if let Some(fs) = v.downcast::<crate::eval::from_statement::FromStatement>() {
        return fs
            .legacy
            .then_some(&super::from_statement::FROM_STATEMENT as &dyn Surface);
    }
    if v.is::<crate::eval::objects::TextClause>() {
        return Some(&super::text_clause::TEXT_CLAUSE);
    }
    if v.is::<crate::eval::objects::TypeSpec>() {
        return Some(&super::type_engine::TYPE_ENGINE);
    }
    if v.is::<crate::orm::upsert::Excluded>() {
        return Some(&super::dml_sqlite::EXCLUDED);
    }
    if v.is::<crate::orm::row::Row>() {
        return Some(&ROW);
    }
    if v.is::<crate::eval::textual_select::TextualSelect>() {
        return Some(&super::text_clause::TEXTUAL_SELECT);
    }
    if v.is::<crate::eval::row_mapping::RowMapping>() {
        return Some(&super::row_mapping::ROW_MAPPING);
    }
    if v.is::<Pagination>() {
        return Some(&PAGINATION);
    }
    if v.is::<super::default_ctx::DefaultContext>() {
        return Some(&super::default_ctx::DEFAULT_CONTEXT);
    }
    if let Some(q) = v.downcast::<crate::orm::query::Query>() {
        return Some(match (q.legacy, q.compound.is_empty()) {
            (true, _) => &QUERY,
            (false, true) => &SELECT,
            (false, false) => &COMPOUND,
        });
    }
    if let Some(d) = v.downcast::<crate::eval::rel_ops::DynamicRel>() {
        if d.rel.write_only {
            return Some(&super::write_only::WRITE_ONLY);
        }
        return Some(&APPENDER);
    }
    if v.is::<LoaderOption>() {
        return Some(&LOADER_OPTION);
    }
    if v.is::<crate::orm::selectable::Selectable>() {
        return Some(&SUBQUERY);
    }
    if v.is::<crate::orm::selectable::SubColumns>() {
        return Some(&SUB_COLUMNS);
    }
    if v.is::<crate::orm::alias::AliasedModel>() {
        return Some(&ALIASED);
    }
    if v.is::<Table>() {
        return Some(&TABLE);
    }
    if v.is::<TableColumns>() {
        return Some(&TABLE_COLUMNS);
    }
    if v.is::<crate::eval::schema_repr::PrimaryKey>() {
        return Some(&super::PRIMARY_KEY);
    }
    if v.is::<crate::eval::constraint_def::ConstraintSpec>() {
        return Some(&super::CONSTRAINT);
    }
    if v.is::<crate::eval::table_indexes::IndexObj>() {
        return Some(&super::INDEX);
    }
    if v.is::<super::mapper_props::Props>() {
        return Some(&super::mapper_props::PROPS);
    }
    if v.is::<super::mapper_props::RelProp>() {
        return Some(&super::mapper_props::REL_PROP);
    }
    if v.is::<super::mapper_props::Direction>() {
        return Some(&super::mapper_props::DIRECTION);
    }
    if v.is::<crate::orm::instance::Instance>() {
        return Some(&INSTANCE);
    }
    if v.is::<crate::schema::model::Model>() {
        return Some(&MODEL);
    }
    if v.is::<crate::orm::relation::Collection>() {
        return Some(&COLLECTION);
    }
    if v.is::<crate::eval::rel_ops::RelAttr>() {
        return Some(&RELATIONSHIP);
    }
    if v.is::<crate::eval::alias_rel::AliasedRel>() {
        return Some(&ALIASED_REL);
    }
    if v.is::<crate::eval::inspect::InstanceState>() {
        return Some(&STATE);
    }
    if v.is::<super::inspector::Inspector>() {
        return Some(&super::inspector::INSPECTOR);
    }
    if v.is::<crate::eval::objects::ForeignKeySpec>() {
        return Some(&crate::eval::foreign_keys::FOREIGN_KEY);
    }
    if v.is::<super::mapper::Mapper>() {
        return Some(&super::mapper::MAPPER);
    }
    if v.is::<attrs::Attrs>() {
        return Some(&ATTRS);
    }
    if v.is::<attrs::AttrState>() {
        return Some(&ATTRIBUTE_STATE);
    }
    if v.is::<crate::orm::attr_history::History>() {
        return Some(&HISTORY);
    }
    if let Some(ns) = v.downcast::<crate::eval::objects::Namespace>() {
        return db::namespace_class(ns.0);
    }
    if v.is::<crate::value::aware::TimeZone>() {
        return Some(&super::dates_tz::TIMEZONE);
    }
    pymod_class(v)
}

/// The tables of Python's modules and Flask's objects (`eval::pymod`).
fn pymod_class(v: &Value) -> Option<&'static dyn Surface> {
    use crate::eval::pymod::{Module, flask, hashlib};
    if let Some(m) = v.downcast::<Module>() {
        return Some(crate::eval::surface::modules::module_class(&m));
    }
    if v.is::<hashlib::Hash>() {
        return Some(&HASH);
    }
    if v.is::<crate::eval::function::Function>() {
        return Some(&super::function::FUNCTION);
    }
    if v.is::<crate::eval::methods::BoundFunction>() {
        return Some(&super::function::METHOD);
    }
    if v.is::<crate::eval::session_begin::SessionTx>() {
        return Some(&super::session_tx::SESSION_TX);
    }
    if v.is::<crate::eval::attribute_events::EventToken>() {
        return Some(&crate::eval::attribute_events::EVENT_TOKEN);
    }
    if v.is::<super::connection::SessionConnection>() {
        return Some(&super::connection::CONNECTION);
    }
    if v.is::<super::engine_url::EngineUrl>() {
        return Some(&super::engine_url::ENGINE_URL);
    }
    if v.is::<super::engine_url::EngineDialect>() {
        return Some(&super::engine_url::ENGINE_DIALECT);
    }
    if v.is::<crate::eval::model_init::Super>() {
        return Some(&super::superobj::SUPER);
    }
    if v.is::<crate::eval::exceptions::ExceptionValue>() {
        return Some(&super::exception::EXCEPTION);
    }
    if v.is::<crate::eval::pymod::exc::ExcClass>() {
        return Some(&super::exception::EXC_CLASS);
    }
    if v.is::<crate::eval::user_exc::UserExcClass>() {
        return Some(&super::exception::USER_EXC_CLASS);
    }
    if v.is::<flask::FlaskApp>() {
        return Some(&FLASK);
    }
    if v.is::<flask::Config>() {
        return Some(&CONFIG);
    }
    if v.is::<flask::AppContext>() {
        return Some(&APP_CONTEXT);
    }
    if v.is::<flask::CurrentApp>() {
        return Some(&CURRENT_APP);
    }
    if v.is::<super::second_extension::SecondExtension>() {
        return Some(&super::second_extension::SECOND_EXTENSION);
    }
    if v.is::<crate::eval::model_base::ModelBase>() {
        return Some(&crate::eval::model_base::MODEL_BASE);
    }
    if v.is::<crate::eval::pyclass::PyClass>() {
        return Some(&super::pyclass::PY_CLASS);
    }
    if v.is::<crate::eval::pyclass::PyObject>() {
        return Some(&super::pyclass::PY_OBJECT);
    }
    if v.is::<crate::eval::pyclass_super::PySuper>() {
        return Some(&super::pyclass::PY_SUPER);
    }
    if v.is::<crate::eval::pyenum::EnumMember>() {
        return Some(&super::pyclass::ENUM_MEMBER);
    }
    if v.is::<crate::eval::pymod::web::WebOnly>() {
        return Some(&crate::eval::pymod::web::WEB_NAME);
    }
    if v.is::<crate::eval::mapped::DeclarativeBaseClass>() {
        return Some(&super::declarative::DECLARATIVE_BASE);
    }
    if v.is::<super::selected_columns::SelectedColumns>() {
        return Some(&super::selected_columns::SELECTED_COLUMNS);
    }
    if v.is::<crate::eval::metadata_def::MetaDataSpec>() {
        return Some(&crate::eval::metadata_def::METADATA_SPEC);
    }
    None
}

/// Every class table, for the test that walks them and for `help`.
pub fn all() -> Vec<&'static dyn Surface> {
    vec![
        &COLUMN,
        &super::text_clause::TEXT_CLAUSE,
        &super::from_statement::FROM_STATEMENT,
        &QUERY,
        &SELECT,
        &COMPOUND,
        &EXISTS,
        &SUBQUERY,
        &SUB_COLUMNS,
        &super::selected_columns::SELECTED_COLUMNS,
        &ALIASED,
        &APPENDER,
        &super::write_only::WRITE_ONLY,
        &PAGINATION,
        &super::default_ctx::DEFAULT_CONTEXT,
        &RESULT,
        &SCALAR_RESULT,
        &MAPPING_RESULT,
        &super::result_more::FROZEN_RESULT,
        &super::column_prop::COLUMN_PROPERTY,
        &ROW,
        &super::row_mapping::ROW_MAPPING,
        &super::text_clause::TEXTUAL_SELECT,
        &INSERT,
        &super::dml_sqlite::SQLITE_INSERT,
        &super::dml_sqlite::EXCLUDED,
        &super::type_engine::TYPE_ENGINE,
        &UPDATE,
        &DELETE,
        &LOADER_OPTION,
        &super::mapper::MAPPER,
        &super::mapper_props::PROPS,
        &super::mapper_props::REL_PROP,
        &super::mapper_props::DIRECTION,
        &TABLE,
        &TABLE_COLUMNS,
        &super::PRIMARY_KEY,
        &super::CONSTRAINT,
        &super::INDEX,
        &INSTANCE,
        &MODEL,
        &COLLECTION,
        &RELATIONSHIP,
        &ALIASED_REL,
        &STATE,
        &super::inspector::INSPECTOR,
        &crate::eval::foreign_keys::FOREIGN_KEY,
        &ATTRS,
        &ATTRIBUTE_STATE,
        &HISTORY,
        &DATETIME,
        &DATE,
        &TIME,
        &TIMEDELTA,
        &super::dates_tz::TIMEZONE,
        &super::generator::GENERATOR,
        &super::generator::ITERATOR,
        &crate::eval::property_obj::PROPERTY,
        &STR,
        &LIST,
        &TUPLE,
        &DICT,
        &pyvalues::BYTES,
        &pyvalues::BYTEARRAY,
        &crate::eval::automap::AUTOMAP_BASE,
        &crate::eval::automap::AUTOMAP_CLASSES,
        &pyvalues::DECIMAL,
        &pyvalues::UUID,
        &DB,
        &SESSION,
        &METADATA,
        &crate::eval::metadata_def::METADATA_SPEC,
        &ENGINE,
        &FUNC,
        &MODULE,
        &HASHLIB,
        &super::modules::SQLITE_DIALECT,
        &WERKZEUG_SECURITY,
        &FLASK_MODULE,
        &FLASK_SQLALCHEMY,
        &DATETIME_MODULE,
        &super::modules::ENUM_MODULE,
        &super::modules_std::OS_MODULE,
        &super::modules_std::OS_PATH_MODULE,
        &super::modules_std::JSON_MODULE,
        &super::modules_std::FUNCTOOLS_MODULE,
        &super::modules::SQLALCHEMY_MODULE,
        &super::modules::SQLALCHEMY_ORM_MODULE,
        &super::modules::HYBRID_MODULE,
        &super::declarative::DECLARATIVE_BASE,
        &HASH,
        &super::exception::EXCEPTION,
        &super::exception::EXC_CLASS,
        &super::exception::USER_EXC_CLASS,
        &super::function::FUNCTION,
        &super::function::METHOD,
        &super::superobj::SUPER,
        &super::session_tx::SESSION_TX,
        &super::connection::CONNECTION,
        &crate::eval::attribute_events::EVENT_TOKEN,
        &super::engine_url::ENGINE_URL,
        &super::engine_url::ENGINE_DIALECT,
        &FLASK,
        &CONFIG,
        &APP_CONTEXT,
        &CURRENT_APP,
        &super::second_extension::SECOND_EXTENSION,
        &super::set::SET,
        &super::set::FROZENSET,
        &crate::eval::model_base::MODEL_BASE,
        &super::pyclass::PY_CLASS,
        &super::pyclass::PY_OBJECT,
        &super::pyclass::ENUM_MEMBER,
        &super::pyclass::PY_SUPER,
    ]
}

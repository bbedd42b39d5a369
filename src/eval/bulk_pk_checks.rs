//! What an ORM bulk UPDATE by primary key (`session.execute(update(User),
//! [{'id': 1, …}, …])`) refuses before it runs, as SQLAlchemy's
//! `BulkORMUpdate.orm_pre_session_exec` and `orm_execute_statement` do.

use crate::error::{Error, ErrorKind, Result};
use crate::orm::bulk::SyncSession;
use crate::orm::dml::Dml;

/// `synchronize_session='fetch'` is refused for a bulk UPDATE; extra
/// `.where()` criteria are refused unless synchronisation is off
/// (`synchronize_session=False`), since the session could not tell which
/// objects the criteria matched.
pub(crate) fn check_bulk_pk_sync(d: &Dml, sync: SyncSession) -> Result<()> {
    if sync == SyncSession::Fetch {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "The 'fetch' synchronization strategy is not available for 'bulk' ORM updates (i.e. multiple parameter sets)",
        )
        .with_help("use synchronize_session='auto' (the default) or False"));
    }
    if !d.where_.is_empty() && matches!(sync, SyncSession::Auto | SyncSession::Evaluate) {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "bulk synchronize of persistent objects not supported when using bulk update with additional WHERE criteria right now.  add synchronize_session=None execution option to bypass synchronize of persistent objects.",
        )
        .with_help(format!(
            "drop the .where(...), or pass execution_options={{'synchronize_session': False}}: db.session.execute(db.update({}).where(...), [...], execution_options={{'synchronize_session': False}})",
            d.model.name
        )));
    }
    Ok(())
}

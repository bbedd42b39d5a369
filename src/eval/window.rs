//! `over(func, partition_by=None, order_by=None, range_=None, rows=None,
//! groups=None, exclude=None)` (`db.over`): SQLAlchemy's
//! `over()`, the function form of `func.NAME(…).over(…)` (`orm::window`).

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::Sig;
use crate::orm::expr::ColumnElement;
use crate::value::Value;

pub fn over(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("over", &Sig::kw(crate::orm::window::OVER_KEYWORDS))?;
    let args = crate::orm::window::OverArgs::take(&mut a);
    a.count(1, 1)?;
    let f = match a.pos[0].downcast::<ColumnElement>() {
        Some(f) if crate::orm::window::is_function(&f) => f,
        _ => {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "over() takes a SQL function such as db.func.rank(), not {}",
                    a.pos[0].type_name()
                ),
            )
            .at(a.span_of(0)));
        }
    };
    crate::orm::window::over(&f, &args)?.into_value()
}

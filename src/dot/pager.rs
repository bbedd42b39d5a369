//! `.pager on|off`: whether long results at the prompt go through
//! `$PAGER` (`repl::pager` does the paging); alone, says the setting.

use super::Call;
use crate::app::{App, Flow};
use crate::error::{Error, Result};

/// `.pager [on|off]`
pub fn pager(app: &mut App, call: &Call) -> Result<Flow> {
    match call.args.as_slice() {
        [] => {
            let on = if app.settings.pager { "on" } else { "off" };
            app.interp.write_line(&format!("pager: {on}"))?;
        }
        ["on"] => app.settings.pager = true,
        ["off"] => app.settings.pager = false,
        _ => return Err(Error::value("usage: .pager on|off")),
    }
    Ok(Flow::Continue)
}

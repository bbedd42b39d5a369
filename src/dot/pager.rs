//! `.pager on|off`: whether long results at the prompt go through
//! `$PAGER` (`repl::pager` does the paging); alone, says the setting.

use super::Call;
use crate::app::{App, Flow};
use crate::error::Result;

/// `.pager [on|off]`
pub fn pager(app: &mut App, call: &Call) -> Result<Flow> {
    match super::settings::on_off(call)? {
        None => {
            let on = if app.settings.pager { "on" } else { "off" };
            app.interp.write_line(&format!("pager: {on}"))?;
        }
        Some(on) => app.settings.pager = on,
    }
    Ok(Flow::Continue)
}

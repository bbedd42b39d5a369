//! Long results through `$PAGER`, as pgcli pages them: at the prompt, on a
//! terminal, what one entry prints is held until it is more than the
//! screen holds; then the pager (`$PAGER`, else `less -R`; `LESS=-R`
//! unless set, `-SR` when a table printed, whose wide rows are chopped
//! rather than wrapped, where a repr's one long line must wrap, also in
//! the table modes) starts,
//! gets what was held and everything after, and the prompt comes back
//! when it is closed. A `$PAGER` whose program is not found leaves the
//! output on the screen, with a line saying so, and the rest of the entry
//! goes straight there (unpaged). Output that fits is written when
//! the entry is done. Quitting the pager early (`q`) stops the statement
//! that writes, as a closed pipe does, and a line says so and that what
//! it did until then stays: a streamed result reads no more rows from
//! the database. `.pager off` turns it off;
//! `.output` and `.once` never page.

use std::cell::{Cell, RefCell};
use std::io::{self, Write};
use std::process::{Child, Command, Stdio};
use std::rc::Rc;

use crate::app::App;
use crate::render::grid::text_width;
use crate::render::table::Mode;

/// The terminal's size in rows and columns, if standard output is one:
/// as the terminal says, else as `$LINES` and `$COLUMNS` say (a terminal
/// that reports no size, as curses reads it).
pub fn terminal_size() -> Option<(usize, usize)> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    size_of(libc::STDOUT_FILENO)
}

/// The width of the terminal standard error writes to, if it is one:
/// warnings break between words there, not where the terminal would cut
/// a word.
pub fn stderr_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    size_of(libc::STDERR_FILENO).map(|(_, cols)| cols)
}

/// The size of the terminal open on `fd`, rows and columns.
fn size_of(fd: libc::c_int) -> Option<(usize, usize)> {
    // SAFETY: TIOCGWINSZ fills the winsize it is given and reads nothing
    // else; a failure leaves it zeroed, which is checked.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0;
    if ok && ws.ws_row > 0 && ws.ws_col > 0 {
        return Some((usize::from(ws.ws_row), usize::from(ws.ws_col)));
    }
    let var = |n: &str| {
        std::env::var(n)
            .ok()?
            .parse::<usize>()
            .ok()
            .filter(|&v| v > 0)
    };
    Some((var("LINES")?, var("COLUMNS")?))
}

/// What one entry printed so far, and where it goes.
struct State {
    /// The output paging stands in front of (standard output).
    inner: Option<Box<dyn Write>>,
    held: Vec<u8>,
    /// Screen rows the held complete lines take; up to where they were counted.
    rows_used: usize,
    counted: usize,
    rows: usize,
    cols: usize,
    pager: Option<Child>,
    /// No pager could start: what was held went to the screen, and the
    /// rest of the entry follows it there.
    unpaged: bool,
    /// The pager was closed before the output ended: the rest is dropped.
    closed: bool,
    /// A table mode (`.mode table`, `box`, …): when a table printed
    /// (`table_shown`), `less` chops its wide rows (`-S`) instead of
    /// wrapping them; a repr wraps.
    chop: bool,
    table_shown: Rc<Cell<bool>>,
}

/// The writer put in front of standard output for one entry.
struct Paging(Rc<RefCell<State>>);

impl State {
    /// Count the rows of the held lines not counted yet (a line wider
    /// than the screen takes several).
    fn count(&mut self) {
        while let Some(n) = self.held[self.counted..].iter().position(|&b| b == b'\n') {
            let line = String::from_utf8_lossy(&self.held[self.counted..self.counted + n]);
            self.rows_used = self
                .rows_used
                .saturating_add(text_width(&line).div_ceil(self.cols).max(1));
            self.counted += n + 1;
        }
    }

    /// The rows the held text would take with the line not ended yet
    /// (one long line, as a streamed `[<Item 1>, …]` is): measured once it
    /// holds more bytes than the screen has cells left, so a line that
    /// never ends still reaches the pager.
    fn rows_with_open_line(&self) -> usize {
        let open = &self.held[self.counted..];
        let left = self
            .rows
            .saturating_sub(self.rows_used)
            .saturating_mul(self.cols);
        if open.len() < left {
            return self.rows_used;
        }
        self.rows_used
            .saturating_add(text_width(&String::from_utf8_lossy(open)).div_ceil(self.cols))
    }

    fn start_pager(&mut self) {
        let flags = if self.chop && self.table_shown.get() {
            "-SR"
        } else {
            "-R"
        };
        let cmd = std::env::var("PAGER").unwrap_or_else(|_| format!("less {flags}"));
        if let Some(out) = &mut self.inner {
            let _ = out.flush();
        }
        if let Some(program) = not_found(&cmd) {
            // No pager to be had: the output goes to the screen, and a
            // line says why it was not paged.
            if let Some(out) = &mut self.inner {
                let _ = writeln!(
                    out,
                    "(the pager '{program}' of $PAGER was not found: the output follows unpaged; .pager off stops paging)"
                );
            }
            self.go_unpaged();
            return;
        }
        let mut command = Command::new("/bin/sh");
        command.arg("-c").arg(&cmd).stdin(Stdio::piped());
        if std::env::var_os("LESS").is_none() {
            command.env("LESS", flags);
        }
        match command.spawn() {
            Ok(mut child) => {
                if let Some(stdin) = &mut child.stdin
                    && stdin.write_all(&self.held).is_err()
                {
                    self.closed = true;
                }
                self.held.clear();
                self.pager = Some(child);
            }
            // No pager to be had: the output goes to the screen.
            Err(_) => self.go_unpaged(),
        }
    }

    /// Show what is held, and let the rest of the entry through unheld.
    fn go_unpaged(&mut self) {
        if let Some(out) = &mut self.inner {
            let _ = out.write_all(&self.held);
        }
        self.held.clear();
        self.counted = 0;
        self.unpaged = true;
    }
}

impl Write for Paging {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        let mut s = self.0.borrow_mut();
        if s.closed {
            return Err(pager_closed());
        }
        if let Some(child) = &mut s.pager {
            if let Some(stdin) = &mut child.stdin
                && stdin.write_all(b).is_err()
            {
                s.closed = true;
                return Err(pager_closed());
            }
            return Ok(b.len());
        }
        if s.unpaged {
            return match &mut s.inner {
                Some(out) => out.write(b),
                None => Ok(b.len()),
            };
        }
        s.held.extend_from_slice(b);
        s.count();
        // A line is kept free for the prompt that follows.
        if s.rows_used.saturating_add(1) >= s.rows
            || s.rows_with_open_line().saturating_add(1) >= s.rows
        {
            s.start_pager();
        }
        if s.closed {
            return Err(pager_closed());
        }
        Ok(b.len())
    }

    /// Before an error is reported (or `print(..., flush=True)`): what is
    /// held goes to the screen now, so the two show in order; its rows
    /// still count towards the screen.
    fn flush(&mut self) -> io::Result<()> {
        let mut s = self.0.borrow_mut();
        let s = &mut *s;
        if s.pager.is_none()
            && let Some(inner) = &mut s.inner
        {
            inner.write_all(&s.held)?;
            inner.flush()?;
            s.held.clear();
            s.counted = 0;
        }
        Ok(())
    }
}

/// The program of the shell command `cmd` (its first word), when it is
/// not to be found: a path that is not a file, or a name on no directory
/// of `$PATH`. None when it is found, or `cmd` is more than a plain
/// command (the shell decides then).
fn not_found(cmd: &str) -> Option<String> {
    let program = cmd.split_whitespace().next()?;
    if program.contains(['=', '$', '`', '(', '\'', '"', ';', '|', '&', '<', '>']) {
        return None;
    }
    let found = if program.contains('/') {
        std::path::Path::new(program).is_file()
    } else {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path).any(|d| d.join(program).is_file()) || is_shell_builtin(program)
    };
    (!found).then(|| program.to_string())
}

/// Words `/bin/sh` runs without a program file.
fn is_shell_builtin(word: &str) -> bool {
    matches!(
        word,
        "exec" | "eval" | "command" | "cd" | "true" | "false" | "echo" | ":"
    )
}

/// The pager was quit before the output ended: the statement writing
/// stops there (a streamed result reads no more rows), and the shell says
/// so (`App::report`).
fn pager_closed() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, crate::eval::PAGER_CLOSED)
}

/// Paging of one entry, when it applies: `.pager on`, output on the
/// terminal (no `.output` file), and not `.output`/`.once` itself.
pub struct Pager(Rc<RefCell<State>>);

impl Pager {
    /// Put paging in front of the output for the entry `chunk`.
    pub fn begin(app: &mut App, chunk: &str) -> Option<Pager> {
        let word = chunk.split_whitespace().next().unwrap_or("");
        if !app.settings.pager
            || app.settings.redirect.active()
            || matches!(word, ".output" | ".once")
        {
            return None;
        }
        let (rows, cols) = terminal_size()?;
        let chop = matches!(
            app.interp.mode,
            Mode::Table | Mode::Box | Mode::Markdown | Mode::Column
        );
        let table_shown = app.interp.table_shown.clone();
        table_shown.set(false);
        let _ = app.interp.out.flush();
        let state = Rc::new(RefCell::new(State {
            inner: None,
            held: Vec::new(),
            rows_used: 0,
            counted: 0,
            rows,
            cols,
            pager: None,
            unpaged: false,
            closed: false,
            chop,
            table_shown,
        }));
        let inner = std::mem::replace(&mut app.interp.out, Box::new(Paging(state.clone())));
        state.borrow_mut().inner = Some(inner);
        Some(Pager(state))
    }

    /// The entry is done: what fitted goes to the screen, or the pager
    /// gets the end of its input and is waited for.
    pub fn end(self, app: &mut App) {
        let mut s = self.0.borrow_mut();
        let Some(mut inner) = s.inner.take() else {
            return;
        };
        match s.pager.take() {
            Some(mut child) => {
                drop(child.stdin.take());
                let _ = child.wait();
            }
            None => {
                let _ = inner.write_all(&s.held);
                let _ = inner.flush();
            }
        }
        app.interp.out = inner;
    }
}

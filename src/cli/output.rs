//! Where a run's output goes and how its objects end: standard output
//! buffered and forgetting what a closed pipe will never read (`Stdout`),
//! and the `App` left to the OS at exit (`Exiting`).

use std::io::Write;

use crate::app::App;

/// The shell until the process exits: when it is dropped, its objects are
/// left to the OS rather than freed one by one (`Interp::abandon_objects`).
pub struct Exiting(pub App);

impl Drop for Exiting {
    fn drop(&mut self) {
        self.0.interp.abandon_objects();
    }
}

impl std::ops::Deref for Exiting {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl std::ops::DerefMut for Exiting {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.0
    }
}

/// Buffered standard output. When the reader has gone (a broken pipe),
/// the write that found out fails and what was waiting in the buffer is
/// dropped with it: a later statement that prints nothing then succeeds
/// (`--keep-going`), and one that prints fails again.
pub struct Stdout(std::io::BufWriter<std::io::Stdout>);

impl Default for Stdout {
    fn default() -> Stdout {
        Stdout(std::io::BufWriter::new(std::io::stdout()))
    }
}

impl Stdout {
    fn dropping_on_broken_pipe<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            // into_parts hands the unwritten bytes back instead of writing.
            let _ = std::mem::take(self).0.into_parts();
        }
        r
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.0.write(buf);
        self.dropping_on_broken_pipe(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.0.flush();
        self.dropping_on_broken_pipe(r)
    }
}

//! A long line pasted in bracketed-paste mode, in colour, in a real
//! terminal (a PTY): the line runs whole, and it is drawn a character at a
//! time — the prompt is redrawn about once per screen row, not once per
//! character (issue 16, round 2: with colour or a hint every pasted
//! character redrew the whole line, so a 3 KB paste took seconds).

mod pty_support;

use std::io::Write;
use std::process::Command;

use pty_support::{TIMEOUT_MS, Type, temp, work_dir};
use rexpect::session::{PtySession, spawn_command};

/// Write `bytes` to the terminal in one write, as a terminal's paste does.
fn burst(p: &PtySession, bytes: &str) {
    let mut tty = p.process().get_file_handle().expect("the pty");
    tty.write_all(bytes.as_bytes())
        .expect("one write to the pty");
    tty.flush().expect("flush the pty");
}

/// ormsh in colour at its first prompt (rexpect's terminal is 80
/// columns); `pty_support` starts it without colour.
fn coloured_shell(name: &str) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    cmd.current_dir(work_dir())
        .args(["--color", "always", "--no-init"])
        .env("ORMSH_HISTORY", temp(name))
        .env("TERM", "xterm")
        .env("PAGER", "cat")
        .env_remove("NO_COLOR");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn ormsh in a pty");
    p.exp_string("ormsh> ").expect("the first prompt");
    p
}

/// A list literal of `n` ints, `[1000, 1001, …]`, and the sum of them.
fn list(n: usize) -> (String, usize) {
    let ints: Vec<usize> = (1000..1000 + n).collect();
    let text: Vec<String> = ints.iter().map(usize::to_string).collect();
    (format!("[{}]", text.join(", ")), ints.iter().sum())
}

/// How many times the prompt is drawn in `seen`.
fn prompts(seen: &str) -> usize {
    seen.matches("ormsh> ").count()
}

#[test]
fn a_3_kb_line_pasted_runs_whole_and_is_drawn_a_character_at_a_time() {
    let mut p = coloured_shell("paste-long");
    let (text, sum) = list(500);
    assert!(text.len() > 2900, "{}", text.len());
    // The paste ends with its line end: it runs as it is.
    burst(&p, &format!("\x1b[200~len({text})\r\x1b[201~"));
    let drawn = p
        .exp_string("\r\n500\r\n")
        .expect("every pasted int reached the list");
    let rows = text.len() / 80 + 1;
    let seen = prompts(&drawn);
    assert!(
        seen < 2 * rows + 10,
        "the prompt was drawn {seen} times for a {rows}-row paste"
    );
    p.exp_string("ormsh> ").unwrap();

    // Without its line end the paste waits at the prompt, whole, and
    // Enter runs it.
    burst(&p, &format!("\x1b[200~sum({text})\x1b[201~"));
    p.enter("").unwrap();
    p.exp_string(&format!("\r\n{sum}\r\n"))
        .expect("the pasted line ran with Enter");
    p.exp_string("ormsh> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().expect("Ctrl-D leaves");
}

/// A Python session's transcript, as it is copied off a terminal.
const TRANSCRIPT: &str =
    ">>> for i in range(2):\r...     print(i * 10)\r...\r0\r10\r>>> x2 = 7\r>>> x2 + 1\r8\r\r";

/// What running `TRANSCRIPT` shows: the loop's lines, then `x2 + 1`.
fn transcript_ran(p: &mut PtySession) {
    let shown = p.exp_string("\r\n8\r\n").expect("x2 + 1 ran");
    assert!(shown.contains("0\r\n10\r\n"), "the loop ran: {shown}");
    assert!(!shown.contains("rror"), "{shown}");
    p.enter("print(x2 * 2)").unwrap();
    let shown = p.exp_string("\r\n14\r\n").expect("x2 was set");
    assert!(!shown.contains("rror"), "{shown}");
}

#[test]
fn a_python_transcript_typed_or_pasted_as_plain_keys_runs_as_a_bracketed_paste_does() {
    // Bracketed.
    let mut p = coloured_shell("transcript1");
    burst(&p, &format!("\x1b[200~{TRANSCRIPT}\x1b[201~"));
    transcript_ran(&mut p);
    drop(p);
    // Plain keys in one burst (a terminal without bracketed paste).
    let mut p = coloured_shell("transcript2");
    burst(&p, TRANSCRIPT);
    transcript_ran(&mut p);
    drop(p);
    // Typed, a line at a time.
    let mut p = coloured_shell("transcript3");
    for line in TRANSCRIPT.split_terminator('\r') {
        p.enter(line).unwrap();
    }
    transcript_ran(&mut p);
}

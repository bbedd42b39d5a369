//! The pure choices of the command line: what a run does for its
//! arguments and terminal, and whether it is coloured.

use std::ffi::OsStr;

use clap::Parser;

use super::args::Cli;
use super::mode::{Plan, Then, colored};

fn plan(args: &[&str], stdin_tty: bool) -> Plan {
    let argv = std::iter::once("ormsh").chain(args.iter().copied());
    Plan::choose(&Cli::try_parse_from(argv).unwrap(), stdin_tty)
}

fn shell(tutorial: Option<&str>) -> Then {
    Then::Shell {
        tutorial: tutorial.map(str::to_string),
    }
}

#[test]
fn the_plan_for_each_mode() {
    let cases: Vec<(&[&str], bool, bool, Then)> = vec![
        (&[], true, false, shell(None)),
        (&["db.sqlite"], true, false, shell(None)),
        (&[], false, false, Then::Stdin),
        (&["-f", "a.orm"], true, true, Then::Exit),
        (&["-f", "a.orm"], false, true, Then::Exit),
        (&["-c", "1"], true, true, Then::Exit),
        (&["-c", "1", "-f", "a.orm"], false, true, Then::Exit),
        (&["-f", "a.orm", "-i"], true, true, shell(None)),
        (&["-c", "1", "-i"], false, true, Then::Stdin),
        (&["-i"], true, false, shell(None)),
        (&["-i"], false, false, Then::Stdin),
        (
            &["--tutorial", "quickstart"],
            true,
            false,
            shell(Some("quickstart")),
        ),
        (&["--tutorial", "quickstart"], false, false, Then::Stdin),
        (
            &["--tutorial", "quickstart", "-c", "1"],
            true,
            true,
            Then::Exit,
        ),
        (
            &["--tutorial", "quickstart", "-c", "1", "-i"],
            true,
            true,
            shell(Some("quickstart")),
        ),
    ];
    for (args, tty, scripted, then) in cases {
        assert_eq!(
            plan(args, tty),
            Plan { scripted, then },
            "{args:?} tty={tty}"
        );
    }
}

#[test]
fn colour_follows_when_the_terminal_and_no_color() {
    let set = Some(OsStr::new("1"));
    let empty = Some(OsStr::new(""));
    let cases = [
        ("always", false, set, true),
        ("always", true, None, true),
        ("never", true, None, false),
        ("never", false, None, false),
        ("auto", true, None, true),
        ("auto", true, empty, true),
        ("auto", true, set, false),
        ("auto", false, None, false),
    ];
    for (when, tty, no_color, want) in cases {
        assert_eq!(
            colored(when, tty, no_color),
            want,
            "{when} tty={tty} NO_COLOR={no_color:?}"
        );
    }
}

//! Unit tests of `keys`: the keys' reactions, one by one.

use super::*;

fn keys(state: &KeyState, keys: &[KeyEvent]) -> Vec<Option<Cmd>> {
    keys.iter().map(|k| state.on_key(*k, false, true)).collect()
}

const START: KeyEvent = KeyEvent(KeyCode::BracketedPasteStart, Modifiers::NONE);
const END: KeyEvent = KeyEvent(KeyCode::BracketedPasteEnd, Modifiers::NONE);
const ENTER: KeyEvent = KeyEvent(KeyCode::Enter, Modifiers::NONE);
const TAB: KeyEvent = KeyEvent(KeyCode::Tab, Modifiers::NONE);
const A: KeyEvent = KeyEvent(KeyCode::Char('a'), Modifiers::NONE);

#[test]
fn a_paste_is_typed_keys_with_tabs_as_text_and_crlf_as_one_line_end() {
    let s = KeyState::default();
    let lf = KeyEvent::ctrl('J');
    let got = keys(&s, &[START, A, TAB, ENTER, lf, A, lf, END]);
    assert_eq!(
        got,
        [
            Some(Cmd::Noop),
            None,
            Some(Cmd::Insert(1, "\t".to_string())),
            None,            // Enter accepts the line
            Some(Cmd::Noop), // its LF is not a second, empty line
            None,
            None, // a lone LF is a line end
            Some(Cmd::Noop),
        ]
    );
    // Out of a paste, Tab completes; a CR LF is still one line end,
    // and a lone LF is one.
    assert_eq!(
        keys(&s, &[TAB, ENTER, lf, lf]),
        [None, None, Some(Cmd::Noop), None]
    );
}

/// An Enter typed ahead while a statement ran reaches the editor as LF
/// (the terminal was not in raw mode then): on a tutorial's step
/// offered after an Enter it runs the step, and is not taken for the
/// LF of a CR LF (issue 16, round 2: a PTY test lost that Enter when
/// the machine was loaded, and the lesson stopped).
#[test]
fn a_line_end_typed_ahead_runs_an_offered_step() {
    let s = KeyState::default();
    let lf = KeyEvent::ctrl('J');
    assert_eq!(s.on_key(ENTER, false, false), None);
    assert_eq!(s.on_key(lf, false, false), None, "LF on the step: Enter");
    assert_eq!(s.on_key(ENTER, false, false), None);
    assert_eq!(
        s.on_key(lf, true, true),
        Some(Cmd::Noop),
        "CR LF on an empty line"
    );
}

/// The first key on a step offered: a character (typed ahead, or a
/// line of a paste sent as keys) replaces it, and the line is read
/// again from that character; a bracketed paste's start clears it;
/// Enter and the editing keys keep it (issue 16, round 2).
#[test]
fn a_character_first_on_the_offered_step_replaces_it() {
    let s = KeyState::default();
    s.offer("db.create_all()");
    assert!(!s.take_fresh("db.create_all()x"), "not the offered text");
    s.offer("db.create_all()");
    assert!(s.take_fresh("db.create_all()"));
    assert!(!s.take_fresh("db.create_all()"), "only the first key");
    let z = KeyEvent(KeyCode::Char('z'), Modifiers::NONE);
    assert_eq!(s.over_offered(z, None), Some(Cmd::AcceptLine));
    assert_eq!(s.take_ending(), Ending::Replaced);
    assert_eq!(s.take_started(), "z");
    assert_eq!(s.over_offered(ENTER, None), None);
    assert_eq!(s.over_offered(KeyEvent::ctrl('E'), None), None);
    assert_eq!(
        s.over_offered(START, Some(Cmd::Noop)),
        Some(Cmd::Kill(Movement::WholeBuffer))
    );
    s.offer("");
    assert!(!s.take_fresh(""), "nothing offered");
}

/// A terminal that makes each LF of a paste CR sends CR LF text as
/// CR CR: a pair is one line end, two pairs an empty line; a paste
/// whose first line end is a single CR keeps each CR a line end.
#[test]
fn a_paste_of_cr_cr_line_ends_takes_a_pair_for_one() {
    let s = KeyState::default();
    let noop = Some(Cmd::Noop);
    assert_eq!(
        keys(
            &s,
            &[
                START, A, ENTER, ENTER, A, ENTER, ENTER, ENTER, ENTER, A, ENTER
            ]
        ),
        [
            noop.clone(),
            None,
            None,
            noop.clone(),
            None,
            None,
            noop.clone(),
            None,
            noop.clone(),
            None,
            None
        ]
    );
    assert_eq!(s.on_key(ENTER, false, true), noop, "its second half");
    assert_eq!(s.on_key(END, false, true), noop);
    // LF text with an empty line later: each CR is a line end.
    assert_eq!(
        keys(&s, &[START, A, ENTER, A, ENTER, ENTER, A, END]),
        [noop.clone(), None, None, None, None, None, None, noop]
    );
}

#[test]
fn a_paste_ending_on_an_empty_line_accepts_it_only_when_asked() {
    let s = KeyState::default();
    assert_eq!(keys(&s, &[START, ENTER]), [Some(Cmd::Noop), None]);
    assert!(s.in_paste());
    s.accept_at_paste_end(true);
    assert_eq!(s.on_key(END, true, true), Some(Cmd::AcceptLine));
    assert!(!s.in_paste());
    assert_eq!(s.on_key(START, true, true), Some(Cmd::Noop));
    assert_eq!(s.on_key(END, false, true), Some(Cmd::Noop));
    s.accept_at_paste_end(false);
    assert_eq!(keys(&s, &[START, END]), [Some(Cmd::Noop), Some(Cmd::Noop)]);
}

/// A paste is drawn plain, a character at a time; its end on a line
/// with text redraws the line (in colour, with its hint).
#[test]
fn the_end_of_a_paste_on_a_line_with_text_repaints_it() {
    let s = KeyState::default();
    assert_eq!(s.on_key(START, true, true), Some(Cmd::Noop));
    assert!(s.in_paste());
    assert_eq!(s.on_key(A, false, false), None);
    assert_eq!(s.on_key(END, false, false), Some(Cmd::Repaint));
    assert!(!s.in_paste());
}

#[test]
fn ctrl_c_and_ctrl_d_accept_the_line_and_say_why() {
    let s = KeyState::default();
    assert_eq!(
        s.on_key(KeyEvent::ctrl('C'), false, false),
        Some(Cmd::AcceptLine)
    );
    assert_eq!(s.take_ending(), Ending::Interrupted);
    assert_eq!(s.take_ending(), Ending::Line);
    // Ctrl-D deletes a character on a line that has some.
    assert_eq!(s.on_key(KeyEvent::ctrl('D'), false, false), None);
    assert_eq!(s.take_ending(), Ending::Line);
    assert_eq!(
        s.on_key(KeyEvent::ctrl('D'), true, true),
        Some(Cmd::AcceptLine)
    );
    assert_eq!(s.take_ending(), Ending::Eof);
    // A Ctrl-C that did not end the line is forgotten at the next key.
    s.on_key(KeyEvent::ctrl('C'), false, false);
    assert_eq!(s.on_key(ENTER, false, false), None);
    assert_eq!(s.take_ending(), Ending::Line);
}

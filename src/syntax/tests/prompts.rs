//! Pasted `>>> `/`... ` sessions: what each line becomes.

use crate::syntax::prompts::{Pasted, Prompt, Prompts, strip_script};

/// A line as the table writes it: `code:TEXT`, `>>>:TEXT`, `...:TEXT`,
/// `bare`, `output`.
fn show(p: &Pasted) -> String {
    match p {
        Pasted::Code { text, prompt } => match prompt {
            Prompt::None => format!("code:{text}"),
            Prompt::Primary => format!(">>>:{text}"),
            Prompt::Continuation => format!("...:{text}"),
        },
        Pasted::BareContinuation => "bare".into(),
        Pasted::Output => "output".into(),
    }
}

#[test]
fn prompt_table() {
    // Each case: the lines of one paste, and what each becomes.
    let cases: &[(&[&str], &[&str])] = &[
        (&["x = 1"], &["code:x = 1"]),
        (&[">>> x = 1"], &[">>>:x = 1"]),
        (&[">>>"], &[">>>:"]),
        (&[">>>x"], &["code:>>>x"]),
        // `...` before any `>>> ` is Python's Ellipsis.
        (&["..."], &["code:..."]),
        (&["... x"], &["code:... x"]),
        (
            &[">>> for i in xs:", "...     i", "...", "0", "1", "", "y"],
            &[
                ">>>:for i in xs:",
                "...:    i",
                "bare",
                "output",
                "output",
                "code:",
                "code:y",
            ],
        ),
        // A line of prompt and spaces keeps its spaces.
        (
            &[">>> if x:", "...     ", "...     y"],
            &[">>>:if x:", "...:    ", "...:    y"],
        ),
        // Output ends at the next `>>> ` line.
        (
            &[">>> x", "1", ">>> y", "2"],
            &[">>>:x", "output", ">>>:y", "output"],
        ),
        // In output, a `... ` line is output too (doctest's ELLIPSIS).
        (&[">>> x", "[1,", "... 2]"], &[">>>:x", "output", "output"]),
        // A line of spaces ends the output, as an empty one does.
        (
            &[">>> x", "1", "   ", "y"],
            &[">>>:x", "output", "code:   ", "code:y"],
        ),
        // Indented `>>>` is not a prompt (IPython's classic_prompt).
        (&["  >>> x"], &["code:  >>> x"]),
    ];
    let mut bad = Vec::new();
    for (lines, want) in cases {
        let mut p = Prompts::default();
        let got: Vec<String> = lines.iter().map(|l| show(&p.line(l))).collect();
        if got != *want {
            bad.push(format!("{lines:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn scripts_keep_their_line_numbers() {
    let src = ">>> for i in range(2):\n...     i\n...\n0\n1\n>>> x = 1\n";
    assert_eq!(
        strip_script(src),
        "for i in range(2):\n    i\n\n\n\nx = 1\n"
    );
    assert_eq!(strip_script("x = ...\n"), "x = ...\n");
}

//! Syntax highlighting for the prompt: keywords, model names, strings,
//! numbers and comments coloured, and the bracket matching the one at the
//! cursor shown bold — a pure function over the line.

const KEYWORDS: &[&str] = &[
    "for", "in", "if", "else", "and", "or", "not", "is", "None", "True", "False", "def", "return",
    "lambda",
];

/// Is the `model` at chars `i..j` of the line the soft keyword: at the
/// start of a statement, a model's name after it (elsewhere it is a name,
/// `model = User`, `f(model)`, `x.model`)?
fn is_model_keyword(chars: &[char], i: usize, j: usize) -> bool {
    let before: String = chars[..i].iter().collect();
    let before = before.trim_end();
    let at_start = before.is_empty() || before.ends_with(';');
    let after: String = chars[j..].iter().collect();
    at_start && crate::syntax::lexer::opens_model_block(&after)
}

const KEYWORD: &str = "\x1b[1;35m";
const MODEL: &str = "\x1b[1;36m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[33m";
const COMMENT: &str = "\x1b[2m";
const BRACKET: &str = "\x1b[1;4m";
const DOT_COMMAND: &str = "\x1b[1;34m";
const RESET: &str = "\x1b[0m";

/// The index of the bracket matching the one at or just before `pos`.
fn matching_bracket(chars: &[char], pos: usize) -> Option<(usize, usize)> {
    let at = [pos, pos.wrapping_sub(1)]
        .into_iter()
        .find(|&i| i < chars.len() && "()[]{}".contains(chars[i]))?;
    let c = chars[at];
    let (open, close, forward) = match c {
        '(' => ('(', ')', true),
        '[' => ('[', ']', true),
        '{' => ('{', '}', true),
        ')' => ('(', ')', false),
        ']' => ('[', ']', false),
        _ => ('{', '}', false),
    };
    let mut depth = 0i32;
    if forward {
        for (i, &x) in chars.iter().enumerate().skip(at) {
            if x == open {
                depth += 1;
            } else if x == close {
                depth -= 1;
                if depth == 0 {
                    return Some((at, i));
                }
            }
        }
    } else {
        for i in (0..=at).rev() {
            let x = chars[i];
            if x == close {
                depth += 1;
            } else if x == open {
                depth -= 1;
                if depth == 0 {
                    return Some((i, at));
                }
            }
        }
    }
    None
}

/// The line with ANSI colours; `pos` is the cursor (a char index).
pub fn highlight(line: &str, pos: usize, models: &[String]) -> String {
    let chars: Vec<char> = line.chars().collect();
    let cursor = line[..pos.min(line.len())].chars().count();
    if line.trim_start().starts_with('.') {
        let lead = line.len() - line.trim_start().len();
        let end = line[lead..].find(' ').map_or(line.len(), |i| lead + i);
        return format!(
            "{}{DOT_COMMAND}{}{RESET}{}",
            &line[..lead],
            &line[lead..end],
            &line[end..]
        );
    }
    let brackets = matching_bracket(&chars, cursor);
    let mut out = String::with_capacity(line.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            out.push_str(COMMENT);
            out.extend(&chars[i..]);
            out.push_str(RESET);
            break;
        }
        if c == '\'' || c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != c {
                if chars[j] == '\\' {
                    j += 1;
                }
                j += 1;
            }
            let end = (j + 1).min(chars.len());
            out.push_str(STRING);
            out.extend(&chars[i..end]);
            out.push_str(RESET);
            i = end;
            continue;
        }
        if c.is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
        {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_alphanumeric() || chars[j] == '.' || chars[j] == '_')
            {
                j += 1;
            }
            out.push_str(NUMBER);
            out.extend(&chars[i..j]);
            out.push_str(RESET);
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            // A string prefix such as f'…' belongs to the string.
            if j < chars.len()
                && (chars[j] == '\'' || chars[j] == '"')
                && ["f", "r", "b", "rf", "fr", "F", "R", "B"].contains(&word.as_str())
            {
                out.push_str(STRING);
                out.push_str(&word);
                out.push_str(RESET);
                i = j;
                continue;
            }
            let after_dot = i > 0 && chars[i - 1] == '.';
            let keyword = KEYWORDS.contains(&word.as_str())
                || (word == "model" && is_model_keyword(&chars, i, j));
            if !after_dot && keyword {
                out.push_str(KEYWORD);
                out.push_str(&word);
                out.push_str(RESET);
            } else if !after_dot && models.contains(&word) {
                out.push_str(MODEL);
                out.push_str(&word);
                out.push_str(RESET);
            } else {
                out.push_str(&word);
            }
            i = j;
            continue;
        }
        if brackets.is_some_and(|(a, b)| i == a || i == b) {
            out.push_str(BRACKET);
            out.push(c);
            out.push_str(RESET);
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        let mut out = String::new();
        let mut in_esc = false;
        for c in s.chars() {
            match (in_esc, c) {
                (false, '\x1b') => in_esc = true,
                (true, 'm') => in_esc = false,
                (true, _) => {}
                (false, c) => out.push(c),
            }
        }
        out
    }

    #[test]
    fn colours_without_changing_the_text() {
        let models = vec!["User".to_string()];
        for line in [
            "User.query.filter_by(name='a b') # x",
            "f'{x!r}' + \"q\\\"\"",
            "for i in range(10): print(i)",
            ".schema User",
            "(1, [2, {3: 4}])",
            "'unterminated",
        ] {
            let out = highlight(line, 0, &models);
            assert_eq!(plain(&out), line);
        }
        let out = highlight("User.query", 0, &models);
        assert!(out.starts_with(MODEL));
        let out = highlight("x = (1 + 2)", 11, &models);
        assert_eq!(out.matches(BRACKET).count(), 2, "{out:?}");
    }

    /// `model` is a keyword only where it opens a model block: at the
    /// start of a statement, a name after it.
    #[test]
    fn model_is_a_soft_keyword() {
        let kw = format!("{KEYWORD}model{RESET}");
        for line in [
            "model User <",
            "  model Post < id = 1 >",
            "x = 1; model T <",
        ] {
            assert!(highlight(line, 0, &[]).contains(&kw), "{line}");
        }
        for line in [
            "model = User",
            "print(model)",
            "for model in models: model",
            "x.model",
            "model.query",
            "y = model if model else None",
            "model in xs",
        ] {
            let out = highlight(line, 0, &[]);
            assert!(!out.contains(&kw), "{line}: {out:?}");
            assert_eq!(plain(&out), line);
        }
    }
}

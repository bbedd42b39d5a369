//! Python's `str` methods with CPython 3.11 semantics and error wording, as
//! one table (`STR`): case changes and the `is*` predicates (`case`),
//! splitting and joining (`split`), searching and replacing (`search`),
//! stripping and padding (`layout`), `encode` (`encode`), `maketrans` and
//! `translate` (`translate`) and `format`
//! (`value::brace_format`). Indices are in characters (code points), as in
//! Python.

mod case;
mod encode;
mod layout;
mod search;
mod split;
pub(crate) mod translate;

use crate::error::Result;
use crate::value::args::{Arity, Call};
use crate::value::methods::{Method, Methods, NO_ARGS, Params, one};
use crate::value::repr::Host;
use crate::value::{PyStr, Value, format};

use Arity::{Expected, Takes};
use Params::Fixed;

/// `sub[, start[, end]]`, positional only (`find` and its kin).
const SUB_RANGE: Params = Fixed(&["sub", "start", "end"], Takes(1, 3), &[]);
/// `width[, fillchar]`, positional only (`center`, `ljust`, `rjust`).
const WIDTH_FILL: Params = Fixed(&["width", "fillchar"], Expected(1, 2), &[]);
/// `sep=None, maxsplit=-1` (`split`, `rsplit`).
const SEP_MAX: Params = Fixed(&["sep", "maxsplit"], Takes(0, 2), &["sep", "maxsplit"]);
/// `[chars]`, positional only (`strip` and its kin).
const CHARS: Params = Fixed(&["chars"], Expected(0, 1), &[]);

/// `str.format(*args, **kwargs)`
fn format(s: &PyStr, c: &Call, _: &[Option<Value>], host: &mut dyn Host) -> Result<Value> {
    Ok(Value::str(&format::str_format(s, c.args, c.kwargs, host)?))
}

/// Every method of `str`.
pub static STR: Methods<PyStr> = Methods {
    type_name: "str",
    methods: &[
        Method::new(
            "capitalize",
            NO_ARGS,
            case::capitalize,
            "Return a capitalized version of the string.",
        ),
        Method::new(
            "casefold",
            NO_ARGS,
            case::casefold,
            "Return a version of the string suitable for caseless comparisons.",
        ),
        Method::new(
            "center",
            WIDTH_FILL,
            layout::justify,
            "Return a centered string of length width.",
        ),
        Method::new(
            "count",
            SUB_RANGE,
            search::find,
            "Return the number of non-overlapping occurrences of substring sub in string S[start:end].",
        ),
        Method::new(
            "encode",
            Fixed(
                &["encoding", "errors"],
                Takes(0, 2),
                &["encoding", "errors"],
            ),
            encode::encode,
            "Encode the string using the codec registered for encoding.",
        ),
        Method::new(
            "endswith",
            Fixed(&["suffix", "start", "end"], Takes(1, 3), &[]),
            search::startswith,
            "Return True if S ends with the specified suffix, False otherwise.",
        ),
        Method::new(
            "expandtabs",
            Fixed(&["tabsize"], Takes(0, 1), &["tabsize"]),
            layout::expandtabs,
            "Return a copy where all tab characters are expanded using spaces.",
        ),
        Method::new(
            "find",
            SUB_RANGE,
            search::find,
            "Return the lowest index in S where substring sub is found, or -1.",
        ),
        Method::new(
            "format",
            Params::Own,
            format,
            "Return a formatted version of S, using substitutions from args and kwargs.",
        ),
        Method::new(
            "index",
            SUB_RANGE,
            search::find,
            "Return the lowest index in S where substring sub is found; ValueError when it is not.",
        ),
        Method::new(
            "isalnum",
            NO_ARGS,
            case::isalnum,
            "Return True if the string is an alpha-numeric string, False otherwise.",
        ),
        Method::new(
            "isalpha",
            NO_ARGS,
            case::isalpha,
            "Return True if the string is an alphabetic string, False otherwise.",
        ),
        Method::new(
            "isascii",
            NO_ARGS,
            case::isascii,
            "Return True if all characters in the string are ASCII, False otherwise.",
        ),
        Method::new(
            "isdecimal",
            NO_ARGS,
            case::isdecimal,
            "Return True if the string is a decimal string, False otherwise.",
        ),
        Method::new(
            "isdigit",
            NO_ARGS,
            case::isdigit,
            "Return True if the string is a digit string, False otherwise.",
        ),
        Method::new(
            "isidentifier",
            NO_ARGS,
            case::isidentifier,
            "Return True if the string is a valid Python identifier, False otherwise.",
        ),
        Method::new(
            "islower",
            NO_ARGS,
            case::islower,
            "Return True if the string is a lowercase string, False otherwise.",
        ),
        Method::new(
            "isnumeric",
            NO_ARGS,
            case::isnumeric,
            "Return True if the string is a numeric string, False otherwise.",
        ),
        Method::new(
            "isspace",
            NO_ARGS,
            case::isspace,
            "Return True if the string is a whitespace string, False otherwise.",
        ),
        Method::new(
            "istitle",
            NO_ARGS,
            case::istitle,
            "Return True if the string is a title-cased string, False otherwise.",
        ),
        Method::new(
            "isupper",
            NO_ARGS,
            case::isupper,
            "Return True if the string is an uppercase string, False otherwise.",
        ),
        Method::new(
            "join",
            one(&["iterable"]),
            split::join,
            "Concatenate any number of strings.",
        ),
        Method::new(
            "ljust",
            WIDTH_FILL,
            layout::justify,
            "Return a left-justified string of length width.",
        ),
        Method::new(
            "lower",
            NO_ARGS,
            case::lower,
            "Return a copy of the string converted to lowercase.",
        ),
        Method::new(
            "lstrip",
            CHARS,
            layout::strip,
            "Return a copy of the string with leading whitespace removed.",
        ),
        Method::new(
            "maketrans",
            Fixed(&["x", "y", "z"], Expected(1, 3), &[]),
            translate::maketrans,
            "Return a translation table usable for str.translate().",
        ),
        Method::new(
            "partition",
            one(&["sep"]),
            split::partition,
            "Partition the string into three parts using the given separator.",
        ),
        Method::new(
            "removeprefix",
            one(&["prefix"]),
            search::removeprefix,
            "Return a str with the given prefix string removed if present.",
        ),
        Method::new(
            "removesuffix",
            one(&["suffix"]),
            search::removeprefix,
            "Return a str with the given suffix string removed if present.",
        ),
        Method::new(
            "replace",
            Fixed(&["old", "new", "count"], Expected(2, 3), &[]),
            search::replace,
            "Return a copy with all occurrences of substring old replaced by new.",
        ),
        Method::new(
            "rfind",
            SUB_RANGE,
            search::find,
            "Return the highest index in S where substring sub is found, or -1.",
        ),
        Method::new(
            "rindex",
            SUB_RANGE,
            search::find,
            "Return the highest index in S where substring sub is found; ValueError when it is not.",
        ),
        Method::new(
            "rjust",
            WIDTH_FILL,
            layout::justify,
            "Return a right-justified string of length width.",
        ),
        Method::new(
            "rpartition",
            one(&["sep"]),
            split::partition,
            "Partition the string into three parts using the given separator, from the right.",
        ),
        Method::new(
            "rsplit",
            SEP_MAX,
            split::split,
            "Return a list of the substrings in the string, using sep as the separator string, from the right.",
        ),
        Method::new(
            "rstrip",
            CHARS,
            layout::strip,
            "Return a copy of the string with trailing whitespace removed.",
        ),
        Method::new(
            "split",
            SEP_MAX,
            split::split,
            "Return a list of the substrings in the string, using sep as the separator string.",
        ),
        Method::new(
            "splitlines",
            Fixed(&["keepends"], Takes(0, 1), &["keepends"]),
            split::splitlines,
            "Return a list of the lines in the string, breaking at line boundaries.",
        ),
        Method::new(
            "startswith",
            Fixed(&["prefix", "start", "end"], Takes(1, 3), &[]),
            search::startswith,
            "Return True if S starts with the specified prefix, False otherwise.",
        ),
        Method::new(
            "strip",
            CHARS,
            layout::strip,
            "Return a copy of the string with leading and trailing whitespace removed.",
        ),
        Method::new(
            "swapcase",
            NO_ARGS,
            case::swapcase,
            "Convert uppercase characters to lowercase and lowercase characters to uppercase.",
        ),
        Method::new(
            "title",
            NO_ARGS,
            case::title,
            "Return a version of the string where each word is titlecased.",
        ),
        Method::new(
            "translate",
            one(&["table"]),
            translate::translate,
            "Replace each character in the string using the given translation table.",
        ),
        Method::new(
            "upper",
            NO_ARGS,
            case::upper,
            "Return a copy of the string converted to uppercase.",
        ),
        Method::new(
            "zfill",
            one(&["width"]),
            layout::zfill,
            "Pad a numeric string with zeros on the left, to fill a field of the given width.",
        ),
    ],
};

#[cfg(test)]
mod tests;

//! Names for reflected models: singular CamelCase class names from table
//! names (`customers` → `Customer`, `order_items` → `OrderItem`,
//! `"Order Details"` → `OrderDetail`, `people` → `Person`), plural snake-case
//! collection names (`OrderItem` → `order_items`), and attribute names that
//! are valid identifiers (`Unit Price` → `unit_price`, `class` → `class_`).
//!
//! The English rules are deliberately small and predictable (README,
//! "Reflection"): a short list of irregular and uncountable words, then
//! `-ies ↔ -y`, `-sses/-xes/-ches/-shes/-zes ↔ -ss/-x/-ch/-sh/-z`,
//! `-uses ↔ -us`, and a final `-s`. Only the last word of a name changes.

use crate::schema::naming::table_name;

const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
    ("child", "children"),
    ("mouse", "mice"),
    ("goose", "geese"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("ox", "oxen"),
    ("leaf", "leaves"),
    ("life", "lives"),
    ("knife", "knives"),
    ("wife", "wives"),
    ("half", "halves"),
    ("index", "indices"),
    ("matrix", "matrices"),
    ("vertex", "vertices"),
    ("criterion", "criteria"),
    ("analysis", "analyses"),
    ("thesis", "theses"),
    ("crisis", "crises"),
    // `-o` words whose plural is `-oes` (most take `-s`: `photos`,
    // `videos`, `memos`), `-f` words whose plural is `-ves` (most take
    // `-s`: `roofs`, `chefs`, `golfs`), and other words the suffix rules
    // below would cut wrong (`quizzes` → `quizz`, `menus` kept whole as
    // `-us`, `axes` → `ax`).
    ("hero", "heroes"),
    ("potato", "potatoes"),
    ("tomato", "tomatoes"),
    ("echo", "echoes"),
    ("veto", "vetoes"),
    ("torpedo", "torpedoes"),
    ("volcano", "volcanoes"),
    ("tornado", "tornadoes"),
    ("mosquito", "mosquitoes"),
    ("domino", "dominoes"),
    ("embargo", "embargoes"),
    ("cargo", "cargoes"),
    ("wolf", "wolves"),
    ("shelf", "shelves"),
    ("self", "selves"),
    ("calf", "calves"),
    ("elf", "elves"),
    ("thief", "thieves"),
    ("loaf", "loaves"),
    ("scarf", "scarves"),
    ("quiz", "quizzes"),
    ("menu", "menus"),
    ("guru", "gurus"),
    ("emu", "emus"),
    ("axis", "axes"),
    // Singulars ending in `s` whose `-ses` plural the rules below would
    // read as `-se`, and singulars ending in `-as`/`-os` (the final-`s`
    // rule would make `alias` → `alia`).
    ("alias", "aliases"),
    ("atlas", "atlases"),
    ("bias", "biases"),
    ("canvas", "canvases"),
    ("gas", "gases"),
    ("lens", "lenses"),
    ("chaos", "chaoses"),
    ("cosmos", "cosmoses"),
    // Singulars ending in `-ie`, whose `-ies` plural is not `-y`.
    ("movie", "movies"),
    ("cookie", "cookies"),
    ("calorie", "calories"),
    ("zombie", "zombies"),
    ("rookie", "rookies"),
    ("hippie", "hippies"),
    ("pixie", "pixies"),
    ("goalie", "goalies"),
    ("brownie", "brownies"),
    ("selfie", "selfies"),
    ("genie", "genies"),
    ("newbie", "newbies"),
    ("freebie", "freebies"),
    ("prairie", "prairies"),
    ("sortie", "sorties"),
    ("auntie", "aunties"),
];

/// Words with one form for singular and plural.
const UNCOUNTABLE: &[&str] = &[
    "data",
    "media",
    "news",
    "series",
    "species",
    "information",
    "equipment",
    "staff",
    "sheep",
    "fish",
    "metadata",
    "kudos",
    "ethos",
    "pathos",
];

/// Python's keywords: not usable as attribute names (ormsh's `model` is a
/// soft keyword, a name everywhere but before a model's name).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Attribute names a model class already uses (SQLAlchemy's declarative
/// base and Flask-SQLAlchemy's `query`).
const RESERVED_ATTRS: &[&str] = &["query", "query_class", "metadata", "registry", "self"];

fn keep_case(word: &str, like: &str) -> String {
    if like.chars().next().is_some_and(|c| c.is_uppercase()) {
        capitalize(word)
    } else {
        word.to_string()
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The singular of one English word (lower or capitalised).
pub fn singular_word(word: &str) -> String {
    let lower = word.to_lowercase();
    if UNCOUNTABLE.contains(&lower.as_str()) {
        return word.to_string();
    }
    if let Some((s, _)) = IRREGULAR.iter().find(|(_, p)| *p == lower) {
        return keep_case(s, word);
    }
    if IRREGULAR.iter().any(|(s, _)| *s == lower) {
        return word.to_string();
    }
    // ASCII case folding keeps every byte where it is, so the suffixes
    // (all ASCII) are cut at character boundaries in any script
    // (`cafés` → `café`).
    let lower = word.to_ascii_lowercase();
    let n = word.len();
    let strip = |k: usize, add: &str| format!("{}{add}", &word[..n - k]);
    let es = ["sses", "xes", "ches", "shes", "zzes"]
        .iter()
        .any(|e| lower.ends_with(e))
        || (lower.ends_with("uses")
            && n > 4
            && !lower[..n - 4].ends_with(|c: char| "aeiou".contains(c)));
    if lower.ends_with("ies") && n > 4 {
        strip(3, "y")
    } else if es {
        strip(2, "")
    } else if lower.ends_with("ss") || lower.ends_with("us") || lower.ends_with("is") {
        word.to_string()
    } else if lower.ends_with('s') && n > 1 && has_vowel(&lower[..n - 1]) {
        // Not `crs`, `fts`, `sys`: a stem without a vowel is no plural.
        strip(1, "")
    } else {
        word.to_string()
    }
}

/// Whether a stem has a vowel (`a e i o u`, accented ones too, as in
/// `cafés`): `crs`, `fts`, `sys` are no plurals.
fn has_vowel(stem: &str) -> bool {
    stem.chars().any(|c| {
        let base = c.to_lowercase().next().unwrap_or(c);
        "aeiouàáâãäåæèéêëìíîïòóôõöøùúûüœ".contains(base)
    })
}

/// The plural of one English word (lower case).
pub fn plural_word(word: &str) -> String {
    let lower = word.to_lowercase();
    if UNCOUNTABLE.contains(&lower.as_str()) {
        return word.to_string();
    }
    if let Some((_, p)) = IRREGULAR.iter().find(|(s, _)| *s == lower) {
        return keep_case(p, word);
    }
    let lower = word.to_ascii_lowercase();
    let vowel = |c: char| "aeiou".contains(c);
    let before_last = lower.chars().rev().nth(1);
    if lower.ends_with('y') && before_last.is_some_and(|c| !vowel(c)) {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// Split a name into words at `_`, spaces, punctuation and CamelCase
/// boundaries (`OrderDetails` → Order, Details; `order_items` → order, items).
pub fn words(name: &str) -> Vec<String> {
    let snake = table_name(&name.replace(|c: char| !c.is_alphanumeric(), "_"));
    snake
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The class name of a reflected table: its words, the last one singular,
/// each capitalised (`order_items` → `OrderItem`, `people` → `Person`).
/// A name starting with a digit gets a `T` in front.
pub fn class_name(table: &str) -> String {
    let mut ws = words(table);
    if let Some(last) = ws.last_mut() {
        *last = singular_word(last);
    }
    let mut name: String = ws.iter().map(|w| capitalize(w)).collect();
    if name.is_empty() {
        name = "Table".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    name
}

/// The plural snake-case name of a model's collection (`OrderItem` →
/// `order_items`, `Person` → `people`).
pub fn plural_snake(class: &str) -> String {
    let mut ws = words(class);
    if let Some(last) = ws.last_mut() {
        *last = plural_word(last);
    }
    ws.join("_")
}

/// The snake-case name of a model (`OrderItem` → `order_item`).
pub fn snake(class: &str) -> String {
    words(class).join("_")
}

/// Is `name` a plain identifier ormsh accepts as an attribute?
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

/// An attribute name for a column: the name itself when it is a usable
/// identifier, else its words in snake case; keywords and names the model
/// class reserves (`query`, `metadata`) get a trailing `_`.
pub fn attr_name(column: &str) -> String {
    let mut name = if is_identifier(column) || KEYWORDS.contains(&column) {
        column.to_string()
    } else {
        let w = words(column).join("_");
        if w.is_empty() { "col".to_string() } else { w }
    };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) || RESERVED_ATTRS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `base`, or `base_2`, `base_3`, … : the first that `taken` refuses.
pub fn unique_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}_{i}"))
        .find(|n| !taken(n))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names() {
        for (table, class) in [
            ("customers", "Customer"),
            ("order_items", "OrderItem"),
            ("order", "Order"),
            ("people", "Person"),
            ("Order Details", "OrderDetail"),
            ("categories", "Category"),
            ("addresses", "Address"),
            ("boxes", "Box"),
            ("statuses", "Status"),
            ("status", "Status"),
            ("houses", "House"),
            ("media_types", "MediaType"),
            ("playlist_track", "PlaylistTrack"),
            ("PlaylistTrack", "PlaylistTrack"),
            ("Employees", "Employee"),
            ("news", "News"),
            ("user", "User"),
            ("2fa_codes", "T2faCode"),
            ("class", "Class"),
            ("日本", "日本"),
            ("café_orders", "CaféOrder"),
            ("crs", "Crs"),
            ("spatial_ref_sys", "SpatialRefSys"),
            ("searchable_fts", "SearchableFts"),
            ("days", "Day"),
            ("alias", "Alias"),
            ("aliases", "Alias"),
            ("address", "Address"),
            ("series", "Series"),
            ("movies", "Movie"),
            ("cookies", "Cookie"),
            ("categories", "Category"),
            ("buses", "Bus"),
            ("bases", "Base"),
            ("gases", "Gas"),
            ("lens", "Lens"),
            ("atlas", "Atlas"),
            ("areas", "Area"),
            ("cafés", "Café"),
            ("naïve_things", "NaïveThing"),
            ("niños", "Niño"),
            ("straßes", "Straße"),
            ("Ärzte", "Ärzte"),
            ("日本s", "日本s"),
            ("heroes", "Hero"),
            ("potatoes", "Potato"),
            ("echoes", "Echo"),
            ("shoes", "Shoe"),
            ("photos", "Photo"),
            ("wolves", "Wolf"),
            ("shelves", "Shelf"),
            ("valves", "Valve"),
            ("quizzes", "Quiz"),
            ("menus", "Menu"),
            ("campus", "Campus"),
            ("axes", "Axis"),
            ("taxes", "Tax"),
        ] {
            assert_eq!(class_name(table), class, "{table}");
        }
    }

    #[test]
    fn plurals() {
        for (class, plural) in [
            ("Order", "orders"),
            ("OrderItem", "order_items"),
            ("Category", "categories"),
            ("Person", "people"),
            ("Box", "boxes"),
            ("Address", "addresses"),
            ("Day", "days"),
            ("Hero", "heroes"),
            ("Photo", "photos"),
            ("Wolf", "wolves"),
            ("Roof", "roofs"),
            ("Quiz", "quizzes"),
            ("Menu", "menus"),
            ("Tag", "tags"),
            ("Status", "statuses"),
            ("House", "houses"),
            ("OrderDetail", "order_details"),
            ("Alias", "aliases"),
            ("Movie", "movies"),
            ("Café", "cafés"),
            ("Niño", "niños"),
            ("Series", "series"),
        ] {
            assert_eq!(plural_snake(class), plural, "{class}");
        }
    }

    #[test]
    fn attrs() {
        assert_eq!(attr_name("Unit Price"), "unit_price");
        assert_eq!(attr_name("class"), "class_");
        assert_eq!(attr_name("query"), "query_");
        assert_eq!(attr_name("ArtistId"), "ArtistId");
        assert_eq!(attr_name("2nd"), "_2nd");
        assert_eq!(attr_name("model"), "model");
        assert_eq!(attr_name("prix €"), "prix");
        assert_eq!(attr_name("€"), "col");
        assert_eq!(unique_name("a", |n| n == "a" || n == "a_2"), "a_3");
    }
}

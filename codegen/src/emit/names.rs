//! Rust names for wire names.
//!
//! The rules, applied the same way everywhere so a name never depends on iteration order:
//!
//! * **Words.** A wire name splits into words at every character that is not a letter or
//!   digit, between a lower-case letter or digit and an upper-case letter (`backupArn`,
//!   `S3Bucket`), and before the last capital of a run of capitals followed by a lower-case
//!   letter (`SSESpecification` → `SSE`, `Specification`).
//! * **Types and variants** are PascalCase: each word capitalised, the rest lower-cased
//!   (`KMSMasterKeyArn` → `KmsMasterKeyArn`, `PAY_PER_REQUEST` → `PayPerRequest`). Two
//!   digits that were in different words keep an `_` between them (`1.0` → `V1_0`).
//! * **Fields and methods** are snake_case (`SSESpecification` → `sse_specification`).
//! * **Leading digits**: a PascalCase name gets a `V` prefix (`1.0` → `V1_0`), a snake_case
//!   name an `n` prefix. An empty name becomes `Empty`/`empty`.
//! * **Keywords.** A snake_case name that is a Rust keyword (strict, reserved or edition
//!   2024: `type`, `match`, `self`, `gen`, …) gets a trailing `_`: `type_`. Raw identifiers
//!   (`r#type`) are not used because `self`, `super` and `crate` cannot be raw.
//! * **Variants** named `Self` or `Unknown` (every generated enum's catch-all) and
//!   **methods** named like a std trait method (`new`, `clone`, `next`, …) get a suffix:
//!   `SelfValue`, `UnknownValue`, `new_`.
//! * **Type names** that would shadow a prelude or imported name used in the generated
//!   code (`Result`, `Option`, `String`, `Vec`, `Box`, `Self`, `DateTime`, `Blob`, …, see
//!   [`RESERVED_TYPES`]) get a `Shape` suffix: `Result` → `ResultShape`.
//! * **Collisions** left after conversion (`DBName` and `DbName`, or a name and a reserved
//!   one) are resolved by [`Namer`]: the first name in the model's order keeps its name, the
//!   next ones get `2`, `3`, … (`_2` in snake_case).

use std::collections::BTreeSet;

/// Every keyword of the 2015–2024 editions, strict and reserved, plus `union` and the
/// primitive names a field may not shadow in generated `impl` blocks.
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct",
    "super", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where",
    "while", "yield",
];

/// Type names the generated modules use unqualified, or that would confuse a reader if a
/// shape took them.
pub const RESERVED_TYPES: &[&str] = &[
    "AsMut", "AsRef", "Blob", "Box", "BTreeMap", "Clone", "Copy", "DateTime", "Debug", "Default",
    "Deserialize", "Drop", "Eq", "Err", "Extend", "Fn", "FnMut", "FnOnce", "From", "FromJson", "Hash", "Hasher",
    "Into", "IntoIterator", "Iterator", "JsonError", "None", "Ok", "Option", "Ord", "Ordering", "PartialEq",
    "PartialOrd", "Result", "Self", "Send", "Serialize", "Sized", "Some", "String", "Sync", "ToJson",
    "ToOwned", "ToString", "Unpin", "Value", "Vec",
];

/// Splits a wire name into words (see the module docs).
pub fn words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for run in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|run| !run.is_empty()) {
        let chars: Vec<(usize, char)> = run.char_indices().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let (at, c) = chars[i];
            let prev = chars[i - 1].1;
            let next = chars.get(i + 1).map(|&(_, c)| c);
            let boundary = c.is_ascii_uppercase()
                && (prev.is_ascii_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase())));
            if boundary {
                words.push(&run[start..at]);
                start = at;
            }
        }
        words.push(&run[start..]);
    }
    words
}

/// PascalCase without keyword or collision handling; may start with a digit.
fn pascal_words(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        if out.ends_with(|c: char| c.is_ascii_digit()) && word.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// A PascalCase identifier for a type or variant.
pub fn pascal_case(name: &str) -> String {
    let out = pascal_words(name);
    if out.is_empty() {
        "Empty".to_owned()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{out}")
    } else {
        out
    }
}

/// A snake_case identifier for a field or method, keyword-safe.
pub fn snake_case(name: &str) -> String {
    let mut out = words(name).iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_");
    if out.is_empty() {
        out = "empty".to_owned();
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'n');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// SCREAMING_SNAKE_CASE for constants.
pub fn screaming_snake_case(name: &str) -> String {
    snake_case(name).trim_end_matches('_').to_ascii_uppercase()
}

/// A type name for a shape: PascalCase, with a `Shape` suffix on reserved names.
pub fn type_name(shape: &str) -> String {
    let name = pascal_case(shape);
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Shape")
    } else {
        name
    }
}

/// A variant name for an enum value or union member: PascalCase; `Self` (a keyword) and
/// `Unknown` (the catch-all variant every generated enum has) get a `Value` suffix.
pub fn variant_name(name: &str) -> String {
    let name = pascal_case(name);
    if name == "Self" || name == "Unknown" {
        format!("{name}Value")
    } else {
        name
    }
}

/// Method names a `Client` must not take because a std trait or the client itself uses
/// them; they get a trailing `_` like keywords.
pub const RESERVED_METHODS: &[&str] =
    &["clone", "default", "eq", "fmt", "from_str", "hash", "into_iter", "new", "next", "to_string"];

/// A method name for an operation, paginator or waiter.
pub fn method_name(name: &str) -> String {
    let mut name = snake_case(name);
    if RESERVED_METHODS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// The field names of a structure's members, in member order.
pub fn field_names<'a>(members: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut fields = Namer::snake();
    members.into_iter().map(|member| fields.claim(snake_case(member))).collect()
}

/// Hands out unique names within one scope (a struct's fields, an enum's variants, a
/// module's types), in the order asked.
#[derive(Debug, Default)]
pub struct Namer {
    taken: BTreeSet<String>,
    snake: bool,
}

impl Namer {
    /// A scope of PascalCase names.
    pub fn pascal() -> Self {
        Namer { taken: BTreeSet::new(), snake: false }
    }

    /// A scope of snake_case names.
    pub fn snake() -> Self {
        Namer { taken: BTreeSet::new(), snake: true }
    }

    /// Marks names as used without handing them out (methods the scope already has).
    pub fn reserve(&mut self, names: &[&str]) -> &mut Self {
        self.taken.extend(names.iter().map(|n| n.to_string()));
        self
    }

    /// Every name taken so far, reserved ones included, sorted.
    pub fn claimed(&self) -> impl Iterator<Item = &str> {
        self.taken.iter().map(String::as_str)
    }

    /// `candidate` if free, else the first free `candidate2`, `candidate3`, … (`_2` in
    /// snake_case).
    pub fn claim(&mut self, candidate: String) -> String {
        let mut name = candidate.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            let base = candidate.trim_end_matches('_');
            name = if self.snake { format!("{base}_{n}") } else { format!("{base}{n}") };
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_camel_acronyms_digits_and_separators() {
        assert_eq!(words("SSESpecification"), ["SSE", "Specification"]);
        assert_eq!(words("backupArn"), ["backup", "Arn"]);
        assert_eq!(words("S3Bucket"), ["S3", "Bucket"]);
        assert_eq!(words("PAY_PER_REQUEST"), ["PAY", "PER", "REQUEST"]);
        assert_eq!(words("Linux/UNIX (Amazon VPC)"), ["Linux", "UNIX", "Amazon", "VPC"]);
        assert_eq!(words("t2.micro"), ["t2", "micro"]);
        assert_eq!(words("--"), Vec::<&str>::new());
    }

    #[test]
    fn pascal_case_normalizes_acronyms_and_guards_digits() {
        assert_eq!(pascal_case("KMSMasterKeyArn"), "KmsMasterKeyArn");
        assert_eq!(pascal_case("CREATING"), "Creating");
        assert_eq!(pascal_case("Linux/UNIX (Amazon VPC)"), "LinuxUnixAmazonVpc");
        assert_eq!(pascal_case("t2.micro"), "T2Micro");
        assert_eq!(pascal_case("1.0"), "V1_0");
        assert_eq!(pascal_case("10"), "V10");
        assert_eq!(pascal_case(""), "Empty");
        assert_eq!(pascal_case("AttributeValue"), "AttributeValue");
    }

    #[test]
    fn snake_case_escapes_keywords_with_a_trailing_underscore() {
        assert_eq!(snake_case("SSESpecification"), "sse_specification");
        assert_eq!(snake_case("nextToken"), "next_token");
        assert_eq!(snake_case("type"), "type_");
        assert_eq!(snake_case("Type"), "type_");
        assert_eq!(snake_case("self"), "self_");
        assert_eq!(snake_case("Match"), "match_");
        assert_eq!(snake_case("gen"), "gen_");
        assert_eq!(snake_case("in"), "in_");
        assert_eq!(snake_case("NULL"), "null");
        assert_eq!(snake_case("1st"), "n1st");
        assert_eq!(screaming_snake_case("TableExists"), "TABLE_EXISTS");
        assert_eq!(screaming_snake_case("Type"), "TYPE");
    }

    #[test]
    fn reserved_type_names_get_a_shape_suffix() {
        assert_eq!(type_name("Result"), "ResultShape");
        assert_eq!(type_name("string"), "StringShape");
        assert_eq!(type_name("Self"), "SelfShape");
        assert_eq!(type_name("Blob"), "BlobShape");
        assert_eq!(type_name("Type"), "Type");
    }

    #[test]
    fn variants_and_methods_avoid_keywords_and_generated_names() {
        assert_eq!(variant_name("self"), "SelfValue");
        assert_eq!(variant_name("UNKNOWN"), "UnknownValue");
        assert_eq!(variant_name("NULL"), "Null");
        assert_eq!(method_name("new"), "new_");
        assert_eq!(method_name("Next"), "next_");
        assert_eq!(method_name("list_backups"), "list_backups");
        assert_eq!(method_name("ListBackups"), "list_backups");
    }

    #[test]
    fn namer_numbers_collisions_in_order() {
        let mut fields = Namer::snake();
        fields.reserve(&["new"]);
        assert_eq!(fields.claim(snake_case("DBName")), "db_name");
        assert_eq!(fields.claim(snake_case("DbName")), "db_name_2");
        assert_eq!(fields.claim(snake_case("db_name")), "db_name_3");
        assert_eq!(fields.claim(snake_case("type")), "type_");
        assert_eq!(fields.claim(snake_case("Type")), "type_2");
        assert_eq!(fields.claim("new".to_owned()), "new_2");

        let mut types = Namer::pascal();
        assert_eq!(types.claim(type_name("SSEType")), "SseType");
        assert_eq!(types.claim(type_name("SseType")), "SseType2");
    }
}

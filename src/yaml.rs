//! Every YAML call in boardpaper lives here, so a change of YAML crate
//! touches one file.
//!
//! The crate is serde-saphyr: pure Rust, `Spanned<T>` locations for values
//! that parse but are wrong, and parsing budgets against alias bombs and deep
//! nesting. Its errors are turned into [`Diagnostic`]s with the file's line
//! and column (shifted by `line_offset` for front matter inside a `.md` file).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

mod layout;

use crate::diag::suggest;
use crate::diag::{Code, Diagnostic};
use crate::source::{Pos, Source};

/// A value with the place it was written.
pub(crate) type Spanned<T> = serde_saphyr::Spanned<T>;

/// Where a spanned value sits, shifted by the front-matter offset it was parsed with.
pub(crate) fn pos<T>(s: &Spanned<T>, line_offset: u32) -> Pos {
    Pos::new(
        s.referenced.line() as u32 + line_offset,
        s.referenced.column() as u32,
    )
}

/// Where a spanned scalar ends (exclusive), when it sits on one line.
pub(crate) fn end<T>(s: &Spanned<T>, line_offset: u32) -> Pos {
    let start = pos(s, line_offset);
    Pos::new(start.line, start.col + s.referenced.span().len() as u32)
}

/// Parses `text` (which starts at line `line_offset + 1` of `src`) into `T`.
pub(crate) fn parse<T: DeserializeOwned>(
    src: &Source,
    text: &str,
    line_offset: u32,
) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: 64,
            max_anchors: 64,
            max_depth: 32,
            max_events: 200_000,
        },
    };
    serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| to_diagnostic(src, text, &e, line_offset))
}

fn to_diagnostic(
    src: &Source,
    text: &str,
    err: &serde_saphyr::Error,
    line_offset: u32,
) -> Diagnostic {
    let pos = err
        .location()
        .filter(|l| l.line() > 0)
        .map_or(Pos::new(line_offset + 1, 1), |l| {
            Pos::new(l.line() as u32 + line_offset, l.column().max(1) as u32)
        });
    let raw = err.without_snippet().to_string();
    let message = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_owned(),
        None => raw,
    };
    let message = message
        .replace(", set DuplicateKeyPolicy in Options if acceptable", "")
        .replace("expected one of ", "expected one of: ");
    let message = friendly_budget(message);
    let (code, hint) = classify(&message);
    let line = pos.line.saturating_sub(line_offset) as usize;
    match layout::explain(text, &message, line) {
        Some(e) => {
            let at = Pos::new(e.line as u32 + line_offset, e.col as u32);
            let tab = e.message.starts_with("a tab");
            let code = match e.message.starts_with("missing field") {
                true => code,
                false => Code::Yaml,
            };
            let d = Diagnostic::at(code, src, at, e.message).with_hint(Some(e.hint));
            match tab {
                true => d.with_end(Pos::new(at.line, at.col + 1)),
                false => d,
            }
        }
        None => Diagnostic::at(code, src, pos, message).with_hint(hint),
    }
}

/// A spent parsing budget in words a user can act on.
fn friendly_budget(message: String) -> String {
    if message.contains("budget breached: Aliases") {
        "too many aliases (`*name`): more than 64 in one file (a YAML alias bomb?)".into()
    } else if message.contains("budget breached") || message.contains("recursion limit") {
        format!("the YAML is nested or repeated too much to be a board paper ({message})")
    } else {
        message
    }
}

/// Picks the code for a serde message and suggests the near key for a typo.
fn classify(message: &str) -> (Code, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (found, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let choices: Vec<&str> = expected
            .trim_start_matches(", expected one of: ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|c| c.trim_matches('`'))
            .filter(|c| !c.is_empty())
            .collect();
        return (Code::UnknownKey, suggest::did_you_mean(found, choices));
    }
    if message.starts_with("missing field") {
        return (Code::MissingField, None);
    }
    (Code::Yaml, None)
}

/// A YAML mapping kept in source order, keys with their locations.
/// (`recommendations` are numbered in the order they are written.)
#[derive(Debug, Clone)]
pub(crate) struct Entries<V>(pub(crate) Vec<(Spanned<String>, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<V> Entries<V> {
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(EntriesVisitor(PhantomData))
    }
}

/// A field written either as one string or as a list of strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub(crate) fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        #[allow(dead_code)]
        sponsor: Option<String>,
    }

    fn src(text: &str) -> Source {
        Source::new("f.yaml".into(), text)
    }

    #[test]
    fn unknown_key_is_located_and_suggested() {
        let s = src("\nsponser: x\n");
        let d = parse::<T>(&s, &s.text, 0).unwrap_err();
        assert_eq!(d.code, Code::UnknownKey);
        assert_eq!(d.pos, Pos::new(2, 1));
        assert_eq!(d.hint.as_deref(), Some("did you mean `sponsor`?"));
    }

    #[test]
    fn front_matter_offset_shifts_lines() {
        let s = src("---\nsponser: x\n---\n");
        let d = parse::<T>(&s, "sponser: x\n", 1).unwrap_err();
        assert_eq!(d.pos, Pos::new(2, 1));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let s = src(&text);
        assert!(parse::<serde_json::Value>(&s, &s.text, 0).is_err());
    }
}

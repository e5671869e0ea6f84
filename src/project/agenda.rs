//! A trust's `agenda:` as written: each entry a paper id, an item (a
//! paper, an item of business that is not a paper, or one of the trust's
//! own PDF papers) with its number, presenter, purpose and time, or the
//! marker where Part II (the private meeting) starts.
//!
//! ```yaml
//! agenda:
//!   - item: "1"
//!     title: Apologies for absence
//!     presenter: Chair
//!     purpose: For noting
//!     time: "09:30"
//!   - ema-update                       # a common paper, numbered next
//!   - item: "7.1"
//!     paper: group-highlight
//!     presenter: Chief Executive
//!     purpose: For information
//!   - item: "8"
//!     file: own-papers/finance-report.pdf
//!     title: Finance report, month 7
//!   - part-ii: Items to be considered in private
//! ```

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::yaml::Spanned;

/// One entry of a trust's `agenda`.
#[derive(Debug, Clone)]
pub(crate) enum AgendaEntry {
    /// A bare paper id: the paper, numbered after the item before it.
    Paper(String),
    Item(Box<ItemSpec>),
    /// `part-ii: heading`: every item after this is Part II business.
    PartII(Option<String>),
}

/// An agenda item written as a mapping.
#[derive(Debug, Clone, Default)]
pub(crate) struct ItemSpec {
    /// The trust's own number ("7", "7.1"); default: the next number.
    pub(crate) item: Option<Spanned<String>>,
    /// A common paper's id.
    pub(crate) paper: Option<Spanned<String>>,
    /// One of the trust's own PDF papers, relative to the project.
    pub(crate) file: Option<Spanned<String>>,
    /// The item's title (a paper's own title when not given).
    pub(crate) title: Option<String>,
    pub(crate) presenter: Option<String>,
    /// "For approval", "For information", "For noting".
    pub(crate) purpose: Option<String>,
    /// "10:15", as the trust writes it.
    pub(crate) time: Option<String>,
}

/// The keys an item mapping may have.
const ITEM_KEYS: &[&str] = &[
    "item",
    "paper",
    "file",
    "title",
    "presenter",
    "purpose",
    "time",
    "part-ii",
];

impl<'de> Deserialize<'de> for AgendaEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = AgendaEntry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a paper id, an item mapping (`item`, `paper`, `file`, `title`, `presenter`, \
             `purpose`, `time`) or `part-ii: heading`",
        )
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<AgendaEntry, E> {
        Ok(AgendaEntry::Paper(id.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AgendaEntry, A::Error> {
        let mut spec = ItemSpec::default();
        let mut part_ii: Option<Option<String>> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "item" => spec.item = Some(text(map.next_value()?)),
                "paper" => spec.paper = Some(map.next_value()?),
                "file" => spec.file = Some(map.next_value()?),
                "title" => spec.title = Some(map.next_value()?),
                "presenter" => spec.presenter = Some(map.next_value()?),
                "purpose" => spec.purpose = Some(map.next_value()?),
                "time" => spec.time = Some(map.next_value::<Scalar>()?.0),
                "part-ii" => part_ii = Some(map.next_value()?),
                other => return Err(de::Error::unknown_field(other, ITEM_KEYS)),
            }
        }
        match part_ii {
            Some(heading) if is_empty(&spec) => Ok(AgendaEntry::PartII(heading)),
            Some(_) => Err(de::Error::custom(
                "`part-ii` marks where Part II starts and stands alone: \
                 write it as its own entry, `- part-ii: heading`",
            )),
            None => Ok(AgendaEntry::Item(Box::new(spec))),
        }
    }
}

fn is_empty(s: &ItemSpec) -> bool {
    s.item.is_none()
        && s.paper.is_none()
        && s.file.is_none()
        && s.title.is_none()
        && s.presenter.is_none()
        && s.purpose.is_none()
        && s.time.is_none()
}

/// A scalar as text: `7` and `"7"` are both the item number "7", `7.1`
/// is "7.1" (a number YAML reads as such: write `"7.10"` in quotes).
#[derive(Debug, Clone)]
struct Scalar(String);

fn text(s: Spanned<Scalar>) -> Spanned<String> {
    Spanned {
        value: s.value.0,
        referenced: s.referenced,
        defined: s.defined,
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar(v.to_owned()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
}

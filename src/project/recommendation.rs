//! One entry of a paper's `recommendations`: its text, and optionally the
//! lead-in its body callout uses instead of the paper's `decision-lead`
//! ("Board members are asked to"). Written as a string, or as a mapping
//! `{ text, lead }`.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Recommendation {
    pub(crate) text: String,
    /// The callout's own lead-in, in the paper's words.
    pub(crate) lead: Option<String>,
}

impl<'de> Deserialize<'de> for Recommendation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecVisitor)
    }
}

struct RecVisitor;

impl<'de> Visitor<'de> for RecVisitor {
    type Value = Recommendation;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a recommendation's text, or a mapping with `text` and `lead`")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Recommendation, E> {
        Ok(Recommendation {
            text: text.to_owned(),
            lead: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Recommendation, A::Error> {
        let (mut text, mut lead) = (None, None);
        while let Some(field) = map.next_key::<String>()? {
            match field.as_str() {
                "text" => text = Some(map.next_value::<String>()?),
                "lead" => lead = Some(map.next_value::<String>()?),
                other => return Err(de::Error::unknown_field(other, &["text", "lead"])),
            }
        }
        let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
        Ok(Recommendation { text, lead })
    }
}

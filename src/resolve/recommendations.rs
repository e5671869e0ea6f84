//! One list of recommendations, written in the three places the real papers
//! repeat them by hand: "Decision required" on the front sheet, the numbered
//! callouts in the body, and the closing section numbered I, II, III.

use std::collections::HashMap;

use crate::doc::Callout;
use crate::project::FrontMatter;

pub(crate) struct Recommendations {
    /// "The Boards of the Alliance providers are asked to:"
    pub(crate) lead: String,
    /// (id, text as written) in order.
    pub(crate) items: Vec<(String, String)>,
    /// Each id's place in `items` (the first, if an id repeats), so placing
    /// a callout is not a search of the list.
    index: HashMap<String, usize>,
}

impl Recommendations {
    pub(crate) fn new(f: &FrontMatter) -> Recommendations {
        let lead = f
            .decision_lead
            .clone()
            .unwrap_or_else(|| "The Board is asked to:".into());
        let items = f
            .recommendations
            .iter()
            .flat_map(|r| &r.0)
            .map(|(k, v)| {
                (
                    k.value.clone(),
                    v.trim().trim_end_matches(['.', ';']).to_owned(),
                )
            })
            .collect::<Vec<_>>();
        let mut index = HashMap::new();
        for (i, (id, _)) in items.iter().enumerate() {
            index.entry(id.clone()).or_insert(i);
        }
        Recommendations { lead, items, index }
    }

    /// "Review and approve ...;" ... "Note the launch ....": the front sheet's list.
    pub(crate) fn front_sheet(&self) -> Vec<String> {
        let n = self.items.len();
        self.items
            .iter()
            .enumerate()
            .map(|(i, (_, t))| format!("{}{}", upper_first(t), end(i, n)))
            .collect()
    }

    /// ("I", "review and approve ...;"): the closing section's list.
    pub(crate) fn closing(&self) -> Vec<(String, String)> {
        let n = self.items.len();
        self.items
            .iter()
            .enumerate()
            .map(|(i, (_, t))| (roman(i + 1), format!("{}{}", lower_first(t), end(i, n))))
            .collect()
    }

    /// The callout for recommendation `id`, numbered by its place in the list.
    pub(crate) fn callout(&self, id: &str) -> Option<Callout> {
        let i = *self.index.get(id)?;
        let lead = self.lead.trim().trim_end_matches(':').trim_end();
        Some(Callout {
            number: i + 1,
            label: format!("Action and recommendation {}", i + 1),
            text: format!("{lead} {}.", lower_first(&self.items[i].1)),
        })
    }
}

fn end(i: usize, n: usize) -> &'static str {
    if i + 1 == n {
        "."
    } else {
        ";"
    }
}

/// Lower-cases the first letter unless the word is an acronym ("NHS", "ICB").
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), b) if a.is_uppercase() && b.is_none_or(|b| !b.is_uppercase()) => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_owned(),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// 1 → "I", 4 → "IV", 14 → "XIV".
pub(crate) fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_and_case() {
        assert_eq!([1, 4, 6, 9, 14].map(roman), ["I", "IV", "VI", "IX", "XIV"]);
        assert_eq!(lower_first("Review the plan"), "review the plan");
        assert_eq!(lower_first("NHS England"), "NHS England");
    }
}

//! A table caption's trailing attribute block, as in
//! `Table: Monthly spend {.landscape widths=3,1,1}`: the orientation the
//! author asks for and relative column widths.

/// What a caption's attribute block asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attrs {
    /// `.landscape` (true) or `.portrait` (false).
    pub(crate) landscape: Option<bool>,
    /// `widths=3,1,1`: relative widths, each 1 to 100, and where the
    /// `widths=` word starts in the block (for a count that does not match
    /// the table's columns).
    pub(crate) widths: Option<(Vec<u8>, usize)>,
}

/// A problem in an attribute block: where it starts (bytes from the
/// block's `{`) and what is wrong.
pub(crate) type Problem = (usize, String);

/// Splits `caption` into its text and its trailing attribute block. A
/// trailing `{...}` is an attribute block only when every word in it is a
/// `.class` or a `key=value`; otherwise (`Budget {draft}`) it is text.
pub(crate) fn split(caption: &str) -> (&str, Result<Attrs, Problem>) {
    let trimmed = caption.trim_end();
    let Some(open) = trimmed.rfind('{') else {
        return (caption, Ok(Attrs::default()));
    };
    let Some(inner) = trimmed[open + 1..].strip_suffix('}') else {
        return (caption, Ok(Attrs::default()));
    };
    let words: Vec<(usize, &str)> = inner
        .split(' ')
        .scan(1, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let attribute = |w: &str| w.starts_with('.') || w.contains('=');
    if words.is_empty() || !words.iter().all(|(_, w)| attribute(w)) {
        return (caption, Ok(Attrs::default()));
    }
    (trimmed[..open].trim_end(), parse(&words))
}

fn parse(words: &[(usize, &str)]) -> Result<Attrs, Problem> {
    let mut attrs = Attrs::default();
    for &(at, word) in words {
        let orientation = match word {
            ".landscape" => Some(true),
            ".portrait" => Some(false),
            _ => None,
        };
        if let Some(landscape) = orientation {
            if attrs.landscape.is_some_and(|l| l != landscape) {
                return Err((at, "a table cannot be both landscape and portrait".into()));
            }
            attrs.landscape = Some(landscape);
        } else if let Some(list) = word.strip_prefix("widths=") {
            let widths: Option<Vec<u8>> = list
                .split(',')
                .map(|n| n.parse::<u8>().ok().filter(|n| (1..=100).contains(n)))
                .collect();
            match widths {
                Some(w) => attrs.widths = Some((w, at)),
                None => {
                    let message = format!(
                        "`{word}`: column widths are whole numbers from 1 to 100, separated by commas"
                    );
                    return Err((at, message));
                }
            }
        } else {
            let message = format!(
                "unknown table attribute `{word}`: a caption may end in {{.landscape}}, {{.portrait}} or {{widths=...}}"
            );
            return Err((at, message));
        }
    }
    Ok(attrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(landscape: Option<bool>, widths: Option<(Vec<u8>, usize)>) -> Attrs {
        Attrs { landscape, widths }
    }

    #[test]
    fn a_caption_may_end_in_an_orientation_and_widths() {
        assert_eq!(
            split("Spend {.landscape}"),
            ("Spend", Ok(attrs(Some(true), None)))
        );
        assert_eq!(
            split("Spend  {.portrait} "),
            ("Spend", Ok(attrs(Some(false), None)))
        );
        assert_eq!(split("{.landscape}"), ("", Ok(attrs(Some(true), None))));
        assert_eq!(
            split("Spend {.landscape widths=3,1,10}"),
            ("Spend", Ok(attrs(Some(true), Some((vec![3, 1, 10], 12)))))
        );
        assert_eq!(
            split("Spend {widths=1,1}").1,
            Ok(attrs(None, Some((vec![1, 1], 1))))
        );
    }

    #[test]
    fn braces_that_are_not_attributes_stay_in_the_caption() {
        let none = Ok(Attrs::default());
        assert_eq!(split("Budget {draft}"), ("Budget {draft}", none.clone()));
        assert_eq!(
            split("{.landscape} Spend"),
            ("{.landscape} Spend", none.clone())
        );
        assert_eq!(split("Spend {}"), ("Spend {}", none.clone()));
        assert_eq!(split("Spend {.x draft}"), ("Spend {.x draft}", none));
    }

    #[test]
    fn bad_attributes_are_located_in_the_block() {
        assert_eq!(split("S {.wide}").1.map_err(|e| e.0), Err(1));
        assert_eq!(
            split("S {.landscape .portrait}").1.map_err(|e| e.0),
            Err(12)
        );
        for bad in [
            "widths=0,1",
            "widths=1,x",
            "widths=",
            "widths=101",
            "widths=1,,2",
        ] {
            let caption = format!("S {{.landscape {bad}}}");
            assert_eq!(split(&caption).1.map_err(|e| e.0), Err(12), "{bad}");
        }
    }
}

//! "did you mean `sponsor`?": the nearest known name to a misspelt one.

/// The closest candidate to `found`, phrased as a hint, when one is close enough.
pub(crate) fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(found, candidates).map(phrase)
}

/// "did you mean `sponsor`?"
pub(crate) fn phrase(candidate: &str) -> String {
    format!("did you mean `{candidate}`?")
}

/// The closest candidate by Jaro-Winkler similarity, if it is similar enough.
pub(crate) fn nearest<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let found_lc = found.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&found_lc, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let keys = ["sponsor", "author", "forum"];
        assert_eq!(nearest("sponser", keys), Some("sponsor"));
        assert_eq!(nearest("Author", keys), Some("author"));
        assert_eq!(nearest("zzz", keys), None);
    }
}

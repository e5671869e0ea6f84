//! Properties of rendering, on generated papers: it never panics, the same
//! input gives the same bytes, and every word of plain-text paragraphs
//! reaches the HTML.

use boardpaper::cli::Format;
use boardpaper::fuzzing::{front_end, paper_with_body, pdf_layout, render_bytes, CONFIG, TRUST};
use proptest::prelude::*;

fn paragraphs() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec("[a-z]{1,12}", 1..30), 1..8)
}

/// The words of an HTML page's text: scripts and styles dropped, each tag
/// a word break, entities of letters not expected (the words are a-z).
fn text_words(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag = &rest[open..];
        let skip_to = ["script", "style"]
            .iter()
            .find(|t| tag[1..].starts_with(**t))
            .and_then(|t| tag.find(&format!("</{t}>")));
        let end = match skip_to {
            Some(close) => close,
            None => tag.find('>').unwrap_or(tag.len() - 1),
        };
        rest = &tag[(end + 1).min(tag.len())..];
    }
    text.push_str(rest);
    text.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn the_word_check_catches_a_dropped_short_word() {
    let page = "<p class=\"a\">one a two</p><p>three</p>";
    let shown = format!(" {} ", text_words(page).join(" "));
    assert!(shown.contains(" one a two three "));
    // "a" is in the markup (class="a") but not between "one" and "two".
    let dropped = "<p class=\"a\">one two</p><p>three</p>";
    let shown = format!(" {} ", text_words(dropped).join(" "));
    assert!(!shown.contains(" one a two three "));
}

fn body(paras: &[Vec<String>]) -> String {
    paras
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn every_word_reaches_the_html(paras in paragraphs()) {
        let pages = render_bytes(CONFIG, TRUST, &paper_with_body(&body(&paras)), Format::Html);
        let html = String::from_utf8_lossy(pages.first().expect("a page")).into_owned();
        // The page's text, word by word, must hold the paragraphs' words as
        // one run in their order: a dropped, doubled or moved word (even a
        // one-letter one that the markup happens to contain) breaks it.
        let shown = format!(" {} ", text_words(&html).join(" "));
        let written: Vec<&str> = paras.iter().flatten().map(String::as_str).collect();
        let run = format!(" {} ", written.join(" "));
        prop_assert!(shown.contains(&run), "the words {:?} are not in the page's text in order: {}", written, shown);
    }

    #[test]
    fn html_is_deterministic_and_never_panics(text in "\\PC{0,400}") {
        let paper = paper_with_body(&text);
        prop_assert_eq!(front_end(CONFIG, TRUST, &paper), front_end(CONFIG, TRUST, &paper));
        let _ = front_end(&text, TRUST, &paper);
        let _ = front_end(CONFIG, &text, &paper);
    }

    #[test]
    fn markdown_soup_never_panics(parts in prop::collection::vec(prop::sample::select(vec![
        "# ", "> ", "- ", "1. ", "|a|b|\n|-|-|\n", "*", "**", "`", "[x](y)", "![a](b.png)",
        "[^1]", "[^1]: n\n", "\n", "\n\n", "word ", "{{ trust.name }}", "~~", "---\n", "    code\n",
    ]), 0..60)) {
        let _ = front_end(CONFIG, TRUST, &paper_with_body(&parts.concat()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn pdf_is_deterministic(paras in paragraphs()) {
        let text = body(&paras);
        let pdf = pdf_layout(&text);
        prop_assert!(pdf.starts_with(b"%PDF-"));
        prop_assert_eq!(pdf, pdf_layout(&text));
    }
}

//! Properties of rendering, on generated papers: it never panics, the same
//! input gives the same bytes, and every word of plain-text paragraphs
//! reaches the HTML.

use boardpaper::cli::Format;
use boardpaper::fuzzing::{front_end, paper_with_body, pdf_layout, render_bytes, CONFIG, TRUST};
use proptest::prelude::*;

fn paragraphs() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec("[a-z]{1,12}", 1..30), 1..8)
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
        for word in paras.iter().flatten() {
            prop_assert!(html.contains(word.as_str()), "`{}` missing", word);
        }
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

//! A draft's title says so: "DRAFT – " before the paper's title in the
//! metadata (the PDF's `/Title`, the HTML `<title>`), the running header
//! and the visible heading. The watermark and banner are the renderers'.

use crate::document::Document;

/// What a draft's title starts with.
pub(crate) const PREFIX: &str = "DRAFT \u{2013} ";

/// Prefixes the titles of a draft `doc` (nothing for a paper that is not).
pub(crate) fn title(doc: &mut Document) {
    if !doc.meta.draft {
        return;
    }
    doc.meta.title.insert_str(0, PREFIX);
    doc.front.title.insert_str(0, PREFIX);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::sample::sample_document;

    #[test]
    fn a_draft_is_titled_draft_and_a_final_paper_is_not() {
        let mut doc = sample_document();
        let (meta, front) = (doc.meta.title.clone(), doc.front.title.clone());
        title(&mut doc);
        assert_eq!((&doc.meta.title, &doc.front.title), (&meta, &front));
        doc.meta.draft = true;
        title(&mut doc);
        assert_eq!(doc.meta.title, format!("DRAFT – {meta}"));
        assert_eq!(doc.front.title, format!("DRAFT – {front}"));
    }
}

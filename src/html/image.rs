//! Images embedded as `data:` URIs so the page makes no external requests.
//! The bytes come from the build's image store (already read and checked);
//! the renderer reads no file. The embedded bytes of one page are capped
//! ([`MAX_EMBEDDED_BYTES`]), since an image used many times is embedded
//! once per use: [`embed_budget`] finds the use that crosses the cap.

use base64::Engine as _;

use super::writer::Writer;
use crate::diag::{Code, Diagnostic};
use crate::document::{Document, Image};
use crate::project::images::{Kind, Picture};
use crate::source::Pos;

/// Most bytes of `data:` URIs one HTML page may hold (32 MB): a page that
/// size still opens in a browser and attaches to an email.
pub(crate) const MAX_EMBEDDED_BYTES: usize = 32 * 1024 * 1024;

/// The media type of a checked image.
fn media_type(p: &Picture) -> &'static str {
    match p.kind {
        Kind::Png => "image/png",
        Kind::Jpeg => "image/jpeg",
    }
}

/// Length of the `data:` URI of a picture, without building it.
fn uri_len(p: &Picture) -> usize {
    "data:;base64,".len() + media_type(p).len() + p.bytes.len().div_ceil(3) * 4
}

/// `data:image/png;base64,...` for a checked image.
pub(crate) fn data_uri(p: &Picture) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(&p.bytes);
    format!("data:{};base64,{encoded}", media_type(p))
}

/// The error at the first image use that takes the page's embedded bytes
/// over [`MAX_EMBEDDED_BYTES`], if any (`check` and `build` both ask).
pub(crate) fn embed_budget(doc: &Document) -> Result<(), Diagnostic> {
    let mut total = 0usize;
    for (image, block) in doc.images() {
        let Some(file) = &image.file else { continue };
        total += uri_len(&file.0);
        if total > MAX_EMBEDDED_BYTES {
            let at = Pos::new(block.origin.line.max(1), image.col.max(1));
            let message = format!(
                "the HTML copy would embed {total} bytes of images by this one, over the {MAX_EMBEDDED_BYTES} byte limit per page (an image used many times is embedded each time)"
            );
            let hint = "use a smaller image (or fewer uses of it); the PDF is not affected";
            return Err(Diagnostic::error(
                Code::ImageTooLarge,
                block.origin.file.clone(),
                at,
                message,
            )
            .with_hint(Some(hint.into())));
        }
    }
    Ok(())
}

impl Writer {
    /// A `<figure>` with the embedded image, or its alt text when unreadable.
    pub(crate) fn image(&mut self, image: &Image) {
        let Some(uri) = image.file.as_ref().map(|f| data_uri(&f.0)) else {
            self.raw("<p class=\"image-missing\">[Image: ");
            self.text(&image.alt);
            self.raw("]</p>\n");
            return;
        };
        self.raw("<figure>\n<img src=\"");
        self.raw(&uri); // base64 and a fixed prefix: nothing to escape
        self.raw("\" alt=\"");
        self.text(&image.alt);
        self.raw("\">\n");
        if let Some(title) = image.title.as_deref().filter(|t| !t.is_empty()) {
            self.raw("<figcaption>");
            self.text(title);
            self.raw("</figcaption>\n");
        }
        self.raw("</figure>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::images::{parse, ImageFile};
    use std::sync::Arc;

    fn picture() -> Picture {
        let bytes = include_bytes!("../document/testdata/bars.png").to_vec();
        parse(bytes).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn missing_image_renders_alt_text() {
        let mut w = Writer::new(0);
        w.image(&Image {
            alt: "Chart <1>".into(),
            path: "/nonexistent/chart.png".into(),
            title: None,
            file: None,
            col: 1,
        });
        assert_eq!(
            w.take(),
            "<p class=\"image-missing\">[Image: Chart &lt;1&gt;]</p>\n"
        );
    }

    #[test]
    fn embeds_a_png_and_knows_the_uri_length() {
        let p = picture();
        let uri = data_uri(&p);
        assert!(uri.starts_with("data:image/png;base64,iVBORw0KGgo"));
        assert_eq!(uri.len(), uri_len(&p));
        let mut w = Writer::new(0);
        w.image(&Image {
            alt: "Bars".into(),
            path: "/x/bars.png".into(),
            title: None,
            file: Some(ImageFile(Arc::new(p))),
            col: 1,
        });
        assert!(w.take().contains(&uri));
    }
}

//! Images embedded as `data:` URIs so the page makes no external requests.
//! This is the renderer's only disk read, confined to [`data_uri`].

use std::path::Path;

use base64::Engine as _;

use super::writer::Writer;
use crate::doc::Image;

/// The media type of PNG or JPEG bytes, judged by their magic numbers.
fn media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// `data:image/png;base64,...` for the image at `path`, or `None` when it
/// cannot be read or is neither PNG nor JPEG.
pub(crate) fn data_uri(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let media = media_type(&bytes)?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    Some(format!("data:{media};base64,{encoded}"))
}

impl Writer {
    /// A `<figure>` with the embedded image, or its alt text when unreadable.
    pub(crate) fn image(&mut self, image: &Image) {
        let Some(uri) = data_uri(&image.path) else {
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

    #[test]
    fn recognises_png_and_jpeg_only() {
        assert_eq!(media_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(media_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(media_type(b"<svg onload=alert(1)>"), None);
    }

    #[test]
    fn missing_image_renders_alt_text() {
        let mut w = Writer::new(0);
        w.image(&Image {
            alt: "Chart <1>".into(),
            path: "/nonexistent/chart.png".into(),
            title: None,
        });
        assert_eq!(
            w.take(),
            "<p class=\"image-missing\">[Image: Chart &lt;1&gt;]</p>\n"
        );
    }

    #[test]
    fn embeds_a_png() {
        let path = std::env::temp_dir().join(format!("bp-html-{}.png", std::process::id()));
        let written = std::fs::write(&path, b"\x89PNG\r\n\x1a\nrest");
        assert!(written.is_ok());
        let uri = data_uri(&path);
        let _ = std::fs::remove_file(&path);
        assert_eq!(
            uri.as_deref(),
            Some("data:image/png;base64,iVBORw0KGgpyZXN0")
        );
    }
}

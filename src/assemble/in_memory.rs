//! Rendering in memory: every sound variant of a checked project in the
//! given formats (with the index pages for HTML), through the build's own
//! render path with no output folder, so the fonts of `style.fonts` and the
//! missing-glyph warnings are the build's. For fuzzing and property tests.

use super::{render_all, Content, Output, Request};
use crate::check::Checked;
use crate::diag::Diagnostic;
use crate::project::Format;

/// Every sound variant in `formats`, then (for HTML) the index pages.
pub(crate) fn render(
    checked: &Checked,
    formats: &[Format],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Output> {
    let req = Request {
        formats: formats.to_vec(),
        ..Request::default()
    };
    let mut outputs = render_all(checked, &req, diags);
    // The index pages are HTML: only when HTML is asked for.
    outputs.retain(|o| formats.contains(&o.format));
    outputs
}

/// The bytes of an in-memory output.
pub(crate) fn bytes(o: &Output) -> &[u8] {
    match &o.content {
        Content::Fresh { bytes, .. } => bytes,
        _ => &[],
    }
}

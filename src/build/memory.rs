//! Rendering in memory, without the output folder, the cache or threads:
//! every sound variant of a checked project to HTML (with the index pages)
//! or PDF. For fuzzing and property tests; the real build is `render.rs`.

use std::sync::OnceLock;

use super::{index, select, Content, Output, Request};
use crate::check::Checked;
use crate::cli::Format;
use crate::diag::Diagnostic;
use crate::{html, pdf, resolve};

/// Every sound variant in `formats`, then (for HTML) the index pages.
pub(crate) fn render(
    checked: &Checked,
    formats: &[Format],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Output> {
    let model = &checked.model;
    let req = Request {
        trusts: Vec::new(),
        papers: Vec::new(),
        formats: formats.to_vec(),
        out: model.root.join("build"),
        jobs: Some(1),
        ..Request::default()
    };
    let own;
    let templates = if model.templates.is_empty() {
        builtin_templates()
    } else {
        own = html::Templates::new(&model.templates).ok();
        own.as_ref()
    };
    let mut outputs = Vec::new();
    for (trust, paper) in select(model, &req) {
        if !checked.sound(&trust.id, &paper.id) {
            continue;
        }
        let resolved = resolve::variant(model, paper, trust);
        diags.extend(resolved.diags);
        let Some(doc) = resolved.doc else { continue };
        for &format in formats {
            let bytes = match format {
                Format::Html => match templates.map(|t| html::render_paper(t, &doc)) {
                    Some(Ok(s)) => s.into_bytes(),
                    _ => continue,
                },
                Format::Pdf => pdf::render(&doc, fonts(), &pdf::PdfOptions::default()).bytes,
            };
            outputs.push(Output {
                trust: trust.id.clone(),
                paper: paper.id.clone(),
                format,
                content: Content::Fresh { bytes, entry: None },
            });
        }
    }
    if let (Some(t), true) = (templates, formats.contains(&Format::Html)) {
        outputs.extend(index::pages(t, model, &outputs, diags));
    }
    outputs
}

/// The built-in templates, compiled once per process (fuzzers call
/// [`render`] thousands of times a second).
fn builtin_templates() -> Option<&'static html::Templates> {
    static T: OnceLock<Option<html::Templates>> = OnceLock::new();
    T.get_or_init(|| html::Templates::new(&[]).ok()).as_ref()
}

/// The bundled fonts, parsed once per process.
fn fonts() -> &'static pdf::Fonts {
    static F: OnceLock<pdf::Fonts> = OnceLock::new();
    F.get_or_init(pdf::Fonts::builtin)
}

/// The bytes of an in-memory output.
pub(crate) fn bytes(o: &Output) -> &[u8] {
    match &o.content {
        Content::Fresh { bytes, .. } => bytes,
        Content::Unchanged(_) => &[],
    }
}

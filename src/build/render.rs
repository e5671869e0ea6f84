//! Rendering the selected variants: resolve each, then HTML and PDF, in
//! parallel across variants. Output order follows the selection, never the
//! threads, so bytes and messages do not depend on `--jobs`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::{self, Cache};
use super::progress;
use super::timings::{Stage, Timings};
use super::{index, select, Content, Output, Request};
use crate::check::{Checked, Model, Trust};
use crate::cli::Format;
use crate::diag::{Code, Diagnostic};
use crate::doc::Document;
use crate::project::PaperSource;
use crate::source::Pos;
use crate::{html, pdf, resolve};

/// What every variant is rendered with, prepared once per build.
struct Kit<'c> {
    templates: Option<html::Templates>,
    /// Parsed only when PDFs are asked for (parsing is most of an HTML-only
    /// build's time otherwise).
    fonts: Option<pdf::Fonts>,
    options: pdf::PdfOptions,
    /// The part of every HTML output's cache key that is not the document:
    /// the template overrides (a change re-renders HTML only).
    html_key: String,
    /// The same for PDF: the fonts and SOURCE_DATE_EPOCH.
    pdf_key: String,
    /// A hash of the model but its papers (see `cache::inputs`).
    project_key: u64,
    /// A hash of each paper's sources, by paper id.
    paper_keys: HashMap<String, u64>,
    cache: &'c Cache,
    out: PathBuf,
    timings: Option<Arc<Timings>>,
}

impl Kit<'_> {
    /// What every output of `format` shares.
    fn shared(&self, format: Format) -> &str {
        match format {
            Format::Html => &self.html_key,
            Format::Pdf => &self.pdf_key,
        }
    }

    /// Runs `f`, adding its time to `stage` when timings are on.
    fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        match &self.timings {
            Some(t) => t.time(stage, f),
            None => f(),
        }
    }
}

/// Runs `f` on a pool of `jobs` threads (all cores when `None`): the whole
/// of a build, so rendering and writing share one set of threads.
pub(crate) fn in_pool<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Renders every sound selected variant afresh, with the index pages for
/// them (the preview: nothing is read from or written to an output folder).
pub(crate) fn render_all(
    checked: &Checked,
    req: &Request,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Output> {
    let cache = Cache::default();
    let (mut outputs, templates) = render_variants(checked, req, &cache, &req.out, diags);
    if let Some(t) = &templates {
        let pages = index::pages(t, &checked.model, &outputs, diags);
        outputs.extend(pages);
    }
    outputs
}

/// Renders every sound selected variant, reusing what `cache` shows intact
/// in `out`; problems go into `diags`. Returns the outputs (no index pages)
/// and the templates, when they compiled, for the index pages.
///
/// Variants are started longest paper first, so the last to finish is a
/// short one and no thread idles long at the end; results keep the
/// selection's order.
pub(crate) fn render_variants(
    checked: &Checked,
    req: &Request,
    cache: &Cache,
    out: &Path,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Output>, Option<html::Templates>) {
    let model = &checked.model;
    let kit = kit(model, req, cache, out, diags);
    let variants: Vec<_> = select(model, req)
        .into_iter()
        .filter(|(t, p)| checked.sound(&t.id, &p.id))
        .collect();
    let mut order: Vec<usize> = (0..variants.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(variants[i].1.source.text.len()));
    let bar = progress::bar(req.progress, variants.len());
    let mut done: Vec<(usize, Rendered)> = order
        .par_iter()
        .with_max_len(1)
        .map(|&i| {
            let (t, p) = variants[i];
            let result = variant(&kit, model, t, p, &req.formats);
            bar.inc(1);
            (i, result)
        })
        .collect();
    bar.finish_and_clear();
    done.sort_by_key(|(i, _)| *i);
    let mut outputs = Vec::new();
    for (_, (outs, ds)) in done {
        outputs.extend(outs);
        diags.extend(ds);
    }
    (outputs, kit.templates)
}

/// Compiles the templates and parses the fonts (side by side: each is a
/// few milliseconds).
fn kit<'c>(
    model: &Model,
    req: &Request,
    cache: &'c Cache,
    out: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Kit<'c> {
    let parse_fonts = req.formats.contains(&Format::Pdf);
    let (templates, (fonts, font_key)) = rayon::join(
        || html::Templates::new(&model.templates),
        || fonts(model, parse_fonts),
    );
    let templates = match templates {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(template_error(e));
            None
        }
    };
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let html_key = format!("{:?}", model.templates);
    let pdf_key = format!("{font_key}|{epoch:?}");
    Kit {
        templates,
        fonts,
        options: pdf::PdfOptions {
            creation_epoch: epoch,
            untagged: false,
        },
        html_key,
        pdf_key,
        project_key: cache::project_key(model),
        paper_keys: model
            .papers
            .iter()
            .map(|p| (p.id.clone(), cache::paper_key(p)))
            .collect(),
        cache,
        out: out.to_owned(),
        timings: req.timings.clone(),
    }
}

/// One variant's outputs and diagnostics.
type Rendered = (Vec<Output>, Vec<Diagnostic>);

/// One variant's outputs and diagnostics: reused from the cache without
/// resolving when its inputs are unchanged, else resolved and, format by
/// format, reused when the resolved document is unchanged or rendered. The
/// formats that need rendering are rendered side by side (an idle thread
/// takes the HTML while another lays out the PDF).
fn variant(
    kit: &Kit,
    model: &Model,
    trust: &Trust,
    paper: &PaperSource,
    formats: &[Format],
) -> Rendered {
    let paper_key = kit.paper_keys.get(&paper.id).copied().unwrap_or_default();
    // Per format: the output (where it goes) and the hash of its inputs.
    let slots: Vec<(Output, String)> = formats
        .iter()
        .map(|&format| {
            let output = Output {
                trust: trust.id.clone(),
                paper: paper.id.clone(),
                format,
                content: Content::Unchanged(cache::Entry::default()),
            };
            let shared = kit.shared(format);
            let inputs = cache::inputs(kit.project_key, paper_key, &trust.id, format.ext(), shared);
            (output, inputs)
        })
        .collect();
    let reused: Option<Vec<cache::Entry>> = slots
        .iter()
        .map(|(o, inputs)| {
            kit.cache
                .unchanged(model, &kit.out, &o.rel_string(), inputs)
        })
        .collect();
    if let Some(entries) = reused {
        let mut diags = Vec::new();
        let mut outputs = Vec::new();
        for ((output, _), e) in slots.into_iter().zip(entries) {
            diags.extend(e.notes.iter().chain(&e.render_notes).cloned());
            let content = Content::Unchanged(e);
            outputs.push(Output { content, ..output });
        }
        return (outputs, diags);
    }

    let resolved = kit.time(Stage::Resolve, || resolve::variant(model, paper, trust));
    let mut diags = resolved.diags;
    let Some(doc) = resolved.doc else {
        return (Vec::new(), diags);
    };
    let (fingerprint, images) = cache::fingerprint(&doc);
    let one = |(output, inputs): (Output, String)| {
        let format = output.format;
        let entry = cache::Entry {
            key: cache::key(&fingerprint, format.ext(), kit.shared(format)),
            inputs,
            images: images.clone(),
            notes: diags.clone(),
            ..cache::Entry::default()
        };
        if let Some(old) = kit.cache.fresh(&kit.out, &output.rel_string(), &entry.key) {
            let notes = old.render_notes.clone();
            let reused = cache::Entry {
                bytes: old.bytes,
                sha256: old.sha256,
                render_notes: old.render_notes,
                ..entry
            };
            let content = Content::Unchanged(reused);
            return (Some(Output { content, ..output }), notes);
        }
        let mut render_notes = Vec::new();
        let bytes = render_one(kit, &doc, format, &mut render_notes);
        let entry = cache::Entry {
            render_notes: render_notes.clone(),
            ..entry
        };
        let fresh = bytes.map(|bytes| Output {
            content: Content::Fresh {
                bytes,
                entry: Some(entry),
            },
            ..output
        });
        (fresh, render_notes)
    };
    let rendered = match <[(Output, String); 2]>::try_from(slots) {
        Ok([a, b]) => {
            let (a, b) = rayon::join(|| one(a), || one(b));
            vec![a, b]
        }
        Err(slots) => slots.into_iter().map(one).collect(),
    };
    let mut outputs = Vec::new();
    for (out, ds) in rendered {
        outputs.extend(out);
        diags.extend(ds);
    }
    (outputs, diags)
}

fn render_one(
    kit: &Kit,
    doc: &Document,
    format: Format,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    match format {
        Format::Html => {
            let templates = kit.templates.as_ref()?;
            if let Err(d) = html::embed_budget(doc) {
                diags.push(d);
                return None;
            }
            match kit.time(Stage::Html, || html::render_paper(templates, doc)) {
                Ok(s) => Some(s.into_bytes()),
                Err(e) => {
                    diags.push(template_error(e));
                    None
                }
            }
        }
        Format::Pdf => {
            let fonts = kit.fonts.as_ref()?;
            let laid = kit.time(Stage::Layout, || pdf::lay_out(doc, fonts));
            let r = kit.time(Stage::PdfWrite, || {
                pdf::write_out(laid, doc, fonts, &kit.options)
            });
            diags.extend(missing_glyphs(&r.missing));
            Some(r.bytes)
        }
    }
}

pub(crate) fn template_error(e: html::TemplateError) -> Diagnostic {
    e.diagnostic()
}

/// The fonts for every PDF (the project's own, read and checked by
/// `check`, when `style.fonts` names them; parsed only when `parse`), and a
/// key that changes when they do. A font `check` refused was reported
/// there, and the built-in fonts are used.
fn fonts(model: &Model, parse: bool) -> (Option<pdf::Fonts>, String) {
    let builtin = || (parse.then(pdf::Fonts::builtin), "builtin".to_owned());
    let Some(files) = &model.font_bytes else {
        return builtin();
    };
    let [r, b, i, bi] = &*files.0;
    let key = [r, b, i, bi]
        .iter()
        .map(|f| super::manifest::sha256_hex(f))
        .collect::<Vec<_>>()
        .join(",");
    if !parse {
        return (None, key);
    }
    match pdf::Fonts::from_files(r, b, i, bi) {
        Ok(fonts) => (Some(fonts), key),
        // `check` parsed each face the same way, so this does not happen.
        Err(_) => builtin(),
    }
}

/// One warning per character and source line the font cannot show.
fn missing_glyphs(missing: &[pdf::MissingGlyph]) -> Vec<Diagnostic> {
    missing
        .iter()
        .map(|m| {
            Diagnostic::warning(
                Code::MissingGlyph,
                m.origin.file.clone(),
                Pos::new(m.origin.line.max(1), 1),
                format!(
                    "the PDF font has no glyph for `{}` (U+{:04X})",
                    m.ch, m.ch as u32
                ),
            )
        })
        .map(|d| {
            d.with_hint(Some(
                "use another character, or name fonts that have it in `style.fonts`".into(),
            ))
        })
        .collect()
}

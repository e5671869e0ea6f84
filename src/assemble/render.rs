//! Rendering the selected variants: resolve each, then HTML and PDF, in
//! parallel across variants. Output order follows the selection, never the
//! threads, so bytes and messages do not depend on `--jobs`.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::cache;
use super::kit::{Folder, Kit};
use super::pack::index;
use super::progress;
use super::shared::Shared;
use super::sink::{self, Sink};
use super::{select, Content, Output, Request};
use crate::check::{Checked, Model, Trust};
use crate::diag::{Code, Diagnostic};
use crate::document::Document;
use crate::markdown::limits::MAX_PAGES;
use crate::project::Format;
use crate::project::PaperSource;
use crate::source::Pos;
use crate::timings::Stage;
use crate::{html, pdf, resolve};

/// Runs `f` on a pool of `jobs` threads (all cores when `None`): the whole
/// of a build, so rendering and writing share one set of threads.
pub(crate) fn in_pool<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or_else(default_jobs))
        .build()
    {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Renders every sound selected variant afresh into memory, with the index
/// pages for them (the preview, fuzzing and property tests: nothing is read
/// from or written to an output folder). The same path as a build's, with
/// no folder.
pub(crate) fn render_all(
    checked: &Checked,
    req: &Request,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Output> {
    let (mut outputs, templates) = render_variants(checked, req, None, &sink::Keep, diags);
    if let Some(t) = &templates {
        let pages = index::pages(t, &checked.model, &outputs, req.public, diags);
        outputs.extend(pages);
    }
    outputs
}

/// Each of `variants` rendered afresh into memory in `formats` through a
/// build's path, with its own problems, in the order given; the second
/// value holds the problems of the whole render (templates that do not
/// compile). The preview re-renders only the variants an edit touched.
pub(crate) fn render_each(
    model: &Model,
    variants: &[(&Trust, &PaperSource)],
    formats: &[Format],
) -> (Vec<Rendered>, Vec<Diagnostic>) {
    let req = Request {
        formats: formats.to_vec(),
        ..Request::default()
    };
    let mut diags = Vec::new();
    let kit = kit(model, &req, (None, &sink::Keep), &mut diags);
    let each = variants
        .par_iter()
        .with_max_len(1)
        .map(|(t, p)| variant(&kit, model, t, p, formats))
        .collect();
    (each, diags)
}

/// Renders every sound selected variant, handing each output to `sink` as
/// soon as it is finished; with a `folder`, reuses what its cache shows
/// intact there. Problems go into `diags`. Returns the outputs (no index
/// pages) and the templates, when they compiled, for the index pages.
///
/// Work starts in the order [`order`] gives; results keep the selection's
/// order.
pub(crate) fn render_variants(
    checked: &Checked,
    req: &Request,
    folder: Option<Folder>,
    sink: &dyn Sink,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Output>, Option<Arc<html::Templates>>) {
    let model = &checked.model;
    let mut kit = kit(model, req, (folder, sink), diags);
    let variants: Vec<_> = select(model, req)
        .into_iter()
        .filter(|(t, p)| checked.sound(&t.id, &p.id))
        .collect();
    let packs = super::pack::jobs(checked, req);
    let uses = variants.iter().copied();
    let uses = uses.chain(
        packs
            .iter()
            .flat_map(|j| j.papers().map(|p| (j.trust(), p))),
    );
    kit.shared = Shared::new(uses.map(|(t, p)| (t.id.as_str(), p.id.as_str())));
    let order = order(model, &variants, &packs);
    let bar = progress::bar(req.progress, variants.len() + packs.len());
    let mut done: Vec<(usize, Rendered)> = order
        .par_iter()
        .with_max_len(1)
        .map(|&i| {
            let result = match i.checked_sub(packs.len()) {
                Some(v) => {
                    let (t, p) = variants[v];
                    let out = variant(&kit, model, t, p, &req.formats);
                    kit.shared.release(&t.id, &p.id);
                    out
                }
                None => {
                    let job = &packs[i];
                    let (out, ds) = super::pack::build(&kit, model, job);
                    for p in job.papers() {
                        kit.shared.release(&job.trust().id, &p.id);
                    }
                    (out.into_iter().collect(), ds)
                }
            };
            bar.inc(1);
            (i, result)
        })
        .collect();
    if let Some(t) = &kit.timings {
        let (papers, passes) = kit.shared.layouts();
        t.count_layouts(papers, passes);
    }
    bar.finish_and_clear();
    // The variants in selection order, then the packs in trust order.
    done.sort_by_key(|(i, _)| (*i < packs.len(), *i));
    let mut outputs = Vec::new();
    for (_, (outs, ds)) in done {
        outputs.extend(outs);
        diags.extend(ds);
    }
    (outputs, kit.templates)
}

/// The order to start the work in (indexes: the packs, then the
/// variants): trust by trust, so a trust's papers are laid out, shared by
/// its packs and dropped before the next trust's (memory holds a few
/// trusts' papers, not the project's); within a trust, its packs first
/// (each holds many papers), then its variants longest paper first, so
/// the last to finish is a short one and no thread idles long at the end.
fn order(
    model: &Model,
    variants: &[(&Trust, &PaperSource)],
    packs: &[super::pack::Job],
) -> Vec<usize> {
    let rank: HashMap<&str, usize> = model
        .trusts
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let rank = |t: &Trust| rank.get(t.id.as_str()).copied().unwrap_or(usize::MAX);
    let mut order: Vec<(usize, usize, usize)> = packs
        .iter()
        .enumerate()
        .map(|(j, p)| (rank(p.trust()), p.weight().saturating_mul(2), j))
        .chain(
            variants
                .iter()
                .enumerate()
                .map(|(i, (t, p))| (rank(t), p.source.text.len(), packs.len() + i)),
        )
        .collect();
    order.sort_by_key(|&(trust, weight, i)| (trust, std::cmp::Reverse(weight), i));
    order.into_iter().map(|(_, _, i)| i).collect()
}

/// Compiles the templates and parses the fonts (side by side: each is a
/// few milliseconds).
fn kit<'c>(
    model: &Model,
    req: &Request,
    (folder, sink): (Option<Folder<'c>>, &'c dyn Sink),
    diags: &mut Vec<Diagnostic>,
) -> Kit<'c> {
    let parse_fonts = req.formats.contains(&Format::Pdf);
    let (templates, (fonts, font_key)) =
        rayon::join(|| templates(&model.templates), || fonts(model, parse_fonts));
    let templates = match templates {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(e.diagnostic());
            None
        }
    };
    let epoch = req.env.source_date_epoch;
    Kit {
        templates,
        fonts,
        options: pdf::PdfOptions {
            creation_epoch: epoch,
            untagged: false,
        },
        html_key: cache::templates_key(&model.templates),
        pdf_key: format!("{font_key}|{}", epoch.map_or("-".into(), |e| e.to_string())),
        project_key: cache::project_key(model),
        paper_keys: model
            .papers
            .iter()
            .map(|p| (p.id.clone(), cache::paper_key(p)))
            .collect(),
        folder,
        sink,
        timings: req.timings.clone(),
        shared: Shared::default(),
    }
}

/// One variant's outputs and diagnostics.
pub(crate) type Rendered = (Vec<Output>, Vec<Diagnostic>);

/// One output of a variant before it is rendered: where it goes, and the
/// hash of its inputs.
type Slot = (Output, String);

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
    let slots = slots(kit, trust, paper, formats);
    if let Some(reused) = reuse_unresolved(kit, model, &slots) {
        return reused;
    }
    let key = (trust.id.as_str(), paper.id.as_str());
    let shared = kit.shared.variant(key, || {
        kit.time(Stage::Resolve, || resolve::variant(model, paper, trust))
    });
    let mut diags = shared.resolved.diags.clone();
    let (Some(doc), Some(fingerprint)) = (&shared.resolved.doc, &shared.print) else {
        return (Vec::new(), diags);
    };
    let one = |slot: Slot| format_output(kit, key, doc, fingerprint, &diags, slot);
    let rendered = match <[Slot; 2]>::try_from(slots) {
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

/// Per format: the output (where it goes) and the hash of its inputs.
fn slots(kit: &Kit, trust: &Trust, paper: &PaperSource, formats: &[Format]) -> Vec<Slot> {
    let paper_key = kit.paper_keys.get(&paper.id).map_or("", String::as_str);
    formats
        .iter()
        .map(|&format| {
            let output = Output {
                trust: trust.id.clone(),
                paper: paper.id.clone(),
                format,
                content: Content::Unchanged(cache::Entry::default()),
            };
            let shared = kit.shared(format);
            let inputs =
                cache::inputs(&kit.project_key, paper_key, &trust.id, format.ext(), shared);
            (output, inputs)
        })
        .collect()
}

/// Every output of the variant from the cache, when all of them were made
/// from these same inputs and are intact (the variant is not resolved).
fn reuse_unresolved(kit: &Kit, model: &Model, slots: &[Slot]) -> Option<Rendered> {
    let folder = kit.folder?;
    let entries: Vec<cache::Entry> = slots
        .iter()
        .map(|(o, inputs)| {
            folder
                .cache
                .unchanged(model, folder.out, &o.rel_string(), inputs)
        })
        .collect::<Option<_>>()?;
    let mut diags = Vec::new();
    let mut outputs = Vec::new();
    for ((output, _), e) in slots.iter().zip(entries) {
        diags.extend(e.notes.iter().chain(&e.render_notes).cloned());
        outputs.push(kit.finished(Output {
            trust: output.trust.clone(),
            paper: output.paper.clone(),
            format: output.format,
            content: Content::Unchanged(e),
        }));
    }
    Some((outputs, diags))
}

/// One format of a resolved variant: reused when the cache has it for this
/// same document, else rendered; handed to the sink either way. Returns
/// the output, if any, and the warnings of rendering it.
fn format_output(
    kit: &Kit,
    key: (&str, &str),
    doc: &Document,
    fingerprint: &cache::Fingerprint,
    notes: &[Diagnostic],
    (output, inputs): Slot,
) -> (Option<Output>, Vec<Diagnostic>) {
    let format = output.format;
    let entry = cache::Entry {
        key: cache::key(&fingerprint.hash, format.ext(), kit.shared(format)),
        inputs,
        images: fingerprint.images.clone(),
        notes: notes.to_vec(),
        ..cache::Entry::default()
    };
    let rel = output.rel_string();
    if let Some(old) = kit
        .folder
        .and_then(|f| f.cache.fresh(f.out, &rel, &entry.key))
    {
        let render_notes = old.render_notes.clone();
        let reused = cache::Entry {
            bytes: old.bytes,
            sha256: old.sha256,
            render_notes: old.render_notes,
            ..entry
        };
        let content = Content::Unchanged(reused);
        return (
            Some(kit.finished(Output { content, ..output })),
            render_notes,
        );
    }
    let mut render_notes = Vec::new();
    let Some(bytes) = render_one(kit, key, doc, format, &mut render_notes) else {
        return (None, render_notes);
    };
    let entry = cache::Entry {
        render_notes: render_notes.clone(),
        ..entry
    };
    let content = Content::Fresh {
        bytes,
        entry: Some(entry),
    };
    (
        Some(kit.finished(Output { content, ..output })),
        render_notes,
    )
}

/// One format of variant `key` (trust, paper) rendered; a PDF from the
/// paper as laid out once for the build (see [`Shared`]).
fn render_one(
    kit: &Kit,
    key: (&str, &str),
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
                    diags.push(e.diagnostic());
                    None
                }
            }
        }
        Format::Pdf => {
            let fonts = kit.fonts.as_deref()?;
            let laid = kit
                .shared
                .laid(key, || kit.time(Stage::Layout, || pdf::lay_out(doc, fonts)));
            if laid.pages() > MAX_PAGES {
                diags.push(too_many_pages(doc, laid.pages()));
                return None;
            }
            let r = kit.time(Stage::PdfWrite, || {
                pdf::write_out(&laid, doc, fonts, &kit.options)
            });
            diags.extend(missing_glyphs(&r.missing));
            Some(r.bytes)
        }
    }
}

/// The project's templates compiled: the built-in ones (no overrides) once
/// per process, since the preview and the fuzzers render many times.
fn templates(overrides: &[(String, String)]) -> Result<Arc<html::Templates>, html::TemplateError> {
    static BUILTIN: OnceLock<Option<Arc<html::Templates>>> = OnceLock::new();
    if overrides.is_empty() {
        let builtin = BUILTIN.get_or_init(|| html::Templates::new(&[]).ok().map(Arc::new));
        if let Some(t) = builtin {
            return Ok(Arc::clone(t));
        }
    }
    html::Templates::new(overrides).map(Arc::new)
}

/// The fonts for every PDF (the project's own, read and checked by
/// `check`, when `style.fonts` names them; parsed only when `parse`), and a
/// key that changes when they do. A font `check` refused was reported
/// there, and the built-in fonts are used.
fn fonts(model: &Model, parse: bool) -> (Option<Arc<pdf::Fonts>>, String) {
    let builtin = || (parse.then(pdf::Fonts::shared_builtin), "builtin".to_owned());
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
        Ok(fonts) => (Some(Arc::new(fonts)), key),
        // `check` parsed each face the same way, so this does not happen.
        Err(_) => builtin(),
    }
}

/// One warning per character and source line the font cannot show (a
/// line of 300,000 such characters records each, but makes one warning per
/// distinct character, not 300,000 to be sorted and deduplicated later).
/// The error for a document of `pages` pages, over [`MAX_PAGES`]: at its
/// body's first block (its paper's file).
fn too_many_pages(doc: &Document, pages: usize) -> Diagnostic {
    let origin = doc
        .body
        .first()
        .or_else(|| doc.appendices.iter().find_map(|a| a.blocks.first()))
        .map(|b| b.origin.clone())
        .unwrap_or_default();
    Diagnostic::error(
        Code::TooLarge,
        origin.file,
        Pos::new(origin.line.max(1), 1),
        format!(
            "the PDF of `{}` for {} would have {pages} pages: a document may have at most {MAX_PAGES}",
            doc.meta.paper_id, doc.meta.trust_short
        ),
    )
    .with_hint(Some("shorten the paper, or split it into several".into()))
}

fn missing_glyphs(missing: &[pdf::MissingGlyph]) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    missing
        .iter()
        .filter(|m| seen.insert((m.ch, &m.origin.file, m.origin.line)))
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

/// The most worker threads a build uses (`--jobs`): more gains nothing on
/// any machine this runs on and costs a stack (and memory) each.
pub(crate) const MAX_JOBS: u16 = 64;

/// All cores, at most [`MAX_JOBS`].
fn default_jobs() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(usize::from(MAX_JOBS))
}

//! The build: choose the variants, resolve and render each, write them
//! atomically into the output folder with the index pages and the manifest.
//! Rendering never touches the disk; only [`write`] does.

mod index;
pub(crate) mod manifest;
pub(crate) mod write;

use std::path::{Path, PathBuf};

use crate::check::{Checked, Model, Trust};
use crate::cli::Format;
use crate::diag::{Code, Diagnostic, Severity};
use crate::project::PaperSource;
use crate::source::Pos;
use crate::{html, pdf, resolve};

/// What to build.
pub(crate) struct Request {
    pub(crate) trusts: Vec<String>,
    pub(crate) papers: Vec<String>,
    pub(crate) formats: Vec<Format>,
    pub(crate) out: PathBuf,
    /// Leave confidential papers out entirely.
    pub(crate) public: bool,
}

/// One file produced by rendering, not yet written.
pub(crate) struct Output {
    pub(crate) trust: String,
    pub(crate) paper: String,
    pub(crate) format: Format,
    pub(crate) bytes: Vec<u8>,
}

impl Output {
    fn rel(&self) -> PathBuf {
        Path::new(&self.trust).join(format!("{}.{}", self.paper, self.format.ext()))
    }
}

/// The variants a request selects: (trust, paper) in trust then paper order.
pub(crate) fn select<'m>(model: &'m Model, req: &Request) -> Vec<(&'m Trust, &'m PaperSource)> {
    let mut out = Vec::new();
    for trust in &model.trusts {
        if !req.trusts.is_empty() && !req.trusts.contains(&trust.id) {
            continue;
        }
        for paper in &model.papers {
            let wanted = req.papers.is_empty() || req.papers.contains(&paper.id);
            let private = req.public
                && resolve::merge::merged(&paper.front, &trust.id).confidential == Some(true);
            if wanted && !private && model.recipients(paper).iter().any(|t| t.id == trust.id) {
                out.push((trust, paper));
            }
        }
    }
    out
}

/// Renders every sound selected variant; problems go into `diags`.
pub(crate) fn render_all(
    checked: &Checked,
    req: &Request,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Output> {
    let model = &checked.model;
    let templates = match html::Templates::new(&model.templates) {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::TemplateOverride,
                Path::new("templates").join(&e.file),
                Pos::new(1, 1),
                e.message,
            ));
            None
        }
    };
    let fonts = fonts(model, diags);
    let mut outputs = Vec::new();
    for (trust, paper) in select(model, req) {
        if !checked.sound(&trust.id, &paper.id) {
            continue;
        }
        let resolved = resolve::variant(model, paper, trust);
        diags.extend(resolved.diags);
        let Some(doc) = resolved.doc else { continue };
        for &format in &req.formats {
            let bytes = match format {
                Format::Html => match &templates {
                    Some(t) => match html::render_paper(t, &doc) {
                        Ok(s) => s.into_bytes(),
                        Err(e) => {
                            diags.push(Diagnostic::error(
                                Code::TemplateOverride,
                                Path::new("templates").join(&e.file),
                                Pos::new(1, 1),
                                e.message,
                            ));
                            continue;
                        }
                    },
                    None => continue,
                },
                Format::Pdf => {
                    let r = pdf::render(&doc, &fonts, &pdf_options());
                    diags.extend(missing_glyphs(&r.missing));
                    r.bytes
                }
            };
            outputs.push(Output {
                trust: trust.id.clone(),
                paper: paper.id.clone(),
                format,
                bytes,
            });
        }
    }
    if let Some(t) = &templates {
        outputs.extend(index::pages(t, model, &outputs, diags));
    }
    outputs
}

fn pdf_options() -> pdf::PdfOptions {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    pdf::PdfOptions {
        creation_epoch: epoch,
    }
}

/// The fonts for every PDF: the project's own when `style.fonts` names them.
fn fonts(model: &Model, diags: &mut Vec<Diagnostic>) -> pdf::Fonts {
    let Some(paths) = &model.fonts else {
        return pdf::Fonts::builtin();
    };
    let read = |p: &PathBuf| {
        std::fs::read(model.root.join(p)).map_err(|e| format!("{}: {e}", p.display()))
    };
    let loaded = (|| {
        let [r, b, i, bi] = [
            read(&paths[0])?,
            read(&paths[1])?,
            read(&paths[2])?,
            read(&paths[3])?,
        ];
        pdf::Fonts::from_files(&r, &b, &i, &bi)
    })();
    loaded.unwrap_or_else(|e| {
        diags.push(Diagnostic::error(
            Code::Io,
            "boardpaper.yaml",
            Pos::new(1, 1),
            format!("cannot use the fonts in `style.fonts`: {e}"),
        ));
        pdf::Fonts::builtin()
    })
}

/// One warning per character and source line the font cannot show.
fn missing_glyphs(missing: &[pdf::MissingGlyph]) -> Vec<Diagnostic> {
    missing
        .iter()
        .map(|m| Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(
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

/// Writes every output and the manifest; returns how many files were written.
pub(crate) fn write_all(out: &Path, outputs: &[Output]) -> Result<usize, String> {
    let out = write::prepare(out)?;
    let mut entries = Vec::new();
    for o in outputs {
        let rel = o.rel();
        write::write_atomic(&out, &rel, &o.bytes)?;
        if o.paper != index::INDEX {
            entries.push(manifest::Entry {
                trust: o.trust.clone(),
                paper: o.paper.clone(),
                format: o.format.ext().into(),
                path: rel.to_string_lossy().replace('\\', "/"),
                bytes: o.bytes.len(),
                sha256: manifest::sha256_hex(&o.bytes),
            });
        }
    }
    write::write_atomic(&out, Path::new("manifest.json"), &manifest::render(entries))?;
    Ok(outputs.len() + 1)
}

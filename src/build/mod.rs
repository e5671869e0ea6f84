//! The build: choose the variants, resolve and render each (in parallel,
//! skipping outputs the cache shows unchanged), then write them atomically
//! into the output folder with the index pages and the manifest.
//! Rendering never touches the disk except to read images; only [`write`] writes.

pub(crate) mod cache;
pub(crate) mod index;
pub(crate) mod manifest;
pub(crate) mod memory;
pub(crate) mod progress;
mod render;
pub(crate) mod timings;
pub(crate) mod write;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::{Model, Trust};
use crate::cli::Format;
use crate::project::PaperSource;
use crate::resolve;

pub(crate) use render::{in_pool, render_all};

/// What to build.
#[derive(Default)]
pub(crate) struct Request {
    pub(crate) trusts: Vec<String>,
    pub(crate) papers: Vec<String>,
    pub(crate) formats: Vec<Format>,
    pub(crate) out: PathBuf,
    /// Leave confidential papers out entirely.
    pub(crate) public: bool,
    /// Worker threads (`None`: all cores).
    pub(crate) jobs: Option<usize>,
    /// Per-stage time totals, when asked for (`--timings`).
    pub(crate) timings: Option<std::sync::Arc<timings::Timings>>,
    /// Show a progress bar (the caller decides: a terminal, no CI, no --quiet).
    pub(crate) progress: bool,
}

/// One output of a build.
pub(crate) struct Output {
    pub(crate) trust: String,
    pub(crate) paper: String,
    pub(crate) format: Format,
    pub(crate) content: Content,
}

pub(crate) enum Content {
    /// Newly rendered bytes, to be written, and what the cache is to
    /// remember of them (size and hash are filled in when written; `None`
    /// for outputs that are always rendered, like index pages).
    Fresh {
        bytes: Vec<u8>,
        entry: Option<cache::Entry>,
    },
    /// Already in the output folder, unchanged since the last build.
    Unchanged(cache::Entry),
}

impl Output {
    pub(crate) fn rel(&self) -> PathBuf {
        Path::new(&self.trust).join(format!("{}.{}", self.paper, self.format.ext()))
    }

    fn rel_string(&self) -> String {
        self.rel().to_string_lossy().replace('\\', "/")
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

/// Counts of a finished write.
pub(crate) struct Written {
    pub(crate) rendered: usize,
    pub(crate) unchanged: usize,
}

/// Writes every fresh output (in parallel), then the manifest and the cache.
pub(crate) fn write_all(out: &Path, outputs: &[Output]) -> Result<Written, String> {
    let out = write::prepare(out)?;
    let files: Vec<Result<cache::Entry, String>> = outputs
        .par_iter()
        .map(|o| match &o.content {
            Content::Fresh { bytes, entry } => {
                write::write_atomic(&out, &o.rel(), bytes)?;
                Ok(cache::Entry {
                    bytes: bytes.len(),
                    sha256: manifest::sha256_hex(bytes),
                    ..entry.clone().unwrap_or_default()
                })
            }
            Content::Unchanged(entry) => Ok(entry.clone()),
        })
        .collect();
    let mut entries = Vec::new();
    let mut cache = cache::Cache::load(&out);
    let mut counts = Written {
        rendered: 0,
        unchanged: 0,
    };
    for (o, file) in outputs.iter().zip(files) {
        let (rel, entry) = (o.rel_string(), file?);
        if !entry.key.is_empty() {
            cache.record(rel.clone(), entry.clone());
        }
        if o.paper != index::INDEX {
            match o.content {
                Content::Fresh { .. } => counts.rendered += 1,
                Content::Unchanged(_) => counts.unchanged += 1,
            }
            entries.push(manifest::Entry {
                trust: o.trust.clone(),
                paper: o.paper.clone(),
                format: o.format.ext().into(),
                path: rel,
                bytes: entry.bytes,
                sha256: entry.sha256,
            });
        }
    }
    write::write_atomic(&out, Path::new("manifest.json"), &manifest::render(entries))?;
    write::write_atomic(&out, Path::new(cache::FILE), &cache.serialize())?;
    Ok(counts)
}

//! The assemble stage, what `boardpaper build` does (the folder it writes
//! is still `build/`): choose the variants, resolve and render each (in parallel,
//! with each trust's board packs, [`pack`]; skipping outputs the cache
//! shows unchanged; each variant resolved and laid out once for its own
//! outputs and its packs, [`shared`]) and write each atomically
//! into the output folder as soon as it is rendered, so memory does not
//! grow with the number of outputs; then write the index pages and the
//! manifest, remove the stale outputs of earlier builds ([`stale`]), save
//! the state outside the folder ([`state`]) and, for `--public`, check the
//! folder ([`public`]). The index pages and manifest always describe every
//! current output in the folder, including those a filtered build kept
//! from earlier builds. Rendering reads nothing from the disk (images come
//! from the image store in the model) and writes nothing: the render pool
//! hands each finished output to a [`sink`], and the build's sink writes it
//! through [`write`], the one place that writes; only [`stale`] removes.
//! What the build takes from the environment arrives as data in the
//! [`Request`] ([`Env`]). Loading a project is `crate::load`'s.

pub(crate) mod cache;
pub(crate) mod drafts;
pub(crate) mod in_memory;
mod kit;
pub(crate) mod lock;
pub(crate) mod manifest;
pub(crate) mod pack;
pub(crate) mod progress;
mod public;
mod render;
pub(crate) mod shards;
mod shared;
pub(crate) mod sink;
mod stale;
pub(crate) mod state;
pub(crate) mod write;

#[cfg(test)]
mod written_tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::{Checked, Model, Trust};
use crate::diag::Diagnostic;
use crate::failure::{Failure, Failures};
use crate::html;
use crate::project::Format;
use crate::project::PaperSource;
use pack::index;

pub(crate) use render::{in_pool, render_all, render_each, MAX_JOBS};

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
    pub(crate) timings: Option<std::sync::Arc<crate::timings::Timings>>,
    /// Show a progress bar (the caller decides: a terminal, no CI, no --quiet).
    pub(crate) progress: bool,
    /// Build each selected trust's board packs (see [`pack`]).
    pub(crate) packs: bool,
    /// What the build takes from the environment, read once by the front
    /// door (`crate::commands`); nothing below it reads the environment.
    pub(crate) env: Env,
}

/// The environment's settings for a build, as data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Env {
    /// `SOURCE_DATE_EPOCH`: the PDFs' creation date (reproducible builds).
    pub(crate) source_date_epoch: Option<i64>,
    /// `BOARDPAPER_LOCK_WAIT`: how long to wait for another build to
    /// release the output folder ([`lock::WAIT`] when `None`).
    pub(crate) lock_wait: Option<std::time::Duration>,
}

/// One output of a build.
pub(crate) struct Output {
    pub(crate) trust: String,
    pub(crate) paper: String,
    pub(crate) format: Format,
    pub(crate) content: Content,
}

pub(crate) enum Content {
    /// Rendered bytes still to be written (index pages, a merge's shards,
    /// a render kept in memory), and what the cache is to remember of them
    /// (size and hash are filled in when written; `None` for outputs that
    /// are always rendered, like index pages).
    Fresh {
        bytes: Vec<u8>,
        entry: Option<cache::Entry>,
    },
    /// Rendered and written as soon as it was: only what the cache, the
    /// manifest and the index pages need is kept, never the bytes.
    Written(cache::Entry),
    /// Rendered, but it could not be written (reported once every other
    /// output is written).
    Unwritable(Failure),
    /// Already in the output folder, unchanged since the last build.
    Unchanged(cache::Entry),
}

impl Output {
    pub(crate) fn rel(&self) -> PathBuf {
        Path::new(&self.trust).join(format!("{}.{}", self.paper, self.format.ext()))
    }

    pub(crate) fn rel_string(&self) -> String {
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
                && crate::project::variant::merged(&paper.front, &trust.id).confidential
                    == Some(true);
            if wanted && !private && model.recipients(paper).iter().any(|t| t.id == trust.id) {
                out.push((trust, paper));
            }
        }
    }
    out
}

/// The project's own formats (`formats` in boardpaper.yaml).
pub(crate) fn project_formats(model: &Model) -> Vec<Format> {
    model.formats.clone()
}

/// What a build did.
pub(crate) struct Built {
    /// This build's outputs (not the index pages), in selection order.
    pub(crate) outputs: Vec<Output>,
    /// Outputs of earlier builds still current, listed but not rebuilt.
    pub(crate) kept: usize,
    pub(crate) rendered: usize,
    pub(crate) unchanged: usize,
    /// Stale outputs of earlier builds that were removed.
    pub(crate) removed: Vec<String>,
}

/// Where a build writes, and how.
pub(crate) struct Target<'a> {
    /// The output folder, resolved ([`write::prepare`]).
    pub(crate) out: PathBuf,
    /// The output folder as the user named it, for messages.
    pub(crate) shown: &'a Path,
    pub(crate) public: bool,
    pub(crate) timings: Option<&'a crate::timings::Timings>,
    /// How long to wait for another build's lock ([`lock::WAIT`] when `None`).
    pub(crate) lock_wait: Option<std::time::Duration>,
}

impl Target<'_> {
    /// Locks the output folder and its state for this build (see [`lock`]).
    pub(crate) fn lock(&self, root: &Path) -> Result<lock::Held, Failure> {
        let wait = self.lock_wait.unwrap_or(lock::WAIT);
        lock::acquire(
            &self.out,
            self.shown,
            &state::lock_file(root, &self.out),
            wait,
        )
    }
}

/// Builds what `req` asks for: renders it, keeps the still-current outputs
/// of earlier builds, and [`publish`]es the lot.
pub(crate) fn build(
    checked: &Checked,
    req: &Request,
    diags: &mut Vec<Diagnostic>,
) -> Result<Built, Failures> {
    let target = Target {
        out: write::prepare(&req.out)?,
        shown: &req.out,
        public: req.public,
        timings: req.timings.as_deref(),
        lock_wait: req.env.lock_wait,
    };
    let _lock = target.lock(&checked.model.root)?;
    let state = state::State::load_reporting(&checked.model.root, &target.out, diags);
    let folder = kit::Folder {
        cache: &state.cache,
        out: &target.out,
    };
    let sink = sink::WriteTo {
        out: &target.out,
        timings: target.timings,
    };
    let (outputs, templates) = render::render_variants(checked, req, Some(folder), &sink, diags);
    let kept = stale::still_current(checked, req, &state.written, &target.out, &outputs);
    publish(
        &checked.model,
        &target,
        state,
        (outputs, kept),
        templates.as_deref(),
        diags,
    )
}

/// Writes `now` (this build's outputs), the index pages and the manifest for
/// `now` and `kept` together, removes the stale outputs of earlier builds,
/// saves the state, and after a `--public` build checks that nothing in the
/// folder names a confidential paper (errors go into `diags`).
pub(crate) fn publish(
    model: &Model,
    target: &Target,
    mut state: state::State,
    (now, kept): (Vec<Output>, Vec<Output>),
    templates: Option<&html::Templates>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Built, Failures> {
    let out = &target.out;
    state::remove_legacy_cache(out);
    let built = now.len();
    let kept_count = kept.len();
    let mut all = now;
    all.extend(kept);
    if let Some(t) = templates {
        let pages = index::pages(t, model, &all, target.public, diags);
        all.extend(pages);
    }
    let mut write = || write_all(out, &all, &state.written, &mut state.cache);
    let written = match target.timings {
        Some(t) => t.time(crate::timings::Stage::Write, write),
        None => write(),
    }?;
    state.cache.retain(|rel| written.record.contains_key(rel));
    let before = std::mem::replace(&mut state.written, written.record);
    let removed = stale::remove(out, target.shown, &before, &state.written);
    diags.extend(removed.warnings);
    if let Err(e) = state.save(&model.root, out) {
        // The outputs are written; only the next build's reuse and clean-up
        // need the state (a read-only project folder, say).
        let note = format!("the build's state could not be saved ({e}): the next build renders everything again and cannot remove this build's outputs when they go stale");
        diags.push(Diagnostic::warning(
            crate::diag::Code::BuildState,
            state::DIR,
            crate::source::Pos::new(1, 1),
            note,
        ));
    }
    if target.public {
        diags.extend(public::verify(model, out, target.shown));
    }
    if !written.errors.is_empty() {
        return Err(Failures(written.errors));
    }
    all.truncate(built);
    Ok(Built {
        outputs: all,
        kept: kept_count,
        rendered: written.rendered,
        unchanged: written.unchanged.saturating_sub(kept_count),
        removed: removed.files,
    })
}

/// Writes `o` if its bytes are still in memory; what the record and the
/// manifest are to say of it.
fn write_one(out: &Path, o: &Output) -> Result<cache::Entry, Failure> {
    match &o.content {
        Content::Fresh { bytes, entry } => match sink::written(out, &o.rel(), bytes, entry.clone())
        {
            Content::Written(entry) => Ok(entry),
            Content::Unwritable(e) => Err(e),
            _ => unreachable!("sink::written either wrote or did not"),
        },
        Content::Written(entry) | Content::Unchanged(entry) => Ok(entry.clone()),
        Content::Unwritable(e) => Err(e.clone()),
    }
}

/// The earlier build's `rel`, while it still has the bytes it recorded
/// (kept in the record and manifest when this build could not replace it).
fn earlier(out: &Path, before: &BTreeMap<String, state::Wrote>, rel: &str) -> Option<cache::Entry> {
    let w = before.get(rel).filter(|w| w.intact(out, rel))?;
    Some(cache::Entry {
        bytes: w.bytes,
        sha256: w.sha256.clone(),
        ..cache::Entry::default()
    })
}

/// The error when the manifest could not be written: an earlier build's
/// manifest no longer describes a folder this build wrote into, so it is
/// removed (only if it is still the file that build wrote).
fn stale_manifest(
    out: &Path,
    before: &BTreeMap<String, state::Wrote>,
    wrote_any: bool,
    e: Failure,
) -> Failure {
    let ours = before
        .get(manifest::FILE)
        .is_some_and(|w| w.intact(out, manifest::FILE));
    if wrote_any && ours && std::fs::remove_file(out.join(manifest::FILE)).is_ok() {
        return e.then(
            "the earlier manifest.json was removed, as it no longer describes the folder: build again",
        );
    }
    e
}

/// What a finished write did.
struct Written {
    rendered: usize,
    unchanged: usize,
    /// Every file now in the folder from this build.
    record: BTreeMap<String, state::Wrote>,
    /// Outputs that could not be written (the others were).
    errors: Vec<Failure>,
}

/// Writes every output still in memory (in parallel) and the manifest;
/// records the rendered outputs in the cache. An output that could not be
/// written (a full disk) leaves the earlier build's file in place: while it
/// still has the bytes `before` records, it stays in the record and the
/// manifest, so the folder loses nothing and the manifest describes it.
fn write_all(
    out: &Path,
    outputs: &[Output],
    before: &BTreeMap<String, state::Wrote>,
    cache: &mut cache::Cache,
) -> Result<Written, Failure> {
    let files: Vec<Result<cache::Entry, Failure>> =
        outputs.par_iter().map(|o| write_one(out, o)).collect();
    let mut entries = Vec::new();
    let mut record = BTreeMap::new();
    let mut counts = (0, 0);
    let mut errors = Vec::new();
    for (o, file) in outputs.iter().zip(files) {
        let rel = o.rel_string();
        let entry = match file {
            Ok(entry) => {
                if !entry.key.is_empty() {
                    cache.record(rel.clone(), entry.clone());
                }
                entry
            }
            Err(e) => {
                errors.push(e);
                match earlier(out, before, &rel) {
                    Some(entry) => entry,
                    None => continue,
                }
            }
        };
        let wrote = state::Wrote {
            trust: o.trust.clone(),
            paper: o.paper.clone(),
            format: o.format.ext().into(),
            bytes: entry.bytes,
            sha256: entry.sha256.clone(),
        };
        record.insert(rel.clone(), wrote);
        if o.paper != index::INDEX {
            match o.content {
                Content::Unchanged(_) => counts.1 += 1,
                _ => counts.0 += 1,
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
    let bytes = manifest::render(entries);
    if let Err(e) = write::write_atomic(out, Path::new(manifest::FILE), &bytes) {
        return Err(stale_manifest(out, before, counts.0 > 0, e));
    }
    let wrote = state::Wrote {
        trust: String::new(),
        paper: "manifest".into(),
        format: "json".into(),
        bytes: bytes.len(),
        sha256: manifest::sha256_hex(&bytes),
    };
    record.insert(manifest::FILE.into(), wrote);
    // Every output that could be written was: now report the ones that
    // could not (a planted symlink, a folder at an output's path...).
    Ok(Written {
        rendered: counts.0,
        unchanged: counts.1,
        record,
        errors,
    })
}

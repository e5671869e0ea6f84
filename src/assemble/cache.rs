//! The incremental-build cache, kept with the rest of the build's state in
//! `.boardpaper/` at the project root (see [`super::state`]), never in the
//! output folder. An output whose file on disk still has the recorded hash is
//! reused at one of two levels:
//!
//! - **inputs**: a hash of the sources the variant is resolved from (the
//!   project's settings and trusts, the paper and its appendices), its
//!   format and what every output shares (templates, fonts, epoch), plus
//!   the bytes of the images it showed last time. When these are unchanged
//!   the variant is not even resolved: this is what keeps a no-op rebuild
//!   of a large cycle short.
//! - **key**: a hash of the resolved document, its images and the shared
//!   part. An edit that changes no output (a comment in a trust file, a
//!   passage for another trust) is caught here, after resolving, and the
//!   output is not re-rendered.
//!
//! Each entry keeps the warnings of resolving and rendering its output,
//! which are reported again when it is reused, so a cached build reports
//! what a fresh one does. The tool's identity is part of the cache: a
//! missing, stale or corrupt cache is ignored and everything is rebuilt.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::check::Model;
use crate::diag::Diagnostic;
use crate::document::Document;
use crate::project::images::ImageFile;
use crate::project::PaperSource;

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    version: String,
    /// Output path (relative to the output folder) → entry.
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) bytes: usize,
    pub(crate) sha256: String,
    /// See [`inputs`]; empty for outputs that have none (index pages).
    #[serde(default)]
    pub(crate) inputs: String,
    /// The images the output showed, with a hash of their bytes.
    #[serde(default)]
    pub(crate) images: Vec<ImageStamp>,
    /// Warnings of resolving the variant.
    #[serde(default)]
    pub(crate) notes: Vec<Diagnostic>,
    /// Warnings of rendering this output (characters no font has).
    #[serde(default)]
    pub(crate) render_notes: Vec<Diagnostic>,
}

/// An image file and a hash of its bytes when it was shown.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub(crate) struct ImageStamp {
    pub(crate) path: PathBuf,
    pub(crate) hash: String,
}

impl ImageStamp {
    /// The stamp of a checked image (the hash the image store took).
    fn of(path: &Path, file: &ImageFile) -> ImageStamp {
        ImageStamp {
            path: path.to_owned(),
            hash: format!("{:016x}", file.0.hash),
        }
    }

    /// Whether the image at the stamp's path, loaded through the build's
    /// store, still has these bytes (an image now refused never does).
    fn current(&self, model: &Model) -> bool {
        let url = self.path.to_string_lossy();
        let loaded = model.images.load(&model.root, &self.path, &url);
        loaded.is_ok_and(|f| ImageStamp::of(&self.path, &f) == *self)
    }
}

impl Cache {
    /// This cache if this build of the tool wrote it, else an empty one.
    pub(crate) fn current(self) -> Cache {
        if self.version == tool_identity() {
            self
        } else {
            Cache::default()
        }
    }

    /// Forgets every output but those `keep` accepts.
    pub(crate) fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.entries.retain(|rel, _| keep(rel));
    }

    /// The entry for `rel` if its key matches and the file is intact.
    pub(crate) fn fresh(&self, out: &Path, rel: &str, key: &str) -> Option<Entry> {
        let e = self.entries.get(rel).filter(|e| e.key == key)?;
        intact(out, rel, e).then(|| e.clone())
    }

    /// The entry for `rel` if it was made from these `inputs`, its images
    /// have not changed and the file is intact.
    pub(crate) fn unchanged(
        &self,
        model: &Model,
        out: &Path,
        rel: &str,
        inputs: &str,
    ) -> Option<Entry> {
        let e = self
            .entries
            .get(rel)
            .filter(|e| !e.inputs.is_empty() && e.inputs == inputs)?;
        let images_same = e.images.iter().all(|i| i.current(model));
        (images_same && intact(out, rel, e)).then(|| e.clone())
    }

    pub(crate) fn record(&mut self, rel: String, entry: Entry) {
        self.entries.insert(rel, entry);
    }

    /// Stamps the cache with this build of the tool, before it is saved.
    pub(crate) fn stamp(&mut self) {
        self.version = tool_identity().to_owned();
    }
}

/// The file `out/rel` still has the recorded size and hash.
fn intact(out: &Path, rel: &str, e: &Entry) -> bool {
    let read = crate::project::files::read(out, Path::new(rel), e.bytes as u64);
    read.map(|(b, _)| b)
        .is_ok_and(|b| b.len() == e.bytes && super::manifest::sha256_hex(&b) == e.sha256)
}

/// Which build of boardpaper wrote the cache: the version, and the size and
/// modification time of the running executable, so a rebuilt binary with new
/// rendering code never reuses outputs the old one made. (Hashing the whole
/// executable would cost more than a no-op build.)
fn tool_identity() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        let stamp = exe.map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            format!("{}:{}", m.len(), modified.map_or(0, |d| d.as_nanos()))
        });
        format!(
            "{}+{}",
            env!("CARGO_PKG_VERSION"),
            stamp.unwrap_or_default()
        )
    })
}

/// A [`Hasher`] that feeds SHA-256: the cache's keys are stable across
/// Rust releases and runs (std's `DefaultHasher` promises neither), and
/// values are fed through their derived `Hash` rather than formatted (in a
/// profile of the demo build, formatting a document's `Debug` form per
/// output was a seventh of all instructions).
#[derive(Default)]
pub(crate) struct StableHasher(Sha256);

impl Hasher for StableHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        let digest = self.0.clone().finalize();
        let mut first = [0; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first)
    }
}

impl StableHasher {
    /// The hash of `value`, as hex.
    pub(crate) fn hex_of(value: impl Hash) -> String {
        let mut h = StableHasher::default();
        value.hash(&mut h);
        h.hex()
    }

    /// The digest so far, as hex.
    pub(crate) fn hex(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A resolved document's fingerprint: computed once per variant and shared
/// by its formats.
pub(crate) struct Fingerprint {
    /// A hash of the document and the images it names.
    pub(crate) hash: String,
    /// The images' stamps.
    pub(crate) images: Vec<ImageStamp>,
}

/// The fingerprint of a resolved document and the images it names.
pub(crate) fn fingerprint(doc: &Document) -> Fingerprint {
    let mut h = StableHasher::default();
    doc.hash(&mut h);
    let images: Vec<ImageStamp> = doc
        .images()
        .into_iter()
        .filter_map(|(i, _)| Some(ImageStamp::of(&i.path, i.file.as_ref()?)))
        .collect();
    images.hash(&mut h);
    Fingerprint {
        hash: h.hex(),
        images,
    }
}

/// A hash of what a variant is resolved from: the project's settings and
/// trusts (`project`, see [`project_key`]), the paper's sources (`paper`,
/// see [`paper_key`]), the trust, the format and what every output of that
/// format shares.
pub(crate) fn inputs(
    project: &str,
    paper: &str,
    trust: &str,
    format: &str,
    shared: &str,
) -> String {
    StableHasher::hex_of((project, paper, trust, format, shared))
}

/// A hash of the template overrides (name and text of each).
pub(crate) fn templates_key(templates: &[(String, String)]) -> String {
    StableHasher::hex_of(templates)
}

/// A hash of a paper's sources, computed once per build and shared by every
/// trust's variant of it.
pub(crate) fn paper_key(paper: &PaperSource) -> String {
    let PaperSource {
        id,
        source,
        front: _,
        body_start,
        folder,
        appendices,
        front_broken: _,
    } = paper;
    let mut h = StableHasher::default();
    // The front matter is part of the source text.
    (id, &source.name, &source.text, body_start, folder).hash(&mut h);
    for a in appendices {
        (&a.source.name, &a.source.text, &a.title, a.body_start).hash(&mut h);
    }
    h.hex()
}

/// A hash of everything in the model but the papers. Every field is named,
/// so a field added to the model cannot be forgotten here.
pub(crate) fn project_key(model: &Model) -> String {
    let Model {
        root,
        alliance,
        alliance_full,
        cycle,
        confidential_label,
        objectives,
        status_colours,
        accent,
        notes,
        output,
        formats,
        trusts,
        unreadable_trusts,
        papers: _,
        templates,
        fonts,
        font_bytes: _,
        images: _,
        draft,
        drafts,
        business: _,
    } = model;
    let mut h = StableHasher::default();
    (
        root,
        alliance,
        alliance_full,
        cycle,
        objectives,
        status_colours,
    )
        .hash(&mut h);
    (accent, notes, output, formats, templates, fonts, trusts).hash(&mut h);
    (confidential_label, unreadable_trusts).hash(&mut h);
    // Whether the cycle is a draft changes every output; where the
    // setting is written does not.
    (draft.is_some(), drafts).hash(&mut h);
    h.hex()
}

/// The key of one output: the variant's fingerprint, its format, and what
/// every output shares (version, templates, fonts, SOURCE_DATE_EPOCH).
pub(crate) fn key(fingerprint: &str, format: &str, shared: &str) -> String {
    let mut h = Sha256::new();
    h.update(tool_identity());
    h.update([0]);
    h.update(format);
    h.update([0]);
    h.update(shared);
    h.update([0]);
    h.update(fingerprint);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

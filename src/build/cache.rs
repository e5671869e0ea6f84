//! The incremental-build cache, kept in the output folder as
//! `.boardpaper-cache.json`. Each output is keyed by a hash of everything it
//! depends on: the resolved document (which carries every source value the
//! variant uses), the bytes of its images, the template overrides, the fonts,
//! the tool's version and SOURCE_DATE_EPOCH. An output whose key is unchanged
//! and whose file on disk still has the recorded hash is not re-rendered.
//! A missing, stale or corrupt cache is ignored: everything is rebuilt.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::doc::{Block, BlockKind, Document};

pub(crate) const FILE: &str = ".boardpaper-cache.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    version: String,
    /// Output path (relative to the output folder) → entry.
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) bytes: usize,
    pub(crate) sha256: String,
}

impl Cache {
    /// Reads the cache of `out`; anything unreadable gives an empty cache.
    pub(crate) fn load(out: &Path) -> Cache {
        std::fs::read(out.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<Cache>(&b).ok())
            .filter(|c| c.version == tool_identity())
            .unwrap_or_default()
    }

    /// The entry for `rel` if its key matches and the file is intact.
    pub(crate) fn fresh(&self, out: &Path, rel: &str, key: &str) -> Option<Entry> {
        let e = self.entries.get(rel).filter(|e| e.key == key)?;
        let bytes = std::fs::read(out.join(rel)).ok()?;
        (bytes.len() == e.bytes && super::manifest::sha256_hex(&bytes) == e.sha256)
            .then(|| e.clone())
    }

    pub(crate) fn record(&mut self, rel: String, entry: Entry) {
        self.entries.insert(rel, entry);
    }

    pub(crate) fn serialize(&mut self) -> Vec<u8> {
        self.version = tool_identity().to_owned();
        serde_json::to_vec(self).unwrap_or_default()
    }
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

/// A fingerprint of a resolved document and the images it names, computed
/// once per variant and shared by its formats.
///
/// The document is hashed with its derived `Hash` into SipHash (std's
/// `DefaultHasher` with its fixed keys): in a profile of the demo build,
/// formatting its `Debug` form and feeding that to SHA-256 per output was a
/// seventh of all instructions. A fingerprint that changes between Rust
/// releases only costs one full rebuild (the binary's identity is part of
/// every key anyway).
pub(crate) fn fingerprint(doc: &Document) -> String {
    let mut h = DefaultHasher::new();
    doc.hash(&mut h);
    for path in images(doc) {
        h.write(&std::fs::read(path).unwrap_or_default());
    }
    format!("{:016x}", h.finish())
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

fn images(doc: &Document) -> Vec<&Path> {
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Path>) {
        for b in blocks {
            match &b.kind {
                BlockKind::Image(i) => out.push(&i.path),
                BlockKind::Quote(inner) => walk(inner, out),
                BlockKind::List(l) => l.items.iter().for_each(|i| walk(i, out)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, &mut out);
    doc.appendices
        .iter()
        .for_each(|a| walk(&a.blocks, &mut out));
    doc.footnotes.iter().for_each(|f| walk(&f.blocks, &mut out));
    out
}

//! `manifest.json`: what was built, with sizes and sha256.

use serde::{Deserialize, Serialize};

/// The manifest's name in the output folder.
pub(crate) const FILE: &str = "manifest.json";
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) trust: String,
    pub(crate) paper: String,
    pub(crate) format: String,
    pub(crate) path: String,
    pub(crate) bytes: usize,
    pub(crate) sha256: String,
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A manifest as read back (by `merge`).
#[derive(Debug, Deserialize)]
pub(crate) struct Manifest {
    pub(crate) files: Vec<Entry>,
}

/// One entry as written: the fields in name order, as the manifest has
/// always had them. Serialised straight from the entries, with no JSON
/// value tree in between (for 6,000 outputs that tree was megabytes).
#[derive(Serialize)]
struct Written<'a> {
    bytes: usize,
    format: &'a str,
    paper: &'a str,
    path: &'a str,
    sha256: &'a str,
    trust: &'a str,
}

#[derive(Serialize)]
struct Files<'a> {
    files: Vec<Written<'a>>,
}

/// The manifest's bytes, entries sorted by path.
pub(crate) fn render(mut entries: Vec<Entry>) -> Vec<u8> {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let files = entries
        .iter()
        .map(|e| Written {
            bytes: e.bytes,
            format: &e.format,
            paper: &e.paper,
            path: &e.path,
            sha256: &e.sha256,
            trust: &e.trust,
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&Files { files }).unwrap_or_default();
    out.push(b'\n');
    out
}

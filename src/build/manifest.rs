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

/// The manifest's bytes, entries sorted by path.
pub(crate) fn render(mut entries: Vec<Entry>) -> Vec<u8> {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out =
        serde_json::to_vec_pretty(&serde_json::json!({ "files": entries })).unwrap_or_default();
    out.push(b'\n');
    out
}

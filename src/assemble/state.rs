//! The build's own state, kept out of the output folder so the folder can be
//! uploaded as it is: `.boardpaper/` at the project root holds one file per
//! output folder (named by a hash of the folder's resolved path) with the
//! incremental cache and the record of every file the tool wrote there and
//! left in place. The record is what lets a build remove its own stale
//! outputs without ever touching a file it did not write.
//!
//! The record is signed: an HMAC-SHA256 over the output folder's resolved
//! path and the record, keyed by a random secret in `.boardpaper/key`
//! (created 0600, ignored by git like the rest of the folder). A record
//! whose signature is missing or wrong (edited by hand, copied from another
//! project or folder, committed and checked out elsewhere) is dropped with
//! a warning, so no stale output is removed on its word.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod key;

use super::cache::Cache;
use super::manifest::sha256_hex;
use super::write;
use crate::diag::{Code, Diagnostic};
use crate::failure::{Failure, Op, Why};
use crate::project::files::Refusal;
use crate::source::Pos;

/// The state folder, at the project root.
pub(crate) const DIR: &str = ".boardpaper";

/// Largest state file read (a cycle of a thousand outputs writes about 1 MB).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Where versions before 0.2 kept the cache: inside the output folder.
pub(crate) const LEGACY_CACHE: &str = ".boardpaper-cache.json";

/// What the tool knows of one output folder.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct State {
    /// The output folder this state describes (for a person reading it).
    #[serde(default)]
    out: PathBuf,
    #[serde(default)]
    pub(crate) cache: Cache,
    /// Every file the tool wrote into the output folder and left there, by
    /// path relative to the folder.
    #[serde(default)]
    pub(crate) written: BTreeMap<String, Wrote>,
    /// The HMAC of `out` and `written` (hex), see the module doc.
    #[serde(default)]
    mac: String,
}

/// One file the tool wrote: what it is and the bytes it had.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Wrote {
    /// The trust ("" for files of the whole cycle).
    pub(crate) trust: String,
    /// The paper, `index` for index pages, `manifest` for the manifest.
    pub(crate) paper: String,
    /// `pdf`, `html` or `json`.
    pub(crate) format: String,
    pub(crate) bytes: usize,
    pub(crate) sha256: String,
}

impl Wrote {
    /// `out/rel` is still a regular file (not a symlink) with these bytes.
    pub(crate) fn intact(&self, out: &Path, rel: &str) -> bool {
        crate::project::files::read(out, Path::new(rel), self.bytes as u64)
            .is_ok_and(|(b, _)| b.len() == self.bytes && sha256_hex(&b) == self.sha256)
    }
}

impl State {
    /// The state of the output folder `out` (resolved), read through the
    /// one door (a regular file inside the project, at most [`MAX_BYTES`]).
    /// Anything missing gives an empty state quietly; a state file that is
    /// refused (a FIFO, a device, a symlink leading out, oversize) or is not
    /// JSON gives an empty state and the reason, for a warning. A cache
    /// another build of the tool wrote is dropped (the record is kept).
    pub(crate) fn load(root: &Path, out: &Path) -> (State, Option<String>) {
        let rel = file(root, out);
        let rel = rel.strip_prefix(root).unwrap_or(&rel);
        let (state, why) = match crate::project::files::read(root, rel, MAX_BYTES) {
            Ok((bytes, _)) => match serde_json::from_slice::<State>(&bytes) {
                Ok(state) => (state, None),
                Err(e) => (
                    State::default(),
                    Some(format!("the build state is not valid JSON ({e})")),
                ),
            },
            Err(Refusal::Unreadable(_)) if std::fs::symlink_metadata(root.join(rel)).is_err() => {
                (State::default(), None)
            }
            Err(r) => (State::default(), Some(r.describe("the build state"))),
        };
        let (written, why) = match why {
            None if !state.written.is_empty() => match signed(root, out, &state) {
                Ok(()) => (state.written, None),
                Err(e) => (BTreeMap::new(), Some(e)),
            },
            _ => (state.written, why),
        };
        let state = State {
            out: out.to_owned(),
            cache: state.cache.current(),
            written,
            mac: String::new(),
        };
        (state, why)
    }

    /// [`State::load`], with a warning in `diags` when the state file was
    /// there but had to be ignored.
    pub(crate) fn load_reporting(root: &Path, out: &Path, diags: &mut Vec<Diagnostic>) -> State {
        let (state, ignored) = State::load(root, out);
        if let Some(why) = ignored {
            let path = file(root, out);
            let shown = path
                .strip_prefix(root)
                .map(Path::to_path_buf)
                .unwrap_or(path);
            let hint = if why.contains("no stale output is removed") {
                "stale outputs of earlier builds stay (delete any you do not want); this build signs a new record"
            } else {
                "everything is rebuilt; delete the file to silence this"
            };
            diags.push(
                Diagnostic::warning(Code::BuildState, shown, Pos::new(1, 1), why)
                    .with_hint(Some(hint.into())),
            );
        }
        state
    }

    /// Saves the state atomically, creating `.boardpaper/` (with a
    /// `.gitignore` that ignores all of it) when needed.
    pub(crate) fn save(&mut self, root: &Path, out: &Path) -> Result<(), Failure> {
        let dir = write::prepare(&root.join(DIR))?;
        write::write_atomic(&dir, Path::new(".gitignore"), b"*\n")?;
        let key = key::load_or_create(&dir)?;
        self.mac = key::sign(&key, out, &self.written);
        self.cache.stamp();
        let name = file(root, out);
        let bytes = serde_json::to_vec(self).map_err(|e| {
            let why = Why::Malformed(format!("cannot be encoded: {e}"));
            Failure::new(Op::Write, &name, why)
        })?;
        let name = name.file_name().map(Path::new).unwrap_or(Path::new("out"));
        write::write_atomic(&dir, name, &bytes)
    }
}

/// Checks the record's signature with the project's key.
fn signed(root: &Path, out: &Path, state: &State) -> Result<(), String> {
    let unsigned = |why: &str| {
        format!("the build state's record of written files {why}: no stale output is removed on its word")
    };
    let dir = root.join(DIR);
    let key = key::load(&dir).map_err(|e| unsigned(&format!("cannot be checked ({e})")))?;
    if state.mac.is_empty() {
        return Err(unsigned("is not signed"));
    }
    if !key::verify(&key, out, &state.written, &state.mac) {
        return Err(unsigned(
            "is not signed by this project's builds (edited, or copied from another project or folder)",
        ));
    }
    Ok(())
}

/// The lock file beside the state file of the output folder `out`.
pub(crate) fn lock_file(root: &Path, out: &Path) -> PathBuf {
    file(root, out).with_extension("lock")
}

/// `.boardpaper/out-<hash of the resolved output folder>.json`.
fn file(root: &Path, out: &Path) -> PathBuf {
    let hash = sha256_hex(out.as_os_str().as_encoded_bytes());
    root.join(DIR).join(format!("out-{}.json", &hash[..16]))
}

/// Removes the cache that earlier versions kept in the output folder, if it
/// is still a regular file there (never through a symlink).
pub(crate) fn remove_legacy_cache(out: &Path) {
    let path = out.join(LEGACY_CACHE);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file()) {
        let _ = std::fs::remove_file(path);
    }
}

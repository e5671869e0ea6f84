//! The trusts' own PDF papers (agenda entries with `file:`), read once per
//! build however many items or trusts name them, all within one memory
//! budget ([`import::BUDGET`]), and refused (BP058, at the agenda entry)
//! when they cannot be included:
//!
//! - the file cannot be read, or is encrypted, damaged or too complex;
//! - it is an output of a build, which is never an input: boardpaper made
//!   it (its `/Info` or XMP says so), it lies in the project's output
//!   folder or this build's (a pack would include itself and grow every
//!   build), or in a folder that holds a build's `manifest.json` (another
//!   build's output folder);
//! - it goes into a public pack and its text, bookmarks or metadata name a
//!   paper confidential for that trust (its title or its file name): the
//!   public pack cannot hold it.
//!
//! `check` reports the same problems as `build` (both call [`notes`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assemble::cache::StableHasher;
use crate::check::agenda::AgendaItem;
use crate::check::{Model, Trust};
use crate::diag::{Code, Diagnostic};
use crate::pdf::import::{self, Imported};
use crate::project::files;

/// The most bytes of a `manifest.json` looked at to recognise a build's.
const MANIFEST_PEEK: u64 = 64 * 1024;

/// One file as read: the parsed file or why it cannot be used, and a
/// hash of its bytes for the cache.
struct Read {
    file: Result<Arc<Imported>, Why>,
    hash: String,
}

/// Why a file cannot be included.
enum Why {
    /// The project's one door refused it.
    Refused(files::Refusal),
    /// It cannot be parsed (the message names the file).
    Import(import::ImportError),
    /// It is a build's output (what follows "agenda item N's file `x`").
    Output(String),
}

/// Every own PDF a build includes, read once.
#[derive(Default)]
pub(super) struct Store {
    files: BTreeMap<PathBuf, Read>,
}

impl Store {
    /// Reads each of `paths` (as the agendas name them) once, in order,
    /// within one budget; `outs` are the output folders (absolute, or
    /// relative to the working folder).
    pub(super) fn read<'p>(
        root: &Path,
        paths: impl IntoIterator<Item = &'p Path>,
        outs: &[PathBuf],
    ) -> Store {
        let outs: Vec<PathBuf> = outs
            .iter()
            .map(|o| {
                if o.is_absolute() {
                    o.clone()
                } else {
                    root.join(o)
                }
            })
            .filter_map(|o| o.canonicalize().ok())
            .collect();
        let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut left = import::BUDGET;
        let mut files = BTreeMap::new();
        for path in paths {
            if files.contains_key(path) {
                continue;
            }
            let read = read_one(root, &root_real, path, &outs, &mut left);
            files.insert(path.to_path_buf(), read);
        }
        Store { files }
    }

    /// The file agenda item `a` of `trust` names (at `path`), for the
    /// public pack when `public`: the file, its hash, and the problems
    /// to report at the entry.
    pub(super) fn item(
        &self,
        model: &Model,
        trust: &Trust,
        a: &AgendaItem,
        path: &Path,
        public: bool,
    ) -> (Option<Arc<Imported>>, String, Vec<Diagnostic>) {
        let at = |message: String, error: bool| {
            let make = if error {
                Diagnostic::error
            } else {
                Diagnostic::warning
            };
            make(Code::OwnPdf, trust.file(), a.pos, message)
        };
        // A file that names a confidential paper (or cannot be shown not
        // to) is a leak, as after a `--public` build.
        let leak =
            |message: String| Diagnostic::error(Code::PublicLeak, trust.file(), a.pos, message);
        let what = format!("agenda item {}'s file `{}`", a.number, path.display());
        let Some(read) = self.files.get(path) else {
            return (None, String::new(), Vec::new());
        };
        let file = match &read.file {
            Ok(f) => f,
            Err(why) => {
                let m = match why {
                    Why::Refused(r) => r.describe(&what),
                    Why::Import(e) => e.to_string(),
                    Why::Output(s) => format!("{what} {s}"),
                };
                return (None, read.hash.clone(), vec![at(m, true)]);
            }
        };
        if public {
            match crate::assemble::public::names_secret(model, &trust.id, file.doc()) {
                Ok(None) => {}
                Ok(Some(paper)) => {
                    let m = format!("{what} names the confidential paper `{paper}` (in its text, bookmarks or metadata), so it cannot go in the public pack: list it after the Part II marker, or include a copy that does not name it");
                    return (None, read.hash.clone(), vec![leak(m)]);
                }
                Err(why) => {
                    let m = format!("{what} cannot be checked for confidential papers before it goes in the public pack ({why})");
                    return (None, read.hash.clone(), vec![leak(m)]);
                }
            }
        }
        let notes = file.warnings().into_iter().map(|w| at(w, false)).collect();
        (Some(Arc::clone(file)), read.hash.clone(), notes)
    }
}

/// Reads and parses one file, and refuses a build's output.
fn read_one(
    root: &Path,
    root_real: &Path,
    path: &Path,
    outs: &[PathBuf],
    left: &mut usize,
) -> Read {
    let name = path.display().to_string();
    let (bytes, real) = match files::read_pdf(root, path) {
        Ok(read) => read,
        Err(refusal) => {
            return Read {
                file: Err(Why::Refused(refusal)),
                hash: String::new(),
            };
        }
    };
    let hash = StableHasher::hex_of(&bytes);
    let refused = if let Some(out) = outs.iter().find(|o| real.starts_with(o)) {
        let shown = out
            .strip_prefix(root_real)
            .unwrap_or(out)
            .display()
            .to_string();
        Some(format!("lies in the output folder `{shown}`: a build's outputs are never included (a pack would include itself); include the trust's own original PDF"))
    } else if let Some(dir) = manifest_folder(&real, root_real) {
        let shown = dir
            .strip_prefix(root_real)
            .unwrap_or(&dir)
            .display()
            .to_string();
        Some(format!("lies in `{shown}`, which holds a build's manifest.json (another build's output folder): a build's outputs are never included; include the trust's own original PDF"))
    } else {
        None
    };
    let file = match refused {
        Some(why) => Err(Why::Output(why)),
        None => match import::read_within(&bytes, &name, left) {
            Ok(f) if f.made_by_boardpaper() => Err(Why::Output("was made by boardpaper (it is an output of a build, which is never included): name the paper itself with `paper:`, or include the trust's own original PDF".into())),
            Ok(f) => Ok(Arc::new(f)),
            Err(e) => Err(Why::Import(e)),
        },
    };
    Read { file, hash }
}

/// The nearest folder from `file`'s up to `root` that holds a build's
/// `manifest.json` (a JSON file naming sha256 sums).
fn manifest_folder(file: &Path, root: &Path) -> Option<PathBuf> {
    for dir in file.ancestors().skip(1) {
        if !dir.starts_with(root) {
            break;
        }
        let m = dir.join("manifest.json");
        if is_manifest(&m) {
            return Some(dir.to_path_buf());
        }
    }
    None
}

fn is_manifest(path: &Path) -> bool {
    use std::io::Read as _;
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if f.take(MANIFEST_PEEK).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    text.trim_start().starts_with(['[', '{']) && text.contains("\"sha256\"")
}

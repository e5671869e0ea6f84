//! Writing outputs safely: only inside the output folder, through a temporary
//! file and a rename, never through a symlink, never deleting anything.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Prepares the output folder: creates it, and refuses a symlinked one.
pub(crate) fn prepare(out: &Path) -> Result<PathBuf, String> {
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            return Err(format!(
                "the output folder {} is a symlink: refusing to write through it",
                out.display()
            ));
        }
        if !meta.is_dir() {
            return Err(format!(
                "the output path {} exists and is not a folder",
                out.display()
            ));
        }
    }
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder {}: {e}", out.display()))?;
    out.canonicalize()
        .map_err(|e| format!("cannot resolve the output folder {}: {e}", out.display()))
}

/// Writes `bytes` to `out/rel` atomically, unless the file already holds
/// exactly these bytes. `rel` is made of checked ids.
pub(crate) fn write_atomic(out: &Path, rel: &Path, bytes: &[u8]) -> Result<(), String> {
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!(
            "refusing to write {}: outside the output folder",
            rel.display()
        ));
    }
    let target = out.join(rel);
    let dir = target.parent().unwrap_or(out);
    refuse_symlinks(out, dir)?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    if std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(format!(
            "{} is a symlink: refusing to overwrite it",
            target.display()
        ));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}: {e}", target.display())
    })
}

/// Every folder between `out` and `dir` must be a real folder.
fn refuse_symlinks(out: &Path, dir: &Path) -> Result<(), String> {
    let mut cur = dir;
    while cur != out {
        if std::fs::symlink_metadata(cur).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(format!(
                "{} is a symlink: refusing to write through it",
                cur.display()
            ));
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
}

//! The one door every input file comes through: sources, template
//! overrides, images, fonts and the build cache are all read by [`read`].
//!
//! A file is read only when it is a regular file inside the given root
//! (symlinks resolved), with a size cap checked on the opened handle before
//! reading and enforced while reading. The resolved path is opened with
//! `O_NOFOLLOW` (a symlink swapped in after resolving is not followed) and
//! `O_NONBLOCK` (a FIFO cannot hang the open); the handle's own metadata
//! then decides, so a FIFO, device or socket is refused without ever being
//! read, and nothing can be swapped in between the check and the read.
//!
//! Its writing side, [`create`], is how `init`, `new` and the state make
//! new files in a project: every folder on the way must be a real folder
//! (created one at a time when missing), the file must not exist (not even
//! as a dangling symlink), and it is created exclusively with `O_NOFOLLOW`,
//! so nothing is written through a symlink or outside the root.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::failure::{Failure, Op, Why};

pub(crate) use crate::failure::Refusal;

/// Reads `root/rel` (or `rel` itself when absolute) whole, if it is a
/// regular file inside `root` of at most `cap` bytes. Returns the bytes and
/// the resolved path.
pub(crate) fn read(root: &Path, rel: &Path, cap: u64) -> Result<(Vec<u8>, PathBuf), Refusal> {
    let unreadable = |e: std::io::Error| Refusal::Unreadable(e.to_string());
    let root = root.canonicalize().map_err(unreadable)?;
    let path = root.join(rel).canonicalize().map_err(unreadable)?;
    if !path.starts_with(&root) {
        return Err(Refusal::Outside);
    }
    let file = open(&path).map_err(|e| {
        if e.raw_os_error() == Some(libc_eloop()) {
            Refusal::Outside
        } else {
            unreadable(e)
        }
    })?;
    Ok((read_opened(file, cap)?, path))
}

/// The largest PDF file a project may include (a board pack's own papers).
pub(crate) const PDF_CAP: u64 = 64 * 1024 * 1024;

/// Reads the PDF file `root/rel` for a board pack to include (see
/// `assemble::pack::import`), through [`read`] with the [`PDF_CAP`] size cap.
// The board pack (issue 16) is its first caller.
pub(crate) fn read_pdf(root: &Path, rel: &Path) -> Result<(Vec<u8>, PathBuf), Refusal> {
    read(root, rel, PDF_CAP)
}

/// Creates the new file `root/rel` holding `bytes` (see the module doc).
/// `rel` must be plain names (no `..`, no root); the message names the
/// path as `rel` shows it.
pub(crate) fn create(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let path = folders_on_the_way(root, rel, true)?;
    nothing_at(&path, rel)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let cannot = Failure::os(Op::Write, rel);
    let mut file = options.open(&path).map_err(&cannot)?;
    file.write_all(bytes).map_err(cannot)
}

/// Whether [`create`] may make `root/rel`: every folder on the way is a
/// real folder or absent, and nothing is at the path itself. Nothing is
/// created; `init` checks all its files before writing any.
pub(crate) fn can_create(root: &Path, rel: &Path) -> Result<(), Failure> {
    let path = folders_on_the_way(root, rel, false)?;
    nothing_at(&path, rel)
}

/// The path of `root/rel` once every folder on the way is known to be a
/// real folder, not a symlink or a file (`make`: missing folders are
/// created; otherwise a missing one ends the walk, as nothing below it
/// can be in the way). `rel` must be plain names: no `..`, no root.
fn folders_on_the_way(root: &Path, rel: &Path, make: bool) -> Result<PathBuf, Failure> {
    let parts: Vec<_> = rel.components().collect();
    let plain = |c: &std::path::Component| matches!(c, std::path::Component::Normal(_));
    if parts.is_empty() || !parts.iter().all(plain) {
        return Err(Failure::new(Op::Write, rel, Why::Outside("the project")));
    }
    let mut cur = root.to_path_buf();
    let mut shown = PathBuf::new();
    for part in &parts[..parts.len() - 1] {
        cur.push(part);
        shown.push(part);
        match std::fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_dir() => {}
            Ok(m) => {
                let why = Why::NotFolder(kind(&m.file_type()));
                return Err(Failure::new(Op::Write, shown, why));
            }
            Err(_) if !make => break,
            Err(_) => std::fs::create_dir(&cur).map_err(Failure::os(Op::Create, &shown))?,
        }
    }
    Ok(root.join(rel))
}

/// Refuses when anything (a file, a symlink, a FIFO) is at `path` already.
fn nothing_at(path: &Path, rel: &Path) -> Result<(), Failure> {
    match std::fs::symlink_metadata(path) {
        Ok(m) => {
            let why = Why::Exists(kind_or_file(&m.file_type()));
            Err(Failure::new(Op::Create, rel, why))
        }
        Err(_) => Ok(()),
    }
}

/// [`kind`], or "a file" for a regular one.
fn kind_or_file(t: &std::fs::FileType) -> &'static str {
    if t.is_file() {
        "a file"
    } else {
        kind(t)
    }
}

/// Reads the file at `path` itself (a file given on the command line, such
/// as the .docx of `boardpaper import`, which may lie outside the project):
/// a symlink in its place is refused (`O_NOFOLLOW`, not resolved first), as
/// are a FIFO, device or folder, and the size cap holds as in [`read`].
pub(crate) fn read_given(path: &Path, cap: u64) -> Result<Vec<u8>, Refusal> {
    let unreadable = |e: std::io::Error| Refusal::Unreadable(e.to_string());
    let file = open(path).map_err(|e| {
        if e.raw_os_error() == Some(libc_eloop()) {
            Refusal::NotRegular("a symlink")
        } else {
            unreadable(e)
        }
    })?;
    read_opened(file, cap)
}

/// The one way a source is written (`boardpaper import`): `bytes` become
/// `root/rel`, never through a symlink and never outside `root`. `rel` must
/// be relative with plain components (no `..`); each folder on the way must
/// be a real folder, not a symlink, and is created when missing; the file
/// is written to a temporary file in its folder and renamed over the name,
/// so a symlink or FIFO planted at the name is replaced, never followed.
pub(crate) fn write(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write as _;
    let target = folders_on_the_way(root, rel, true)?;
    let dir = target.parent().unwrap_or(root);
    let fail = Failure::os(Op::Write, &target);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(&fail)?;
    tmp.write_all(bytes).map_err(&fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o644);
        tmp.as_file().set_permissions(mode).map_err(&fail)?;
    }
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    Ok(())
}

/// The bytes of an opened `file`, if it is a regular file of at most `cap`
/// bytes (checked before reading and again while reading, for a file that
/// grows).
fn read_opened(file: File, cap: u64) -> Result<Vec<u8>, Refusal> {
    let unreadable = |e: std::io::Error| Refusal::Unreadable(e.to_string());
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular(kind(&meta.file_type())));
    }
    if meta.len() > cap {
        return Err(Refusal::TooLarge(meta.len(), cap));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > cap {
        return Err(Refusal::TooLarge(bytes.len() as u64, cap));
    }
    Ok(bytes)
}

/// Whether `path` (not followed if a symlink) is a regular file or absent.
pub(crate) fn regular_or_absent(path: &Path) -> Result<(), &'static str> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) => Err(kind(&m.file_type())),
        Err(_) => Ok(()),
    }
}

/// What a non-regular file is, for messages.
fn kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_symlink() {
        "a symlink"
    } else if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn libc_eloop() -> i32 {
    libc::ELOOP
}

#[cfg(not(unix))]
fn libc_eloop() -> i32 {
    -1
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn creates_only_new_files_through_real_folders() {
        let d = dir();
        let root = d.path().join("p");
        std::fs::create_dir(&root).unwrap_or_else(|e| panic!("{e}"));
        create(&root, Path::new("papers/a.md"), b"a").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            std::fs::read(root.join("papers/a.md")).ok(),
            Some(b"a".to_vec())
        );
        let again = create(&root, Path::new("papers/a.md"), b"b");
        assert!(again.is_err_and(|e| e.to_string().contains("already exists")));
        // A dangling symlink at the path, a symlinked folder on the way.
        let outside = d.path().join("outside");
        std::fs::create_dir(&outside).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(outside.join("x.md"), root.join("papers/b.md"))
            .unwrap_or_else(|e| panic!("{e}"));
        let dangling = create(&root, Path::new("papers/b.md"), b"b");
        assert!(dangling.is_err_and(|e| e.to_string().contains("a symlink")));
        std::os::unix::fs::symlink(&outside, root.join("trusts")).unwrap_or_else(|e| panic!("{e}"));
        let linked = create(&root, Path::new("trusts/n.yaml"), b"n");
        assert!(linked.is_err_and(|e| e.to_string().contains("trusts is a symlink")));
        assert!(create(&root, Path::new("../x"), b"x").is_err());
        let left = std::fs::read_dir(&outside).map(|d| d.count()).ok();
        assert_eq!(left, Some(0));
    }

    #[test]
    fn reads_a_regular_file_within_its_cap() {
        let d = dir();
        std::fs::write(d.path().join("a.txt"), b"hello").unwrap_or_else(|e| panic!("{e}"));
        let got = read(d.path(), Path::new("a.txt"), 5).map(|(b, _)| b);
        assert_eq!(got, Ok(b"hello".to_vec()));
        let over = read(d.path(), Path::new("a.txt"), 4).map(|(b, _)| b);
        assert_eq!(over, Err(Refusal::TooLarge(5, 4)));
    }

    #[test]
    fn a_pdf_to_include_is_read_up_to_64_mb() {
        let d = dir();
        let pdf = d.path().join("own.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap_or_else(|e| panic!("{e}"));
        let got = read_pdf(d.path(), Path::new("own.pdf")).map(|(b, _)| b);
        assert_eq!(got, Ok(b"%PDF-1.7".to_vec()));
        // One byte over (a sparse file: nothing is written or read).
        let file = std::fs::File::options().write(true).open(&pdf);
        file.and_then(|f| f.set_len(PDF_CAP + 1))
            .unwrap_or_else(|e| panic!("{e}"));
        let over = read_pdf(d.path(), Path::new("own.pdf")).map(|(b, _)| b);
        assert_eq!(over, Err(Refusal::TooLarge(PDF_CAP + 1, PDF_CAP)));
        assert_eq!(PDF_CAP, 64 * 1024 * 1024);
    }

    #[test]
    fn refuses_fifos_devices_and_symlinks_out_without_blocking() {
        let d = dir();
        let fifo = d.path().join("pipe");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let got = read(d.path(), Path::new("pipe"), 10).map(|(b, _)| b);
        assert_eq!(got, Err(Refusal::NotRegular("a named pipe (FIFO)")));
        std::os::unix::fs::symlink("/dev/zero", d.path().join("zero"))
            .unwrap_or_else(|e| panic!("{e}"));
        let got = read(d.path(), Path::new("zero"), 10).map(|(b, _)| b);
        assert_eq!(got, Err(Refusal::Outside));
        let got = read(Path::new("/dev"), Path::new("zero"), 10).map(|(b, _)| b);
        assert_eq!(got, Err(Refusal::NotRegular("a device")));
        let got = read(d.path(), Path::new("../x"), 10).map(|(b, _)| b);
        assert!(matches!(
            got,
            Err(Refusal::Unreadable(_) | Refusal::Outside)
        ));
    }

    #[test]
    fn writes_inside_the_root_and_never_through_a_symlink() {
        let d = dir();
        let ok = write(d.path(), Path::new("papers/x/paper.md"), b"hi");
        assert!(ok.is_ok());
        let back = std::fs::read(d.path().join("papers/x/paper.md")).unwrap_or_default();
        assert_eq!(back, b"hi");
        assert!(write(d.path(), Path::new("../out.md"), b"x").is_err());
        let outside = dir();
        std::os::unix::fs::symlink(outside.path(), d.path().join("link"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(write(d.path(), Path::new("link/paper.md"), b"x").is_err());
        assert!(!outside.path().join("paper.md").exists());
        // A symlink at the file's name is replaced, not followed.
        let victim = outside.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&victim, d.path().join("papers/x/a.md"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(write(d.path(), Path::new("papers/x/a.md"), b"new").is_ok());
        assert_eq!(std::fs::read(&victim).unwrap_or_default(), b"keep");
    }

    #[test]
    fn a_given_file_is_read_but_not_through_a_symlink() {
        let d = dir();
        let file = d.path().join("a.docx");
        std::fs::write(&file, b"PK").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_given(&file, 10), Ok(b"PK".to_vec()));
        let link = d.path().join("b.docx");
        std::os::unix::fs::symlink(&file, &link).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_given(&link, 10), Err(Refusal::NotRegular("a symlink")));
    }
}

//! Reading one source file: size cap, UTF-8 and NUL checks, BOM/CRLF
//! normalisation, refusal of symlinks leading outside the project. Every source enters boardpaper through [`read_source`].

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::source::{Pos, Source};

/// Largest source file accepted (board papers are a few hundred KB at most).
pub(crate) const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads `root/name` as a [`Source`], or explains why it cannot be used.
pub(crate) fn read_source(root: &Path, name: &Path) -> Result<Source, Diagnostic> {
    let path = root.join(name);
    let io_err = |e: std::io::Error| {
        Diagnostic::error(
            Code::Io,
            name,
            Pos::new(1, 1),
            format!("cannot read this file: {e}"),
        )
    };
    let meta = std::fs::metadata(&path).map_err(io_err)?;
    if !inside(root, &path) {
        return Err(Diagnostic::error(
            Code::Io,
            name,
            Pos::new(1, 1),
            "this file leads outside the project through a symlink",
        )
        .with_hint(Some(
            "copy the file into the project instead of linking to it".into(),
        )));
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(Diagnostic::error(
            Code::Io,
            name,
            Pos::new(1, 1),
            format!(
                "this file is {} bytes, over the {} byte limit for a source file",
                meta.len(),
                MAX_SOURCE_BYTES
            ),
        )
        .with_hint(Some(
            "split it, or move large content into appendices".into(),
        )));
    }
    let bytes = std::fs::read(&path).map_err(io_err)?;
    decode(name, bytes)
}

/// Whether `path`, symlinks resolved, is inside the project `root`.
fn inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

/// Decodes bytes as UTF-8 text without NULs.
pub(crate) fn decode(name: &Path, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let pos =
                Source::new(name.into(), &String::from_utf8_lossy(&e.as_bytes()[..at])).pos(at);
            return Err(Diagnostic::error(
                Code::Encoding,
                name,
                pos,
                format!("invalid UTF-8 at byte offset {at}"),
            )
            .with_hint(Some("save the file as UTF-8".into())));
        }
    };
    let src = Source::new(name.into(), &text);
    if let Some(at) = src.text.find('\0') {
        return Err(Diagnostic::at(
            Code::Encoding,
            &src,
            src.pos(at),
            format!("NUL byte at byte offset {at}"),
        ));
    }
    Ok(src)
}

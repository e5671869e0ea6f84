//! Reading one source file: size cap, UTF-8 and NUL checks, BOM/CRLF
//! normalisation; the file itself comes through the one door,
//! [`super::files::read`]. Every source enters boardpaper through [`read_source`].

use std::path::Path;

use super::files::Refusal;
use crate::diag::{Code, Diagnostic};
use crate::source::{Pos, Source};

/// Largest source file accepted (board papers are a few hundred KB at most).
pub(crate) const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads `root/name` as a [`Source`], or explains why it cannot be used.
pub(crate) fn read_source(root: &Path, name: &Path) -> Result<Source, Diagnostic> {
    let (bytes, _) = super::files::read(root, name, MAX_SOURCE_BYTES).map_err(|r| {
        let hint = match r {
            Refusal::Outside => Some("copy the file into the project instead of linking to it"),
            Refusal::TooLarge(..) => Some("split it, or move large content into appendices"),
            _ => None,
        };
        Diagnostic::error(Code::Io, name, Pos::new(1, 1), r.describe("this file"))
            .with_hint(hint.map(Into::into))
    })?;
    decode(name, bytes)
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

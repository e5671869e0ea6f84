//! The .docx container: a zip archive read under bounds.
//!
//! The zip crate reads the central directory; everything it says about an
//! entry's size is a claim, not a fact. So: the number of entries is
//! capped before any is read; every entry name is checked (one that climbs
//! out with `..`, is absolute or uses `\` is refused, though nothing is
//! ever written by an entry's name); and each entry is inflated through a
//! reader limited to its cap plus one byte, so an entry whose header lies
//! about its size still stops at the cap, and the sum of everything
//! inflated is capped too (a zip bomb of many small-looking entries).

use std::io::{Cursor, Read};

/// The most entries a .docx may hold (Word writes a dozen or two, plus
/// one per image).
pub(crate) const MAX_ENTRIES: usize = 2_000;
/// The largest an XML part may inflate to.
pub(crate) const MAX_PART: u64 = 32 * 1024 * 1024;
/// The largest an image may inflate to (the image store's own cap).
pub(crate) const MAX_IMAGE: u64 = 16 * 1024 * 1024;
/// The most all the entries read may inflate to together.
pub(crate) const MAX_TOTAL: u64 = 128 * 1024 * 1024;

pub(crate) struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes inflated so far.
    total: u64,
}

impl<'a> Package<'a> {
    /// Opens the archive and checks its entry count and names.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Package<'a>, String> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("not a Word document (.docx is a zip archive): {e}"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "the archive has {} entries, over the limit of {MAX_ENTRIES}",
                zip.len()
            ));
        }
        for (i, name) in zip.file_names().enumerate() {
            let name = name.map_err(|e| format!("entry {}: {e}", i + 1))?;
            if !safe_name(&name) {
                return Err(format!(
                    "entry {} is named `{name}`, which climbs out of the archive: refused",
                    i + 1
                ));
            }
        }
        Ok(Package { zip, total: 0 })
    }

    /// The bytes of entry `name`, inflated up to `cap`; `None` when the
    /// archive has no such entry.
    pub(crate) fn read(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>, String> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| format!("entry `{name}`: {e}"))?;
        let cap = cap.min(MAX_TOTAL - self.total);
        let mut bytes = Vec::new();
        entry
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("entry `{name}` cannot be inflated: {e}"))?;
        if bytes.len() as u64 > cap {
            return Err(format!(
                "entry `{name}` inflates past {cap} bytes (the limit{}): refused",
                if self.total > 0 {
                    " left for the whole document"
                } else {
                    ""
                }
            ));
        }
        self.total += bytes.len() as u64;
        Ok(Some(bytes))
    }
}

/// Whether an entry name stays inside the archive.
fn safe_name(name: &str) -> bool {
    !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains('\0')
        && name.split('/').all(|c| c != "..")
        && name.get(1..2).is_none_or(|c| c != ":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_climb_out_are_unsafe() {
        assert!(safe_name("word/document.xml"));
        for bad in ["../../x", "/etc/x", "a/../../b", "c:/x", "a\\b"] {
            assert!(!safe_name(bad), "{bad}");
        }
    }
}

//! Reading a PDF file to import: lopdf parses it (with its nesting and
//! decompression limits); this refuses what cannot be imported and
//! gathers what placing its pages needs (see `file`): each page's boxes
//! and rotation, whether it is tagged, and its outline.

use lopdf::{Document, LoadOptions};

use super::bookmarks;
use super::budget;
use super::dest;
use super::file::{ImportError, Imported, Problem, MAX_OBJECTS};
use super::objects::deref;
use super::pages;
use super::structure;

/// The most bytes one stream may decompress to while the file is read
/// (only object and cross-reference streams are decompressed; real ones
/// hold well under a megabyte, and lopdf makes some 60 times as many bytes
/// of objects of what one holds).
const MAX_STREAM: usize = 2 * 1024 * 1024;

/// Reads `bytes`, the file `name` (as the project names it, for messages),
/// with a fresh memory budget of its own.
pub(crate) fn read(bytes: &[u8], name: &str) -> Result<Imported, ImportError> {
    let mut left = budget::BUDGET;
    read_within(bytes, name, &mut left)
}

/// Reads `bytes` as [`read`] does, charging its objects to `left` (bytes
/// of memory the build's imports may still take: a build reads many
/// files within one budget).
pub(crate) fn read_within(
    bytes: &[u8],
    name: &str,
    left: &mut usize,
) -> Result<Imported, ImportError> {
    let fail = |problem| ImportError {
        file: name.to_string(),
        problem,
    };
    let doc = load(bytes, left).map_err(fail)?;
    let catalog = doc
        .catalog()
        .map_err(|_| fail(Problem::Broken("it has no catalogue".into())))?;
    let pages = pages::walk(&doc, catalog).map_err(fail)?;
    let page_index = pages.iter().enumerate().map(|(n, p)| (p.id, n)).collect();
    let named = dest::named(&doc, catalog);
    let tagged = is_tagged(&doc, catalog);
    let cut = tagged && structure::repeats(&doc);
    let mut imported = Imported {
        name: name.to_string(),
        doc,
        pages,
        tagged,
        cut,
        outline: Vec::new(),
        page_index,
        named,
    };
    imported.outline = bookmarks::read(&imported).map_err(fail)?;
    Ok(imported)
}

/// Parses `bytes` within the import's bounds (tokens, memory charged to
/// `left`, stream size, object count); refuses an encrypted file.
pub(crate) fn load(bytes: &[u8], left: &mut usize) -> Result<Document, Problem> {
    if budget::tokens(bytes) > budget::MAX_TOKENS {
        return Err(Problem::TooComplex("size once unpacked"));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        filter: Some(budget::keep),
        ..LoadOptions::default()
    };
    let loaded = budget::within(left, || Document::load_mem_with_options(bytes, options))
        .map_err(|()| Problem::TooComplex("size once unpacked"))?;
    let doc = loaded.map_err(|e| problem(bytes, &e))?;
    if doc.trailer.has(b"Encrypt") || doc.encryption_state.is_some() {
        return Err(Problem::Encrypted);
    }
    if doc.objects.len() > MAX_OBJECTS {
        return Err(Problem::TooComplex("number of objects"));
    }
    Ok(doc)
}

/// Encrypted when the file says so (lopdf may fail before it gets
/// there), too complex when a stream unpacks past the limit, else broken.
fn problem(bytes: &[u8], e: &lopdf::Error) -> Problem {
    use lopdf::{DecompressError, Error};
    match e {
        Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => {
            Problem::TooComplex("size once unpacked")
        }
        e => broken_or_encrypted(bytes, &e.to_string()),
    }
}

fn broken_or_encrypted(bytes: &[u8], why: &str) -> Problem {
    let says_encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    if says_encrypted {
        Problem::Encrypted
    } else {
        Problem::Broken(why.to_string())
    }
}

/// `/MarkInfo << /Marked true >>` and a `/StructTreeRoot` dictionary.
fn is_tagged(doc: &Document, catalog: &lopdf::Dictionary) -> bool {
    let dict = |key: &[u8]| {
        catalog
            .get(key)
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
    };
    let marked = dict(b"MarkInfo")
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok())
        .unwrap_or(false);
    marked && dict(b"StructTreeRoot").is_some()
}

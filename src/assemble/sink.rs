//! Where the render pool's finished outputs go, as ripgrep's searcher hands
//! each match to a `Sink`: the pool renders bytes and never touches the
//! file system; each finished output (its trust, paper and format, with its
//! bytes, or marked unchanged since the last build) is handed to a [`Sink`]
//! the moment it is finished, from whichever worker finished it. The sink
//! returns what the build keeps of it.
//!
//! A build's sink, [`WriteTo`], writes each output atomically into the
//! output folder at once (through [`super::write`]) and keeps only its size
//! and hash, so memory does not grow with the number of outputs; the
//! in-memory render (the preview, fuzzing) uses [`Keep`], which keeps the
//! bytes.

use std::path::Path;

use super::{cache, manifest, write, Content, Output};
use crate::timings::{Stage, Timings};

/// Takes each finished output of the render pool.
pub(crate) trait Sink: Sync {
    /// `output` is finished: its content is [`Content::Fresh`] (the bytes
    /// just rendered) or [`Content::Unchanged`]. Returns what the build
    /// keeps of it (in selection order, whatever the threads' order).
    fn finished(&self, output: Output) -> Output;
}

/// Keeps every output as it is, bytes and all (nothing is written).
pub(crate) struct Keep;

impl Sink for Keep {
    fn finished(&self, output: Output) -> Output {
        output
    }
}

/// Writes each rendered output into the output folder `out` as soon as it
/// arrives, and keeps only its size and hash ([`Content::Written`]), or the
/// failure ([`Content::Unwritable`]: reported once every other output is
/// written). Unchanged outputs pass through.
pub(crate) struct WriteTo<'a> {
    pub(crate) out: &'a Path,
    pub(crate) timings: Option<&'a Timings>,
}

impl Sink for WriteTo<'_> {
    fn finished(&self, output: Output) -> Output {
        let rel = output.rel();
        let Content::Fresh { bytes, entry } = output.content else {
            return output;
        };
        let wrote = || written(self.out, &rel, &bytes, entry);
        let content = match self.timings {
            Some(t) => t.time(Stage::Write, wrote),
            None => wrote(),
        };
        Output { content, ..output }
    }
}

/// Writes `bytes` to `out/rel` atomically: what the cache, manifest and
/// index pages are to know of it (its `entry` with the size and hash
/// filled in), or why it could not be written.
pub(crate) fn written(
    out: &Path,
    rel: &Path,
    bytes: &[u8],
    entry: Option<cache::Entry>,
) -> Content {
    match write::write_atomic(out, rel, bytes) {
        Ok(()) => Content::Written(cache::Entry {
            bytes: bytes.len(),
            sha256: manifest::sha256_hex(bytes),
            ..entry.unwrap_or_default()
        }),
        Err(e) => Content::Unwritable(e),
    }
}

#[cfg(test)]
#[path = "sink_tests.rs"]
mod tests;

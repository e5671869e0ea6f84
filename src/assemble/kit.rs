//! What every variant and pack is rendered with, prepared once per build
//! (`render::kit`): the templates, the fonts, the parts of the cache keys
//! every output shares, the variants' shared layouts, the timings, and
//! the sink each finished output goes to. Apart from the render pool so that the
//! pack's planning (which renders with it) and the pool (which runs the
//! packs) do not name each other.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::cache::Cache;
use super::shared::Shared;
use super::sink::Sink;
use super::Output;
use crate::project::Format;
use crate::timings::{Stage, Timings};
use crate::{html, pdf};

/// What every variant is rendered with, prepared once per build.
pub(crate) struct Kit<'c> {
    /// Shared: the built-in templates are compiled once per process.
    pub(super) templates: Option<Arc<html::Templates>>,
    /// Parsed only when PDFs are asked for (parsing is most of an HTML-only
    /// build's time otherwise).
    pub(super) fonts: Option<std::sync::Arc<pdf::Fonts>>,
    pub(super) options: pdf::PdfOptions,
    /// The part of every HTML output's cache key that is not the document:
    /// the template overrides (a change re-renders HTML only).
    pub(super) html_key: String,
    /// The same for PDF: the fonts and SOURCE_DATE_EPOCH.
    pub(super) pdf_key: String,
    /// A hash of the model but its papers (see `cache::inputs`).
    pub(super) project_key: String,
    /// A hash of each paper's sources, by paper id.
    pub(super) paper_keys: HashMap<String, String>,
    /// The output folder's cache, consulted for outputs to reuse (`None`:
    /// everything is rendered afresh).
    pub(super) folder: Option<Folder<'c>>,
    /// Where each finished output goes, as soon as it is finished.
    pub(super) sink: &'c dyn Sink,
    pub(super) timings: Option<Arc<Timings>>,
    /// Each variant resolved and laid out once, for its outputs and packs.
    pub(super) shared: Shared,
}

/// The output folder of a build, and the cache of what is in it.
#[derive(Clone, Copy)]
pub(crate) struct Folder<'c> {
    pub(crate) cache: &'c Cache,
    pub(crate) out: &'c Path,
}

impl Kit<'_> {
    /// What every output of `format` shares.
    pub(super) fn shared(&self, format: Format) -> &str {
        match format {
            Format::Html => &self.html_key,
            Format::Pdf => &self.pdf_key,
        }
    }

    /// Runs `f`, adding its time to `stage` when timings are on.
    pub(super) fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        match &self.timings {
            Some(t) => t.time(stage, f),
            None => f(),
        }
    }

    /// Hands a finished output to the sink (see [`super::sink`]): what the
    /// build keeps of it.
    pub(super) fn finished(&self, output: Output) -> Output {
        self.sink.finished(output)
    }
}

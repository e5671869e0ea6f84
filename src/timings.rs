//! Per-stage time totals for `build --timings` (hidden): an observer only,
//! the pipeline's results never depend on it. Stages that run in parallel
//! add up their time on every thread, so their totals can exceed the wall
//! time of the build.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the pipeline, in pipeline order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stage {
    Load,
    Check,
    Resolve,
    Html,
    Layout,
    PdfWrite,
    /// Board packs, whole: resolving and laying out the papers no other
    /// output of the build had (also counted under those stages), placing,
    /// joining and writing.
    Pack,
    Write,
}

const STAGES: [(Stage, &str); 8] = [
    (Stage::Load, "load"),
    (Stage::Check, "check"),
    (Stage::Resolve, "variants/resolve"),
    (Stage::Html, "html"),
    (Stage::Layout, "pdf layout"),
    (Stage::PdfWrite, "pdf write"),
    (Stage::Pack, "board packs"),
    (Stage::Write, "write files"),
];

/// Nanoseconds per stage, added to from any thread, how many papers the
/// build laid out (each once, however many packs hold it) in how many
/// passes, and how many of the trusts' own PDFs it parsed (each at most
/// once, only for a pack built again).
#[derive(Debug, Default)]
pub(crate) struct Timings {
    nanos: [AtomicU64; 8],
    layouts: [AtomicU64; 2],
    parses: AtomicU64,
}

impl Timings {
    /// Runs `f`, adding its time to `stage`.
    pub(crate) fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.add(stage, start.elapsed());
        out
    }

    pub(crate) fn add(&self, stage: Stage, d: Duration) {
        let n = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.nanos[stage as usize].fetch_add(n, Ordering::Relaxed);
    }

    /// Records `papers` laid out in `passes` passes.
    pub(crate) fn count_layouts(&self, papers: usize, passes: usize) {
        for (n, count) in [papers, passes].into_iter().enumerate() {
            self.layouts[n].fetch_add(count as u64, Ordering::Relaxed);
        }
    }

    /// Records `files` of the trusts' own PDFs parsed.
    pub(crate) fn count_parses(&self, files: usize) {
        self.parses.fetch_add(files as u64, Ordering::Relaxed);
    }

    /// One line per stage, in milliseconds, then the total, then the
    /// papers laid out and the own PDFs parsed.
    pub(crate) fn report(&self, wall: Duration) -> String {
        let mut out = String::from("timings (ms, summed over threads):\n");
        for (stage, name) in STAGES {
            let ms = self.nanos[stage as usize].load(Ordering::Relaxed) as f64 / 1e6;
            out.push_str(&format!("  {name:<18} {ms:>9.1}\n"));
        }
        out.push_str(&format!(
            "  {:<18} {:>9.1}\n",
            "wall",
            wall.as_secs_f64() * 1e3
        ));
        let [papers, passes] = &self.layouts;
        out.push_str(&format!(
            "papers laid out: {} in {} passes\n",
            papers.load(Ordering::Relaxed),
            passes.load(Ordering::Relaxed)
        ));
        out.push_str(&format!(
            "own PDFs parsed: {}\n",
            self.parses.load(Ordering::Relaxed)
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_names_every_stage() {
        let t = Timings::default();
        t.add(Stage::Html, Duration::from_millis(3));
        let r = t.report(Duration::from_millis(5));
        assert!(r.contains("html"), "{r}");
        assert!(r.contains("3.0"), "{r}");
        assert!(r.contains("board packs"), "{r}");
        assert_eq!(r.lines().count(), 12);
        t.count_layouts(3, 4);
        t.count_parses(2);
        let r = t.report(Duration::from_millis(5));
        assert!(
            r.ends_with("papers laid out: 3 in 4 passes\nown PDFs parsed: 2\n"),
            "{r}"
        );
    }
}

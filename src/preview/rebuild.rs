//! Re-rendering on change, in two threads so a slow PDF render never delays
//! the page a writer is looking at:
//!
//! - [`html_loop`] waits for file events and renders the HTML copies (well
//!   under a second), so the open page reloads at once; then it hands the
//!   change's generation to
//! - [`full_loop`], which renders both formats (PDF layout takes seconds in
//!   a debug build) and publishes the result only if no newer change came
//!   meanwhile (a newer generation is already queued for it).

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use notify_debouncer_full::DebounceEventResult;

use super::site::{Pass, Site};
use super::{render, report, watch};
use crate::project::Format;

/// What both loops share.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) root: &'a Path,
    pub(crate) output: &'a str,
    pub(crate) site: &'a RwLock<Site>,
    pub(crate) stop: &'a AtomicBool,
    /// The number of changes seen so far.
    pub(crate) generation: &'a AtomicU64,
}

/// Every wait is this long at most, so `stop` is noticed promptly.
const TICK: Duration = Duration::from_millis(200);

/// Waits for changes and renders the HTML copies of each.
pub(crate) fn html_loop(ctx: &Ctx, events: Receiver<DebounceEventResult>, full: Sender<u64>) {
    while !ctx.stop.load(Ordering::SeqCst) {
        let Ok(batch) = events.recv_timeout(TICK) else {
            continue;
        };
        let Some(kind) = watch::changes(ctx.root, ctx.output, batch)
            .into_iter()
            .min()
        else {
            continue;
        };
        let generation = ctx.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let started = Instant::now();
        let snap = render::snapshot(ctx.root, &[Format::Html]);
        report(&snap, Some((kind, Pass::Html)), started.elapsed());
        if let Ok(mut s) = ctx.site.write() {
            s.apply(snap, Pass::Html);
        }
        if full.send(generation).is_err() {
            return;
        }
    }
}

/// Renders both formats for the latest generation handed over.
pub(crate) fn full_loop(ctx: &Ctx, changes: Receiver<u64>) {
    while !ctx.stop.load(Ordering::SeqCst) {
        let Ok(mut generation) = changes.recv_timeout(TICK) else {
            continue;
        };
        while let Ok(newer) = changes.try_recv() {
            generation = newer;
        }
        let started = Instant::now();
        let snap = render::snapshot(ctx.root, &[Format::Pdf, Format::Html]);
        // Checked under the lock: an HTML pass counts its generation before
        // it renders, so a newer change is never overwritten by this one.
        if let Ok(mut s) = ctx.site.write() {
            if ctx.generation.load(Ordering::SeqCst) == generation {
                report(
                    &snap,
                    Some((watch::ChangeKind::Other, Pass::Full)),
                    started.elapsed(),
                );
                s.apply(snap, Pass::Full);
            }
        }
    }
}

//! Rendering on change, in two threads so a slow PDF render never delays
//! the page a writer is looking at:
//!
//! - [`html_loop`] waits for file events; for each change it loads the
//!   project, renders again the HTML of the pages in view among the
//!   variants the change touched (`variants`), publishes them with the
//!   other touched pages marked stale (a request for one waits for it) and
//!   moves the version on, so the open page reloads at once; then it
//!   renders the other touched variants a few at a time (a page asked for
//!   meanwhile first), and hands the change's generation to
//! - [`pdf_loop`], which renders the PDF copies and board packs on one
//!   thread (a core stays free for the next edit), trust by trust (a newer
//!   change stops it at the next trust), then the index pages, and
//!   publishes them only if no newer change came meanwhile.
//!
//! A change that arrives while the touched variants are still being
//! rendered stops that work; the variants left over are checked with the
//! new change.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use notify_debouncer_full::DebounceEventResult;

use super::focus::Focus;
use super::log::report;
use super::render::{self, Loaded};
use super::site::Site;
use super::variants::{self, page, Checked1, Key, Plan, Variants};
use super::watch;
use crate::check::{Checked, Model};
use crate::diag::{self, Diagnostic};

/// What both loops share.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) root: &'a Path,
    pub(crate) output: &'a str,
    pub(crate) site: &'a RwLock<Site>,
    pub(crate) focus: &'a Focus,
    pub(crate) stop: &'a AtomicBool,
    /// The number of changes seen so far.
    pub(crate) generation: &'a AtomicU64,
}

/// Every wait is this long at most, so `stop` is noticed promptly.
const TICK: Duration = Duration::from_millis(200);

/// How many touched variants are rendered between two looks at the pages
/// asked for and at newer changes.
const CHUNK: usize = 8;

/// Waits for changes and renders the HTML copies each touched.
pub(crate) fn html_loop(
    ctx: &Ctx,
    mut state: Variants,
    events: Receiver<DebounceEventResult>,
    pdf: Sender<u64>,
) {
    let mut next = None;
    while !ctx.stop.load(Ordering::SeqCst) {
        let changes = match next.take() {
            Some(changes) => changes,
            None => match events.recv_timeout(TICK) {
                Ok(batch) => watch::changes(ctx.root, ctx.output, batch),
                Err(_) => continue,
            },
        };
        let Some(kind) = changes.iter().map(|(k, _)| *k).min() else {
            continue;
        };
        let all = changes.iter().any(|(_, covered)| !covered);
        let generation = ctx.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let label = format!("{} changed: ", kind.label());
        let started = Instant::now();
        let loaded = render::load(ctx.root);
        let change = Change {
            label: &label,
            all,
            started,
        };
        match html_pass(ctx, &mut state, loaded, &change, &events) {
            Some(newer) => next = Some(newer),
            None if pdf.send(generation).is_err() => return,
            None => {}
        }
    }
}

/// The changes a batch of file events holds (see `watch::changes`).
type Changes = Vec<(watch::ChangeKind, bool)>;

/// The next changes that came while a change was being rendered, if any
/// (the events of the renders' own reads are none).
fn newer(ctx: &Ctx, events: &Receiver<DebounceEventResult>) -> Option<Changes> {
    while let Ok(batch) = events.try_recv() {
        let changes = watch::changes(ctx.root, ctx.output, batch);
        if !changes.is_empty() {
            return Some(changes);
        }
    }
    None
}

/// One change, as the HTML thread saw it.
struct Change<'a> {
    /// "a paper changed: "
    label: &'a str,
    /// Whether every variant must be checked (see `watch::covered`).
    all: bool,
    /// When the change was seen, before the project was loaded.
    started: Instant,
}

/// One change's HTML: the pages in view first, published at once, then
/// the rest. Returns a newer change that stopped it.
fn html_pass(
    ctx: &Ctx,
    state: &mut Variants,
    loaded: Loaded,
    change: &Change,
    events: &Receiver<DebounceEventResult>,
) -> Option<Changes> {
    let Change {
        label,
        all,
        started,
    } = *change;
    let (checked, diags) = match loaded {
        Ok(x) => x,
        Err(diags) => {
            unloadable(ctx, diags, label, started);
            return None;
        }
    };
    let plan = state.plan(&checked, all);
    let (first, rest) = variants::in_view_first(&plan.todo, &ctx.focus.pages());
    let done = state.check(&checked.model, &plan, &first);
    let mut rendered = done.iter().filter(|(_, b)| b.is_some()).count();
    publish_first(ctx, state, &checked, &plan, done, &rest, &diags);
    let in_view = started.elapsed();
    if let Some(newer) = the_rest(
        ctx,
        state,
        &checked.model,
        &plan,
        rest,
        events,
        &diags,
        &mut rendered,
    ) {
        return Some(newer);
    }
    index_pages(ctx.site, &checked.model);
    let errors = read(ctx.site, |s| s.errors.clone());
    let (_, warnings) = state.problems(&diags);
    let what = format!(
        "{label}rendered HTML of {rendered} of {} (the page in view in {} ms)",
        crate::report::count(plan.total, "variant"),
        in_view.as_millis()
    );
    report(&what, started.elapsed(), &errors, warnings);
    None
}

/// A project that could not be loaded: its errors over the last good
/// pages.
fn unloadable(ctx: &Ctx, diags: Vec<Diagnostic>, label: &str, started: Instant) {
    let warnings = diags.iter().filter(|d| !d.is_error()).count();
    let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
    write(ctx.site, |s| {
        s.stale.clear();
        if s.set_errors(errors.clone()) {
            s.bump();
        }
    });
    report(
        &format!("{label}rendered nothing"),
        started.elapsed(),
        &errors,
        warnings,
    );
}

/// Publishes the pages in view (`done`), marks the `rest` stale, drops the
/// pages of variants gone, takes the errors, and moves the version on.
fn publish_first(
    ctx: &Ctx,
    state: &mut Variants,
    checked: &Checked,
    plan: &Plan,
    done: Vec<Checked1>,
    rest: &[Key],
    diags: &[Diagnostic],
) {
    let sound = !diags.iter().any(Diagnostic::is_error);
    if sound {
        state.forget(&plan.gone);
    }
    write(ctx.site, |s| {
        s.stale = rest.iter().map(page).collect();
        let mut changed = !s.stale.is_empty();
        if sound {
            for key in &plan.gone {
                changed |= s.files.remove(&page(key)).is_some();
            }
        }
        changed |= put(s, done);
        changed |= names(s, &checked.model);
        changed |= errors(s, state, diags);
        if changed {
            s.bump();
        }
    });
}

/// Renders the `rest` of a change's variants, a [`CHUNK`] at a time, the
/// pages asked for first; stops when a newer change (returned) comes.
#[allow(clippy::too_many_arguments)]
fn the_rest(
    ctx: &Ctx,
    state: &mut Variants,
    model: &Model,
    plan: &Plan,
    mut rest: Vec<Key>,
    events: &Receiver<DebounceEventResult>,
    diags: &[Diagnostic],
    rendered: &mut usize,
) -> Option<Changes> {
    while !rest.is_empty() {
        let newer = newer(ctx, events);
        if newer.is_some() || ctx.stop.load(Ordering::SeqCst) {
            state.postpone(rest);
            return newer;
        }
        let (mut queue, others) = variants::in_view_first(&rest, &ctx.focus.pages());
        queue.extend(others);
        rest = queue.split_off(queue.len().min(CHUNK));
        let done = state.check(model, plan, &queue);
        *rendered += done.iter().filter(|(_, b)| b.is_some()).count();
        write(ctx.site, |s| {
            for key in &queue {
                s.stale.remove(&page(key));
            }
            put(s, done);
            if errors(s, state, diags) {
                s.bump();
            }
        });
    }
    None
}

/// Stores the pages made again; whether any changed.
fn put(site: &mut Site, done: Vec<Checked1>) -> bool {
    let mut changed = false;
    for (key, bytes) in done {
        match bytes {
            Some(bytes) => changed |= site.put(page(&key), bytes),
            None => {
                site.stale.remove(&page(&key));
            }
        }
    }
    changed
}

/// Takes the trusts' and papers' names for the bar; whether they changed.
fn names(site: &mut Site, model: &Model) -> bool {
    let trusts: Vec<(String, String)> = model
        .trusts
        .iter()
        .map(|t| (t.id.clone(), t.short.clone()))
        .collect();
    let papers: Vec<(String, String)> = model
        .papers
        .iter()
        .map(|p| (p.id.clone(), p.front.title.clone().unwrap_or(p.id.clone())))
        .collect();
    let changed = site.trusts != trusts || site.papers != papers;
    site.trusts = trusts;
    site.papers = papers;
    changed
}

/// Takes the errors of the HTML (`state`, the load's `diags`) and of the
/// last PDF pass; whether they changed.
fn errors(site: &mut Site, state: &Variants, diags: &[Diagnostic]) -> bool {
    let (mut all, _) = state.problems(diags);
    all.extend(site.pdf_errors.iter().cloned());
    diag::tidy(&mut all);
    site.set_errors(all)
}

/// Renders the PDF copies, packs and index pages for the latest
/// generation handed over.
pub(crate) fn pdf_loop(ctx: &Ctx, changes: Receiver<u64>) {
    while !ctx.stop.load(Ordering::SeqCst) {
        let Ok(mut generation) = changes.recv_timeout(TICK) else {
            continue;
        };
        while let Ok(newer) = changes.try_recv() {
            generation = newer;
        }
        let started = Instant::now();
        let Ok((checked, _)) = render::load(ctx.root) else {
            continue;
        };
        let current = || {
            ctx.generation.load(Ordering::SeqCst) == generation && !ctx.stop.load(Ordering::SeqCst)
        };
        let pass = crate::assemble::in_pool(Some(1), || render::pdf_pass(&checked, &current));
        let Some((pdfs, diags)) = pass else {
            continue;
        };
        // Checked under the lock: a change counts its generation before it
        // renders, so a newer change is never overwritten by this one.
        write(ctx.site, |s| {
            if ctx.generation.load(Ordering::SeqCst) == generation {
                let variants = pdfs.len();
                let warnings = take_pdfs(s, &checked.model, pdfs, diags);
                let what = format!(
                    "rendered the PDF copies and packs ({} files) and the index pages",
                    variants
                );
                report(&what, started.elapsed(), &s.errors, warnings);
            }
        });
    }
}

/// Takes a PDF pass into the site: its PDFs (all of them, when nothing
/// failed; else over the last good ones), the index pages of what the site
/// then holds, and its own errors. Returns its warnings.
pub(crate) fn take_pdfs(
    site: &mut Site,
    model: &Model,
    pdfs: BTreeMap<String, Vec<u8>>,
    mut diags: Vec<Diagnostic>,
) -> usize {
    let html_errors: Vec<Diagnostic> = site
        .errors
        .iter()
        .filter(|e| !site.pdf_errors.contains(e))
        .cloned()
        .collect();
    if html_errors.is_empty() && !diags.iter().any(Diagnostic::is_error) {
        site.files.retain(|k, _| !k.ends_with(".pdf"));
    }
    site.files.extend(pdfs);
    let (pages, index_diags) = render::index_pages(model, outputs(site).iter());
    diags.extend(index_diags);
    diag::tidy(&mut diags);
    let warnings = diags.iter().filter(|d| !d.is_error()).count();
    site.pdf_errors = diags
        .into_iter()
        .filter(|d| d.is_error() && !html_errors.contains(d))
        .collect();
    let mut changed = take_index(site, pages, html_errors.is_empty());
    let mut all = html_errors;
    all.extend(site.pdf_errors.iter().cloned());
    diag::tidy(&mut all);
    changed |= site.set_errors(all);
    if changed {
        site.bump();
    }
    warnings
}

/// Makes the index pages again for what the site holds now (a change may
/// have added or dropped a variant, or changed a title), and moves the
/// version on if they changed.
fn index_pages(site: &RwLock<Site>, model: &Model) {
    let paths = read(site, outputs);
    let (pages, _) = render::index_pages(model, paths.iter());
    write(site, |s| {
        let sound = s.errors.is_empty();
        if take_index(s, pages, sound) {
            s.bump();
        }
    });
}

/// The paths of the outputs the site holds, but its index pages.
fn outputs(site: &Site) -> Vec<String> {
    let paths = site.files.keys().filter(|k| !render::is_index(k));
    paths.cloned().collect()
}

/// Stores the index `pages` (and, when `sound`, drops the index pages no
/// longer made); whether any changed.
fn take_index(site: &mut Site, pages: BTreeMap<String, Vec<u8>>, sound: bool) -> bool {
    let mut changed = false;
    if sound {
        let before = site.files.len();
        site.files
            .retain(|k, _| !render::is_index(k) || pages.contains_key(k));
        changed |= site.files.len() != before;
    }
    for (path, bytes) in pages {
        changed |= site.put(path, bytes);
    }
    changed
}

fn write(site: &RwLock<Site>, f: impl FnOnce(&mut Site)) {
    if let Ok(mut s) = site.write() {
        f(&mut s);
    }
}

fn read<T: Default>(site: &RwLock<Site>, f: impl FnOnce(&Site) -> T) -> T {
    site.read().map(|s| f(&s)).unwrap_or_default()
}

/// The first render, before the server starts: every variant's HTML, then
/// the PDF copies, packs and index pages. Returns the site, the
/// renderer's memory of it, and the project's output folder (which the
/// watcher ignores).
pub(crate) fn first(root: &Path) -> (Site, Variants, Option<String>) {
    let started = Instant::now();
    let mut site = Site::default();
    let mut state = Variants::default();
    let (checked, diags) = match render::load(root) {
        Ok(x) => x,
        Err(diags) => {
            let warnings = diags.iter().filter(|d| !d.is_error()).count();
            site.set_errors(diags.into_iter().filter(Diagnostic::is_error).collect());
            report(
                "rendered nothing",
                started.elapsed(),
                &site.errors,
                warnings,
            );
            return (site, state, None);
        }
    };
    let plan = state.plan(&checked, true);
    let done = state.check(&checked.model, &plan, &plan.todo);
    put(&mut site, done);
    names(&mut site, &checked.model);
    errors(&mut site, &state, &diags);
    let (pdfs, pdf_diags) = render::pdf_pass(&checked, &|| true).unwrap_or_default();
    let pdf_warnings = take_pdfs(&mut site, &checked.model, pdfs, pdf_diags);
    let (_, warnings) = state.problems(&diags);
    let what = format!(
        "rendered PDF and HTML of {}",
        crate::report::count(plan.total, "variant")
    );
    let errors = site.errors.clone();
    report(
        &what,
        started.elapsed(),
        &errors,
        warnings.max(pdf_warnings),
    );
    (site, state, Some(checked.model.output.clone()))
}

//! Board packs in a build: which packs each selected trust gets and what
//! goes in them, whether the cache still holds them, and building one.
//!
//! - `build/<trust>/pack.pdf`, the public pack: the agenda's items before
//!   its Part II marker, never a confidential paper (one placed before the
//!   marker is left out of it), then the papers the trust receives that
//!   the agenda does not name, in id order, confidential ones excepted.
//! - `build/<trust>/pack-part-ii.pdf`: the Part II items and every
//!   confidential paper the trust receives (those the agenda does not name
//!   last, in id order), with the trust's confidential label on the cover.
//!   Never with `--public`.
//!
//! A pack is written when it has at least one item that shows something,
//! even one that is not a paper (LPT's Part II pack holds only its private
//! minutes: the private meeting's agenda is still the board's); a trust
//! with no agenda and no paper for a pack gets none, and neither does a
//! pack whose every paper failed and every own PDF was refused (a cover
//! and an agenda of rows without pages would pass for a complete pack;
//! the papers' own errors fail the build and say why).
//!
//! Packs are built when the build makes PDFs for every paper (no
//! `--paper`); a pack is keyed by the cache keys of its papers' sources,
//! the trust and project (its agenda among them) and what every PDF shares,
//! so an unchanged pack is not even resolved. A pack that must be built
//! again takes each paper as the build resolved and laid it out for the
//! paper's own PDF ([`super::shared`]): it resolves or lays out only what
//! no other output of the build has. A paper that fails to
//! resolve is listed on the agenda without a page; its errors are the
//! paper's own build's to report.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::own;
use super::pdf::{self, Cover, Entry, Pack, Part};
use super::{PACK, PACK_PART_II};
use crate::assemble::cache::{self, StableHasher};
use crate::assemble::kit::Kit;
use crate::assemble::pack::import::Imported;
use crate::assemble::shared::{Shared, Variant};
use crate::assemble::{Content, Output, Request};
use crate::check::agenda::{AgendaItem, ItemKind};
use crate::check::{Checked, Model, Trust};
use crate::diag::{Code, Diagnostic};
use crate::document::Document;
use crate::pdf::{Fonts, LaidOut};
use crate::project::variant::merged;
use crate::project::{Format, PaperSource};
use crate::resolve::{self, Resolved};
use crate::source::Pos;
use crate::timings::Stage;

/// The packs (trust, name) a full build of the project makes, `--public`
/// or not: what a shard being merged may hold besides its variants.
pub(crate) fn produced(checked: &Checked, public: bool) -> Vec<(String, String)> {
    let req = Request {
        public,
        packs: true,
        formats: checked.model.formats.clone(),
        ..Request::default()
    };
    jobs(checked, &req)
        .iter()
        .filter(|j| j.may_show())
        .map(|j| (j.trust.id.clone(), j.name.to_owned()))
        .collect()
}

/// One pack to build.
pub(crate) struct Job<'m> {
    trust: &'m Trust,
    name: &'static str,
    items: Vec<Item<'m>>,
    /// The build's own PDF papers, read (not parsed) once for every pack.
    store: Arc<own::Store>,
    /// A hash of the pack's own PDFs as planned (their bytes, and what was
    /// refused without parsing them) and, for the public pack, of what
    /// would make one name a confidential paper: for the cache.
    files_key: String,
}

impl Job<'_> {
    /// The trust whose pack it is.
    pub(crate) fn trust(&self) -> &Trust {
        self.trust
    }

    /// The papers in the pack.
    pub(crate) fn papers(&self) -> impl Iterator<Item = &PaperSource> {
        self.items.iter().filter_map(|i| i.paper)
    }

    /// The own PDFs the pack includes, each once.
    fn files(&self) -> BTreeSet<&Path> {
        self.items.iter().filter_map(Item::file).collect()
    }

    /// Whether the pack may show something, as planning knows it (each
    /// sound paper resolves; each own PDF not refused by then parses):
    /// what `merge` expects a build to have made.
    fn may_show(&self) -> bool {
        let includes = |i: &Item| {
            let (a, path) = (i.agenda, i.file());
            a.zip(path)
                .is_some_and(|(a, path)| self.store.planned(a, path).1.is_none())
        };
        shows(
            self.items
                .iter()
                .map(|i| (i, i.paper.is_some(), includes(i))),
        )
    }

    /// The pack is done with its own PDFs (built, found unchanged, or
    /// checked): each is dropped once no other pack needs it.
    fn release(&self) {
        for path in self.files() {
            self.store.release(path);
        }
    }

    /// A guess at the work: the length of the papers' sources.
    pub(crate) fn weight(&self) -> usize {
        self.items
            .iter()
            .filter_map(|i| i.paper)
            .map(|p| p.source.text.len())
            .sum()
    }
}

/// One item of a pack: an agenda entry, a paper, or both.
struct Item<'m> {
    agenda: Option<&'m AgendaItem>,
    paper: Option<&'m PaperSource>,
    /// The paper, when it failed (listed by its id, without pages).
    failed: Option<&'m PaperSource>,
}

impl Item<'_> {
    /// The own PDF the item names.
    fn file(&self) -> Option<&Path> {
        match &self.agenda?.what {
            ItemKind::File(path) => Some(path),
            _ => None,
        }
    }

    /// Business on the agenda that is neither a paper nor a file.
    fn is_business(&self) -> bool {
        matches!(self.agenda.map(|a| &a.what), Some(ItemKind::Business))
    }
}

/// The packs `req` builds, in trust order (public, then Part II).
pub(crate) fn jobs<'m>(checked: &'m Checked, req: &Request) -> Vec<Job<'m>> {
    if !req.packs || !req.formats.contains(&Format::Pdf) || !req.papers.is_empty() {
        return Vec::new();
    }
    let model = &checked.model;
    let planned = plan(checked, req);
    let paths = planned
        .iter()
        .flat_map(|(_, _, items)| items.iter().filter_map(Item::file));
    // The project's output folder, and this build's `--out` as given
    // (relative to the working folder).
    let outs: Vec<PathBuf> = [model.root.join(&model.output), req.out.clone()]
        .into_iter()
        .filter(|o| !o.as_os_str().is_empty())
        .collect();
    let store = Arc::new(own::Store::read(&model.root, paths, &outs));
    let mut out = Vec::new();
    for (trust, name, items) in planned {
        let files_key = files_key(&store, model, trust, &items, name == PACK);
        let job = Job {
            trust,
            name,
            items,
            store: Arc::clone(&store),
            files_key,
        };
        for path in job.files() {
            store.use_file(path);
        }
        out.push(job);
    }
    out
}

/// Whether a pack shows something, from each item with whether its paper
/// resolved and its own PDF can be included: an item of business, a paper
/// or a PDF. A pack that shows nothing is not written (an agenda of empty
/// rows would look like a complete pack); the papers' errors and the
/// files' say why.
fn shows<'i, 'm: 'i>(items: impl IntoIterator<Item = (&'i Item<'m>, bool, bool)>) -> bool {
    items
        .into_iter()
        .any(|(i, paper, file)| paper || file || i.is_business())
}

/// Each selected trust's packs (trust, name, items), papers that are not
/// sound marked failed.
fn plan<'m>(checked: &'m Checked, req: &Request) -> Vec<(&'m Trust, &'static str, Vec<Item<'m>>)> {
    let model = &checked.model;
    let mut planned = Vec::new();
    for trust in &model.trusts {
        if !req.trusts.is_empty() && !req.trusts.contains(&trust.id) {
            continue;
        }
        let received: Vec<&PaperSource> = model
            .papers
            .iter()
            .filter(|p| model.recipients(p).iter().any(|t| t.id == trust.id))
            .collect();
        let secret = |p: &PaperSource| merged(&p.front, &trust.id).confidential == Some(true);
        let sound = |p: &PaperSource| checked.sound(&trust.id, &p.id);
        let public = items(trust, &received, |i, p| {
            !i.is_some_and(|i| i.part_ii) && !p.is_some_and(secret)
        });
        let private = items(trust, &received, |i, p| {
            i.is_some_and(|i| i.part_ii) || p.is_some_and(secret)
        });
        for (name, mut items) in [(PACK, public), (PACK_PART_II, private)] {
            let refused = !checked.sound(&trust.id, name);
            if items.is_empty() || (name == PACK_PART_II && req.public) || refused {
                continue;
            }
            for item in &mut items {
                if item.paper.is_some_and(|p| !sound(p)) {
                    item.failed = item.paper.take();
                }
            }
            planned.push((trust, name, items));
        }
    }
    planned
}

/// The items of one of `trust`'s packs: its agenda's entries that `wanted`
/// accepts (with the paper each names, when the trust receives it), then
/// the received papers the agenda does not name that it accepts, by id.
fn items<'m>(
    trust: &'m Trust,
    received: &[&'m PaperSource],
    wanted: impl Fn(Option<&AgendaItem>, Option<&PaperSource>) -> bool,
) -> Vec<Item<'m>> {
    let find = |id: &str| received.iter().copied().find(|p| p.id == id);
    let mut out = Vec::new();
    for item in &trust.agenda.items {
        let paper = match &item.what {
            ItemKind::Paper(id) => match find(id) {
                Some(p) => Some(p),
                // Not a paper this trust receives: nothing to show.
                None => continue,
            },
            ItemKind::Business | ItemKind::File(_) => None,
        };
        if wanted(Some(item), paper) {
            out.push(Item {
                agenda: Some(item),
                paper,
                failed: None,
            });
        }
    }
    let mut rest: Vec<&PaperSource> = received
        .iter()
        .copied()
        .filter(|p| trust.agenda.paper_item(&p.id).is_none())
        .filter(|p| wanted(None, Some(p)))
        .collect();
    rest.sort_by(|a, b| a.id.cmp(&b.id));
    out.extend(rest.into_iter().map(|p| Item {
        agenda: None,
        paper: Some(p),
        failed: None,
    }));
    out
}

/// The key of a pack's own PDFs as planned, without parsing them: where
/// each is, a hash of its bytes and the message it is refused with, if it
/// is (a file refused in one build, lying in that build's output folder,
/// and not in another is not the same pack); for the public pack, what
/// would make one name a confidential paper. `public`: the items go into
/// the public pack.
fn files_key(
    store: &own::Store,
    model: &Model,
    trust: &Trust,
    items: &[Item],
    public: bool,
) -> String {
    let planned: Vec<(&Path, &str, Option<String>)> = items
        .iter()
        .filter_map(|i| {
            let (a, path) = (i.agenda?, i.file()?);
            let (hash, refused) = store.planned(a, path);
            Some((path, hash, refused))
        })
        .collect();
    let secrets = (public && !planned.is_empty())
        .then(|| crate::assemble::public::secrets_key(model, &trust.id));
    StableHasher::hex_of((planned, secrets))
}

/// Each `file` item's PDF, parsed if no pack of the build has yet
/// (`parsed` is told when one is; see [`own`]), and the problems to report:
/// a file that cannot be included is an error at its agenda entry (the
/// pack is still built, the item listed without pages); an untagged one a
/// warning there (the pack cannot be fully accessible).
fn own_papers(
    job: &Job,
    model: &Model,
    parsed: &dyn Fn(),
) -> (Vec<Option<Arc<Imported>>>, Vec<Diagnostic>) {
    let public = job.name == PACK;
    let mut notes = Vec::new();
    let files = job
        .items
        .iter()
        .map(|i| {
            let (a, path) = (i.agenda?, i.file()?);
            let (file, ds) = job.store.item(model, job.trust, a, path, public, parsed);
            notes.extend(ds);
            file
        })
        .collect();
    (files, notes)
}

/// The problems `check` reports with the trusts' own PDF papers: those
/// every build of the project would report (it parses every file, one
/// pack at a time).
pub(crate) fn own_notes(checked: &Checked) -> Vec<Diagnostic> {
    let req = Request {
        packs: true,
        formats: checked.model.formats.clone(),
        ..Request::default()
    };
    let mut notes = Vec::new();
    for job in jobs(checked, &req) {
        notes.extend(own_papers(&job, &checked.model, &|| ()).1);
        job.release();
    }
    notes
}

/// Builds `job` (or finds it unchanged in the output folder): its output
/// and warnings. Its own PDFs are dropped once no other pack needs them.
pub(crate) fn build(kit: &Kit, model: &Model, job: &Job) -> (Option<Output>, Vec<Diagnostic>) {
    let out = kit.time(Stage::Pack, || build_timed(kit, model, job));
    job.release();
    out
}

fn build_timed(kit: &Kit, model: &Model, job: &Job) -> (Option<Output>, Vec<Diagnostic>) {
    let output = Output {
        trust: job.trust.id.clone(),
        paper: job.name.to_owned(),
        format: Format::Pdf,
        content: Content::Unchanged(cache::Entry::default()),
    };
    let inputs = inputs(kit, job);
    let rel = output.rel_string();
    if let Some(folder) = kit.folder {
        if let Some(e) = folder.cache.unchanged(model, folder.out, &rel, &inputs) {
            let notes = e.notes.clone();
            let content = Content::Unchanged(e);
            return (Some(kit.finished(Output { content, ..output })), notes);
        }
    }
    let Some(fonts) = kit.fonts.as_deref() else {
        return (None, Vec::new());
    };
    let docs = resolve_all(&kit.shared, model, job, |r| kit.time(Stage::Resolve, r));
    let prints: Vec<Option<&cache::Fingerprint>> = docs
        .iter()
        .map(|d| d.as_ref().and_then(|v| v.print.as_ref()))
        .collect();
    let key = key(kit, model, job, &prints);
    let images = prints
        .iter()
        .flatten()
        .flat_map(|f| f.images.clone())
        .collect();
    let mut entry = cache::Entry {
        key,
        inputs,
        images,
        ..cache::Entry::default()
    };
    if let Some(old) = kit
        .folder
        .and_then(|f| f.cache.fresh(f.out, &rel, &entry.key))
    {
        let notes = old.notes.clone();
        let reused = cache::Entry {
            bytes: old.bytes,
            sha256: old.sha256,
            notes: old.notes,
            ..entry
        };
        let content = Content::Unchanged(reused);
        return (Some(kit.finished(Output { content, ..output })), notes);
    }
    let parsed = || {
        if let Some(t) = &kit.timings {
            t.count_parses(1);
        }
    };
    let (files, mut notes) = own_papers(job, model, &parsed);
    let resolved = |d: &Option<Arc<Variant>>| d.as_ref().is_some_and(|v| v.resolved.doc.is_some());
    let items = job.items.iter().zip(&docs).zip(&files);
    if !shows(items.map(|((i, d), f)| (i, resolved(d), f.is_some()))) {
        // Every paper failed (their errors are their builds') and every
        // own PDF was refused: no pack of empty rows.
        return (None, notes);
    }
    entry.notes.clone_from(&notes);
    let laid = lay_out_all(&kit.shared, job, &docs, fonts, |l| {
        kit.time(Stage::Layout, l)
    });
    let pack = assemble(model, job, &docs, &laid, &files);
    let rendered = match pdf::render(&pack, fonts, &kit.options) {
        Ok(r) => r,
        Err(t) => {
            notes.push(too_long(job, t));
            return (None, notes);
        }
    };
    let content = Content::Fresh {
        bytes: rendered.bytes,
        entry: Some(entry),
    };
    (Some(kit.finished(Output { content, ..output })), notes)
}

/// The error for a pack over the page limits, at the agenda entry whose
/// pages cross them (in the trust file).
fn too_long(job: &Job, t: pdf::TooLong) -> Diagnostic {
    use crate::markdown::limits::{MAX_PACK_PAGES, MAX_PAGES};
    let pos = job
        .items
        .get(t.entry)
        .and_then(|i| i.agenda)
        .map_or(Pos::new(1, 1), |a| a.pos);
    Diagnostic::error(
        Code::TooLarge,
        job.trust.file(),
        pos,
        format!(
            "the {} would pass the page limit here ({} pages so far): a paper may have at most {MAX_PAGES} pages, a pack {MAX_PACK_PAGES}",
            job.name, t.pages
        ),
    )
    .with_hint(Some("split the meeting's papers over several packs, or shorten the paper".into()))
}

/// The hash of what `job`'s pack shows: its papers as resolved (with their
/// images), the trust (its agenda among it), the cycle and issuer, and what
/// every PDF shares. An edit that changes none of these (another trust's
/// file) does not lay the pack out again.
fn key(kit: &Kit, model: &Model, job: &Job, prints: &[Option<&cache::Fingerprint>]) -> String {
    let docs: Vec<Option<&str>> = prints.iter().map(|p| p.map(|f| f.hash.as_str())).collect();
    StableHasher::hex_of((
        docs,
        &job.files_key,
        job.trust,
        &model.cycle,
        &model.alliance,
        &model.alliance_full,
        job.name,
        &kit.pdf_key,
    ))
}

/// Each item's paper resolved for the job's trust (`None`: no paper), by
/// the build's shared store: a variant its own outputs resolved is not
/// resolved again (`timed` times the resolving).
fn resolve_all(
    shared: &Shared,
    model: &Model,
    job: &Job,
    timed: impl Fn(&mut dyn FnMut() -> Resolved) -> Resolved,
) -> Vec<Option<Arc<Variant>>> {
    job.items
        .iter()
        .map(|i| {
            let p = i.paper?;
            let key = (job.trust.id.as_str(), p.id.as_str());
            let make = || timed(&mut || resolve::variant(model, p, job.trust));
            Some(shared.variant(key, make))
        })
        .collect()
}

/// Each item's paper laid out, by the build's shared store: a paper its
/// own PDF laid out is not laid out again (`timed` times the layout). One
/// after the other: the trust's variants, started next to the pack (see
/// `render::order`), lay the others out meanwhile, and a thread waiting
/// here for parallel work would start other trusts' packs, holding their
/// papers too.
fn lay_out_all(
    shared: &Shared,
    job: &Job,
    docs: &[Option<Arc<Variant>>],
    fonts: &Fonts,
    timed: impl Fn(&mut dyn FnMut() -> LaidOut) -> LaidOut,
) -> Vec<Option<Arc<LaidOut>>> {
    job.items
        .iter()
        .zip(docs)
        .map(|(i, v)| {
            let (p, doc) = (i.paper?, v.as_ref()?.resolved.doc.as_ref()?);
            let key = (job.trust.id.as_str(), p.id.as_str());
            Some(shared.laid(key, || timed(&mut || crate::pdf::lay_out(doc, fonts))))
        })
        .collect()
}

/// The cover and agenda pages of `trust`'s pack `name` (`pack` or
/// `pack-part-ii`) as laid out in it, dumped (`dump-layout --paper pack`);
/// `None` when the trust has no such pack.
pub(crate) fn dump_front(checked: &Checked, trust: &str, name: &str) -> Option<String> {
    let req = Request {
        packs: true,
        formats: vec![Format::Pdf],
        trusts: vec![trust.to_owned()],
        ..Request::default()
    };
    let job = jobs(checked, &req).into_iter().find(|j| j.name == name)?;
    let shared = Shared::default();
    let fonts = Fonts::builtin();
    let docs = resolve_all(&shared, &checked.model, &job, |r| r());
    let laid = lay_out_all(&shared, &job, &docs, &fonts, |l| l());
    let (files, _) = own_papers(&job, &checked.model, &|| ());
    let pack = assemble(&checked.model, &job, &docs, &laid, &files);
    Some(pdf::dump_front(&pack, &fonts))
}

/// The hash of what `job`'s pack is made from.
fn inputs(kit: &Kit, job: &Job) -> String {
    let papers: Vec<(&str, &str)> = job
        .items
        .iter()
        .filter_map(|i| i.paper)
        .map(|p| {
            let key = kit.paper_keys.get(&p.id).map_or("", String::as_str);
            (p.id.as_str(), key)
        })
        .collect();
    StableHasher::hex_of((
        &kit.project_key,
        papers,
        &job.files_key,
        &job.trust.id,
        job.name,
        &kit.pdf_key,
    ))
}

/// Who issues the pack's papers, as the papers themselves say it (their
/// `issuer`, in agenda order, each once, joined with "and"); the
/// alliance's full name for a pack with no paper.
fn issuers(model: &Model, docs: &[Option<Arc<Variant>>]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for doc in docs
        .iter()
        .flatten()
        .filter_map(|v| v.resolved.doc.as_ref())
    {
        let name = doc.meta.issuer.as_str();
        if !name.trim().is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    match names.as_slice() {
        [] => model.alliance_full.clone(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The pack to lay out: `job`'s items with their resolved `docs` and
/// those laid out.
fn assemble<'d>(
    model: &Model,
    job: &'d Job,
    docs: &'d [Option<Arc<Variant>>],
    laid: &'d [Option<Arc<LaidOut>>],
    files: &'d [Option<Arc<Imported>>],
) -> Pack<'d> {
    let trust = job.trust;
    let private = job.name == PACK_PART_II;
    let board = if private {
        &trust.private_board
    } else {
        &trust.board
    };
    let date = trust.meeting.as_ref().map(|d| d.long());
    let issuer = issuers(model, docs);
    let cover = Cover {
        trust: trust.name.clone(),
        board: board.clone(),
        date: date.clone(),
        venue: trust.venue.clone(),
        cycle: model.cycle.clone(),
        issuer: issuer.clone(),
        label: private.then(|| trust.confidential_label.clone()),
    };
    let heading = match (&trust.agenda.part_ii_heading, private) {
        (Some(h), true) => h.clone(),
        _ => "Agenda".to_owned(),
    };
    let entries = job
        .items
        .iter()
        .zip(docs.iter().zip(laid))
        .zip(files)
        .map(|((item, (doc, laid)), file)| {
            let doc = doc.as_ref().and_then(|v| v.resolved.doc.as_ref());
            let paper = doc.zip(laid.as_deref());
            entry(item, paper, file.as_deref())
        })
        .collect();
    let draft = model.draft.is_some();
    let mut title = format!(
        "{}{board} pack",
        if draft { resolve::draft::PREFIX } else { "" }
    );
    if let Some(d) = &date {
        title.push_str(" \u{2013} ");
        title.push_str(d);
    }
    let meta = crate::document::Meta {
        author: model.alliance_full.clone(),
        subject: format!("{} board pack for {}", model.cycle, trust.name),
        issuer,
        confidential: private,
        marking: private.then(|| trust.confidential_label.clone()),
        contents: Some(false),
        contents_depth: 1,
        body_title: true,
        draft,
        ..resolve::meta::for_trust(model, trust, job.name, title)
    };
    Pack {
        meta,
        cover,
        heading,
        entries,
    }
}

/// Characters at most of an agenda field: a title or name longer than
/// this (a hostile megabyte) is cut with an ellipsis on the agenda, in the
/// running header and in the bookmarks, so the agenda's table stays cheap
/// to lay out (a paper's own pages still show it whole).
const FIELD_CHARS: usize = 300;

/// `s` cut to [`FIELD_CHARS`].
fn clip(s: String) -> String {
    match s.char_indices().nth(FIELD_CHARS) {
        Some((at, _)) => format!("{}\u{2026}", s[..at].trim_end()),
        None => s,
    }
}

/// One agenda entry: the item's own words, else the paper's.
fn entry<'d>(
    item: &Item,
    paper: Option<(&'d Document, &'d LaidOut)>,
    file: Option<&'d Imported>,
) -> Entry<'d> {
    let doc = paper.map(|(d, _)| d);
    let a = item.agenda;
    let field = |f: fn(&AgendaItem) -> &Option<String>| a.and_then(|a| f(a).clone()).map(clip);
    let title = field(|a| &a.title)
        .or_else(|| doc.map(|d| d.front.title.clone()))
        // A paper the build did not render (it failed, or is a draft a
        // final build refuses) is still listed by its title, not its id.
        .or_else(|| item.failed.and_then(|p| p.front.title.clone()))
        .or_else(|| item.paper.or(item.failed).map(|p| p.id.clone()))
        .or_else(|| match a.map(|a| &a.what) {
            Some(ItemKind::Paper(id)) => Some(id.clone()),
            _ => None,
        })
        .unwrap_or_default();
    Entry {
        number: clip(a.map(|a| a.number.clone()).unwrap_or_default()),
        title: clip(title),
        presenter: field(|a| &a.presenter),
        purpose: field(|a| &a.purpose),
        time: field(|a| &a.time),
        part: paper
            .map(|(d, l)| Part::Paper(d, l))
            .or(file.map(Part::Imported)),
    }
}

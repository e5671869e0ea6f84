//! Which variants a change touched, and their HTML copies made again.
//!
//! Each variant's HTML copy is remembered with what it was made from: the
//! hash of its inputs (the project's settings and trusts, its paper's
//! sources, its trust, the templates: `build::cache::inputs`) and the key
//! of its resolved document (`build::cache::key`, which also covers the
//! images the document shows). After a change, only the variants whose
//! inputs moved (all of them after a change to an image or another file
//! the inputs do not cover) are resolved again, and only those whose
//! document moved are rendered again, through the build's own path
//! (`assemble::render_each`). A trust file is part of every variant's inputs
//! (a paper may name any trust), so editing one resolves every variant
//! but renders again only the variants whose document changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::assemble::{self, cache, Content, Request};
use crate::check::{Checked, Model, Trust};
use crate::diag::{self, Diagnostic};
use crate::project::{Format, PaperSource};
use crate::resolve;

/// A variant: (trust id, paper id).
pub(crate) type Key = (String, String);

/// The served path of a variant's HTML copy.
pub(crate) fn page((trust, paper): &Key) -> String {
    super::render::rel(trust, paper, Format::Html)
}

/// What a variant's HTML copy was last made from, and its problems.
#[derive(Debug, Default)]
struct Made {
    inputs: String,
    /// The key of the document shown (`None`: never rendered).
    print: Option<String>,
    diags: Vec<Diagnostic>,
}

/// Every variant's last HTML copy, as the renderer remembers it.
#[derive(Debug, Default)]
pub(crate) struct Variants {
    made: BTreeMap<Key, Made>,
    /// Touched by an earlier change but not checked yet (a newer change
    /// came first): checked with the next.
    pending: BTreeSet<Key>,
    /// The problems of the whole render (templates that do not compile).
    global: Vec<Diagnostic>,
}

/// What a change asks of the renderer.
pub(crate) struct Plan {
    /// The variants to check, in project order.
    pub(crate) todo: Vec<Key>,
    /// Every variant the project has now.
    pub(crate) total: usize,
    /// Variants the project no longer has (their pages go).
    pub(crate) gone: Vec<Key>,
    inputs: HashMap<Key, String>,
}

/// A variant as the model has it.
type Pair<'m> = (&'m Trust, &'m PaperSource);

/// What checking one variant gave: its page made again, or `None` when its
/// document did not change (or could not be made: the last good page stays).
pub(crate) type Checked1 = (Key, Option<Vec<u8>>);

impl Variants {
    /// The variants of `checked` a change must check: those whose inputs
    /// moved, every one when `all`, and those an earlier change left.
    pub(crate) fn plan(&mut self, checked: &Checked, all: bool) -> Plan {
        let model = &checked.model;
        let project = cache::project_key(model);
        let templates = cache::templates_key(&model.templates);
        let papers: HashMap<&str, String> = model
            .papers
            .iter()
            .map(|p| (p.id.as_str(), cache::paper_key(p)))
            .collect();
        let mut inputs = HashMap::new();
        let mut todo = Vec::new();
        let mut total = 0;
        let mut pending = std::mem::take(&mut self.pending);
        for (t, p) in assemble::select(model, &Request::default()) {
            total += 1;
            let key = (t.id.clone(), p.id.clone());
            let paper = papers.get(p.id.as_str()).map_or("", String::as_str);
            let now = cache::inputs(&project, paper, &t.id, Format::Html.ext(), &templates);
            if !checked.sound(&t.id, &p.id) {
                // Its problems are the check's; its last good page stays.
                if let Some(made) = self.made.get_mut(&key) {
                    made.diags.clear();
                }
                if pending.remove(&key) {
                    self.pending.insert(key);
                }
                continue;
            }
            let moved = self.made.get(&key).is_none_or(|m| m.inputs != now);
            if all || moved || pending.remove(&key) {
                todo.push(key.clone());
            }
            inputs.insert(key, now);
        }
        let selected: BTreeSet<&Key> = inputs.keys().collect();
        let gone = self
            .made
            .keys()
            .filter(|k| !selected.contains(k) && !self.pending.contains(*k))
            .cloned()
            .collect();
        Plan {
            todo,
            total,
            gone,
            inputs,
        }
    }

    /// Forgets the variants `plan` found gone.
    pub(crate) fn forget(&mut self, gone: &[Key]) {
        for key in gone {
            self.made.remove(key);
        }
    }

    /// Leaves `keys` for the next change (a newer one came first).
    pub(crate) fn postpone(&mut self, keys: impl IntoIterator<Item = Key>) {
        self.pending.extend(keys);
    }

    /// Checks `keys` of `plan` and renders again the HTML of those whose
    /// document changed: each variant rendered before is resolved first
    /// (side by side) to compare its document's key with the last one's.
    pub(crate) fn check(&mut self, model: &Model, plan: &Plan, keys: &[Key]) -> Vec<Checked1> {
        let templates = cache::templates_key(&model.templates);
        let found = keys.iter().filter_map(|(t, p)| {
            let paper = model.papers.iter().find(|x| x.id == *p)?;
            Some((model.trust(t)?, paper))
        });
        let (known, mut again): (Vec<Pair>, Vec<Pair>) = found.partition(|(t, p)| {
            let key = (t.id.clone(), p.id.clone());
            self.made.get(&key).is_some_and(|m| m.print.is_some())
        });
        let prints: Vec<(Option<String>, Vec<Diagnostic>)> = known
            .par_iter()
            .with_max_len(1)
            .map(|(t, p)| {
                let r = resolve::variant(model, p, t);
                let print = r.doc.as_ref().map(|d| {
                    cache::key(&cache::fingerprint(d).hash, Format::Html.ext(), &templates)
                });
                (print, r.diags)
            })
            .collect();
        let mut out = Vec::new();
        for ((t, p), (print, diags)) in known.into_iter().zip(prints) {
            let key = (t.id.clone(), p.id.clone());
            let made = self.made.entry(key.clone()).or_default();
            made.inputs = plan.inputs.get(&key).cloned().unwrap_or_default();
            match print {
                Some(print) if made.print.as_ref() != Some(&print) => again.push((t, p)),
                // The page shown is this document's: an HTML render that
                // succeeds adds no problem, so the resolve's are all.
                _ => {
                    made.diags = diags;
                    out.push((key, None));
                }
            }
        }
        out.extend(self.render(model, plan, again));
        out
    }

    /// Renders the HTML of `again` through the build's path.
    fn render(&mut self, model: &Model, plan: &Plan, again: Vec<Pair>) -> Vec<Checked1> {
        if again.is_empty() {
            return Vec::new();
        }
        let (each, global) = assemble::render_each(model, &again, &[Format::Html]);
        self.global = global;
        let mut out = Vec::new();
        for ((t, p), (outputs, diags)) in again.into_iter().zip(each) {
            let key = (t.id.clone(), p.id.clone());
            let made = self.made.entry(key.clone()).or_default();
            made.inputs = plan.inputs.get(&key).cloned().unwrap_or_default();
            made.diags = diags;
            let fresh = outputs.into_iter().find_map(|o| match o.content {
                Content::Fresh { bytes, entry } => Some((bytes, entry?.key)),
                _ => None,
            });
            match fresh {
                Some((bytes, print)) => {
                    made.print = Some(print);
                    out.push((key, Some(bytes)));
                }
                None => out.push((key, None)),
            }
        }
        out
    }

    /// The problems shown now: `loaded` (the load's and check's), the
    /// whole render's and every variant's, tidied; (errors, warnings).
    pub(crate) fn problems(&self, loaded: &[Diagnostic]) -> (Vec<Diagnostic>, usize) {
        let mut all: Vec<Diagnostic> = loaded.to_vec();
        all.extend(self.global.iter().cloned());
        all.extend(self.made.values().flat_map(|m| m.diags.iter().cloned()));
        diag::tidy(&mut all);
        let warnings = all.iter().filter(|d| !d.is_error()).count();
        all.retain(Diagnostic::is_error);
        (all, warnings)
    }
}

/// `todo` split into the pages in view (in the order given) and the rest.
pub(crate) fn in_view_first(todo: &[Key], in_view: &[String]) -> (Vec<Key>, Vec<Key>) {
    let by_page: HashMap<String, &Key> = todo.iter().map(|k| (page(k), k)).collect();
    let first: Vec<Key> = in_view
        .iter()
        .filter_map(|p| by_page.get(p).map(|k| (*k).clone()))
        .collect();
    let rest = todo
        .iter()
        .filter(|k| !first.contains(k))
        .cloned()
        .collect();
    (first, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(t: &str, p: &str) -> Key {
        (t.into(), p.into())
    }

    #[test]
    fn the_pages_in_view_come_first_in_their_order() {
        let todo = [key("a", "x"), key("a", "y"), key("b", "x")];
        let (first, rest) = in_view_first(
            &todo,
            &["b/x.html".into(), "a/x.html".into(), "z/q.html".into()],
        );
        assert_eq!(first, [key("b", "x"), key("a", "x")]);
        assert_eq!(rest, [key("a", "y")]);
    }
}

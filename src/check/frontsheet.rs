//! A paper's front-sheet content against the front sheets of the trusts
//! it goes to: a `fields` or `sections` key that no such trust shows
//! (BP033, a warning: the value would be silently dropped), a section of
//! a trust's own that the paper leaves empty (BP034), and the `governance-
//! tables` a front sheet is asked to carry (BP003, BP006).

use crate::check::model::{Model, Trust};
use crate::check::problems::unknown;
use crate::check::trusts::STANDARD_SECTIONS;
use crate::diag::{Code, Diagnostic};
use crate::project::variant::merged;
use crate::project::{FrontMatter, PaperSource};
use crate::source::Pos;
use crate::yaml::{self, Entries, Spanned};

const FM: u32 = 1; // front matter starts on line 2

/// The agenda-item field is shown beside the meeting line by every trust
/// that does not list it among its header fields: always used.
const AGENDA_ITEM: &str = "agenda-item";

/// Checks the paper's front-sheet keys at the top level and in each
/// variant (a variant's keys against its own trust only).
pub(crate) fn paper(p: &PaperSource, model: &Model, diags: &mut Vec<Diagnostic>) {
    let recipients = model.recipients(p);
    // A paper going to a misspelt or unreadable trust (reported already):
    // which keys its trusts show cannot be judged.
    if !model.recipients_settled(p) {
        missing_sections(p, &recipients, diags);
        return;
    }
    unused_keys(p, &p.front, &recipients, diags);
    governance_tables(p, &p.front, model, diags);
    for (trust_key, v) in p.front.variants.iter().flat_map(|v| &v.0) {
        if let Some(t) = recipients.iter().find(|t| t.id == trust_key.value) {
            unused_keys(p, v, &[t], diags);
        }
        governance_tables(p, v, model, diags);
    }
    missing_sections(p, &recipients, diags);
}

/// BP033 for each `fields.<key>` no recipient shows in its header, and
/// each `sections.<key>` that is not one of a recipient's own sections.
fn unused_keys(
    p: &PaperSource,
    f: &FrontMatter,
    recipients: &[&Trust],
    diags: &mut Vec<Diagnostic>,
) {
    if recipients.is_empty() {
        return;
    }
    let field_used = |k: &str| k == AGENDA_ITEM || recipients.iter().any(|t| t.shows_field(k));
    for (key, _) in entries(&f.fields) {
        if !field_used(&key.value) {
            let shown = recipients.iter().flat_map(|t| t.header_keys());
            diags.push(unused(p, key, "header field", shown, recipients));
        }
    }
    for key in f.omit_sections.iter().flatten() {
        if !recipients
            .iter()
            .any(|t| t.sections.iter().any(|(k, _)| *k == key.value))
        {
            let shown = recipients
                .iter()
                .flat_map(|t| t.sections.iter().map(|(k, _)| k.as_str()));
            diags.push(unused(p, key, "front-sheet section", shown, recipients));
        }
    }
    for (key, _) in entries(&f.sections) {
        if !recipients
            .iter()
            .any(|t| own_sections(t).any(|k| k == key.value))
        {
            let shown = recipients.iter().flat_map(|t| own_sections(t));
            diags.push(unused(p, key, "front-sheet section", shown, recipients));
        }
    }
}

fn entries<V>(e: &Option<Entries<V>>) -> impl Iterator<Item = &(Spanned<String>, V)> {
    e.iter().flat_map(|e| &e.0)
}

/// A trust's sections whose content is the paper's `sections.<key>`
/// (the standard ones come from `purpose`, `analysis` ... instead).
fn own_sections(t: &Trust) -> impl Iterator<Item = &str> {
    t.sections
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !STANDARD_SECTIONS.iter().any(|(s, _)| s == k))
}

fn unused<'a>(
    p: &PaperSource,
    key: &Spanned<String>,
    what: &str,
    shown: impl Iterator<Item = &'a str>,
    recipients: &[&Trust],
) -> Diagnostic {
    let mut known: Vec<&str> = shown.collect();
    known.sort_unstable();
    known.dedup();
    let names: Vec<&str> = recipients.iter().map(|t| t.id.as_str()).collect();
    let hint = crate::diag::suggest::did_you_mean(&key.value, known.iter().copied()).or_else(
        || match known.as_slice() {
            [] => Some(format!(
                "no trust this paper goes to shows any {what} of the paper's own"
            )),
            k => Some(format!(
                "the trusts this paper goes to show: {}",
                k.join(", ")
            )),
        },
    );
    Diagnostic::at(
        Code::UnusedFrontSheetKey,
        &p.source,
        yaml::pos(key, FM),
        format!(
            "{what} `{}` is shown by no trust this paper goes to ({}): it would be dropped",
            key.value,
            names.join(", ")
        ),
    )
    .with_end(yaml::end(key, FM))
    .with_hint(hint)
    .into_warning()
}

/// BP034, an error: a trust's own section (say "Executive Summary") that
/// the paper, as that trust receives it, gives no content. An error and
/// not a warning because the trust has made the section part of its
/// cover, as it makes a governance row required (BP008): its copy
/// without it is not the paper its board expects, and the fix is one
/// line of the paper. One diagnostic per section, naming every trust
/// that has it, at the paper's `sections:` line (else its front matter).
fn missing_sections(p: &PaperSource, recipients: &[&Trust], diags: &mut Vec<Diagnostic>) {
    let mut missing: Vec<(&str, &str, Vec<&str>)> = Vec::new();
    for t in recipients {
        let f = merged(&p.front, &t.id);
        for (key, heading) in &t.sections {
            if !own_sections(t).any(|k| k == key) {
                continue;
            }
            let given = f
                .sections
                .as_ref()
                .and_then(|s| s.get(key))
                .is_some_and(|v| !v.value.trim().is_empty());
            if given {
                continue;
            }
            match missing.iter_mut().find(|(k, _, _)| k == key) {
                Some(m) => m.2.push(&t.id),
                None => missing.push((key, heading, vec![&t.id])),
            }
        }
    }
    let front = p.source.text.get(..p.body_start).unwrap_or_default();
    let at = front
        .lines()
        .position(|l| l.starts_with("sections:"))
        .map_or(Pos::new(2, 1), |i| Pos::new(i as u32 + 1, 1));
    for (key, heading, trusts) in missing {
        diags.push(
            Diagnostic::at(
                Code::MissingSection,
                &p.source,
                at,
                format!(
                    "the front sheet of {} has a section \"{heading}\" (`{key}`) and this paper gives it no content",
                    trusts.join(", ")
                ),
            )
            .with_hint(Some(format!(
                "add `{key}: ...` (Markdown) under `sections`, or under a trust's variant"
            ))),
        );
    }
}

/// `governance-tables`: each a trust the paper goes to, none twice.
fn governance_tables(p: &PaperSource, f: &FrontMatter, model: &Model, diags: &mut Vec<Diagnostic>) {
    let recipients = model.recipients(p);
    let mut seen: Vec<&str> = Vec::new();
    for id in f.governance_tables.iter().flatten() {
        let pos = yaml::pos(id, FM);
        if !recipients.iter().any(|t| t.id == id.value) {
            diags.push(unknown(
                Code::UnknownTrust,
                &p.source,
                pos,
                "trust",
                &id.value,
                recipients.iter().map(|t| t.id.as_str()),
                "the paper's `trusts`",
            ));
        } else if seen.contains(&id.value.as_str()) {
            diags.push(
                Diagnostic::at(
                    Code::DuplicateId,
                    &p.source,
                    pos,
                    format!("`{}` is listed twice in `governance-tables`", id.value),
                )
                .with_hint(Some("list each trust's table once".into())),
            );
        } else {
            seen.push(&id.value);
        }
    }
}

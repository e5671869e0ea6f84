//! Checking each paper's front matter against the trusts it goes to.

use crate::check::governance::{ALIGNMENT, DATE_KEYS};
use crate::check::model::{Model, Trust};
use crate::check::placeholders::is_placeholder;
use crate::check::problems::{bad_date, unknown};
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::project::variant::merged;
use crate::project::{FrontMatter, PaperSource};
use crate::source::Pos;
use crate::yaml::{self, Spanned};

const FM: u32 = 1; // front matter starts on line 2

/// Checks one paper; every problem goes into `diags`.
pub(crate) fn paper(p: &PaperSource, model: &Model, diags: &mut Vec<Diagnostic>) {
    let (f, src) = (&p.front, &p.source);
    if f.title.is_none() {
        diags.push(
            Diagnostic::at(
                Code::MissingField,
                src,
                Pos::new(2, 1),
                "the paper has no `title`",
            )
            .with_hint(Some("add `title: ...` to the front matter".into())),
        );
    }
    check_trust_list(p, model, diags);
    let settled = model.recipients_settled(p);
    // Which diagnostics came from which scope (the top level, or one
    // trust's variant), so a misspelt key explains only what it covers.
    let mut scopes: Vec<(std::ops::Range<usize>, Option<&str>)> = Vec::new();
    let at = diags.len();
    fields(p, f, model, diags);
    scopes.push((at..diags.len(), None));
    for (trust_key, v) in f.variants.iter().flat_map(|v| &v.0) {
        let pos = yaml::pos(trust_key, FM);
        let listed = |t: &Spanned<String>| t.value == trust_key.value;
        if unreadable_trust(model, &trust_key.value)
            || (model.trust(&trust_key.value).is_none() && f.trusts.iter().flatten().any(listed))
        {
            // Already reported: the trust's file, or the paper's `trusts`.
        } else if model.trust(&trust_key.value).is_none() {
            diags.push(unknown(
                Code::UnknownTrust,
                src,
                pos,
                "trust",
                &trust_key.value,
                model.trust_ids(),
                "trusts/",
            ));
        } else if settled && !model.recipients(p).iter().any(|t| t.id == trust_key.value) {
            // A variant left from a trust the paper no longer goes to: unused.
            diags.push(
                Diagnostic::at(
                    Code::UnknownTrust,
                    src,
                    pos,
                    format!(
                        "the paper does not go to `{}`, so its variant for it is left out",
                        trust_key.value
                    ),
                )
                .with_hint(Some(
                    "add the trust to `trusts`, or remove this variant".into(),
                ))
                .into_warning(),
            );
        }
        if v.trusts.is_some() || v.variants.is_some() {
            diags.push(Diagnostic::at(
                Code::UnknownKey,
                src,
                pos,
                "`trusts` and `variants` cannot be set inside a variant",
            ));
        }
        let at = diags.len();
        fields(p, v, model, diags);
        scopes.push((at..diags.len(), Some(trust_key.value.as_str())));
    }
    appendix_governance(p, model, diags);
    let mut missing = Vec::new();
    for trust in model.recipients(p) {
        per_trust(p, &merged(f, &trust.id), trust, &mut missing, diags);
    }
    let missing = fold_typos(diags, &scopes, missing);
    diags.extend(missing.iter().map(|m| m.diagnostic(p)));
}

/// A required governance row without a value, and the trusts that need it.
struct Missing<'m> {
    key: &'m str,
    label: &'m str,
    trusts: Vec<&'m Trust>,
}

impl Missing<'_> {
    /// One BP008 at the paper's governance block, naming every trust.
    fn diagnostic(&self, p: &PaperSource) -> Diagnostic {
        // The `governance:` line of the front matter, else its first line.
        let front = p.source.text.get(..p.body_start).unwrap_or_default();
        let anchor = front
            .lines()
            .position(|l| l.starts_with("governance:"))
            .map_or(Pos::new(2, 1), |i| Pos::new(i as u32 + 1, 1));
        let (verb, only) = match self.trusts.as_slice() {
            [one] => (
                "needs",
                format!(
                    ", or under `variants: {{{}: {{governance: ...}}}}` for this trust only",
                    one.id
                ),
            ),
            _ => ("need", String::new()),
        };
        Diagnostic::at(
            Code::MissingGovernance,
            &p.source,
            anchor,
            format!(
                "{} {verb} a value for the governance row `{}` (\"{}\")",
                names(&self.trusts),
                self.key,
                self.label
            ),
        )
        .with_hint(Some(format!(
            "add `{}: ...` under `governance`{only}",
            self.key
        )))
    }
}

/// Folds each missing row that a misspelt governance key explains into
/// that key's BP009 (the typo is the cause; the missing row follows from
/// it): a key at the top level explains the row for every trust, one in a
/// variant for that trust. Returns what no typo explains.
fn fold_typos<'m>(
    diags: &mut [Diagnostic],
    scopes: &[(std::ops::Range<usize>, Option<&str>)],
    missing: Vec<Missing<'m>>,
) -> Vec<Missing<'m>> {
    let mut rest = Vec::new();
    for mut m in missing {
        let meant = crate::diag::suggest::phrase(m.key);
        for (range, scope) in scopes {
            let Some(d) = diags[range.clone()].iter_mut().find(|d| {
                d.code == Code::UnknownGovernanceKey && d.hint.as_deref() == Some(meant.as_str())
            }) else {
                continue;
            };
            let (covered, left): (Vec<&Trust>, Vec<&Trust>) = m
                .trusts
                .iter()
                .partition(|t| scope.is_none_or(|s| s == t.id));
            if covered.is_empty() {
                continue;
            }
            let verb = if covered.len() == 1 { "needs" } else { "need" };
            d.message = format!(
                "{}: {meant} ({} {verb} `{}`)",
                d.message,
                names(&covered),
                m.key
            );
            d.hint = Some(format!("correct the key's spelling to `{}`", m.key));
            m.trusts = left;
        }
        if !m.trusts.is_empty() {
            rest.push(m);
        }
    }
    rest
}

/// "LPT, NHFT and LCR"
fn names(trusts: &[&Trust]) -> String {
    let names: Vec<&str> = trusts.iter().map(|t| t.short.as_str()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// A trust whose file exists but could not be loaded (already reported):
/// naming it is not a second error.
pub(crate) fn unreadable_trust(model: &Model, id: &str) -> bool {
    model.unreadable_trusts.iter().any(|t| t == id)
}

fn check_trust_list(p: &PaperSource, model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    for t in p.front.trusts.iter().flatten() {
        let pos = yaml::pos(t, FM);
        if unreadable_trust(model, &t.value) {
        } else if model.trust(&t.value).is_none() {
            diags.push(unknown(
                Code::UnknownTrust,
                &p.source,
                pos,
                "trust",
                &t.value,
                model.trust_ids(),
                "trusts/",
            ));
        } else if seen.contains(&t.value.as_str()) {
            diags.push(Diagnostic::at(
                Code::DuplicateId,
                &p.source,
                pos,
                format!("trust `{}` is listed twice", t.value),
            ));
        }
        seen.push(&t.value);
    }
}

/// Checks of fields that hold ids or dates, wherever they are written.
fn fields(p: &PaperSource, f: &FrontMatter, model: &Model, diags: &mut Vec<Diagnostic>) {
    let src = &p.source;
    if let Some(d) = f.date.as_ref().filter(|d| !is_placeholder(&d.value)) {
        if let Err(e) = Date::parse(&d.value) {
            diags.push(bad_date(src, d, FM, e));
        }
    }
    for o in f.objectives.iter().flatten() {
        if !model.objectives.iter().any(|(id, _)| id == &o.value) {
            diags.push(unknown(
                Code::UnknownObjective,
                src,
                yaml::pos(o, FM),
                "alliance objective",
                &o.value,
                model.objectives.iter().map(|(id, _)| id.as_str()),
                "boardpaper.yaml",
            ));
        }
    }
    let recipients = model.recipients(p);
    let settled = model.recipients_settled(p);
    for (key, value) in f.governance.iter().flat_map(|g| &g.0) {
        if settled {
            governance_key(src, key, model, &recipients, diags);
        }
        if DATE_KEYS.contains(&key.value.as_str()) && !is_placeholder(&value.value) {
            if let Err(e) = Date::parse(&value.value) {
                diags.push(bad_date(src, value, FM, e));
            }
        }
    }
    for (trust_key, items) in f.alignment.iter().flat_map(|a| &a.0) {
        match model.trust(&trust_key.value) {
            None if unreadable_trust(model, &trust_key.value) => {}
            None => diags.push(unknown(
                Code::UnknownTrust,
                src,
                yaml::pos(trust_key, FM),
                "trust",
                &trust_key.value,
                model.trust_ids(),
                "trusts/",
            )),
            Some(trust) => alignment_items(p, trust, items, diags),
        }
    }
}

/// An appendix's own governance values: keys a receiving trust has as a
/// row (BP009 otherwise), dates that parse (BP010).
fn appendix_governance(p: &PaperSource, model: &Model, diags: &mut Vec<Diagnostic>) {
    let recipients = model.recipients(p);
    let settled = model.recipients_settled(p);
    for a in &p.appendices {
        for (key, value) in a.governance.iter().flat_map(|g| &g.0) {
            if settled {
                governance_key(&a.source, key, model, &recipients, diags);
            }
            if DATE_KEYS.contains(&key.value.as_str()) && !is_placeholder(&value.value) {
                if let Err(e) = Date::parse(&value.value) {
                    diags.push(bad_date(&a.source, value, FM, e));
                }
            }
        }
    }
}

/// A governance key no receiving trust has: a warning when another trust
/// of the project has it (a value left from a trust the paper no longer
/// goes to), else a BP009 error with the nearest key.
fn governance_key(
    src: &crate::source::Source,
    key: &Spanned<String>,
    model: &Model,
    recipients: &[&Trust],
    diags: &mut Vec<Diagnostic>,
) {
    let used = |t: &&Trust| {
        t.rows
            .iter()
            .any(|r| r.key == key.value && r.key != ALIGNMENT)
    };
    if recipients.is_empty() || recipients.iter().any(used) {
        return;
    }
    let others: Vec<&Trust> = model.trusts.iter().filter(used).collect();
    if !others.is_empty() {
        diags.push(
            Diagnostic::at(
                Code::UnknownGovernanceKey,
                src,
                yaml::pos(key, FM),
                format!(
                    "governance value `{}` is for a trust this paper no longer goes to ({}): it is left out",
                    key.value,
                    names(&others)
                ),
            )
            .with_hint(Some(format!(
                "remove `{}`, or add {} back to `trusts`",
                key.value,
                others.iter().map(|t| format!("`{}`", t.id)).collect::<Vec<_>>().join(" or ")
            )))
            .into_warning(),
        );
        return;
    }
    let mut keys: Vec<&str> = recipients
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| r.key.as_str()))
        .filter(|k| *k != ALIGNMENT)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    diags.push(
        unknown(
            Code::UnknownGovernanceKey,
            src,
            yaml::pos(key, FM),
            "governance key",
            &key.value,
            keys,
            "the trusts' `governance` lists",
        )
        .with_hint(
            crate::diag::suggest::did_you_mean(
                &key.value,
                recipients
                    .iter()
                    .flat_map(|t| t.rows.iter().map(|r| r.key.as_str())),
            )
            .or_else(|| {
                Some("no trust this paper goes to has this row in its governance table".into())
            }),
        ),
    );
}

fn alignment_items(
    p: &PaperSource,
    trust: &Trust,
    items: &[Spanned<String>],
    diags: &mut Vec<Diagnostic>,
) {
    for item in items {
        if !trust.items.iter().any(|i| i.id == item.value) {
            let what = format!("framework item of `{}`", trust.id);
            diags.push(unknown(
                Code::UnknownFrameworkItem,
                &p.source,
                yaml::pos(item, FM),
                &what,
                &item.value,
                trust.items.iter().map(|i| i.id.as_str()),
                &trust.file().to_string_lossy(),
            ));
        }
    }
}

/// What must hold for one receiving trust: required rows filled (added to
/// `missing`, reported once per row for all trusts), assurance on its scale.
fn per_trust<'m>(
    p: &PaperSource,
    f: &FrontMatter,
    trust: &'m Trust,
    missing: &mut Vec<Missing<'m>>,
    diags: &mut Vec<Diagnostic>,
) {
    let src = &p.source;
    let gov = f.governance.as_ref();
    for row in trust
        .rows
        .iter()
        .filter(|r| r.required && r.key != ALIGNMENT)
    {
        let value = gov.and_then(|g| g.get(&row.key));
        if value.is_none_or(|v| v.value.trim().is_empty()) {
            match missing.iter_mut().find(|m| m.key == row.key) {
                Some(m) => m.trusts.push(trust),
                None => missing.push(Missing {
                    key: &row.key,
                    label: &row.label,
                    trusts: vec![trust],
                }),
            }
        }
    }
    if let Some(a) = gov.and_then(|g| g.get("assurance")) {
        if trust.rows.iter().any(|r| r.key == "assurance")
            && !is_placeholder(&a.value)
            && !trust
                .scale
                .iter()
                .any(|s| s.eq_ignore_ascii_case(a.value.trim()))
        {
            diags.push(
                Diagnostic::at(
                    Code::AssuranceOffScale,
                    src,
                    yaml::pos(a, FM),
                    format!(
                        "assurance `{}` is not on {}'s scale ({})",
                        a.value,
                        trust.short,
                        trust.scale.join(" / ")
                    ),
                )
                .with_end(yaml::end(a, FM))
                .with_hint(Some(format!(
                    "set `variants: {{{}: {{governance: {{assurance: ...}}}}}}` to one of: {}",
                    trust.id,
                    trust.scale.join(", ")
                ))),
            );
        }
    }
}

//! Checking each paper's front matter against the trusts it goes to.

use crate::check::governance::{ALIGNMENT, DATE_KEYS};
use crate::check::model::{Model, Trust};
use crate::check::trusts::unknown;
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::project::{FrontMatter, PaperSource};
use crate::resolve::merge::merged;
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
    fields(p, f, model, diags);
    for (trust_key, v) in f.variants.iter().flat_map(|v| &v.0) {
        let pos = yaml::pos(trust_key, FM);
        if unreadable_trust(model, &trust_key.value) {
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
        } else if !model.recipients(p).iter().any(|t| t.id == trust_key.value) {
            diags.push(
                Diagnostic::at(
                    Code::UnknownTrust,
                    src,
                    pos,
                    format!(
                        "the paper does not go to `{}`, so it cannot have a variant for it",
                        trust_key.value
                    ),
                )
                .with_hint(Some(
                    "add the trust to `trusts`, or remove this variant".into(),
                )),
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
        fields(p, v, model, diags);
    }
    for trust in model.recipients(p) {
        per_trust(p, &merged(f, &trust.id), trust, diags);
    }
}

/// A trust whose file exists but could not be loaded (already reported):
/// naming it is not a second error.
fn unreadable_trust(model: &Model, id: &str) -> bool {
    model.trust(id).is_none()
        && crate::project::valid_id(id)
        && model
            .root
            .join("trusts")
            .join(format!("{id}.yaml"))
            .is_file()
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
    if let Some(d) = &f.date {
        if let Err(e) = Date::parse(&d.value) {
            diags.push(Diagnostic::at(Code::BadDate, src, yaml::pos(d, FM), e));
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
    for (key, value) in f.governance.iter().flat_map(|g| &g.0) {
        governance_key(p, key, &recipients, diags);
        if DATE_KEYS.contains(&key.value.as_str()) {
            if let Err(e) = Date::parse(&value.value) {
                diags.push(Diagnostic::at(Code::BadDate, src, yaml::pos(value, FM), e));
            }
        }
    }
    for (trust_key, items) in f.alignment.iter().flat_map(|a| &a.0) {
        match model.trust(&trust_key.value) {
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

fn governance_key(
    p: &PaperSource,
    key: &Spanned<String>,
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
            &p.source,
            yaml::pos(key, FM),
            "governance key",
            &key.value,
            keys,
            "the trusts' `governance` lists",
        )
        .with_hint(
            crate::check::suggest::did_you_mean(
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
                &format!("trusts/{}.yaml", trust.id),
            ));
        }
    }
}

/// What must hold for one receiving trust: required rows filled, assurance on its scale.
fn per_trust(p: &PaperSource, f: &FrontMatter, trust: &Trust, diags: &mut Vec<Diagnostic>) {
    let src = &p.source;
    let gov = f.governance.as_ref();
    let anchor = gov
        .and_then(|g| g.keys().next())
        .map_or(Pos::new(2, 1), |k| yaml::pos(k, FM));
    for row in trust
        .rows
        .iter()
        .filter(|r| r.required && r.key != ALIGNMENT)
    {
        let value = gov.and_then(|g| g.get(&row.key));
        if value.is_none_or(|v| v.value.trim().is_empty()) {
            diags.push(Diagnostic::at(Code::MissingGovernance, src, anchor, format!("`{}` needs a value for its governance row `{}` (\"{}\")", trust.id, row.key, row.label))
                .with_hint(Some(format!("add `{}: ...` under `governance`, or under `variants: {{{}: {{governance: ...}}}}` for this trust only", row.key, trust.id))));
        }
    }
    if let Some(a) = gov.and_then(|g| g.get("assurance")) {
        if trust.rows.iter().any(|r| r.key == "assurance")
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
                .with_hint(Some(format!(
                    "set `variants: {{{}: {{governance: {{assurance: ...}}}}}}` to one of: {}",
                    trust.id,
                    trust.scale.join(", ")
                ))),
            );
        }
    }
}

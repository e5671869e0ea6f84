//! The paper's front matter written as YAML, in the order of the format's
//! documentation. Every string is written double-quoted with JSON's
//! escapes, which YAML reads as the same string, so no value from Word can
//! change the structure (a colon, a `#`, a leading `-` or a newline).

use std::fmt::Write as _;

use super::cover::Cover;

/// What goes into the front matter besides the cover sheet's values.
pub(crate) struct Extra<'a> {
    pub(crate) title: &'a str,
    pub(crate) subtitle: Option<&'a str>,
    pub(crate) trusts: Option<&'a [String]>,
    pub(crate) numbered: bool,
    /// The document had a contents list: the build makes its own.
    pub(crate) contents: bool,
}

fn q(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

fn text(out: &mut String, key: &str, lines: &[String]) {
    match lines {
        [] => {}
        [one] => {
            let _ = writeln!(out, "{key}: {}", q(one));
        }
        many => {
            let _ = writeln!(out, "{key}:");
            for l in many {
                let _ = writeln!(out, "  - {}", q(l));
            }
        }
    }
}

fn map(out: &mut String, key: &str, entries: &[(String, String)]) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "{key}:");
    for (k, v) in entries {
        let _ = writeln!(out, "  {k}: {}", q(v));
    }
}

/// The front matter between its `---` lines. `governance` is in the
/// trusts' row order.
pub(crate) fn yaml(c: &Cover, governance: &[(String, String)], x: &Extra<'_>) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", q(x.title));
    if let Some(s) = x.subtitle {
        let _ = writeln!(out, "subtitle: {}", q(s));
    }
    for (key, v) in [
        ("kind", &c.kind),
        ("version", &c.version),
        ("date", &c.date),
        ("signoff", &c.signoff),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "{key}: {}", q(v));
        }
    }
    sheet(&mut out, c);
    let pairs = |m: &std::collections::BTreeMap<String, String>| -> Vec<(String, String)> {
        m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    map(&mut out, "governance", governance);
    map(&mut out, "fields", &pairs(&c.fields));
    map(&mut out, "sections", &pairs(&c.sections));
    if !c.governance_tables.is_empty() {
        let _ = writeln!(
            out,
            "governance-tables: [{}]",
            c.governance_tables.join(", ")
        );
    }
    let _ = writeln!(out, "objectives: [{}]", c.objectives.join(", "));
    if !c.alignment.is_empty() {
        out.push_str("alignment:\n");
        for (trust, items) in &c.alignment {
            let _ = writeln!(out, "  {trust}: [{}]", items.join(", "));
        }
    }
    if let Some(t) = x.trusts {
        let _ = writeln!(out, "trusts: [{}]", t.join(", "));
    }
    let _ = writeln!(out, "numbered: {}", x.numbered);
    if x.contents {
        out.push_str("contents: true\n");
    }
    out.push_str("---\n");
    out
}

/// The front sheet's sections: purpose, analysis, proposal, the decision.
fn sheet(out: &mut String, c: &Cover) {
    text(out, "purpose", &c.purpose);
    text(out, "analysis", &c.analysis);
    text(out, "proposal", &c.proposal);
    if let Some(lead) = &c.decision_lead {
        let _ = writeln!(out, "decision-lead: {}", q(lead));
    }
    if !c.recommendations.is_empty() {
        out.push_str("recommendations:\n");
        for (i, r) in c.recommendations.iter().enumerate() {
            match c.leads.get(&i) {
                Some(lead) => {
                    let _ = writeln!(
                        out,
                        "  r{}:\n    lead: {}\n    text: {}",
                        i + 1,
                        q(lead),
                        q(r)
                    );
                }
                None => {
                    let _ = writeln!(out, "  r{}: {}", i + 1, q(r));
                }
            }
        }
    }
    let _ = writeln!(out, "closing: {}", c.closing);
}

//! `boardpaper new PAPER-ID`: a paper skeleton with every governance row the
//! receiving trusts' tables need, so `check` passes once the blanks are filled.

use std::fmt::Write as _;
use std::path::Path;

use crate::check::governance::{ALIGNMENT, DATE_KEYS};
use crate::commands::{load, Outcome};
use crate::project::{slug, valid_id, RESERVED_PAPER_IDS};

pub(crate) fn run(project: Option<&Path>, id: &str) -> Outcome {
    if !valid_id(id) {
        return Outcome::failed(format!(
            "`{id}` is not a valid paper id: use lower-case letters, digits and `-` (e.g. `{}`)",
            slug(id)
        ));
    }
    if RESERVED_PAPER_IDS.contains(&id) {
        return Outcome::failed_with(
            crate::diag::Code::BadId,
            format!(
                "`{id}` is reserved for the outputs boardpaper makes itself ({}): choose another paper id",
                RESERVED_PAPER_IDS.join(", ")
            ),
        );
    }
    let (checked, _) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let m = &checked.model;
    let rel = Path::new("papers").join(format!("{id}.md"));
    let folder = m.root.join("papers").join(id);
    if std::fs::symlink_metadata(&folder).is_ok() || m.papers.iter().any(|p| p.id == id) {
        return Outcome::failed(format!("paper `{id}` already exists: nothing was changed"));
    }
    let text = skeleton(m);
    // Through the project's one door: no symlink followed, nothing replaced.
    match crate::project::files::create(&m.root, &rel, text.as_bytes()) {
        Ok(()) => Outcome::from_diags(
            Vec::new(),
            format!("created papers/{id}.md: fill in every TODO (`boardpaper check` warns at each one left, BP031)\n"),
        ),
        Err(e) => Outcome::failed(format!("{e}: nothing was changed")),
    }
}

/// A key as YAML writes it: plain when it is an id, else a double-quoted
/// scalar (JSON's escapes are YAML's), so no key can end its line early.
fn key(k: &str) -> String {
    let plain = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if plain {
        k.to_owned()
    } else {
        serde_json::to_string(k).unwrap_or_default()
    }
}

/// Text for a `# comment`: on one line, whatever it holds.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() || c == '#' { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn skeleton(m: &crate::check::Model) -> String {
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for t in &m.trusts {
        for r in t.rows.iter().filter(|r| r.key != ALIGNMENT) {
            if !keys.iter().any(|(k, _)| *k == r.key) {
                keys.push((&r.key, &r.label));
            }
        }
    }
    let mut s = String::from("---\ntitle: TODO the paper's title\nversion: Draft v1\ndate: TODO YYYY-MM-DD\nsignoff: TODO name\n");
    s.push_str("purpose: TODO why this paper comes to the boards\nanalysis:\n  - TODO the analysis of the issue\nproposal: TODO what is proposed\n");
    s.push_str("decision-lead: \"The Board is asked to:\"\nrecommendations:\n  first: TODO Note the ...\ngovernance:\n");
    for (k, label) in keys {
        let example = if DATE_KEYS.contains(&k) {
            "TODO YYYY-MM-DD"
        } else {
            "TODO"
        };
        let _ = writeln!(s, "  {}: {example}    # {}", key(k), comment(label));
    }
    sections(m, &mut s);
    let objectives: Vec<&str> = m.objectives.iter().map(|(id, _)| id.as_str()).collect();
    let _ = writeln!(
        s,
        "objectives: []    # any of: {}",
        comment(&objectives.join(", "))
    );
    s.push_str("---\n\n# Introduction\n\nTODO\n\n{{ recommendation(\"first\") }}\n");
    s
}

/// A blank for each front-sheet section of a trust's own (not a standard
/// one), which a paper going to that trust must fill (BP034).
fn sections(m: &crate::check::Model, s: &mut String) {
    let standard = crate::check::trusts::STANDARD_SECTIONS.map(|(k, _)| k);
    let mut own: Vec<(&str, &str)> = Vec::new();
    for t in &m.trusts {
        for (key, heading) in &t.sections {
            if !standard.contains(&key.as_str()) && !own.iter().any(|(k, _)| k == key) {
                own.push((key, heading));
            }
        }
    }
    if own.is_empty() {
        return;
    }
    s.push_str("sections:\n");
    for (k, heading) in own {
        let _ = writeln!(s, "  {}: TODO    # {}", key(k), comment(heading));
    }
}

//! `boardpaper import FILE.docx`: a Word paper into `papers/<id>/`, through
//! the one door for files, checked against the receiving trusts as `check`
//! loads them. Nothing is written until the whole document has been read
//! and converted, and an existing paper is replaced only with `--force`.

use std::path::{Path, PathBuf};

use crate::check::Trust;
use crate::cli::ImportArgs;
use crate::commands::{load, Outcome};
use crate::diag::{suggest, Code, Diagnostic};
use crate::import::{self, Report, Revision};
use crate::project::{files, slug, valid_id};
use crate::source::Pos;

/// Ids a paper cannot have: the build's own outputs (BP018).
const RESERVED: [&str; 3] = ["pack", "pack-part-ii", "index"];
/// How many tracked changes or comments a refusal locates.
const SHOWN: usize = 5;

pub(crate) fn run(project: Option<&Path>, args: &ImportArgs) -> Outcome {
    let (checked, _) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let m = &checked.model;
    let trusts = match receiving(m, &args.trusts) {
        Ok(t) => t,
        Err(o) => return *o,
    };
    let file = args.file.clone();
    let bytes = match files::read_given(&file, import::MAX_INPUT) {
        Ok(b) => b,
        Err(r) => return error(&file, 0, r.describe(&format!("`{}`", file.display()))),
    };
    let doc = match import::read(&bytes, args.accept_changes) {
        Ok(d) => d,
        Err(e) => return error(&file, paragraph_of(&e), e),
    };
    if !args.accept_changes && (!doc.changes.is_empty() || !doc.comments.is_empty()) {
        return refuse(&file, &doc.changes, &doc.comments);
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let asked = import::Asked {
        stem: &stem,
        trusts: (!args.trusts.is_empty()).then_some(args.trusts.as_slice()),
    };
    let paper = import::convert(doc, m, &trusts, &asked);
    let id = match paper_id(args.paper.as_deref(), &paper.title) {
        Ok(id) => id,
        Err(o) => return *o,
    };
    if let Err(o) = make_room(m, &id, args.force) {
        return *o;
    }
    let folder = Path::new("papers").join(&id);
    for (name, bytes) in &paper.files {
        if let Err(e) = files::write(&m.root, &folder.join(name), bytes) {
            return Outcome::failed(e);
        }
    }
    finish(&file, &id, &paper)
}

/// The trusts `--trusts` names (each checked), else all.
fn receiving<'m>(
    m: &'m crate::check::Model,
    ids: &[String],
) -> Result<Vec<&'m Trust>, Box<Outcome>> {
    if ids.is_empty() {
        return Ok(m.trusts.iter().collect());
    }
    ids.iter()
        .map(|id| {
            m.trust(id).ok_or_else(|| {
                let hint = suggest::did_you_mean(id, m.trust_ids())
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                Box::new(Outcome::failed_with(
                    Code::UnknownTrust,
                    format!("no trust `{id}` in trusts/{hint}: nothing was imported"),
                ))
            })
        })
        .collect()
}

fn paper_id(given: Option<&str>, title: &str) -> Result<String, Box<Outcome>> {
    let id = match given {
        Some(id) => id.to_owned(),
        None => {
            let s = slug(title);
            let cut: String = s.chars().take(50).collect();
            cut.trim_end_matches('-').to_owned()
        }
    };
    if !valid_id(&id) || RESERVED.contains(&id.as_str()) {
        return Err(Box::new(Outcome::failed_with(
            Code::BadId,
            format!(
                "`{id}` cannot be a paper id: use lower-case letters, digits and `-` (not `pack`, `pack-part-ii` or `index`); give one with --paper"
            ),
        )));
    }
    Ok(id)
}

/// Refuses an existing paper of that id, or removes it with `--force`.
fn make_room(m: &crate::check::Model, id: &str, force: bool) -> Result<(), Box<Outcome>> {
    let papers = m.root.join("papers");
    let (file, folder) = (papers.join(format!("{id}.md")), papers.join(id));
    let exists = file.symlink_metadata().is_ok()
        || folder.symlink_metadata().is_ok()
        || m.papers.iter().any(|p| p.id == id);
    if !exists {
        return Ok(());
    }
    if !force {
        return Err(Box::new(Outcome::failed(format!(
            "paper `{id}` already exists: nothing was changed (--force replaces it, or choose another id with --paper)"
        ))));
    }
    let removed = match folder.symlink_metadata() {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&folder),
        Ok(_) => std::fs::remove_file(&folder),
        Err(_) => Ok(()),
    }
    .and_then(|()| match file.symlink_metadata() {
        Ok(_) => std::fs::remove_file(&file),
        Err(_) => Ok(()),
    });
    removed.map_err(|e| Box::new(Outcome::failed(format!("cannot replace paper `{id}`: {e}"))))
}

/// The paragraph a reader's error names ("paragraph 12: ..."), else 0.
fn paragraph_of(message: &str) -> usize {
    message
        .strip_prefix("paragraph ")
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .unwrap_or(0)
}

fn at(file: &Path, para: usize) -> (PathBuf, Pos) {
    (
        file.to_path_buf(),
        Pos::new(para as u32, u32::from(para > 0)),
    )
}

fn error(file: &Path, para: usize, message: String) -> Outcome {
    let (f, pos) = at(file, para);
    Outcome::from_diags(
        vec![Diagnostic::error(Code::ImportUnreadable, f, pos, message)],
        String::new(),
    )
}

/// Tracked changes and comments, refused: the counts, then the first
/// few of each at their paragraphs.
fn refuse(file: &Path, changes: &[Revision], comments: &[Revision]) -> Outcome {
    let (f, pos) = at(file, 0);
    let mut diags = vec![Diagnostic::error(
        Code::ImportRevisions,
        f,
        pos,
        format!(
            "the document has {} tracked change(s) and {} comment(s): refusing to import text nobody has accepted",
            changes.len(),
            comments.len()
        ),
    )
    .with_hint(Some(
        "accept or reject them in Word, or import with --accept-changes (every change accepted, every comment dropped and listed)".into(),
    ))];
    for (kind, list) in [("tracked change", changes), ("comment", comments)] {
        for r in list.iter().take(SHOWN) {
            let (f, pos) = at(file, r.para);
            diags.push(Diagnostic::error(
                Code::ImportRevisions,
                f,
                pos,
                format!("{kind} at paragraph {}: {}", r.para, r.what),
            ));
        }
    }
    Outcome::from_diags(diags, String::new())
}

fn report(file: &Path, r: &Report) -> Diagnostic {
    let (f, pos) = at(file, r.para);
    let code = if r.cover {
        Code::ImportCoverRow
    } else {
        Code::ImportDropped
    };
    let place = if r.para > 0 {
        format!("paragraph {}: ", r.para)
    } else {
        String::new()
    };
    Diagnostic::warning(code, f, pos, format!("{place}{}", r.message)).with_hint(r.hint.clone())
}

fn finish(file: &Path, id: &str, paper: &import::Paper) -> Outcome {
    let diags: Vec<Diagnostic> = paper.reports.iter().map(|r| report(file, r)).collect();
    let written: Vec<String> = paper
        .files
        .iter()
        .map(|(n, _)| format!("papers/{id}/{n}"))
        .collect();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut stdout = format!(
        "imported {} as papers/{id}/paper.md ({}, {}): \"{}\"\n",
        file.display(),
        count(paper.appendices, "appendix", "appendices"),
        count(paper.pictures, "picture", "pictures"),
        paper.title
    );
    if !paper.reports.is_empty() {
        stdout.push_str(&format!(
            "{} thing(s) of the document not carried over as they were: listed with their paragraphs (docs/from-word.md)\n",
            paper.reports.len()
        ));
    }
    stdout.push_str("next: `boardpaper check`, then fill in each TODO\n");
    let mut outcome = Outcome::from_diags(diags, stdout)
        .fact("paper", id)
        .fact("files", written.len())
        .fact("reported", paper.reports.len());
    outcome.facts.artifacts = written
        .iter()
        .map(|p| serde_json::json!({"type": "source", "path": p}))
        .collect();
    outcome
}

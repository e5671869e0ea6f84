//! The check after a `--public` build: nothing in the output folder names a
//! confidential (Part II) paper, and every file in it can be shown not to.
//! Every file is looked at, whoever wrote it: its path (a file named after
//! the paper), and its content decoded as what it is ([`decode`]: a PDF's
//! strings, outlines, metadata and the text its pages show through their
//! fonts; HTML's text and attributes with references decoded), searched
//! for the paper's title (normalised: [`find`]) and for links to
//! `<id>.pdf` or `<id>.html` (the index pages and manifest by
//! `<trust>/<id>.`). It fails closed: a file that cannot be read, is too
//! large, is a symlink or is neither text nor a readable PDF is an error
//! naming it (BP038), never a pass.
//!
//! A paper confidential for some trusts only (through `variants`) is looked
//! for in those trusts' folders and in the cycle's own files by path; a
//! paper confidential for every trust that receives it is looked for
//! everywhere. The same search decides whether a trust's own PDF may go
//! into its public pack ([`names_secret`]).

mod decode;
mod find;

use std::path::Path;

use walkdir::WalkDir;

use crate::check::Model;
use crate::diag::{Code, Diagnostic};
use crate::project::variant::merged;
use crate::source::Pos;
use find::{normalise, Finder, Pattern, Patterns};

/// One confidential copy: a paper, as one trust receives it.
struct Secret {
    trust: String,
    paper: String,
    title: Option<String>,
    /// Confidential for every trust that receives it.
    everywhere: bool,
}

/// Every file in `out` that names a confidential paper or cannot be
/// checked, as an error each (`shown` is the folder as the user named it).
pub(crate) fn verify(model: &Model, out: &Path, shown: &Path) -> Vec<Diagnostic> {
    let secrets = secrets(model);
    let Some(patterns) = patterns(&secrets) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let error = |rel: &str, message: String, hint: &str| {
        Diagnostic::error(Code::PublicLeak, shown.join(rel), Pos::new(1, 1), message)
            .with_hint(Some(hint.to_owned()))
    };
    const REMOVE: &str = "do not upload the output folder: remove this file (boardpaper did not write it, or it was changed) and build again";
    for entry in WalkDir::new(out).follow_links(false).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e.path().and_then(|p| p.strip_prefix(out).ok());
                let rel = rel.map_or(String::new(), |r| r.to_string_lossy().into_owned());
                found.push(error(
                    &rel,
                    format!("after a --public build, this cannot be checked: {e}"),
                    REMOVE,
                ));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.is_empty() || entry.file_type().is_dir() {
            continue;
        }
        match check_file(&secrets, &patterns, &rel, entry.path(), entry.file_type()) {
            Ok(None) => {}
            Ok(Some((paper, why))) => found.push(error(
                &rel,
                format!("after a --public build, this file names the confidential paper `{paper}` ({why})"),
                REMOVE,
            )),
            Err(why) => found.push(error(
                &rel,
                format!("after a --public build, this file cannot be checked for confidential papers: {why}"),
                "do not upload the output folder: only PDFs and text that can be read are checked; remove this file and build again",
            )),
        }
    }
    found
}

/// The confidential paper `rel` names, and how; `Err` when it cannot be
/// checked.
fn check_file(
    secrets: &[Secret],
    patterns: &Patterns,
    rel: &str,
    path: &Path,
    kind: std::fs::FileType,
) -> Result<Option<(String, String)>, String> {
    let folder = rel.split_once('/').map(|(f, _)| f);
    let here = |s: &Secret| s.everywhere || folder == Some(s.trust.as_str());
    let stem = |part: &str| part.split('.').next().unwrap_or_default().to_owned();
    for s in secrets.iter().filter(|s| here(s)) {
        if rel.split('/').any(|part| stem(part) == s.paper) {
            return Ok(Some((s.paper.clone(), "by its file name".into())));
        }
    }
    if kind.is_symlink() {
        return Err("it is a symlink (never followed)".into());
    }
    let mut finder = Finder::new(patterns, |owner, anywhere| {
        anywhere || here(&secrets[owner])
    });
    decode::file(path, &mut finder)?;
    let Some((owner, what)) = finder.finish() else {
        return Ok(None);
    };
    let s = &secrets[*owner];
    let title = s.title.as_deref().filter(|t| normalise(t) == *what);
    let why = match title {
        Some(t) => format!("it contains its title, `{t}`"),
        None => format!("it contains `{what}`"),
    };
    Ok(Some((s.paper.clone(), why)))
}

/// The patterns that name each secret: paths and file names literally,
/// the title both literally and normalised.
fn patterns(secrets: &[Secret]) -> Option<Patterns> {
    let mut literal = Vec::new();
    let mut normal = Vec::new();
    for (owner, s) in secrets.iter().enumerate() {
        let (trust, id) = (&s.trust, &s.paper);
        let p = |text: String, anywhere| Pattern {
            text,
            owner,
            anywhere,
        };
        literal.push(p(format!("{trust}/{id}."), true));
        for name in [
            format!("{id}.pdf"),
            format!("{id}.html"),
            format!("\"{id}\""),
        ] {
            literal.push(p(name, false));
        }
        if let Some(title) = &s.title {
            literal.push(p(title.clone(), false));
            normal.push(p(normalise(title), false));
        }
    }
    Patterns::new(literal, normal)
}

/// Whether a parsed PDF going into `trust`'s public pack names one of
/// the project's confidential papers for that trust: the paper, or `Err`
/// when its text cannot be decoded.
pub(crate) fn names_secret(
    model: &Model,
    trust: &str,
    doc: &lopdf::Document,
) -> Result<Option<String>, String> {
    let secrets: Vec<Secret> = secrets(model)
        .into_iter()
        .filter(|s| s.everywhere || s.trust == trust)
        .collect();
    let Some(patterns) = patterns(&secrets) else {
        return Ok(None);
    };
    let mut finder = Finder::new(&patterns, |_, _| true);
    decode::doc_text(doc, &mut finder)?;
    Ok(finder
        .finish()
        .map(|(owner, _)| secrets[*owner].paper.clone()))
}

/// A hash of what [`names_secret`] looks for in a file going into
/// `trust`'s public pack: its verdict on a file changes only when this or
/// the file does (a board pack's cache key, so the file is not parsed to
/// find a pack unchanged).
pub(crate) fn secrets_key(model: &Model, trust: &str) -> String {
    let names: Vec<(String, Option<String>)> = secrets(model)
        .into_iter()
        .filter(|s| s.everywhere || s.trust == trust)
        .map(|s| (s.paper, s.title))
        .collect();
    crate::assemble::cache::StableHasher::hex_of(names)
}

/// Every confidential copy in the project, with the strings that name it.
fn secrets(model: &Model) -> Vec<Secret> {
    let mut out = Vec::new();
    for paper in &model.papers {
        let recipients = model.recipients(paper);
        let copies: Vec<_> = recipients
            .iter()
            .map(|t| (t.id.clone(), merged(&paper.front, &t.id)))
            .collect();
        let everywhere = copies.iter().all(|(_, f)| f.confidential == Some(true));
        for (trust, front) in copies {
            if front.confidential != Some(true) {
                continue;
            }
            let title = front.title.filter(|t| !t.trim().is_empty());
            out.push(Secret {
                trust,
                paper: paper.id.clone(),
                title,
                everywhere,
            });
        }
    }
    out
}

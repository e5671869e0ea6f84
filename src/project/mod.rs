//! The sources stage (see the table in lib.rs): find the project root, read `boardpaper.yaml`, `trusts/*.yaml`
//! and `papers/*`, and deserialise each into its raw model. A file that cannot
//! be read or parsed becomes a diagnostic and is left out; only a broken
//! `boardpaper.yaml` stops loading.

pub(crate) mod agenda;
pub(crate) mod business;
mod config;
pub(crate) mod files;
mod format;
pub(crate) mod from_texts;
mod frontsheet;
pub(crate) mod images;
pub(crate) mod outdir;
mod paper;
pub(crate) mod read;
mod recommendation;
mod trust;
pub(crate) mod variant;

use std::path::{Path, PathBuf};

pub(crate) use agenda::{AgendaEntry, ItemSpec};
pub(crate) use config::{Config, Drafts, Notes};
pub use format::Format;
pub(crate) use frontsheet::{FrontSheetSpec, Piece, Place, SectionSpec};
pub(crate) use paper::{
    split_front_matter, AppendixMatter, AppendixSource, FrontMatter, PaperSource,
};
pub(crate) use recommendation::Recommendation;
pub(crate) use trust::{Framework, RowSpec, TrustFile};

use crate::diag::{Code, Diagnostic};
use crate::source::{Pos, Source};
use crate::yaml;
use read::read_source;

pub(crate) const CONFIG_FILE: &str = crate::diag::CONFIG_FILE;

/// Everything read from disk, before checking.
#[derive(Debug, Clone)]
pub(crate) struct Project {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    pub(crate) config_source: Source,
    pub(crate) trusts: Vec<TrustSource>,
    /// Ids of trust files that exist but could not be read or parsed
    /// (already reported): what follows from them is not a second error.
    pub(crate) unreadable_trusts: Vec<String>,
    pub(crate) papers: Vec<PaperSource>,
    /// Template overrides: (file name, contents) from `templates/`.
    pub(crate) templates: Vec<(String, String)>,
    /// Actions, the plan and minutes' attendance (see [`business`]).
    pub(crate) business: business::BusinessSources,
}

#[derive(Debug, Clone)]
pub(crate) struct TrustSource {
    pub(crate) id: String,
    pub(crate) source: Source,
    pub(crate) file: TrustFile,
}

/// The folder holding `boardpaper.yaml`: `start` or its nearest ancestor.
pub(crate) fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// Loads the project at `root`. `Err` only when `boardpaper.yaml` is
/// unusable; the trust and paper files are still read and parsed then, so
/// their own problems come in the same report.
pub(crate) fn load(root: &Path) -> Result<(Project, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let config = read_source(root, Path::new(CONFIG_FILE))
        .and_then(|src| yaml::parse::<Config>(&src, &src.text, 0).map(|config| (config, src)));
    let (trusts, unreadable_trusts) = load_trusts(root, &mut diags);
    let papers = load_papers(root, &mut diags);
    let templates = load_templates(root, &mut diags);
    let business = business::load(root, &mut diags);
    let (config, config_source) = match config {
        Ok(c) => c,
        Err(d) => {
            diags.insert(0, d);
            return Err(diags);
        }
    };
    let project = Project {
        root: root.to_path_buf(),
        config,
        config_source,
        trusts,
        unreadable_trusts,
        papers,
        templates,
        business,
    };
    Ok((project, diags))
}

/// Entries of `root/dir`, sorted by name, as project-relative paths (none
/// when the folder cannot be read; symlinks are listed, not followed).
fn list_dir(root: &Path, dir: &str, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let walk = walkdir::WalkDir::new(root.join(dir))
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    let mut names: Vec<PathBuf> = Vec::new();
    for entry in walk {
        match entry {
            Ok(e) => names.push(Path::new(dir).join(e.file_name())),
            // The folder itself: missing or unreadable, so nothing in it.
            Err(e) if e.depth() == 0 => return Vec::new(),
            Err(e) => diags.push(Diagnostic::error(
                Code::Io,
                dir,
                Pos::new(1, 1),
                e.to_string(),
            )),
        }
    }
    names
}

/// Paper ids the build's own outputs take in each trust's folder: the
/// trust's index page and its board packs (`build/<trust>/pack.pdf`,
/// `pack-part-ii.pdf`).
pub(crate) const RESERVED_PAPER_IDS: [&str; 3] = ["index", "pack", "pack-part-ii"];

/// The error for a paper named after one of the build's own outputs.
fn reserved(name: &Path, id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadId,
        name,
        Pos::new(1, 1),
        format!("`{id}` cannot be a paper's id: each trust's `{id}` output is the build's own (its index page or board pack)"),
    )
    .with_hint(Some(format!("rename it, say to `{id}-paper`")))
}

/// A file stem usable as an id: lower-case letters, digits and `-`.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn id_of(name: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let stem = name.file_stem()?.to_string_lossy().into_owned();
    if valid_id(&stem) {
        return Some(stem);
    }
    diags.push(
        Diagnostic::error(
            Code::BadId,
            name,
            Pos::new(1, 1),
            format!("`{stem}` is not a valid id: ids are lower-case letters, digits and `-`"),
        )
        .with_hint(Some(format!("rename it to `{}`", slug(&stem)))),
    );
    None
}

/// A suggested id for a bad name: lower-cased, other characters as `-`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The trust files that load, and the ids of those that do not.
fn load_trusts(root: &Path, diags: &mut Vec<Diagnostic>) -> (Vec<TrustSource>, Vec<String>) {
    let (mut trusts, mut unreadable) = (Vec::new(), Vec::new());
    for name in list_dir(root, "trusts", diags) {
        // Anything but a folder goes to the door, which reports a FIFO,
        // device or symlink leading out instead of skipping it quietly.
        if name.extension().and_then(|e| e.to_str()) != Some("yaml") || root.join(&name).is_dir() {
            continue;
        }
        let Some(id) = id_of(&name, diags) else {
            continue;
        };
        let source = match read_source(root, &name) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                unreadable.push(id);
                continue;
            }
        };
        match yaml::parse::<TrustFile>(&source, &source.text, 0) {
            Ok(file) => trusts.push(TrustSource { id, source, file }),
            Err(d) => {
                diags.push(d);
                unreadable.push(id);
            }
        }
    }
    (trusts, unreadable)
}

fn load_papers(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PaperSource> {
    let mut papers = Vec::new();
    for name in list_dir(root, "papers", diags) {
        let full = root.join(&name);
        let (id, main, folder) = if full.is_dir() {
            let main = name.join("paper.md");
            if std::fs::symlink_metadata(root.join(&main)).is_err() {
                continue;
            }
            (
                name.file_name().map(|n| n.to_string_lossy().into_owned()),
                main,
                Some(full),
            )
        } else if name.extension().and_then(|e| e.to_str()) == Some("md") {
            (
                name.file_stem().map(|n| n.to_string_lossy().into_owned()),
                name.clone(),
                None,
            )
        } else {
            continue;
        };
        let Some(id) = id.filter(|id| valid_id(id)).or_else(|| id_of(&name, diags)) else {
            continue;
        };
        if RESERVED_PAPER_IDS.contains(&id.as_str()) {
            diags.push(reserved(&name, &id));
            continue;
        }
        if let Some(paper) = load_paper(root, id, &main, folder, diags) {
            papers.push(paper);
        }
    }
    papers
}

fn load_paper(
    root: &Path,
    id: String,
    main: &Path,
    folder: Option<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PaperSource> {
    let source = read_source(root, main).map_err(|d| diags.push(d)).ok()?;
    let appendices = match &folder {
        Some(_) => load_appendices(root, main.parent().unwrap_or(Path::new("")), diags),
        None => Vec::new(),
    };
    paper_from_source(id, source, folder, appendices, diags)
}

/// A paper from its already-read source: front matter split off and parsed.
pub(crate) fn paper_from_source(
    id: String,
    source: Source,
    folder: Option<PathBuf>,
    appendices: Vec<AppendixSource>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PaperSource> {
    let (yaml_text, body_start) = match split_front_matter(&source.text) {
        Ok(Some(split)) => split,
        Ok(None) => {
            diags.push(
                Diagnostic::at(
                    Code::FrontMatter,
                    &source,
                    Pos::new(1, 1),
                    "a paper must start with YAML front matter between `---` lines",
                )
                .with_hint(Some(
                    "add `---`, `title: ...`, `---` at the top of the file".into(),
                )),
            );
            return None;
        }
        Err(()) => {
            diags.push(
                Diagnostic::at(
                    Code::FrontMatter,
                    &source,
                    Pos::new(1, 1),
                    "the front matter is never closed",
                )
                .with_hint(Some("add a line `---` after the front matter".into())),
            );
            return None;
        }
    };
    // A front matter that does not parse keeps the paper, so its body's
    // own problems are still reported in the same pass.
    let (front, front_broken) = match yaml::parse::<FrontMatter>(&source, yaml_text, 1) {
        Ok(front) => (front, false),
        Err(d) => {
            diags.push(d);
            (FrontMatter::default(), true)
        }
    };
    Some(PaperSource {
        id,
        source,
        front,
        body_start,
        folder,
        appendices,
        front_broken,
    })
}

fn load_appendices(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<AppendixSource> {
    let mut out = Vec::new();
    for name in list_dir(root, &dir.to_string_lossy(), diags) {
        let file = name
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !(file.starts_with("appendix-") && file.ends_with(".md")) {
            continue;
        }
        let Ok(source) = read_source(root, &name).map_err(|d| diags.push(d)) else {
            continue;
        };
        let (matter, body_start) = match split_front_matter(&source.text) {
            Ok(Some((yaml_text, start))) => {
                match yaml::parse::<AppendixMatter>(&source, yaml_text, 1) {
                    Ok(m) => (m, start),
                    Err(d) => {
                        diags.push(d);
                        continue;
                    }
                }
            }
            Ok(None) => (AppendixMatter::default(), 0),
            Err(()) => {
                diags.push(Diagnostic::at(
                    Code::FrontMatter,
                    &source,
                    Pos::new(1, 1),
                    "the front matter is never closed",
                ));
                continue;
            }
        };
        let title = matter.title.unwrap_or_else(|| title_from_file(&file));
        out.push(AppendixSource {
            source,
            title,
            governance: matter.governance,
            body_start,
        });
    }
    out
}

/// "appendix-a-vision.md" → "Vision" when an appendix names no title.
fn title_from_file(file: &str) -> String {
    let stem = file.trim_start_matches("appendix-").trim_end_matches(".md");
    let stem = match stem.split_once('-') {
        Some((first, rest)) if first.len() == 1 => rest,
        _ => stem,
    };
    let words = stem.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn load_templates(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in list_dir(root, "templates", diags) {
        if root.join(&name).is_dir() {
            continue;
        }
        match read_source(root, &name) {
            Ok(src) => {
                let file = name
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                out.push((file, src.text));
            }
            Err(d) => diags.push(d),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_titles() {
        assert!(
            valid_id("lpt") && valid_id("ema-update-2") && !valid_id("LPT") && !valid_id("a b")
        );
        assert_eq!(slug("EMA Update"), "ema-update");
        assert_eq!(
            title_from_file("appendix-a-vision-and-values.md"),
            "Vision and values"
        );
    }
}

//! A project built from texts in memory instead of files on disk: the same
//! parsing as [`super::load`], for fuzzing and property tests. Nothing here
//! reads or writes a file.

use std::path::{Path, PathBuf};

use super::{paper_from_source, Project, TrustSource, CONFIG_FILE};
use crate::diag::Diagnostic;
use crate::source::Source;
use crate::yaml;

/// The root an in-memory project claims; it does not exist, so any image
/// a paper names is reported missing rather than read.
pub(crate) const NO_ROOT: &str = "/nonexistent/boardpaper-in-memory";

/// Loads a project from `boardpaper.yaml`'s text, `(id, text)` trust files
/// and `(id, text)` single-file papers. `Err` when the config is unusable.
pub(crate) fn load(
    config: &str,
    trusts: &[(&str, &str)],
    papers: &[(&str, &str)],
) -> Result<(Project, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let config_source = Source::new(PathBuf::from(CONFIG_FILE), config);
    let config = yaml::parse(&config_source, &config_source.text, 0).map_err(|d| vec![d])?;
    let (mut trust_sources, mut unreadable_trusts) = (Vec::new(), Vec::new());
    for (id, text) in trusts {
        let source = Source::new(Path::new("trusts").join(format!("{id}.yaml")), text);
        match yaml::parse(&source, &source.text, 0) {
            Ok(file) => trust_sources.push(TrustSource {
                id: (*id).to_owned(),
                source,
                file,
            }),
            Err(d) => {
                diags.push(d);
                unreadable_trusts.push((*id).to_owned());
            }
        }
    }
    let mut paper_sources = Vec::new();
    for (id, text) in papers {
        let source = Source::new(Path::new("papers").join(format!("{id}.md")), text);
        let paper = paper_from_source((*id).to_owned(), source, None, Vec::new(), &mut diags);
        paper_sources.extend(paper);
    }
    let project = Project {
        root: PathBuf::from(NO_ROOT),
        config,
        config_source,
        trusts: trust_sources,
        unreadable_trusts,
        papers: paper_sources,
        templates: Vec::new(),
        business: Default::default(),
    };
    Ok((project, diags))
}

//! Draft status: a paper is a draft when its front matter (or its trust's
//! variant) says `draft: true`, or when `boardpaper.yaml` says
//! `draft: true` for the whole cycle. A draft is built watermarked and
//! titled "DRAFT"; a final build (`build --final`) refuses it, or warns,
//! as `drafts:` says, with the diagnostics made here, at the `draft:`
//! value that made it one.

use crate::diag::{Code, Diagnostic};
use crate::project::{Drafts, FrontMatter, PaperSource, Project};
use crate::yaml;

/// The front matter starts on the file's second line.
const FM: u32 = 1;

/// The project's draft setting: the diagnostic a final build gives for
/// `draft: true` in boardpaper.yaml, when it says so.
pub(crate) fn cycle(project: &Project) -> Option<Diagnostic> {
    let draft = project.config.draft.as_ref().filter(|d| d.value)?;
    let src = &project.config_source;
    let d = Diagnostic::at(
        Code::Draft,
        src,
        yaml::pos(draft, 0),
        "the whole cycle is marked draft (`draft: true`), and this is a final build",
    );
    Some(d.with_hint(Some(HINT_CYCLE.into())))
}

const HINT_CYCLE: &str =
    "remove `draft: true` from boardpaper.yaml when the papers are final, or build without --final";
const HINT_PAPER: &str = "remove `draft: true` when the paper is final, or set `drafts: warn` in boardpaper.yaml to build drafts with a warning";

/// Whether a trust's copy (front matter `f`, merged) is a draft.
pub(crate) fn is_draft(cycle: bool, f: &FrontMatter) -> bool {
    cycle || f.draft.as_ref().is_some_and(|d| d.value)
}

/// The diagnostic a final build gives for `paper` as `f` (one trust's
/// copy) marks it draft, or `None` when it does not.
pub(crate) fn paper(paper: &PaperSource, f: &FrontMatter, policy: Drafts) -> Option<Diagnostic> {
    let draft = f.draft.as_ref().filter(|d| d.value)?;
    let message = format!(
        "paper `{}` is marked draft (`draft: true`), and this is a final build",
        paper.id
    );
    let d = Diagnostic::at(Code::Draft, &paper.source, yaml::pos(draft, FM), message)
        .with_hint(Some(HINT_PAPER.into()));
    Some(severity(d, policy))
}

/// `d` as an error (`refuse`) or a warning (`warn`).
pub(crate) fn severity(d: Diagnostic, policy: Drafts) -> Diagnostic {
    match policy {
        Drafts::Refuse => d,
        Drafts::Warn => Diagnostic {
            severity: crate::diag::Severity::Warning,
            ..d
        },
    }
}

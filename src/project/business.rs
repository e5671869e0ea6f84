//! The cycle's standing business as written: `actions.yaml` (or
//! `actions/*.yaml`), `plan.yaml` and `minutes/<paper-id>.yaml`. Each file
//! is read through the one door and parsed into its raw model here; `check`
//! validates them and writes the action log, forward plan and minutes
//! papers from them.
//!
//! ```yaml
//! # actions.yaml
//! - id: A23-14
//!   raised: lpt/2023-09-26      # the meeting: <trust>/<date>
//!   item: "6"                  # its agenda item there
//!   text: Bring the revised capital plan
//!   owner: Director of Finance
//!   due: 2023-11-28            # or "next meeting"
//!   trusts: [lpt]              # or "all" (the default)
//!   status: closed             # open (the default) or closed
//!   closed: 2023-11-10
//!   updates:
//!     - date: 2023-11-01
//!       text: Draft plan shared with the committee
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::source::Source;
use crate::yaml::{Entries, OneOrMany, Spanned};

use super::read::read_source;

/// Every standing-business source of the project (each may be absent).
#[derive(Debug, Clone, Default)]
pub(crate) struct BusinessSources {
    /// Each actions file with its actions, in file-name order.
    pub(crate) actions: Vec<(Source, Vec<Spanned<ActionSpec>>)>,
    pub(crate) plan: Option<(Source, PlanFile)>,
    /// `minutes/<paper-id>.yaml`: the paper id, the file and its contents.
    pub(crate) minutes: Vec<(String, Source, MinutesFile)>,
}

/// One action as written (in an actions file or a minutes' `action` block).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct ActionSpec {
    pub(crate) id: Spanned<String>,
    /// The meeting that raised it, `<trust>/<date>` (a minutes' block
    /// leaves it out: the minutes' meeting).
    pub(crate) raised: Option<Spanned<String>>,
    /// The agenda item that raised it (a minutes' block: the item heading
    /// it sits under, unless given).
    pub(crate) item: Option<Spanned<Scalar>>,
    pub(crate) text: String,
    pub(crate) owner: String,
    /// A date, or `next meeting`.
    pub(crate) due: Spanned<String>,
    /// `all` (the default) or a list of trust ids.
    pub(crate) trusts: Option<Spanned<OneOrMany>>,
    /// `open` (the default) or `closed`.
    pub(crate) status: Option<Spanned<String>>,
    pub(crate) closed: Option<Spanned<String>>,
    pub(crate) updates: Option<Vec<Update>>,
}

/// A dated progress note on an action.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Update {
    pub(crate) date: Spanned<String>,
    pub(crate) text: String,
}

/// A number or text (`item: 6` and `item: "6"` alike).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    pub(crate) fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(f) => f.to_string(),
        }
    }
}

/// `plan.yaml`: each trust's meetings, and the items planned for them.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct PlanFile {
    /// Trust id → its meeting dates, past and to come (the trust's own
    /// `meeting` counts without being listed).
    #[serde(default)]
    pub(crate) meetings: Entries<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(crate) items: Vec<PlanItem>,
}

/// One planned item of business.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct PlanItem {
    pub(crate) title: String,
    /// The month (`2024-01`) or date it comes to each of its trusts' boards.
    pub(crate) when: Spanned<String>,
    pub(crate) lead: Option<String>,
    pub(crate) purpose: Option<String>,
    pub(crate) trusts: Option<Spanned<OneOrMany>>,
}

/// `minutes/<paper-id>.yaml`: the meeting a minutes paper records and who
/// was there.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct MinutesFile {
    /// `<trust>/<date>`, or several for a committee in common.
    pub(crate) meeting: Spanned<OneOrMany>,
    #[serde(default)]
    pub(crate) present: Vec<String>,
    #[serde(default)]
    pub(crate) in_attendance: Vec<String>,
    #[serde(default)]
    pub(crate) apologies: Vec<String>,
}

/// Reads every standing-business file there is.
pub(crate) fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> BusinessSources {
    let mut out = BusinessSources::default();
    let mut action_files: Vec<PathBuf> = Vec::new();
    if root.join("actions.yaml").exists() {
        action_files.push("actions.yaml".into());
    }
    action_files.extend(yaml_files(root, "actions", diags));
    for name in action_files {
        if let Some(parsed) = parse::<Vec<Spanned<ActionSpec>>>(root, &name, diags) {
            out.actions.push(parsed);
        }
    }
    if root.join("plan.yaml").exists() {
        out.plan = parse::<PlanFile>(root, Path::new("plan.yaml"), diags);
    }
    for name in yaml_files(root, "minutes", diags) {
        let Some(id) = super::id_of(&name, diags) else {
            continue;
        };
        if let Some((src, file)) = parse::<MinutesFile>(root, &name, diags) {
            out.minutes.push((id, src, file));
        }
    }
    out
}

fn yaml_files(root: &Path, dir: &str, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    super::list_dir(root, dir, diags)
        .into_iter()
        .filter(|n| n.extension().and_then(|e| e.to_str()) == Some("yaml"))
        .filter(|n| !root.join(n).is_dir())
        .collect()
}

fn parse<T: serde::de::DeserializeOwned>(
    root: &Path,
    name: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Source, T)> {
    let src = read_source(root, name).map_err(|d| diags.push(d)).ok()?;
    let value = crate::yaml::parse::<T>(&src, &src.text, 0)
        .map_err(|d| diags.push(d))
        .ok()?;
    Some((src, value))
}

//! Checking the project settings and each trust file into the model.

use crate::check::governance::{self, DEFAULT_SCALE};
use crate::check::model::{FrameworkItem, Trust};
use crate::check::suggest;
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::project::{Project, TrustSource};
use crate::yaml;

/// Checks `boardpaper.yaml`'s values; returns (accent, output, formats, status colours).
pub(crate) struct Settings {
    pub(crate) accent: String,
    pub(crate) output: String,
    pub(crate) formats: Vec<String>,
    pub(crate) status: Vec<(String, String)>,
}

pub(crate) fn settings(project: &Project, diags: &mut Vec<Diagnostic>) -> Settings {
    let cfg = &project.config;
    let src = &project.config_source;
    let mut colour = |c: &yaml::Spanned<String>| -> String {
        if crate::colour::parse_hex(&c.value).is_some() {
            c.value.clone()
        } else {
            diags.push(
                Diagnostic::at(
                    Code::Yaml,
                    src,
                    yaml::pos(c, 0),
                    format!("`{}` is not a colour", c.value),
                )
                .with_hint(Some(
                    "write colours as \"#rrggbb\", e.g. \"#005EB8\"".into(),
                )),
            );
            "#005EB8".into()
        }
    };
    let accent = cfg
        .style
        .accent
        .as_ref()
        .map_or_else(|| "#005EB8".to_owned(), &mut colour);
    let status = cfg
        .style
        .status_colours
        .0
        .iter()
        .map(|(k, v)| (k.value.clone(), colour(v)))
        .collect();
    if let Some(paper) = &cfg.style.paper {
        if !paper.value.eq_ignore_ascii_case("a4") {
            diags.push(
                Diagnostic::at(
                    Code::Yaml,
                    src,
                    yaml::pos(paper, 0),
                    format!("paper size `{}` is not supported", paper.value),
                )
                .with_hint(Some("board papers are A4: write `paper: A4`".into())),
            );
        }
    }
    let mut formats = Vec::new();
    for f in cfg.formats.iter().flatten() {
        if matches!(f.value.as_str(), "pdf" | "html") {
            formats.push(f.value.clone());
        } else {
            diags.push(
                Diagnostic::at(
                    Code::Yaml,
                    src,
                    yaml::pos(f, 0),
                    format!("unknown format `{}`", f.value),
                )
                .with_hint(
                    suggest::did_you_mean(&f.value, ["pdf", "html"])
                        .or(Some("formats are `pdf` and `html`".into())),
                ),
            );
        }
    }
    if cfg.formats.is_none() {
        formats = vec!["pdf".into(), "html".into()];
    }
    Settings {
        accent,
        output: cfg.output.clone().unwrap_or_else(|| "build".into()),
        formats,
        status,
    }
}

/// Checks one trust file against the alliance's objectives and the papers.
pub(crate) fn trust(
    t: &TrustSource,
    objectives: &[(String, String)],
    papers: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Trust {
    let (f, src) = (&t.file, &t.source);
    let meeting = match Date::parse(&f.meeting.value) {
        Ok(d) => Some(d),
        Err(e) => {
            diags.push(crate::check::papers::bad_date(src, &f.meeting, 0, e));
            None
        }
    };
    let mut items: Vec<FrameworkItem> = Vec::new();
    for item in &f.framework.items {
        let pos = yaml::pos(&item.id, 0);
        if items.iter().any(|i| i.id == item.id.value) {
            diags.push(Diagnostic::at(
                Code::DuplicateId,
                src,
                pos,
                format!("framework item `{}` is defined twice", item.id.value),
            ));
            continue;
        }
        let mut objs = Vec::new();
        for o in &item.objectives {
            if objectives.iter().any(|(id, _)| id == &o.value) {
                objs.push(o.value.clone());
            } else {
                diags.push(unknown(
                    Code::UnknownObjective,
                    src,
                    yaml::pos(o, 0),
                    "alliance objective",
                    &o.value,
                    objectives.iter().map(|(id, _)| id.as_str()),
                    "boardpaper.yaml",
                ));
            }
        }
        items.push(FrameworkItem {
            id: item.id.value.clone(),
            label: item.label.clone(),
            objectives: objs,
        });
    }
    let rows = governance::rows(f.governance.as_deref(), src, diags);
    let mut agenda = Vec::new();
    for a in f.agenda.iter().flatten() {
        if papers.contains(&a.value) {
            agenda.push(a.value.clone());
        } else {
            diags.push(unknown(
                Code::UnknownPaper,
                src,
                yaml::pos(a, 0),
                "paper",
                &a.value,
                papers.iter().map(String::as_str),
                "papers/",
            ));
        }
    }
    Trust {
        id: t.id.clone(),
        name: f.name.clone(),
        short: f.short.clone(),
        board: f.board.clone(),
        meeting,
        framework_title: f.framework.title.clone(),
        items,
        rows,
        scale: f
            .assurance_levels
            .clone()
            .unwrap_or_else(|| DEFAULT_SCALE.map(String::from).to_vec()),
        agenda,
    }
}

/// "unknown trust `lpx` — did you mean `lpt`?"
pub(crate) fn unknown<'a>(
    code: Code,
    src: &crate::source::Source,
    pos: crate::source::Pos,
    what: &str,
    found: &str,
    known: impl IntoIterator<Item = &'a str>,
    where_defined: &str,
) -> Diagnostic {
    let list: Vec<&str> = known.into_iter().collect();
    let hint = suggest::did_you_mean(found, list.iter().copied()).or_else(|| {
        Some(if list.is_empty() {
            format!("none are defined in {where_defined}")
        } else {
            format!("known: {}", list.join(", "))
        })
    });
    Diagnostic::at(code, src, pos, format!("unknown {what} `{found}`")).with_hint(hint)
}

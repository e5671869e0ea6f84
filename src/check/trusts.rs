//! Checking the project settings and each trust file into the model.

use crate::check::governance::{self, DEFAULT_SCALE};
use crate::check::model::{AlignmentStyle, FrameworkItem, Trust};
use crate::check::problems::{bad_date, unknown};
use crate::colour::{Rgb, NHS_BLUE};
use crate::date::Date;
use crate::diag::suggest;
use crate::diag::{Code, Diagnostic};
use crate::project::{Format, Project, TrustSource};
use crate::source::Source;
use crate::yaml;

/// Checks `boardpaper.yaml`'s values; returns (accent, output, formats, status colours).
pub(crate) struct Settings {
    /// The accent decided once for both renderers.
    pub(crate) accent: Rgb,
    pub(crate) output: String,
    pub(crate) formats: Vec<Format>,
    pub(crate) status: Vec<(String, String)>,
}

/// A colour value; `None`, with an error at it, when it is not `#rrggbb`.
fn colour(c: &yaml::Spanned<String>, src: &Source, diags: &mut Vec<Diagnostic>) -> Option<Rgb> {
    let rgb = crate::colour::parse_hex(&c.value).map(Rgb::from);
    if rgb.is_none() {
        let example = NHS_BLUE.hex().to_ascii_uppercase();
        diags.push(
            Diagnostic::at(
                Code::Yaml,
                src,
                yaml::pos(c, 0),
                format!("`{}` is not a colour", c.value),
            )
            .with_hint(Some(format!(
                "write colours as \"#rrggbb\", e.g. \"{example}\""
            ))),
        );
    }
    rgb
}

/// The accent both renderers use: the project's own when text in it reads
/// at 4.5:1 on white (WCAG AA), else NHS blue, with a warning at the value.
fn accent(a: &yaml::Spanned<String>, src: &Source, diags: &mut Vec<Diagnostic>) -> Rgb {
    let Some(rgb) = colour(a, src, diags) else {
        return NHS_BLUE;
    };
    if rgb.readable_on_white() {
        return rgb;
    }
    let ratio = crate::colour::contrast(rgb.channels(), crate::colour::WHITE.channels());
    let blue = NHS_BLUE.hex().to_ascii_uppercase();
    diags.push(
        Diagnostic::at(
            Code::AccentContrast,
            src,
            yaml::pos(a, 0),
            format!(
                "accent `{}` has {ratio:.2}:1 contrast on white, under the 4.5:1 text needs: \
                 the PDF and HTML use NHS blue ({blue}) instead",
                a.value
            ),
        )
        .with_hint(Some(format!(
            "choose a darker accent, or remove `accent` for NHS blue ({blue})"
        )))
        .into_warning(),
    );
    NHS_BLUE
}

pub(crate) fn settings(project: &Project, diags: &mut Vec<Diagnostic>) -> Settings {
    let cfg = &project.config;
    let src = &project.config_source;
    let accent = cfg
        .style
        .accent
        .as_ref()
        .map_or(NHS_BLUE, |a| accent(a, src, diags));
    let status = cfg
        .style
        .status_colours
        .0
        .iter()
        .map(|(k, v)| {
            let value = match colour(v, src, diags) {
                Some(_) => v.value.clone(),
                None => NHS_BLUE.hex(),
            };
            (k.value.clone(), value)
        })
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
        if let Some(format) = Format::from_ext(&f.value) {
            formats.push(format);
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
        formats = Format::ALL.to_vec();
    }
    formats.sort();
    formats.dedup();
    Settings {
        accent,
        output: output(project, diags),
        formats,
        status,
    }
}

/// The output folder `output:` names (default `build`), with an error at
/// the value when it is among the project's sources (see `project::outdir`).
fn output(project: &Project, diags: &mut Vec<Diagnostic>) -> String {
    let Some(o) = &project.config.output else {
        return "build".into();
    };
    let path = project.root.join(&o.value);
    if let Some(why) = crate::project::outdir::refusal(&project.root, &path) {
        diags.push(
            Diagnostic::at(
                Code::OutputFolder,
                &project.config_source,
                yaml::pos(o, 0),
                format!("refusing the output folder `{}`: {why}", o.value),
            )
            .with_hint(Some(
                "choose a folder of its own, e.g. `output: build`".into(),
            )),
        );
    }
    o.value.clone()
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
            diags.push(bad_date(src, &f.meeting, 0, e));
            None
        }
    };
    let items = framework_items(t, objectives, diags);
    let scale = f
        .assurance_levels
        .clone()
        .unwrap_or_else(|| DEFAULT_SCALE.map(String::from).to_vec());
    let rows = governance::rows(f.governance.as_deref(), src, diags)
        .into_iter()
        .map(|r| governance::own_scale(r, &scale))
        .collect();
    let agenda = super::agenda::check(f.agenda.as_deref().unwrap_or_default(), src, papers, diags);
    Trust {
        id: t.id.clone(),
        name: f.name.clone(),
        short: f.short.clone(),
        board: f.board.clone(),
        private_board: f
            .private_board
            .clone()
            .unwrap_or_else(|| private_board(&f.board)),
        // Filled from the project's label by `check` when the trust has none.
        confidential_label: f.confidential_label.clone().unwrap_or_default(),
        meeting,
        alignment: alignment_style(&f.framework, src, diags),
        items,
        rows,
        scale,
        venue: f.venue.clone(),
        agenda,
        header: header_lines(f),
        body_title: f
            .front_sheet
            .as_ref()
            .and_then(|s| s.body_title)
            .unwrap_or(true),
        sections: sections(f.front_sheet.as_ref(), src, diags),
        governance_heading: f
            .governance_heading
            .clone()
            .unwrap_or_else(|| format!("{} governance table", f.short)),
    }
}

/// The trust's strategic framework items, each with the alliance
/// objectives it names (an unknown objective and a second item of one id
/// reported).
fn framework_items(
    t: &TrustSource,
    objectives: &[(String, String)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<FrameworkItem> {
    let (f, src) = (&t.file, &t.source);
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
            description: item.description.clone(),
            objectives: objs,
        });
    }
    items
}

/// The cover's header lines, as the trust's front sheet writes them.
fn header_lines(f: &crate::project::TrustFile) -> Vec<super::model::HeaderLine> {
    f.front_sheet
        .iter()
        .flat_map(|s| &s.header)
        .map(|h| super::model::HeaderLine {
            pieces: h.pieces(),
            below_title: h.place() == crate::project::Place::BelowTitle,
        })
        .collect()
}

/// The standard front-sheet sections and their default headings, in
/// today's order.
pub(crate) const STANDARD_SECTIONS: [(&str, &str); 6] = [
    ("purpose", "Purpose of the report"),
    ("analysis", "Analysis of the issue"),
    ("proposal", "Proposal"),
    ("decision", "Decision required"),
    ("governance", "Governance table"),
    ("appendices", "Appendices"),
];

/// The trust's sections with their headings: a standard key's default
/// heading unless it gives its own; another key's heading is its key
/// with the first letter capitalised unless it gives one. A key listed
/// twice is a BP006 at the second (which is left out).
fn sections(
    spec: Option<&crate::project::FrontSheetSpec>,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let Some(list) = spec.and_then(|s| s.sections.as_ref()) else {
        return STANDARD_SECTIONS
            .iter()
            .map(|(k, h)| (k.to_string(), h.to_string()))
            .collect();
    };
    let mut seen: Vec<&str> = Vec::new();
    list.iter()
        .filter(|s| {
            let key = s.value.key();
            if !seen.contains(&key) {
                seen.push(key);
                return true;
            }
            diags.push(
                Diagnostic::at(
                    Code::DuplicateId,
                    src,
                    yaml::pos(s, 0),
                    format!("front-sheet section `{key}` is listed twice"),
                )
                .with_hint(Some("list each section once".into())),
            );
            false
        })
        .map(|s| &s.value)
        .map(|s| {
            let key = s.key().to_owned();
            let heading = match s {
                crate::project::SectionSpec::Headed(h) => h.heading.clone(),
                crate::project::SectionSpec::Key(k) => STANDARD_SECTIONS
                    .iter()
                    .find(|(std, _)| std == k)
                    .map(|(_, h)| h.to_string())
                    .unwrap_or_else(|| capitalised(k)),
            };
            (key, heading)
        })
        .collect()
}

fn capitalised(key: &str) -> String {
    let words = key.replace('-', " ");
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "Trust Public Board" → "Trust Private Board", "meeting in public" →
/// "meeting in private" (the word `public` in any case, as a whole word,
/// kept in its case); a name without it gets " (Part II)".
fn private_board(board: &str) -> String {
    let lower = board.to_ascii_lowercase();
    let whole = |i: usize| {
        let before = board[..i].chars().next_back();
        let after = board[i + 6..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    let Some(i) = lower
        .match_indices("public")
        .map(|(i, _)| i)
        .find(|&i| whole(i))
    else {
        return format!("{board} (Part II)");
    };
    let word = &board[i..i + 6];
    let private = if word == "PUBLIC" {
        "PRIVATE"
    } else if word.starts_with('P') {
        "Private"
    } else {
        "private"
    };
    format!("{}{private}{}", &board[..i], &board[i + 6..])
}

/// The trust's alignment row as it writes it; an unknown `show` is an error.
fn alignment_style(
    f: &crate::project::Framework,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> AlignmentStyle {
    let show_all = match f.show.as_ref().map(|s| s.value.as_str()) {
        None | Some("all") => true,
        Some("aligned") => false,
        Some(other) => {
            let show = f
                .show
                .as_ref()
                .map_or(crate::source::Pos::new(1, 1), |s| yaml::pos(s, 0));
            diags.push(
                Diagnostic::at(
                    Code::Yaml,
                    src,
                    show,
                    format!("`framework.show` is `{other}`"),
                )
                .with_hint(Some(
                    "write `all` (every item, the aligned ones ticked) or `aligned` (only those the paper serves)".into(),
                )),
            );
            true
        }
    };
    AlignmentStyle {
        label: f.label.clone().unwrap_or_else(|| format!("{}:", f.title)),
        note: f.note.clone().filter(|n| !n.trim().is_empty()),
        tick: f
            .tick
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "\u{2713}".into()),
        show_all,
    }
}

#[cfg(test)]
mod private_board_tests {
    #[test]
    fn public_in_any_case_becomes_private() {
        let p = super::private_board;
        assert_eq!(p("Trust Public Board"), "Trust Private Board");
        assert_eq!(
            p("Board of Directors meeting in public"),
            "Board of Directors meeting in private"
        );
        assert_eq!(p("PUBLIC BOARD"), "PRIVATE BOARD");
        assert_eq!(p("Publicity Board"), "Publicity Board (Part II)");
        assert_eq!(p("Board of Directors"), "Board of Directors (Part II)");
    }
}

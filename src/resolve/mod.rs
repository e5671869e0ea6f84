//! The resolve stage (see the table in lib.rs): one trust's copy of one paper. Merges `variants.<trust>`,
//! runs the template pass, converts Markdown, places recommendations, and
//! assembles the [`Document`] both renderers share.

mod context;
pub(crate) mod draft;
mod frontsheet;
mod gov_calls;
pub(crate) mod meta;
mod recommendations;
mod sections;
mod template;
mod template_error;

use std::collections::{HashMap, HashSet};

use crate::check::model::{Model, Trust};
use crate::diag::{Code, Diagnostic};
use crate::document::{
    Appendix, Block, Closing, Document, Footnote, FrontSheet, Heading, Inline, Signoff,
};
use crate::markdown::{self, Footnotes, Input, Numbering};
use crate::project::PaperSource;
use crate::source::{Pos, Source};
use crate::yaml;
use recommendations::Recommendations;

/// Governance values by key, as a front matter writes them.
type GovValues = yaml::Entries<yaml::Spanned<String>>;

/// A resolved variant, or every error that stops it. Warnings ride along.
pub(crate) struct Resolved {
    pub(crate) doc: Option<Document>,
    pub(crate) diags: Vec<Diagnostic>,
}

/// The problems of a body of its own, for a paper whose front matter did
/// not parse: the template pass and the Markdown checked against the first
/// trust with an empty front matter. What depends on the front matter
/// (recommendations, governance) is left out: it would follow from the
/// front-matter error, not be a problem of its own.
pub(crate) fn body_problems(model: &Model, paper: &PaperSource) -> Vec<Diagnostic> {
    let Some(trust) = model.trusts.first() else {
        return Vec::new();
    };
    variant(model, paper, trust)
        .diags
        .into_iter()
        .filter(|d| {
            !matches!(
                d.code,
                Code::UndefinedRecommendation
                    | Code::UnplacedRecommendation
                    | Code::RecommendationPlacedTwice
            )
        })
        .collect()
}

/// Resolves `paper` for `trust`. A call naming a trust whose file could
/// not be read still leaves the copy unbuilt, but is no error of its own:
/// the trust file's error is the cause, reported once.
pub(crate) fn variant(model: &Model, paper: &PaperSource, trust: &Trust) -> Resolved {
    let mut resolved = resolve(model, paper, trust);
    resolved.diags.retain(|d| {
        !(d.code == Code::UnknownTrust
            && model.unreadable_trusts.iter().any(|id| {
                d.message
                    .starts_with(&format!("{}{id}`", gov_calls::UNKNOWN_TRUST))
            }))
    });
    resolved
}

fn resolve(model: &Model, paper: &PaperSource, trust: &Trust) -> Resolved {
    let mut diags = Vec::new();
    let f = crate::project::variant::merged(&paper.front, &trust.id);
    let recs = Recommendations::new(&f);
    let ctx = context::template_context(model, paper, trust, &f);
    let callout = |id: &str| recs.callout(id);
    let receiving: Vec<&str> = model
        .recipients(paper)
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let tables = |id: &str, over: Option<&GovValues>| {
        receiving
            .contains(&id)
            .then(|| frontsheet::gov_table(model, paper, id, over))
            .flatten()
    };
    let no_table = |_: &str| None;
    let mut numbering = Numbering::new(f.numbered.unwrap_or(true));
    let mut notes = Footnotes::default();

    let front_markdown = sections::parse_markdown(
        trust,
        paper,
        &f,
        &model.status_colours,
        &model.images,
        &mut notes,
        &mut diags,
    );
    let base = Input {
        text: "",
        line_starts: &[],
        line_map: &[],
        source: &paper.source,
        folder: paper.folder.as_deref(),
        status: &model.status_colours,
        callout: &callout,
        governance: &no_table,
        images: &model.images,
    };
    let mut parts = Parts {
        ctx: &ctx,
        base,
        tables: &tables,
        notes: &mut notes,
        diags: &mut diags,
    };
    let body = parts.part(&paper.source, paper.body_start, &mut numbering, None);
    let (blocks, placed) = match body {
        Ok(part) => part,
        Err(d) => {
            return Resolved {
                doc: None,
                diags: vec![d],
            }
        }
    };
    let appendices = parts.appendices(paper);
    // A paper with no closing section whose body places no callout states
    // its recommendations on the front sheet alone: none is "unplaced".
    let front_only = f.closing == Some(false) && placed.is_empty();
    check_placements(paper, &recs, &placed, front_only, &mut diags);
    let closing = closing(&recs, f.closing.unwrap_or(true), &mut numbering);
    let footnotes = footnotes(paper, notes, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Resolved { doc: None, diags };
    }
    let listed = appendices
        .iter()
        .map(|a| format!("Appendix {} – {}", a.letter, a.title))
        .collect();
    let front = frontsheet::front_sheet(trust, &paper.id, &f, &recs, listed);
    let front = FrontSheet {
        sections: sections::sections(trust, &f, &front_markdown),
        governance_tables: frontsheet::gov_tables(model, paper, &f),
        ..front
    };
    let meta = meta::paper(model, paper, trust, &f);
    let signoff = f.signoff.clone().map(|name| Signoff {
        name,
        date: front.date.clone(),
    });
    let mut doc = Document {
        meta,
        front,
        body: blocks,
        closing,
        signoff,
        appendices,
        footnotes,
    };
    draft::title(&mut doc);
    Resolved {
        doc: Some(doc),
        diags,
    }
}

/// What the body and the appendices of a variant are resolved with.
struct Parts<'a, 'n> {
    ctx: &'a serde_json::Value,
    /// The inputs every part shares (its own text and source are set per part).
    base: Input<'a>,
    /// A receiving trust's governance table, with a part's own values
    /// (an appendix's `governance`) over the paper's.
    tables: &'a dyn Fn(&str, Option<&GovValues>) -> Option<crate::document::GovTable>,
    notes: &'n mut Footnotes,
    diags: &'n mut Vec<Diagnostic>,
}

impl Parts<'_, '_> {
    /// One part, the body or an appendix: the template pass over `src` from
    /// `start`, then its Markdown into blocks numbered by `numbering`.
    /// Returns the blocks and the recommendations the part placed, or the
    /// template error that stops the part.
    fn part(
        &mut self,
        src: &Source,
        start: usize,
        numbering: &mut Numbering,
        over: Option<&GovValues>,
    ) -> Result<(Vec<Block>, Vec<String>), Diagnostic> {
        let rendered = template::render(src, start, self.ctx)?;
        let starts = markdown::line_starts(&rendered.text);
        let tables = self.tables;
        let governance = |id: &str| tables(id, over);
        let input = Input {
            text: &rendered.text,
            line_starts: &starts,
            line_map: &rendered.line_map,
            source: src,
            governance: &governance,
            ..self.base
        };
        let blocks = markdown::parse(&input, numbering, self.notes, self.diags);
        Ok((blocks, rendered.placed))
    }

    /// Every appendix, lettered A, B, ...; one whose template pass fails is
    /// left out, with its error.
    fn appendices(&mut self, paper: &PaperSource) -> Vec<Appendix> {
        let mut appendices = Vec::new();
        for (i, a) in paper.appendices.iter().enumerate() {
            let letter = char::from(b'A' + (i as u8 % 26)).to_string();
            let anchor = format!("appendix-{}", letter.to_lowercase());
            let mut numbering = Numbering::new(false);
            numbering.prefix = format!("{anchor}-");
            let over = a.governance.as_ref();
            match self.part(&a.source, a.body_start, &mut numbering, over) {
                Ok((mut blocks, _)) => {
                    lift_headings(&mut blocks);
                    appendices.push(Appendix {
                        letter,
                        title: a.title.clone(),
                        anchor,
                        blocks,
                    })
                }
                Err(d) => self.diags.push(d),
            }
        }
        appendices
    }
}

/// An appendix's headings lifted so its shallowest sits one level under
/// the appendix's title (`## A.1` under "Appendix A" becomes a section of
/// it, not a level skipped), in both formats and the contents alike.
fn lift_headings(blocks: &mut [crate::document::Block]) {
    use crate::document::BlockKind;
    let top = blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading(h) => Some(h.level),
            _ => None,
        })
        .min();
    let Some(lift) = top.map(|t| t.saturating_sub(1)).filter(|l| *l > 0) else {
        return;
    };
    for b in blocks {
        if let BlockKind::Heading(h) = &mut b.kind {
            h.level -= lift;
        }
    }
}

/// The closing section; empty (and so not shown, nor numbered) when the
/// paper says `closing: false`.
fn closing(recs: &Recommendations, shown: bool, numbering: &mut Numbering) -> Closing {
    let number = (shown && numbering.enabled).then(|| numbering.next_top());
    let anchor = match &number {
        Some(n) => format!("s{n}-actions-and-recommendations"),
        None => "actions-and-recommendations".into(),
    };
    let text = vec![Inline::Text("Actions and recommendations".into())];
    Closing {
        heading: Heading {
            level: 1,
            number,
            text,
            anchor,
        },
        lead: if shown {
            recs.lead.clone()
        } else {
            String::new()
        },
        items: if shown { recs.closing() } else { Vec::new() },
    }
}

/// Placement problems reported per source line; past this a last one
/// says later ones are not listed (each copies its line for the snippet).
const MAX_PER_LINE: usize = 20;

/// Every recommendation placed once in this variant's body. Each undefined
/// or repeated id is reported once, at its first (repeated: second) call;
/// lookups are by map, so 100,000 placements stay linear.
fn check_placements(
    paper: &PaperSource,
    recs: &Recommendations,
    placed: &[String],
    front_only: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let sites = template::call_sites(&paper.source, paper.body_start);
    let mut by_id: HashMap<&str, Vec<Pos>> = HashMap::new();
    for (id, pos) in &sites {
        by_id.entry(id.as_str()).or_default().push(*pos);
    }
    let site = |id: &str, nth: usize| by_id.get(id).and_then(|v| v.get(nth)).copied();
    let (mut seen, mut reported) = (HashSet::new(), HashSet::new());
    let mut per_line: HashMap<u32, usize> = HashMap::new();
    for id in placed {
        let again = !seen.insert(id.as_str());
        let defined = recs.callout(id).is_some();
        if (defined && !again) || !reported.insert(id.as_str()) {
            continue;
        }
        let pos = if defined {
            site(id, 1).or(site(id, 0))
        } else {
            site(id, 0)
        };
        let pos = pos.unwrap_or(Pos::new(1, 1));
        let count = per_line.entry(pos.line).or_insert(0);
        *count += 1;
        if *count > MAX_PER_LINE + 1 {
            continue;
        }
        let mut d = if defined {
            Diagnostic::at(
                Code::RecommendationPlacedTwice,
                &paper.source,
                pos,
                format!("recommendation `{id}` is placed more than once"),
            )
            .with_hint(Some(
                "place each recommendation once; the closing section lists them all again".into(),
            ))
        } else {
            let known = recs.items.iter().map(|(k, _)| k.as_str());
            crate::check::problems::unknown(
                Code::UndefinedRecommendation,
                &paper.source,
                pos,
                "recommendation",
                id,
                known,
                "the paper's `recommendations`",
            )
        };
        if *count == MAX_PER_LINE + 1 {
            d.message
                .push_str(" (problems after this one on the same line are not listed)");
        }
        diags.push(d);
    }
    if front_only {
        return;
    }
    let placed: HashSet<&str> = placed.iter().map(String::as_str).collect();
    for (key, _) in paper.front.recommendations.iter().flat_map(|r| &r.0) {
        if recs.callout(&key.value).is_some() && !placed.contains(key.value.as_str()) {
            diags.push(
                Diagnostic::at(
                    Code::UnplacedRecommendation,
                    &paper.source,
                    yaml::pos(key, 1),
                    format!("recommendation `{}` is never placed in the body", key.value),
                )
                .with_hint(Some(format!(
                    "put {{{{ recommendation(\"{}\") }}}} where its callout belongs",
                    key.value
                )))
                .into_warning(),
            );
        }
    }
}

fn footnotes(paper: &PaperSource, notes: Footnotes, diags: &mut Vec<Diagnostic>) -> Vec<Footnote> {
    let Footnotes {
        order, mut defs, ..
    } = notes;
    order
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let blocks = defs.remove(&label).unwrap_or_else(|| {
                diags.push(
                    Diagnostic::at(
                        Code::MissingField,
                        &paper.source,
                        Pos::new(1, 1),
                        format!("footnote `[^{label}]` is referenced but never defined"),
                    )
                    .with_hint(Some(format!(
                        "add `[^{label}]: ...` at the end of the body"
                    ))),
                );
                Vec::new()
            });
            Footnote {
                number: i + 1,
                blocks,
            }
        })
        .collect()
}

//! A hand-built sample [`Document`] for tests: every block and inline kind, a
//! governance table with an alignment row, footnotes, callouts, status shades,
//! and hostile text (`<script>`, `javascript:` and `data:` links) in the places
//! a careless renderer would let it through.

use std::path::PathBuf;

use crate::doc::*;

const SCRIPT: &str = "<script>alert(1)</script>";

fn t(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn block(kind: BlockKind) -> Block {
    Block {
        kind,
        origin: Origin {
            file: PathBuf::from("papers/ema-update.md"),
            line: 1,
        },
    }
}

fn para(inlines: Vec<Inline>) -> Block {
    block(BlockKind::Paragraph(inlines))
}

fn heading(level: u8, number: &str, text: &str, anchor: &str) -> Block {
    block(BlockKind::Heading(Heading {
        level,
        number: Some(number.to_string()),
        text: vec![t(text)],
        anchor: anchor.to_string(),
    }))
}

fn cell(text: &str, shade: Option<&str>) -> Cell {
    Cell {
        content: vec![t(text)],
        shade: shade.map(str::to_string),
    }
}

fn bullets(items: &[&str]) -> Block {
    block(BlockKind::List(List {
        style: ListStyle::Bullet,
        items: items.iter().map(|i| vec![para(vec![t(i)])]).collect(),
    }))
}

fn gov(key: &str, label: &str, value: &str) -> GovRow {
    GovRow {
        key: key.into(),
        label: label.into(),
        value: GovValue::Text(value.into()),
    }
}

fn alignment_row() -> GovRow {
    let items = [
        ("High Standards", true),
        ("Transformation", true),
        ("Environments", false),
        ("Patient Involvement", true),
        ("Well Governed", true),
        ("Reaching Out", false),
        ("Equality, Leadership, Culture", true),
        ("Access to Services", true),
        ("Trustwide Quality Improvement", true),
    ];
    GovRow {
        key: "alignment".into(),
        label: "STEP up to GREAT strategic alignment".into(),
        value: GovValue::Alignment(
            items
                .iter()
                .map(|(label, ticked)| AlignmentItem {
                    label: label.to_string(),
                    ticked: *ticked,
                })
                .collect(),
        ),
    }
}

fn governance() -> Vec<GovRow> {
    vec![
        gov("forum", "For Board and Board Committees:", "Trust Board"),
        gov("sponsor", "Paper sponsored by:", "East Midlands Alliance Chief Executives"),
        gov("author", "Paper authored by:", "David Williams & Graeme Jones"),
        gov("submitted", "Date submitted:", "20 November 2023"),
        gov("assurance", "If considered elsewhere, state the level of assurance gained by the Board Committee or other forum i.e. assured/ partially assured / not assured:", "Assured"),
        alignment_row(),
        gov("risk-register", "Organisational Risk Register considerations:", SCRIPT),
        gov("risk-appetite", "Is the decision required consistent with LPT's risk appetite:", "Yes"),
        gov("equality", "Equality considerations:", "The EMA is seeking to improve and broaden access to services"),
    ]
}

fn front() -> FrontSheet {
    FrontSheet {
        meeting_line: "Trust Public Board – 28 November 2023".into(),
        agenda_item: Some("Agenda item 3".into()),
        title: format!("East Midlands Alliance Common Board Paper {SCRIPT}"),
        subtitle: Some("East Midlands Mental Health, Learning Disability and Autism Alliance Update".into()),
        version: Some("Draft v2".into()),
        date: Some("10 November 2023".into()),
        purpose: vec!["This item shares the East Midlands Alliance Update".into()],
        analysis: vec![
            "The Alliance includes the NHS providers of mental health, learning disability and autism in the East Midlands & St Andrew's Healthcare.".into(),
            "This common board paper provides a single update about our work to all organisations.".into(),
        ],
        proposal: vec!["A quarterly update is provided, this update highlights the wide range of joint working.".into()],
        decision_lead: "The Boards of the Alliance providers are asked to:".into(),
        decisions: vec![
            "Review and approve the vision, values, purpose and strategic objectives;".into(),
            "Note the funded opportunities available under the Therapy Supervision and Physician Associate programmes.".into(),
        ],
        governance: governance(),
        appendices: vec!["Appendix A – Alliance plan on a page".into()],
    }
}

fn status_table() -> Block {
    block(BlockKind::Table(Table {
        caption: Some("Programme status".into()),
        align: vec![Align::Left, Align::Center, Align::Right],
        header: vec![
            cell("Programme", None),
            cell("Status", None),
            cell("Funding (£)", None),
        ],
        rows: vec![
            vec![
                cell("Therapy Supervision", None),
                cell("Green", Some("#007f3b")),
                cell("120,000", None),
            ],
            vec![
                cell("Physician Associates", None),
                cell("Amber", Some("#FFB81C")),
                cell("85,000", None),
            ],
            vec![
                cell(SCRIPT, None),
                cell("Red", Some("#d5281b")),
                cell("800,000", None),
            ],
        ],
    }))
}

fn body() -> Vec<Block> {
    let link = |url: &str, text: &str| Inline::Link {
        url: url.into(),
        content: vec![t(text)],
    };
    vec![
        heading(1, "1", "Introduction", "s1-introduction"),
        para(vec![
            t("This paper summarises the work of the "),
            Inline::Strong(vec![t("East Midlands Alliance")]),
            t(", "),
            Inline::Emph(vec![t("agreed")]),
            t(" by the CEO group"),
            Inline::FootnoteRef(1),
            t(". Old text: "),
            Inline::Strike(vec![t("five providers")]),
            t("; code "),
            Inline::Code("a < b && \"c\"".into()),
            t("."),
            Inline::Break,
            t("See "),
            link("https://www.nhs.uk/", "NHS website"),
            t(", "),
            link("javascript:alert(1)", "a harmless-looking link"),
            t(", "),
            link("data:text/html,<script>alert(1)</script>", "a data link"),
            t(" and "),
            link("mailto:ema@nhs.net", "email us"),
            t("."),
        ]),
        heading(1, "2", "Vision and strategic objectives", "s2-vision"),
        heading(2, "2.1", "Values", "s2-1-values"),
        bullets(&["Working together", "Respectful", "Integrity", "Supportive"]),
        // A level-4 heading straight after a level-2 one: must be clamped to h4, not h5.
        heading(4, "2.1.1.1", "Deep heading", "s2-1-1-1-deep"),
        block(BlockKind::List(List {
            style: ListStyle::Decimal(1),
            items: vec![
                vec![para(vec![t("Quality improvement and productivity")])],
                vec![para(vec![t("Enabling safe care")]), bullets(&["Nested point"])],
            ],
        })),
        block(BlockKind::List(List {
            style: ListStyle::Decimal(1),
            items: vec![vec![para(vec![t("Roman item")])]],
        })),
        block(BlockKind::Quote(vec![para(vec![t("Working together in partnership to enable the best care.")])])),
        block(BlockKind::Callout(Callout {
            number: 1,
            label: "Action and recommendation 1".into(),
            text: "The Boards of the Alliance providers are asked to review and approve the vision, values, purpose and strategic objectives.".into(),
        })),
        heading(1, "3", "Quality improvement", "s3-quality"),
        status_table(),
        block(BlockKind::Image(Image {
            alt: "Bar chart of funding by programme".into(),
            path: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src/html/testdata/bars.png")),
            title: Some("Funding by programme".into()),
        })),
        block(BlockKind::Image(Image {
            alt: "Missing chart".into(),
            path: PathBuf::from("/nonexistent/missing.png"),
            title: None,
        })),
        block(BlockKind::Code("fn main() { println!(\"<b>\"); }".into())),
        block(BlockKind::Rule),
        para(vec![t("A second reference"), Inline::FootnoteRef(1), t(" and another"), Inline::FootnoteRef(2), t(".")]),
    ]
}

/// The sample: LPT's copy of the November 2023 common paper.
pub(crate) fn sample() -> Document {
    Document {
        meta: Meta {
            trust_id: "lpt".into(),
            trust_short: "LPT".into(),
            trust_name: "Leicestershire Partnership NHS Trust".into(),
            paper_id: "ema-update".into(),
            title: "East Midlands Alliance Common Board Paper".into(),
            author: "David Williams & Graeme Jones".into(),
            subject: "Alliance Update".into(),
            lang: "en-GB".into(),
            alliance: "East Midlands Alliance".into(),
            accent: crate::colour::NHS_BLUE,
            confidential: true,
            source: PathBuf::from("papers/ema-update.md"),
        },
        front: front(),
        body: body(),
        closing: Closing {
            heading: Heading {
                level: 1,
                number: Some("4".into()),
                text: vec![t("Actions and recommendations")],
                anchor: "s4-actions".into(),
            },
            lead: "The Boards of the Alliance providers are asked to:".into(),
            items: vec![
                (
                    "I".into(),
                    "review and approve the vision, values, purpose and strategic objectives;"
                        .into(),
                ),
                (
                    "II".into(),
                    "note the funded opportunities available.".into(),
                ),
            ],
        },
        signoff: Some(Signoff {
            name: "Graeme Jones".into(),
            date: Some("10 November 2023".into()),
        }),
        appendices: vec![Appendix {
            letter: "A".into(),
            title: "Alliance plan on a page".into(),
            anchor: "appendix-a".into(),
            blocks: vec![
                heading(1, "A.1", "Our areas of focus", "appendix-a-1"),
                bullets(&["CAMHS", "Adult ED", "Gambling addiction"]),
            ],
        }],
        footnotes: vec![
            Footnote {
                number: 1,
                blocks: vec![para(vec![t(
                    "Agreed at the Alliance Board, 31 October 2023.",
                )])],
            },
            Footnote {
                number: 2,
                blocks: vec![para(vec![
                    t("See the "),
                    Inline::Link {
                        url: "https://www.emalliance.nhs.uk/".into(),
                        content: vec![t("Alliance website")],
                    },
                    t("."),
                ])],
            },
        ],
    }
}

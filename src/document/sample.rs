//! The one hand-built sample [`Document`] both renderers' tests use: every
//! block and inline kind, a table long enough to span pages with status
//! shades, a governance table with a strategic-alignment row, footnotes
//! referenced twice, links, a callout, images (JPEG, PNG with and without
//! alpha, one missing), the characters £ – ✓ é, and hostile text
//! (`<script>`, `javascript:` and `data:` links, `<b>` in code) in the
//! places a careless renderer would let it through.

use std::path::PathBuf;

use crate::document::*;

const SCRIPT: &str = "<script>alert(1)</script>";

fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn at(kind: BlockKind, line: u32) -> Block {
    Block {
        kind,
        origin: Origin {
            file: PathBuf::from("papers/ema-update.md"),
            line,
        },
    }
}

fn para(s: &str, line: u32) -> Block {
    at(BlockKind::Paragraph(vec![text(s)]), line)
}

fn heading(level: u8, number: &str, title: &str, line: u32) -> Block {
    at(
        BlockKind::Heading(Heading {
            level,
            number: Some(number.to_string()),
            text: vec![text(title)],
            anchor: format!(
                "s{}-{}",
                number.replace('.', "-"),
                title.to_lowercase().replace(' ', "-")
            ),
        }),
        line,
    )
}

fn bullets(items: &[&str], line: u32) -> Block {
    at(
        BlockKind::List(List {
            style: ListStyle::Bullet,
            items: items.iter().map(|s| vec![para(s, line)]).collect(),
            tasks: Vec::new(),
        }),
        line,
    )
}

fn cell(s: &str) -> Cell {
    Cell {
        content: vec![text(s)],
        shade: None,
    }
}

const LONG: &str = "The Medical and Nurse Director forum met in September with a session that \
    included a focus on the national Inpatient Quality Improvement programme, a joint approach on \
    Patient Safety Incident Response Framework (PSIRF), the monitoring of markers of deterioration \
    for people waiting for mental health assessment, the use of visual technology in mental health \
    and the potential use of new funding for the development of Physician Associates in mental \
    health and funding for Mental Health Act training.";

/// Writes the sample's images to a temporary folder and returns their paths
/// (JPEG, PNG with alpha, PNG RGB).
pub(crate) fn sample_images() -> (PathBuf, PathBuf, PathBuf) {
    // Written once per process: tests render the sample on several threads
    // at once, and rewriting the files under a render made it miss images.
    static FILES: std::sync::OnceLock<(PathBuf, PathBuf, PathBuf)> = std::sync::OnceLock::new();
    FILES
        .get_or_init(|| {
            let dir =
                std::env::temp_dir().join(format!("boardpaper-pdf-sample-{}", std::process::id()));
            let _ = std::fs::create_dir_all(&dir);
            let jpeg = dir.join("chart.jpg");
            let rgb = dir.join("stripes.png");
            let rgba = dir.join("shapes.png");
            let _ = std::fs::write(&jpeg, include_bytes!("testdata/chart.jpg"));
            let _ = std::fs::write(&rgb, crate::pdf::png_bytes(240, 60, 2));
            let _ = std::fs::write(&rgba, crate::pdf::png_bytes(160, 100, 6));
            (jpeg, rgba, rgb)
        })
        .clone()
}

fn governance() -> Vec<GovRow> {
    let row = |key: &str, label: &str, value: &str| GovRow {
        key: key.into(),
        label: label.into(),
        value: GovValue::Text(value.into()),
    };
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
    vec![
        row("forum", "For Board and Board Committees:", "Trust Board"),
        row("sponsor", "Paper sponsored by:", "East Midlands Alliance Chief Executives"),
        row("author", "Paper authored by:", "David Williams & Graeme Jones"),
        row("submitted", "Date submitted:", "20 November 2023"),
        row(
            "previously-considered",
            "State which Board Committee or other forum within the Trust's governance structure, \
             if any, have previously considered the report/this issue and the date of the relevant \
             meeting(s):",
            "Regular updates are provided to SEB",
        ),
        row(
            "assurance",
            "If considered elsewhere, state the level of assurance gained by the Board Committee \
             or other forum i.e. assured/ partially assured / not assured:",
            "Assured",
        ),
        GovRow {
            key: "alignment".into(),
            label: "STEP up to GREAT strategic alignment".into(),
            value: GovValue::Alignment(Alignment {
                items: items
                    .iter()
                    .map(|(l, t)| AlignmentItem {
                        label: l.to_string(),
                        description: None,
                        ticked: *t,
                    })
                    .collect(),
                mark: Some("\u{2713}".into()),
                note: None,
            }),
        },
        row("risk-register", "Organisational Risk Register considerations:", SCRIPT),
        row("risk-appetite", "Is the decision required consistent with LPT's risk appetite:", "Yes"),
        row("fomi", "False and misleading information (FOMI) considerations:", "Nothing has been identified"),
        row(
            "safety",
            "Positive confirmation that the content does not risk the safety of patients or the public",
            "Confirmed",
        ),
        row("equality", "Equality considerations:", "The EMA is seeking to improve and broaden access to services"),
    ]
}

fn front() -> FrontSheet {
    let mut front = FrontSheet {
        meeting_line: "Trust Public Board \u{2013} 28 November 2023".into(),
        agenda_item: Some("Agenda item 9".into()),
        title: format!("East Midlands Alliance Common Board Paper {SCRIPT}"),
        subtitle: Some("East Midlands Mental Health, Learning Disability and Autism Alliance Update".into()),
        kind: Some("Common Board paper".into()),
        version: Some("Draft v2".into()),
        date: Some("10 November 2023".into()),
        purpose: vec!["This item shares the East Midlands Mental Health, Learning Disability and Autism Alliance Update".into()],
        analysis: vec![
            "The Alliance includes the NHS providers of mental health, learning disability and autism in the East \
             Midlands and St Andrews' Healthcare."
                .into(),
            "This common board paper provides a single update about our work to all organisations.".into(),
        ],
        proposal: vec!["A quarterly update is provided, this update highlights the wide range of joint working.".into()],
        decision_lead: "The Boards of the Alliance providers are asked to:".into(),
        decisions: vec![
            "Review and approve the vision, values, purpose and strategic objectives;".into(),
            "Note the funded opportunities available under the Therapy Supervision and Physician Associate programmes;".into(),
            "Note the launch of the Alliance website and quarterly newsletter.".into(),
        ],
        governance: governance(),
        governance_tables: Vec::new(),
        appendices: vec!["Appendix A \u{2013} Alliance plan on a page".into()],
        header: Vec::new(),
        sections: Vec::new(),
    };
    // Today's layout: the standard sections, in order.
    let section = |key: &str, heading: &str, content: SectionContent| FrontSection {
        key: key.into(),
        heading: heading.into(),
        content,
    };
    front.sections = vec![
        section(
            "purpose",
            "Purpose of the report",
            SectionContent::Entries(front.purpose.clone()),
        ),
        section(
            "analysis",
            "Analysis of the issue",
            SectionContent::Entries(front.analysis.clone()),
        ),
        section(
            "proposal",
            "Proposal",
            SectionContent::Entries(front.proposal.clone()),
        ),
        section("decision", "Decision required", SectionContent::Decisions),
        section("governance", "Governance table", SectionContent::Governance),
        section("appendices", "Appendices", SectionContent::Appendices),
    ];
    front
}

fn long_table() -> Block {
    let statuses = ["#009639", "#FFB81C", "#DA291C", "#003087"];
    let rows = (1..=40)
        .map(|i| {
            vec![
                cell(&format!("{i}")),
                cell(&format!(
                    "Workstream {i}: joint working on quality improvement and productivity"
                )),
                Cell {
                    content: vec![text(["Green", "Amber", "Red", "Blue"][i % 4])],
                    shade: Some(statuses[i % 4].to_string()),
                },
                cell(if i % 7 == 0 {
                    LONG
                } else {
                    "On track; £800,000 capital agreed."
                }),
            ]
        })
        .collect();
    at(
        BlockKind::Table(Table {
            caption: Some("Table 1 \u{2013} Alliance workstreams".into()),
            landscape: None,
            widths: None,
            align: vec![Align::Right, Align::Left, Align::Center, Align::Left],
            header: vec![
                cell("No."),
                cell("Workstream"),
                cell("Status"),
                cell("Commentary"),
            ],
            rows,
        }),
        120,
    )
}

fn link(url: &str, content: &str) -> Inline {
    Inline::Link {
        url: url.into(),
        content: vec![text(content)],
    }
}

fn body(images: &(PathBuf, PathBuf, PathBuf)) -> Vec<Block> {
    let mut b = vec![
        heading(1, "1", "Introduction", 10),
        at(
            BlockKind::Paragraph(vec![
                text("This paper provides a summary of the work of the "),
                Inline::Strong(vec![text("East Midlands Alliance")]),
                text(", including the "),
                Inline::Emph(vec![text("discussions and agreements")]),
                text(" of the Alliance Board on 31 October 2023"),
                Inline::FootnoteRef(1),
                text(". See the "),
                Inline::Link {
                    url: "https://www.eastmidlandsalliance.nhs.uk/".into(),
                    content: vec![text("Alliance website")],
                },
                text(" for more. The Alliance was offered £800,000 \u{2013} a café-style ✓ of confidence."),
                Inline::Break,
                text("A line after a hard break, with "),
                Inline::Code("a < b && \"c\"".into()),
                text(" and "),
                Inline::Strike(vec![text("struck text")]),
                text(". See also the "),
                link("https://www.nhs.uk/", "NHS website"),
                text(", "),
                link("javascript:alert(1)", "a harmless-looking link"),
                text(", "),
                link("data:text/html,<script>alert(1)</script>", "a data link"),
                text(" and "),
                link("mailto:ema@nhs.net", "email us"),
                text("."),
            ]),
            12,
        ),
        para(LONG, 14),
        heading(1, "2", "The East Midlands Alliance", 20),
        para("The East Midlands Alliance is made up of the six largest providers:", 22),
        at(
            BlockKind::List(List {
                style: ListStyle::Bullet,
                items: vec![
                    vec![para("Derbyshire Healthcare", 23)],
                    vec![
                        para("Leicestershire Partnership, with:", 24),
                        bullets(&["Adult mental health services", "Learning disability services"], 25),
                    ],
                    vec![para("Northamptonshire Healthcare", 27)],
                ],
                tasks: Vec::new(),
            }),
            23,
        ),
        heading(2, "2.1", "Strategic objectives", 30),
        at(
            BlockKind::List(List {
                style: ListStyle::Decimal(1),
                items: ["Quality improvement and productivity", "Enabling safe care", "Developing our workforce"]
                    .iter()
                    .map(|s| vec![para(s, 31)])
                    .collect(),
                tasks: Vec::new(),
            }),
            31,
        ),
        at(
            BlockKind::List(List {
                style: ListStyle::Decimal(1),
                items: ["Review the vision;", "Note the funding;", "Hold the date of 12 March 2024."]
                    .iter()
                    .map(|s| vec![para(s, 35)])
                    .collect(),
                tasks: Vec::new(),
            }),
            35,
        ),
        at(
            BlockKind::Quote(vec![para(
                "Working together in partnership to enable the best mental health, learning disability \
                 and autism care and support for the people of the East Midlands.",
                40,
            )]),
            40,
        ),
        at(
            BlockKind::Callout(Callout {
                number: 1,
                label: "Action and recommendation 1".into(),
                text: "The Boards of the Alliance providers are asked to review and approve the vision, \
                       values, purpose and strategic objectives."
                    .into(),
            }),
            45,
        ),
        heading(3, "2.1.1", "A level-three heading", 50),
        para(LONG, 51),
        at(BlockKind::Code("let x = \"<b>\";\n    indented();".into()), 55),
        at(BlockKind::Rule, 58),
        at(
            BlockKind::Image(Image {
                alt: "Bar chart of workstreams".into(),
                path: images.0.clone(),
                title: Some("Figure 1 \u{2013} Workstreams by status".into()),
                file: sample_file(&images.0),
                col: 1,
            }),
            60,
        ),
        at(
            BlockKind::Image(Image {
                alt: "Shapes with transparency".into(),
                path: images.1.clone(),
                title: None,
                file: sample_file(&images.1),
                col: 1,
            }),
            62,
        ),
        at(
            BlockKind::Image(Image {
                alt: "Stripes".into(),
                path: images.2.clone(),
                title: None,
                file: sample_file(&images.2),
                col: 1,
            }),
            63,
        ),
        at(
            BlockKind::Image(Image {
                alt: "Missing chart".into(),
                path: PathBuf::from("/nonexistent/missing.png"),
                title: None,
                file: None,
                col: 1,
            }),
            64,
        ),
        heading(1, "3", "Quality improvement and productivity", 100),
    ];
    for i in 0..6 {
        b.push(heading(
            2,
            &format!("3.{}", i + 1),
            "Medical and Nurse Director forum",
            101 + i,
        ));
        b.push(para(LONG, 102 + i));
    }
    b.push(heading(1, "4", "Workstreams", 119));
    b.push(long_table());
    b.push(heading(4, "4.0.0.1", "A level-four heading", 125));
    b.push(at(
        BlockKind::Paragraph(vec![
            text("A second reference"),
            Inline::FootnoteRef(1),
            text(" and another"),
            Inline::FootnoteRef(2),
            text("."),
        ]),
        126,
    ));
    b
}

/// The sample: LPT's copy of the November 2023 common paper.
pub(crate) fn sample_document() -> Document {
    let images = sample_images();
    Document {
        meta: Meta {
            trust_id: "lpt".into(),
            trust_short: "LPT".into(),
            trust_name: "Leicestershire Partnership NHS Trust".into(),
            paper_id: "ema-update".into(),
            title: "East Midlands Alliance Common Board Paper".into(),
            author: "David Williams & Graeme Jones".into(),
            subject: "East Midlands Alliance Update \u{2013} é".into(),
            lang: crate::document::LANG.into(),
            alliance: "East Midlands Alliance".into(),
            issuer: "East Midlands Alliance".into(),
            accent: crate::colour::NHS_BLUE,
            confidential: true,
            draft: false,
            notes: crate::document::NotePlacement::Foot,
            contents: None,
            contents_depth: 2,
            body_title: true,
            marking: Some("Confidential \u{2013} Part II".into()),
            source: PathBuf::from("papers/ema-update.md"),
        },
        front: front(),
        body: body(&images),
        closing: Closing {
            heading: Heading {
                level: 1,
                number: Some("5".into()),
                text: vec![text("Actions and recommendations")],
                anchor: "s5-actions".into(),
            },
            lead: "The Boards of the Alliance providers are asked to:".into(),
            items: vec![
                ("I".into(), "review and approve the vision, values, purpose and strategic objectives;".into()),
                ("II".into(), "note the funded opportunities available under the Therapy Supervision and Physician Associate programmes;".into()),
                ("III".into(), "note the launch of the Alliance website and quarterly newsletter.".into()),
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
                para("Better outcomes for the East Midlands community.", 1),
                bullets(&["Direction setting", "Strength and Stability", "Delivery of Change"], 3),
            ],
        }],
        footnotes: vec![
            Footnote {
                number: 1,
                blocks: vec![para("The Alliance Board meets quarterly; papers are on the website.", 200)],
            },
            Footnote {
                number: 2,
                blocks: vec![at(
                    BlockKind::Paragraph(vec![
                        text("See the "),
                        Inline::Link {
                            url: "https://www.emalliance.nhs.uk/".into(),
                            content: vec![text("Alliance website")],
                        },
                        text("."),
                    ]),
                    201,
                )],
            },
        ],
    }
}

/// The sample's image at `path`, checked as the image store would.
fn sample_file(path: &std::path::Path) -> Option<crate::project::images::ImageFile> {
    let bytes = std::fs::read(path).ok()?;
    crate::project::images::ImageFile::from_bytes(bytes).ok()
}

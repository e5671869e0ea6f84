//! The index pages' HTML: a trust's pack page and the cycle's page, their
//! links and escaping.

use super::page::*;
use crate::html::Templates;

fn entry(title: &str, confidential: bool, html: Option<&str>) -> PaperEntry {
    PaperEntry {
        id: "ema-update".into(),
        title: title.into(),
        agenda_item: Some("Agenda item 3".into()),
        confidential,
        marking: confidential.then(|| "Confidential \u{2013} Part II".into()),
        issuer: "LPT\u{2013}NHFT Group".into(),
        draft: false,
        pdf: Some("ema-update.pdf".into()),
        html: html.map(str::to_string),
    }
}

#[test]
fn trust_index_lists_papers_with_links() {
    let idx = TrustIndex {
        alliance: "East Midlands Alliance".into(),
        cycle: "November 2023".into(),
        trust: TrustEntry {
            id: "lpt".into(),
            name: "Leicestershire Partnership NHS Trust".into(),
            short: "LPT".into(),
            board: "Trust Public Board".into(),
            meeting_line: "Trust Public Board – 28 November 2023".into(),
        },
        papers: vec![
            entry("Update & <b>", false, Some("ema-update.html")),
            entry("Estates", true, Some("javascript:alert(1)")),
        ],
        venue: Some("Board Room".into()),
        agenda: vec![AgendaRow {
            number: "7.1".into(),
            title: "Agenda & <i>".into(),
            presenter: Some("Chair".into()),
            purpose: None,
            time: None,
            html: Some("javascript:alert(2)".into()),
            pdf: Some("ema-update.pdf".into()),
            issuer: None,
            note: None,
            marking: None,
            draft: false,
        }],
        part_ii: None,
        pack_pdf: Some("javascript:alert(3)".into()),
        pack_part_ii_pdf: None,
        draft: false,
    };
    let html = Templates::with(&[]).and_then(|t| render_trust_index(&t, &idx));
    let Ok(html) = html else {
        panic!("{html:?}");
    };
    let _ = std::fs::write(std::env::temp_dir().join("html-trust-index.html"), &html);
    assert!(html.contains("<a href=\"ema-update.html\">Update &amp; &lt;b&gt;</a>"));
    assert!(html.contains("<a href=\"ema-update.pdf\">PDF"));
    assert!(html.contains("<span class=\"private\">(Confidential – Part II)</span>"));
    assert!(html.contains("<span class=\"paper-meta\">LPT–NHFT Group</span>"));
    assert!(!html.contains("javascript:"));
    assert!(html.contains("<th scope=\"row\">7.1</th>"));
    assert!(html.contains("<span class=\"paper-title\">Agenda &amp; &lt;i&gt;</span>"));
    assert!(
        !html.contains("<ul class=\"pack-links\">"),
        "an unsafe pack href is dropped"
    );
    assert!(html.contains("<html lang=\"en-GB\">"));
}

#[test]
fn cycle_index_lists_every_trust() {
    let idx = CycleIndex {
        alliance: "East Midlands Alliance".into(),
        cycle: "November 2023".into(),
        trusts: vec![CycleTrust {
            id: "nhft".into(),
            name: "Northamptonshire Healthcare NHS Foundation Trust".into(),
            short: "NHFT".into(),
            meeting_line: "Public Board – 1 December 2023".into(),
            href: "nhft/index.html".into(),
            papers: vec![entry("Update", false, Some("nhft/ema-update.html"))],
        }],
    };
    let html = Templates::with(&[]).and_then(|t| render_cycle_index(&t, &idx));
    let Ok(html) = html else {
        panic!("{html:?}");
    };
    let _ = std::fs::write(std::env::temp_dir().join("html-cycle-index.html"), &html);
    // Values escape `/` as `&#x2F;` (as under Tera), which browsers read back as `/`.
    assert!(html.contains("<h2><a href=\"nhft&#x2F;index.html\">Northamptonshire Healthcare"));
    assert!(html.contains("<a href=\"nhft&#x2F;ema-update.html\">Update</a>"));
}

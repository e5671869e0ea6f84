//! The HTML pack (issue 16): each trust's `index.html` is the meeting's
//! pack page, with the agenda as a table, links to the copies this build
//! made, business without links, the trust's own PDF papers noted as in
//! the PDF pack, and Part II by number and title only (nothing with
//! `--public`).
//!
//! Fixture `pack`: trust north has an agenda (business, the paper
//! `open-update`, its own PDF paper `own/finance.pdf`, a Part II marker,
//! the confidential `land-sale` and a private business item); trust south
//! has none. `workforce` goes to both and is on no agenda.

mod common;

use common::{assert_golden, Project, Run};

const SECRET_TITLE: &str = "Riverside Land Disposal Negotiations";
const PRIVATE_BUSINESS: &str = "confidential briefing";

fn pack() -> Project {
    let p = Project::fixture("pack");
    let own = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pack/own/finance.pdf");
    p.write("own/finance.pdf", std::fs::read(own).expect("fixture PDF"));
    p
}

fn ok(p: &Project, args: &[&str]) -> Run {
    let run = p.run(args);
    assert_eq!(run.code, 0, "{args:?}\n{}\n{}", run.stdout, run.stderr);
    run
}

/// The `<tr>` of the agenda row whose item number is `number`.
fn row<'h>(html: &'h str, number: &str) -> &'h str {
    let head = format!("<th scope=\"row\">{number}</th>");
    let at = html
        .find(&head)
        .unwrap_or_else(|| panic!("no agenda row {number}"));
    let end = html[at..].find("</tr>").map_or(html.len(), |e| at + e);
    &html[at..end]
}

#[test]
fn golden_pack_page_for_a_trust_with_an_agenda() {
    let p = pack();
    ok(&p, &["build"]);
    assert_golden("pack-north-index.html", &p.read("build/north/index.html"));
}

#[test]
fn agenda_rows_link_papers_and_leave_business_and_files_unlinked() {
    let p = pack();
    ok(&p, &["build"]);
    let html = p.read("build/north/index.html");
    assert!(html.contains("<caption>Agenda</caption>"), "{html}");
    assert!(html.contains("<th scope=\"col\">Presenter</th>"));
    assert!(html.contains("<dd>Board Room, North House</dd>"));
    assert!(html.contains("<dd>Trust Public Board – 24 June 2025</dd>"));
    assert!(html.contains("<dd>June 2025</dd>"));
    let paper = row(&html, "2");
    assert!(paper.contains("<a href=\"open-update.html\">Open Alliance Update</a>"));
    assert!(paper.contains("<a href=\"open-update.pdf\">PDF"));
    assert!(paper.contains("<td>Chief Executive</td>\n<td>For information</td>\n<td>10:05</td>"));
    let business = row(&html, "1");
    assert!(business.contains("Apologies for absence") && !business.contains("<a "));
    let file = row(&html, "2.1");
    assert!(file.contains("Finance report, month 2"));
    assert!(file.contains("(included in the PDF pack)") && !file.contains("<a "));
    assert!(
        !html.contains("finance.pdf"),
        "no link to the trust's own file"
    );
    // Part II: its heading, then number and title only, never a link.
    assert!(html
        .contains("<th scope=\"rowgroup\" colspan=\"5\">Items to be considered in private</th>"));
    let secret = row(&html, "4");
    assert_eq!(
        secret,
        format!("<th scope=\"row\">4</th>\n<td colspan=\"4\">{SECRET_TITLE}</td>\n")
    );
    assert!(row(&html, "5").contains(PRIVATE_BUSINESS));
    // The paper on no agenda is still listed, with its links.
    let rest = &html[html.find("Papers not on the agenda").expect("heading")..];
    assert!(rest.contains("<a href=\"workforce.html\">Workforce Plan Refresh</a>"));
}

#[test]
fn a_public_pack_page_says_part_ii_is_private_and_names_nothing_of_it() {
    let p = pack();
    ok(&p, &["build", "--public"]);
    let html = p.read("build/north/index.html");
    assert!(html.contains("Items to be considered in private"));
    assert!(html.contains("Part II business is taken in private"));
    assert!(!html.contains(SECRET_TITLE), "{html}");
    assert!(!html.contains("land-sale"));
    assert!(!html.contains(PRIVATE_BUSINESS));
    assert!(!html.contains("<th scope=\"row\">4</th>"));
    assert!(!html.contains("pack-part-ii"));
    // The public items are all there.
    assert!(row(&html, "2").contains("open-update.html"));
    assert!(row(&html, "3").contains("Questions from the public"));
}

#[test]
fn a_confidential_paper_on_the_public_agenda_is_left_out_of_a_public_pack_page() {
    let p = pack();
    // land-sale moved before the Part II marker.
    p.edit(
        "trusts/north.yaml",
        "  - part-ii: Items to be considered in private\n  - item: 4\n    paper: land-sale\n    presenter: Director of Estates\n    purpose: For approval\n",
        "  - item: 4\n    paper: land-sale\n    presenter: Director of Estates\n    purpose: For approval\n  - part-ii: Items to be considered in private\n",
    );
    ok(&p, &["build"]);
    let full = p.read("build/north/index.html");
    let secret = row(&full, "4");
    assert!(secret.contains("(Confidential – Part II)"), "{secret}");
    assert!(secret.contains("<a href=\"land-sale.html\">"));
    ok(&p, &["build", "--public"]);
    let public = p.read("build/north/index.html");
    assert!(!public.contains(SECRET_TITLE) && !public.contains("land-sale"));
    assert!(!public.contains("<th scope=\"row\">4</th>"));
}

#[test]
fn no_pack_pdf_link_without_a_pack_pdf_and_the_cycle_page_links_each_pack_page() {
    let p = pack();
    ok(&p, &["build", "--no-packs"]);
    let html = p.read("build/north/index.html");
    assert!(!html.contains("pack.pdf") && !html.contains("pack-part-ii.pdf"));
    assert!(!p.path().join("build/north/pack.pdf").exists());
    // Built, the packs are linked from the trust's page.
    ok(&p, &["build"]);
    let html = p.read("build/north/index.html");
    assert!(p.path().join("build/north/pack.pdf").exists());
    assert!(html.contains("href=\"pack.pdf\""), "{html}");
    ok(&p, &["build", "--no-packs"]);
    ok(&p, &["build", "--public"]);
    let html = p.read("build/north/index.html");
    assert!(html.contains("href=\"pack.pdf\"") && !html.contains("pack-part-ii.pdf"));
    assert!(!p.path().join("build/north/pack-part-ii.pdf").exists());
    let cycle = p.read("build/index.html");
    // The "/" is escaped as the templates escape every attribute.
    for (id, short) in [("north", "NORTH"), ("south", "SOUTH")] {
        let link = format!(
            "<a href=\"{id}&#x2F;index.html\">The meeting's pack: agenda and papers<span class=\"visually-hidden\"> for {short}</span></a>"
        );
        assert!(cycle.contains(&link), "{cycle}");
    }
}

#[test]
fn a_trust_without_an_agenda_lists_its_papers_as_before() {
    let p = pack();
    ok(&p, &["build"]);
    let html = p.read("build/south/index.html");
    assert!(!html.contains("<table class=\"agenda\">"), "{html}");
    assert!(!html.contains("Papers not on the agenda"));
    assert!(html.contains("<a href=\"open-update.html\">Open Alliance Update</a>"));
    assert!(html.contains("<a href=\"workforce.html\">Workforce Plan Refresh</a>"));
}

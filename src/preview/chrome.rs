//! The preview's own bar at the top of every served page: a trust switcher
//! (the same paper in another trust's copy), the trust's other papers, the
//! PDF copy and the index. Only preview responses carry it.

use super::site::Site;
use crate::html::push_escaped;

/// What a served HTML path shows.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PageKind<'a> {
    /// `/<trust>/<paper>.html`
    Variant { trust: &'a str, paper: &'a str },
    /// `/<trust>/index.html`
    TrustIndex { trust: &'a str },
    /// `/index.html`
    CycleIndex,
}

impl<'a> PageKind<'a> {
    /// Reads an output path (`lpt/ema-update.html`).
    pub(crate) fn of(rel: &'a str) -> Option<PageKind<'a>> {
        let stem = rel.strip_suffix(".html")?;
        match stem.split_once('/') {
            None if stem == "index" => Some(PageKind::CycleIndex),
            Some((trust, "index")) => Some(PageKind::TrustIndex { trust }),
            Some((trust, paper)) if !paper.contains('/') => {
                Some(PageKind::Variant { trust, paper })
            }
            _ => None,
        }
    }
}

/// The bar for the page at `rel`.
pub(crate) fn bar(site: &Site, page: &PageKind) -> String {
    let mut out = String::from("<nav class=\"bp-bar\" aria-label=\"Preview\">\n<p><strong>Preview</strong> <a href=\"/index.html\">All trusts</a></p>\n");
    match *page {
        PageKind::Variant { trust, paper } => {
            let trusts = site.recipients(paper);
            let links = trusts
                .iter()
                .map(|(id, short)| (format!("/{id}/{paper}.html"), short.as_str(), id == trust));
            list(&mut out, "Trust", links);
            let papers = site.papers_of(trust);
            let links = papers
                .iter()
                .map(|(id, title)| (format!("/{trust}/{id}.html"), title.as_str(), id == paper));
            list(&mut out, "Paper", links);
            let pdf = format!("/{trust}/{paper}.pdf");
            if site.files.contains_key(&pdf[1..]) {
                out.push_str(&format!("<p><a href=\"{pdf}\">PDF copy</a></p>\n"));
            }
        }
        PageKind::TrustIndex { trust } => {
            let links = site
                .trusts
                .iter()
                .map(|(id, short)| (format!("/{id}/index.html"), short.as_str(), id == trust));
            list(&mut out, "Trust", links);
        }
        PageKind::CycleIndex => {}
    }
    out.push_str("</nav>\n");
    out
}

/// `<p>Label: <a>..</a> ..</p>`, the current one marked `aria-current`.
fn list<'s>(out: &mut String, label: &str, links: impl Iterator<Item = (String, &'s str, bool)>) {
    out.push_str(&format!("<p>{label}:"));
    for (i, (href, text, current)) in links.enumerate() {
        let sep = if i == 0 { " " } else { " · " };
        out.push_str(&format!("{sep}<a href=\"{href}\""));
        if current {
            out.push_str(" aria-current=\"page\"");
        }
        out.push('>');
        push_escaped(out, text);
        out.push_str("</a>");
    }
    out.push_str("</p>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_pages() {
        assert_eq!(PageKind::of("index.html"), Some(PageKind::CycleIndex));
        assert_eq!(
            PageKind::of("lpt/index.html"),
            Some(PageKind::TrustIndex { trust: "lpt" })
        );
        assert_eq!(
            PageKind::of("lpt/a.html"),
            Some(PageKind::Variant {
                trust: "lpt",
                paper: "a"
            })
        );
        assert_eq!(PageKind::of("lpt/a.pdf"), None);
    }

    #[test]
    fn the_switcher_links_every_recipient_and_marks_the_current_trust() {
        let mut site = Site::default();
        for f in ["lpt/a.html", "nhft/a.html", "lpt/a.pdf"] {
            site.files.insert(f.into(), Vec::new());
        }
        site.trusts = vec![("lpt".into(), "LPT".into()), ("nhft".into(), "NHFT".into())];
        site.papers = vec![("a".into(), "A & B".into())];
        let bar = bar(
            &site,
            &PageKind::Variant {
                trust: "lpt",
                paper: "a",
            },
        );
        assert!(bar.contains("<a href=\"/lpt/a.html\" aria-current=\"page\">LPT</a>"));
        assert!(bar.contains(" · <a href=\"/nhft/a.html\">NHFT</a>"));
        assert!(bar.contains("A &amp; B"));
        assert!(bar.contains("<a href=\"/lpt/a.pdf\">PDF copy</a>"));
    }
}

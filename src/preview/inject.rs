//! What a preview response adds to a built page: the bar and the overlay
//! after `<body>`, and before `</body>` a small script that polls
//! `/__version?page=PATH` (which also tells the preview the page is in
//! view, so it is rendered first after a change) and reloads the page when
//! the version moves on (keeping the scroll position). Built files never carry any of it: they stay script-free.
//!
//! A built page's Content-Security-Policy forbids every script; in the
//! preview only, its meta element is replaced by one that also allows the
//! reload script (by a nonce drawn once per preview) and its requests to
//! the preview itself. A script a template wrote still cannot run.

/// Styles of the bar and the overlay (prefixed `bp-`, so a page's own
/// classes are left alone).
const STYLE: &str = "<style>\
.bp-bar{font:16px/1.4 Arial,sans-serif;background:#212b32;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}\
.bp-bar p{margin:0}.bp-bar a{color:#fff}.bp-bar a[aria-current]{font-weight:bold;text-decoration:none;border-bottom:3px solid #ffeb3b}\
.bp-bar a:focus-visible{background:#ffeb3b;color:#212b32;outline:none}\
#bp-overlay{position:fixed;z-index:1000;left:0;right:0;top:0;max-height:70vh;overflow:auto;background:#fff;color:#212b32;\
border-bottom:6px solid #d5281b;box-shadow:0 4px 12px rgba(0,0,0,.4);padding:1rem 1.5rem;font:16px/1.4 Arial,sans-serif}\
#bp-overlay h2{color:#d5281b;margin:0 0 .5rem;font-size:1.25rem}\
#bp-overlay .bp-loc{font-weight:bold;margin:1rem 0 .25rem}#bp-overlay .bp-loc span{color:#4c6272;font-weight:normal}\
#bp-overlay pre{background:#f0f4f5;padding:.75rem;overflow:auto;font-size:14px;margin:0}\
</style>\n";

/// The reload script. Polls twenty times a second (loopback: cheap) for at most eight hours
/// (bounded: a forgotten tab stops asking), backs off when the server is gone.
fn script(version: u64) -> String {
    format!(
        "<script nonce=\"{}\">(function(){{var v='{version}',n=0;\
try{{var y=sessionStorage.getItem('bp-scroll');if(y!==null){{sessionStorage.removeItem('bp-scroll');window.scrollTo(0,+y);}}}}catch(e){{}}\
function poll(){{if(++n>576000)return;\
fetch('/__version?page='+location.pathname,{{cache:'no-store'}}).then(function(r){{return r.text();}}).then(function(t){{\
if(t!==v){{try{{sessionStorage.setItem('bp-scroll',String(window.scrollY));}}catch(e){{}}location.reload();}}\
else setTimeout(poll,50);}},function(){{setTimeout(poll,2000);}});}}\
setTimeout(poll,50);}})();</script>\n",
        nonce()
    )
}

/// The preview's nonce for its script: 128 random bits, drawn once.
fn nonce() -> &'static str {
    static NONCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NONCE.get_or_init(|| {
        let mut bytes = [0u8; 16];
        // Without randomness the script cannot run and the page does not
        // reload: the preview still shows it.
        let _ = getrandom::fill(&mut bytes);
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    })
}

/// The built page's policy meta, widened for the reload script only.
fn policy(page: &str) -> String {
    let built = crate::html::csp::meta();
    let preview = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}; script-src 'nonce-{}'; connect-src 'self'\">",
        crate::html::csp::POLICY,
        nonce()
    );
    page.replacen(&built, &preview, 1)
}

/// `page` with `chrome` (bar and overlay) after `<body ...>` and the reload
/// script before `</body>`; a page without those tags gets them at its ends.
pub(crate) fn inject(page: &str, chrome: &str, version: u64) -> String {
    let page = &policy(page);
    let after_body = page
        .find("<body")
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let before_end = page.rfind("</body>").unwrap_or(page.len()).max(after_body);
    let mut out = String::with_capacity(page.len() + chrome.len() + 2048);
    out.push_str(&page[..after_body]);
    out.push('\n');
    out.push_str(STYLE);
    out.push_str(chrome);
    out.push_str(&page[after_body..before_end]);
    out.push_str(&script(version));
    out.push_str(&page[before_end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_follows_body_and_the_script_closes_it() {
        let page = "<html><body class=\"x\">\n<main>m</main>\n</body></html>";
        let out = inject(page, "<nav>bar</nav>", 7);
        let body = out.find("<body class=\"x\">").unwrap();
        let nav = out.find("<nav>bar</nav>").unwrap();
        let main = out.find("<main>").unwrap();
        let script = out.find("<script nonce=").unwrap();
        assert!(body < nav && nav < main && main < script);
        assert!(out.contains("var v='7'"));
        assert!(out.ends_with("</body></html>"));
    }

    #[test]
    fn only_the_reload_script_is_allowed_to_run() {
        let built = format!("<head>{}</head><body></body>", crate::html::csp::meta());
        let out = inject(&built, "", 1);
        let nonce = nonce();
        assert_eq!(nonce.len(), 32);
        assert!(out.contains(&format!("script-src 'nonce-{nonce}'")));
        assert!(out.contains(&format!("<script nonce=\"{nonce}\">")));
        assert_eq!(out.matches("Content-Security-Policy").count(), 1);
    }
}

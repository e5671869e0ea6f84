//! The loopback HTTP server: answers from the in-memory [`Site`], never from
//! the disk. Routing is a pure function ([`route`]) so it is unit-tested
//! without a socket; [`serve`] only moves requests and replies.
//!
//! Requests whose `Host` is not this machine's loopback name are refused, so
//! a web page elsewhere cannot read the preview through DNS rebinding.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::RwLock;
use std::time::Duration;

use tiny_http::{Header, Method, Response, Server};

use super::chrome::{self, PageKind};
use super::inject::inject;
use super::overlay::overlay;
use super::site::Site;

/// One reply.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
    pub(crate) location: Option<String>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            location: None,
        }
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }
}

/// The reply to `method path` with the `Host` header `host`, on `port`.
pub(crate) fn route(site: &Site, method: &str, url: &str, host: &str, port: u16) -> Reply {
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !allowed.iter().any(|h| h == host) {
        return Reply::text(403, "preview answers only on 127.0.0.1");
    }
    if method != "GET" && method != "HEAD" {
        return Reply::text(405, "only GET and HEAD");
    }
    let path = url.split(['?', '#']).next().unwrap_or("/");
    match path {
        "/" => Reply {
            location: Some("/index.html".into()),
            ..Reply::text(302, "see /index.html")
        },
        "/__version" => Reply::text(200, &site.version.to_string()),
        _ => file(site, &path[1..]),
    }
}

/// A built file: HTML pages with the bar, overlay and reload script; PDFs as they are.
fn file(site: &Site, rel: &str) -> Reply {
    let Some(bytes) = site.files.get(rel) else {
        return not_found(site, rel);
    };
    if rel.ends_with(".pdf") {
        return Reply::new(200, "application/pdf", bytes.clone());
    }
    let page = String::from_utf8_lossy(bytes);
    let mut chrome_html = match PageKind::of(rel) {
        Some(kind) => chrome::bar(site, &kind),
        None => String::new(),
    };
    chrome_html.push_str(&overlay(&site.errors));
    Reply::new(
        200,
        "text/html; charset=utf-8",
        inject(&page, &chrome_html, site.version),
    )
}

fn not_found(site: &Site, rel: &str) -> Reply {
    let mut page = String::from("<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><main><h1>Not found</h1><p>No output at <code>");
    crate::html::push_escaped(&mut page, rel);
    page.push_str("</code> (yet). <a href=\"/index.html\">All trusts</a></p></main></body></html>");
    let chrome_html = overlay(&site.errors);
    Reply::new(
        404,
        "text/html; charset=utf-8",
        inject(&page, &chrome_html, site.version),
    )
}

/// Answers requests until `stop` is set; each wait for a request is bounded
/// (200 ms) so Ctrl-C is noticed promptly.
pub(crate) fn serve(server: &Server, site: &RwLock<Site>, stop: &AtomicBool, port: u16) {
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(e) => {
                eprintln!("preview: the server stopped: {e}");
                return;
            }
        };
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_owned())
            .unwrap_or_default();
        let method = request.method().clone();
        let reply = match site.read() {
            Ok(site) => route(&site, method.as_str(), request.url(), &host, port),
            Err(_) => Reply::text(500, "the preview's state is unusable; restart it"),
        };
        let _ = request.respond(response(reply, method == Method::Head));
    }
}

fn response(reply: Reply, head: bool) -> Response<std::io::Cursor<Vec<u8>>> {
    let body = if head { Vec::new() } else { reply.body };
    let mut response = Response::from_data(body).with_status_code(reply.status);
    let mut headers = vec![
        ("Content-Type", reply.content_type.to_owned()),
        ("Cache-Control", "no-store".to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
    ];
    if let Some(l) = reply.location {
        headers.push(("Location", l));
    }
    for (k, v) in headers {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let mut site = Site {
            version: 3,
            ..Site::default()
        };
        site.files.insert(
            "lpt/a.html".into(),
            b"<html><body><main>A</main></body></html>".to_vec(),
        );
        site.files.insert("lpt/a.pdf".into(), b"%PDF".to_vec());
        site
    }

    #[test]
    fn pages_get_the_script_and_pdfs_come_as_they_are() {
        let s = site();
        let r = route(&s, "GET", "/lpt/a.html?x=1", "127.0.0.1:8000", 8000);
        assert_eq!(r.status, 200);
        assert!(String::from_utf8_lossy(&r.body).contains("/__version"));
        let r = route(&s, "GET", "/lpt/a.pdf", "localhost:8000", 8000);
        assert_eq!(
            (r.content_type, r.body.as_slice()),
            ("application/pdf", &b"%PDF"[..])
        );
        let r = route(&s, "GET", "/__version", "127.0.0.1:8000", 8000);
        assert_eq!(r.body, b"3");
    }

    #[test]
    fn foreign_hosts_unknown_paths_and_posts_are_refused() {
        let s = site();
        assert_eq!(
            route(&s, "GET", "/lpt/a.html", "evil.example:8000", 8000).status,
            403
        );
        assert_eq!(
            route(&s, "GET", "/../etc/passwd", "127.0.0.1:8000", 8000).status,
            404
        );
        assert_eq!(
            route(&s, "POST", "/lpt/a.html", "127.0.0.1:8000", 8000).status,
            405
        );
        assert_eq!(route(&s, "GET", "/", "127.0.0.1:8000", 8000).status, 302);
    }
}

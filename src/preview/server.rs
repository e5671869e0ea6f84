//! The loopback HTTP server: answers from the in-memory [`Site`], never from
//! the disk. Routing is a pure function ([`route`]) so it is unit-tested
//! without a socket; [`serve`] only accepts connections and hands each to
//! a thread of its own (`http` reads the head and writes the reply).
//!
//! Requests whose `Host` is not this machine's loopback name are refused, so
//! a web page elsewhere cannot read the preview through DNS rebinding. Every
//! malformed request gets a 4xx and the server goes on serving.

use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::RwLock;
use std::time::Duration;

use super::chrome::{self, PageKind};
use super::focus::Focus;
use super::http;
use super::inject::inject;
use super::overlay::overlay;
use super::reply::Reply;
use super::site::Site;
use super::target;

/// Connections answered at once; one more is answered 503 at once and
/// closed, so idle connections cannot stop the preview answering: each is
/// dropped after `http::IDLE_TIME` of silence.
const MAX_CONNECTIONS: usize = 64;

/// The reply to `method path` with the `Host` header `host`, on `port`.
pub(crate) fn route(site: &Site, method: &str, url: &str, host: &str, port: u16) -> Reply {
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !allowed.iter().any(|h| h == host) {
        return Reply::text(403, "preview answers only on 127.0.0.1");
    }
    if method != "GET" && method != "HEAD" {
        return Reply::text(405, "only GET and HEAD");
    }
    let path = match target::path(url, &allowed) {
        Ok(path) => path,
        Err(414) => return Reply::text(414, "request target too long"),
        Err(status) => return Reply::text(status, "malformed request target"),
    };
    match path.as_str() {
        "" => Reply {
            location: Some("/index.html".into()),
            ..Reply::text(302, "see /index.html")
        },
        "__version" => Reply::text(200, &site.version.to_string()),
        rel => file(site, rel),
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

/// Answers connections until `stop` is set, each on its own thread (at
/// most [`MAX_CONNECTIONS`] at once, see [`busy`]); the accept loop and every read look
/// at `stop` at least every 200 ms, so Ctrl-C is noticed promptly.
pub(crate) fn serve(listener: &TcpListener, shared: Shared, stop: &AtomicBool, port: u16) {
    if let Err(e) = listener.set_nonblocking(true) {
        eprintln!("preview: the server stopped: {e}");
        return;
    }
    let active = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        while !stop.load(Ordering::SeqCst) {
            let stream = match listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    // Short: every request waits for it (the reload script
                    // asks twenty times a second).
                    std::thread::sleep(Duration::from_millis(4));
                    continue;
                }
                Err(_) => continue,
            };
            if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                busy(stream);
                continue;
            }
            active.fetch_add(1, Ordering::SeqCst);
            let active = &active;
            scope.spawn(move || {
                answer(stream, shared, stop, port);
                active.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
}

/// Answers a connection over the limit with 503 without reading it (a
/// short write, bounded in time), then closes it.
fn busy(mut stream: TcpStream) {
    use std::io::Write;
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let body = "the preview is busy: try again in a moment\n";
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// Reads one request from `stream` and answers it: a page in view is
/// noted (see [`Focus`]), and a page still to be rendered again is
/// answered once it is.
fn answer(mut stream: TcpStream, shared: Shared, stop: &AtomicBool, port: u16) {
    let _ = stream.set_nonblocking(false);
    let (reply, head_only) = match http::read_head(&mut stream, stop) {
        Ok(None) => return,
        Err(reply) => (reply, false),
        Ok(Some(head)) => {
            let page = in_view(&head.target, port);
            if let Some(page) = &page {
                shared.focus.see(page);
                if !head.target.starts_with("/__version") {
                    wait_fresh(shared.site, page, stop);
                }
            }
            match shared.site.read() {
                Ok(site) => (
                    route(&site, &head.method, &head.target, &head.host, port),
                    head.method == "HEAD",
                ),
                Err(_) => (
                    Reply::text(500, "the preview's state is unusable; restart it"),
                    false,
                ),
            }
        }
    };
    http::respond(&mut stream, &reply, head_only);
}

/// What the server shares with the renderer.
#[derive(Clone, Copy)]
pub(crate) struct Shared<'a> {
    pub(crate) site: &'a RwLock<Site>,
    pub(crate) focus: &'a Focus,
}

/// The HTML page a request shows or, for the reload script's
/// `/__version?page=PATH`, the page it polls for.
fn in_view(target: &str, port: u16) -> Option<String> {
    let hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let asked = match target.split_once("?page=") {
        Some(("/__version", page)) => page,
        _ => target,
    };
    let path = target::path(asked, &hosts).ok()?;
    path.ends_with(".html").then_some(path)
}

/// Waits (at most [`STALE_WAIT`]) while `page` is still to be rendered
/// again after a change.
fn wait_fresh(site: &RwLock<Site>, page: &str, stop: &AtomicBool) {
    let started = std::time::Instant::now();
    while started.elapsed() < STALE_WAIT && !stop.load(Ordering::SeqCst) {
        match site.read() {
            Ok(s) if s.stale.contains(page) => {}
            _ => return,
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The longest a request waits for its page to be rendered again.
const STALE_WAIT: Duration = Duration::from_secs(30);

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
    fn malformed_targets_get_a_4xx_not_a_panic() {
        let s = site();
        for (target, status) in [
            ("?", 400),
            ("%zz", 400),
            ("/%zz", 400),
            ("//x", 400),
            ("http://evil.example/lpt/a.html", 400),
            ("", 400),
        ] {
            let r = route(&s, "GET", target, "127.0.0.1:8000", 8000);
            assert_eq!(r.status, status, "{target:?}");
        }
        let long = format!("/{}", "a".repeat(100_000));
        assert_eq!(route(&s, "GET", &long, "127.0.0.1:8000", 8000).status, 414);
        assert_eq!(route(&s, "BREW", "/", "127.0.0.1:8000", 8000).status, 405);
        let own = route(
            &s,
            "GET",
            "http://127.0.0.1:8000/lpt/a.pdf",
            "127.0.0.1:8000",
            8000,
        );
        assert_eq!(own.status, 200);
    }

    #[test]
    fn foreign_hosts_unknown_paths_and_posts_are_refused() {
        let s = site();
        assert_eq!(
            route(&s, "GET", "/lpt/a.html", "evil.example:8000", 8000).status,
            403
        );
        assert_eq!(
            route(&s, "GET", "/nope/a.html", "127.0.0.1:8000", 8000).status,
            404
        );
        assert_eq!(
            route(&s, "GET", "/../etc/passwd", "127.0.0.1:8000", 8000).status,
            400
        );
        assert_eq!(
            route(&s, "POST", "/lpt/a.html", "127.0.0.1:8000", 8000).status,
            405
        );
        assert_eq!(route(&s, "GET", "/", "127.0.0.1:8000", 8000).status, 302);
    }
}

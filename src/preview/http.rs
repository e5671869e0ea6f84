//! The preview's HTTP/1.1 plumbing on `std::net`: read one request head
//! under a size and a time bound, parse it with `httparse`, write one reply
//! and close. Nothing here panics on what a client sends: a head that does
//! not parse is a 400, a request line over [`MAX_TARGET`] a 414, a head over
//! [`MAX_HEAD`] a 431, and the connection is closed either way.
//!
//! One request per connection (`Connection: close`): the preview serves one
//! writer's browser on loopback, so keep-alive buys nothing.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::reply::{Reply, MAX_TARGET};

/// The largest request head read (larger: 431, or 414 if the request line
/// alone is longer than the target limit allows).
pub(crate) const MAX_HEAD: usize = 32 * 1024;
/// How long a client may take to send its head.
const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long a client may send nothing before it is dropped (an idle
/// connection holds one of the server's few slots).
pub(crate) const IDLE_TIME: Duration = Duration::from_secs(2);
/// How often a blocked read looks at the stop flag.
const POLL: Duration = Duration::from_millis(200);

/// A request head: what routing needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Head {
    pub(crate) method: String,
    pub(crate) target: String,
    /// The `Host` header ("" when absent).
    pub(crate) host: String,
}

/// Reads one request head from `stream`: `Ok(None)` when the client went
/// away (or `stop` was set) before sending one, `Err` with the reply for a
/// malformed or oversized head.
pub(crate) fn read_head(stream: &mut TcpStream, stop: &AtomicBool) -> Result<Option<Head>, Reply> {
    let _ = stream.set_read_timeout(Some(POLL));
    let started = Instant::now();
    let mut heard = started;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        match parse(&buf) {
            Parsed::Done(head) => return Ok(Some(head)),
            Parsed::Bad(reply) => return Err(reply),
            Parsed::Partial if buf.len() >= MAX_HEAD => return Err(too_large(&buf)),
            Parsed::Partial => {}
        }
        if stop.load(Ordering::SeqCst)
            || started.elapsed() > HEAD_TIME
            || heard.elapsed() > IDLE_TIME
        {
            return Ok(None);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                heard = Instant::now();
                buf.extend_from_slice(&chunk[..n.min(MAX_HEAD - buf.len())]);
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Ok(None),
        }
    }
}

enum Parsed {
    Done(Head),
    Partial,
    Bad(Reply),
}

/// Parses what has arrived so far.
fn parse(buf: &[u8]) -> Parsed {
    if first_line_len(buf) > MAX_TARGET + 64 {
        return Parsed::Bad(Reply::text(414, "request target too long"));
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(buf) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(httparse::Error::TooManyHeaders) => {
            return Parsed::Bad(Reply::text(431, "too many header fields"))
        }
        Err(e) => return Parsed::Bad(Reply::text(400, &format!("malformed request: {e}"))),
    }
    let host = req
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("host"))
        .map(|h| String::from_utf8_lossy(h.value).trim().to_owned())
        .unwrap_or_default();
    match (req.method, req.path) {
        (Some(method), Some(target)) => Parsed::Done(Head {
            method: method.to_owned(),
            target: target.to_owned(),
            host,
        }),
        _ => Parsed::Bad(Reply::text(400, "malformed request line")),
    }
}

/// Length of the request line so far (all of `buf` when no line end yet).
fn first_line_len(buf: &[u8]) -> usize {
    buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len())
}

/// The reply to a head that filled [`MAX_HEAD`] without ending.
fn too_large(buf: &[u8]) -> Reply {
    if first_line_len(buf) > MAX_TARGET {
        Reply::text(414, "request target too long")
    } else {
        Reply::text(431, "request header fields too large")
    }
}

/// Writes `reply` (no body for HEAD) and closes the connection, reading
/// briefly what the client still sends so the close does not reset the
/// connection before the reply is read.
pub(crate) fn respond(stream: &mut TcpStream, reply: &Reply, head: bool) {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    if let Some(location) = &reply.location {
        out.push_str(&format!("Location: {location}\r\n"));
    }
    out.push_str("\r\n");
    let _ = stream.set_write_timeout(Some(HEAD_TIME));
    let mut bytes = out.into_bytes();
    if !head {
        bytes.extend_from_slice(&reply.body);
    }
    if stream
        .write_all(&bytes)
        .and_then(|()| stream.flush())
        .is_err()
    {
        return;
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
    let mut sink = [0u8; 4096];
    for _ in 0..16 {
        if !matches!(stream.read(&mut sink), Ok(n) if n > 0) {
            break;
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &[u8]) -> Result<Head, u16> {
        match parse(raw) {
            Parsed::Done(h) => Ok(h),
            Parsed::Bad(r) => Err(r.status),
            Parsed::Partial => Err(0),
        }
    }

    #[test]
    fn a_good_head_parses() {
        let h = head(b"GET /a.html?x HTTP/1.1\r\nHost: 127.0.0.1:9\r\n\r\n").unwrap();
        assert_eq!(
            h,
            Head {
                method: "GET".into(),
                target: "/a.html?x".into(),
                host: "127.0.0.1:9".into()
            }
        );
    }

    #[test]
    fn malformed_heads_are_refused_with_their_status() {
        assert_eq!(head(b"GET /\xff\xfe HTTP/1.1\r\n\r\n"), Err(400));
        assert_eq!(head(b"GET / HTTP/9.9\r\n\r\n"), Err(400));
        assert_eq!(head(b"G@T / HTTP/1.1\r\n\r\n"), Err(400));
        assert_eq!(head(b"GET / HTTP/1.1\r\nBad Header\r\n\r\n"), Err(400));
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_TARGET + 100));
        assert_eq!(head(long.as_bytes()), Err(414));
        let many: String = (0..100).map(|i| format!("X-{i}: y\r\n")).collect();
        let req = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(head(req.as_bytes()), Err(431));
        assert_eq!(head(b"GET / HTTP/1.1\r\nHost: x"), Err(0), "partial");
    }

    #[test]
    fn an_endless_header_is_431_and_an_endless_line_414() {
        let line = vec![b'a'; MAX_HEAD];
        assert_eq!(too_large(&line).status, 414);
        let mut head = b"GET / HTTP/1.1\r\nX: ".to_vec();
        head.resize(MAX_HEAD, b'a');
        assert_eq!(too_large(&head).status, 431);
    }
}

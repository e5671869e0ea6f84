//! A running `boardpaper preview` for tests: started on a free port, its
//! address read from what it prints, killed when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{Project, BIN};

/// The preview process; killed when dropped.
pub struct Preview(Child);

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Preview {
    /// Sends SIGINT (Ctrl-C) and waits for the exit; how long it took.
    pub fn interrupt(&mut self) -> Duration {
        let started = Instant::now();
        let pid = self.0.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "cannot send SIGINT");
        let deadline = started + Duration::from_secs(30);
        while self.0.try_wait().expect("wait").is_none() {
            assert!(
                Instant::now() < deadline,
                "preview still runs 30 s after Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        started.elapsed()
    }
}

/// Starts the preview on a free port; returns it and its `127.0.0.1:port`.
pub fn start(project: &Project) -> (Preview, String) {
    let (preview, addr, _) = start_with(project, &[]);
    (preview, addr)
}

/// Starts the preview on a free port with `args` after `preview`; returns
/// it, its `127.0.0.1:port`, and the lines it prints after its address.
pub fn start_with(project: &Project, args: &[&str]) -> (Preview, String, mpsc::Receiver<String>) {
    let mut child = Command::new(BIN)
        .args(["--project"])
        .arg(project.path())
        .args(["preview", "--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start preview");
    let stdout = child.stdout.take().expect("stdout");
    let preview = Preview(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(500)) {
            if let Some(rest) = line.strip_prefix("preview at http://") {
                let addr = rest.split('/').next().unwrap_or_default().to_owned();
                return (preview, addr, rx);
            }
        }
    }
    panic!("preview did not print its address within 120 s");
}

/// GET `path` from the preview at `addr` with `Host: host` over HTTP/1.0
/// (no chunked body); (status, body).
pub fn get(addr: &str, host: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned());
    (status, body.unwrap_or_default())
}

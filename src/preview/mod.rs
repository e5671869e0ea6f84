//! `boardpaper preview`: a loopback server showing every variant as it is
//! written. The project is rendered through the build pipeline into memory
//! (`render`), kept as the [`site::Site`] with the last good output of every
//! variant (`site`), served with a trust switcher, an error overlay and a
//! reload script added to each page (`server`, `chrome`, `overlay`,
//! `inject`), and re-rendered when the watcher reports a change (`watch`).
//!
//! Three threads and no async runtime: the main thread answers requests, a
//! second waits for file events and re-renders the HTML, a third then
//! re-renders both formats (`rebuild`). Ctrl-C sets a flag all three check
//! at least every 200 ms.

mod chrome;
mod http;
mod inject;
mod overlay;
mod rebuild;
pub(crate) mod render;
mod server;
mod site;
mod target;
mod watch;

#[cfg(test)]
mod same_as_build_tests;

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use std::net::TcpListener;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::channel;

use crate::project::Format;
use render::Snapshot;
use site::{Pass, Site};
use watch::ChangeKind;

/// What `preview` was asked for.
pub(crate) struct Options {
    /// The page to start on: `lpt/ema-update.html`, `lpt/index.html` or `index.html`.
    pub(crate) start: String,
    pub(crate) open: bool,
}

/// Listens on 127.0.0.1:`port`; when that port is taken, on a free one,
/// saying which. Done before the first render, so a busy port costs nothing.
pub(crate) fn listen(port: u16) -> Result<TcpListener, String> {
    match TcpListener::bind(("127.0.0.1", port)) {
        Ok(server) => Ok(server),
        Err(e) if port != 0 => {
            let server = TcpListener::bind(("127.0.0.1", 0)).map_err(|e2| {
                format!("cannot listen on 127.0.0.1:{port} ({e}) or any free port ({e2})")
            })?;
            let free = server.local_addr().map_or(0, |a| a.port());
            eprintln!("preview: port {port} is busy ({e}); using the free port {free} instead (--port N picks another, --port 0 any free one)");
            Ok(server)
        }
        Err(e) => Err(format!("cannot listen on 127.0.0.1: {e}")),
    }
}

/// Serves the project at `root` (first rendered as `first`, already
/// reported) on `server` until Ctrl-C.
pub(crate) fn run(
    root: &Path,
    server: TcpListener,
    first: Snapshot,
    opts: &Options,
) -> Result<(), String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot read {}: {e}", root.display()))?;
    let output = first.output.clone().unwrap_or_else(|| "build".into());
    let site = RwLock::new(Site::default());
    if let Ok(mut s) = site.write() {
        s.apply(first, Pass::Full);
    }
    let port = server
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("the server has no TCP address: {e}"))?;
    let url = format!("http://127.0.0.1:{port}/{}", opts.start);
    println!("preview at {url} (Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    let (watcher, events) = watch::start(&root)?;
    if opts.open {
        open(&url);
    }
    let generation = AtomicU64::new(0);
    let (pdf_tx, pdf_rx) = channel();
    std::thread::scope(|scope| {
        let ctx = rebuild::Ctx {
            root: &root,
            output: &output,
            site: &site,
            stop: &stop,
            generation: &generation,
        };
        scope.spawn(move || rebuild::html_loop(&ctx, events, pdf_tx));
        scope.spawn(move || rebuild::full_loop(&ctx, pdf_rx));
        server::serve(&server, &site, &stop, port);
        stop.store(true, Ordering::SeqCst);
    });
    drop(watcher);
    println!("preview stopped");
    Ok(())
}

/// Renders the whole project for the first page, and reports it.
pub(crate) fn first_render(root: &Path) -> Snapshot {
    let started = Instant::now();
    let snap = render::snapshot(root, &[Format::Pdf, Format::Html]);
    report(&snap, None, started.elapsed());
    snap
}

/// The errors last printed, so a second pass does not print them again.
static SHOWN: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// One line per render on standard output; errors in full on standard error.
pub(crate) fn report(snap: &Snapshot, change: Option<(ChangeKind, Pass)>, took: Duration) {
    let variants = snap
        .files
        .keys()
        .filter(|k| !k.ends_with("index.html") && !k.ends_with(".pdf"))
        .count();
    let (why, what) = match change {
        Some((k, Pass::Html)) => (format!("{} changed: ", k.label()), "HTML"),
        Some((_, Pass::Full)) => (String::new(), "PDF and HTML"),
        None => (String::new(), "PDF and HTML"),
    };
    let count = crate::report::count;
    println!(
        "{why}rendered {what} of {} in {} ms, {}, {}",
        count(variants, "variant"),
        took.as_millis(),
        count(snap.errors.len(), "error"),
        count(snap.warnings, "warning")
    );
    let errors: String = snap
        .errors
        .iter()
        .map(|d| crate::report::human(d, false))
        .collect();
    // The HTML pass and the full pass after it find the same errors: each
    // is printed once, until the sources change what is reported.
    let mut shown = SHOWN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if *shown != errors {
        eprint!("{errors}");
        *shown = errors;
    }
}

/// Opens `url` in the desktop's browser; a failure is only reported.
fn open(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(program).args(args).spawn() {
        eprintln!("preview: cannot open a browser ({program}: {e}); open {url} yourself");
    }
}

/// The path of the page to start on, checked against the first render.
pub(crate) fn start_page(
    snap: &Snapshot,
    trust: Option<&str>,
    paper: Option<&str>,
) -> Result<String, String> {
    let known = |what: &str, id: &str, list: &[(String, String)]| {
        if list.iter().any(|(i, _)| i == id) || list.is_empty() {
            Ok(())
        } else {
            let ids: Vec<&str> = list.iter().map(|(i, _)| i.as_str()).collect();
            Err(format!("unknown {what} `{id}`: known: {}", ids.join(", ")))
        }
    };
    if let Some(t) = trust {
        known("trust", t, &snap.trusts)?;
    }
    if let Some(p) = paper {
        known("paper", p, &snap.papers)?;
    }
    Ok(match (trust, paper) {
        (Some(t), Some(p)) => format!("{t}/{p}.html"),
        (Some(t), None) => format!("{t}/index.html"),
        (None, Some(p)) => snap
            .trusts
            .iter()
            .map(|(t, _)| format!("{t}/{p}.html"))
            .find(|f| snap.files.contains_key(f))
            .unwrap_or_else(|| "index.html".into()),
        (None, None) => "index.html".into(),
    })
}

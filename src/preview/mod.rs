//! `boardpaper preview`: a loopback server showing every variant as it is
//! written. The project is rendered through the build pipeline into memory
//! (`render`, `variants`), kept as the [`site::Site`] with the last good
//! output of every variant (`site`), served with a trust switcher, an
//! error overlay and a reload script added to each page (`server`, `http`,
//! `target`, `reply`, `chrome`, `overlay`, `inject`), and rendered again
//! when the watcher reports a change (`watch`, `rebuild`): the variants
//! the change touched only, the pages in view first (`focus`). Each render
//! prints one line (`log`).
//!
//! Three threads and no async runtime (and one per request being answered):
//! the main thread answers requests, a second waits for file events and
//! renders the HTML, a third then renders the PDFs (`rebuild`). Ctrl-C
//! sets a flag all three check at least every 200 ms.

mod chrome;
mod focus;
mod http;
mod inject;
mod log;
mod overlay;
mod rebuild;
mod render;
mod reply;
mod server;
mod site;
mod target;
mod variants;
mod watch;

#[cfg(test)]
mod same_as_build_tests;

use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::channel;
use std::sync::{Arc, RwLock};

use site::Site;
use variants::Variants;

/// The first render: what the server starts with.
pub(crate) struct Start {
    site: Site,
    state: Variants,
    /// The project's output folder, relative to its root (ignored by the watcher).
    output: Option<String>,
}

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
    first: Start,
    opts: &Options,
) -> Result<(), String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot read {}: {e}", root.display()))?;
    let output = first.output.clone().unwrap_or_else(|| "build".into());
    let site = RwLock::new(first.site);
    let port = server
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("the server has no TCP address: {e}"))?;
    // Watching before the address is printed: an edit made as soon as the
    // page can be opened is seen.
    let (watcher, events) = watch::start(&root)?;
    let url = format!("http://127.0.0.1:{port}/{}", opts.start);
    println!("preview at {url} (Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    if opts.open {
        open(&url);
    }
    let generation = AtomicU64::new(0);
    let focus = focus::Focus::default();
    let (pdf_tx, pdf_rx) = channel();
    let state = first.state;
    std::thread::scope(|scope| {
        let ctx = rebuild::Ctx {
            root: &root,
            output: &output,
            site: &site,
            focus: &focus,
            stop: &stop,
            generation: &generation,
        };
        scope.spawn(move || rebuild::html_loop(&ctx, state, events, pdf_tx));
        scope.spawn(move || rebuild::pdf_loop(&ctx, pdf_rx));
        let shared = server::Shared {
            site: &site,
            focus: &focus,
        };
        server::serve(&server, shared, &stop, port);
        stop.store(true, Ordering::SeqCst);
    });
    drop(watcher);
    println!("preview stopped");
    Ok(())
}

/// Renders the whole project for the first page, and reports it.
pub(crate) fn first_render(root: &Path) -> Start {
    let (site, state, output) = rebuild::first(root);
    Start {
        site,
        state,
        output,
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
    first: &Start,
    trust: Option<&str>,
    paper: Option<&str>,
) -> Result<String, String> {
    let site = &first.site;
    let known = |what: &str, id: &str, list: &[(String, String)]| {
        if list.iter().any(|(i, _)| i == id) || list.is_empty() {
            Ok(())
        } else {
            let ids: Vec<&str> = list.iter().map(|(i, _)| i.as_str()).collect();
            Err(format!("unknown {what} `{id}`: known: {}", ids.join(", ")))
        }
    };
    if let Some(t) = trust {
        known("trust", t, &site.trusts)?;
    }
    if let Some(p) = paper {
        known("paper", p, &site.papers)?;
    }
    Ok(match (trust, paper) {
        (Some(t), Some(p)) => format!("{t}/{p}.html"),
        (Some(t), None) => format!("{t}/index.html"),
        (None, Some(p)) => site
            .trusts
            .iter()
            .map(|(t, _)| format!("{t}/{p}.html"))
            .find(|f| site.files.contains_key(f))
            .unwrap_or_else(|| "index.html".into()),
        (None, None) => "index.html".into(),
    })
}

//! The sink: every finished output reaches it once, with the bytes the
//! render made, as soon as it is finished; the build's sink writes each
//! atomically and reports a write it could not make with its path and
//! operation, leaving nothing half-written.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::super::kit::Folder;
use super::super::render::{in_pool, render_variants};
use super::super::{cache::Cache, write, Request};
use super::*;
use crate::check::Checked;
use crate::failure::{Op, Why};
use crate::project::Format;

/// Records every output it is handed (in arrival order, with its bytes)
/// and keeps it, as [`Keep`] does.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(String, Vec<u8>)>>,
}

impl Sink for Recorder {
    fn finished(&self, output: Output) -> Output {
        let bytes = match &output.content {
            Content::Fresh { bytes, .. } => bytes.clone(),
            _ => Vec::new(),
        };
        if let Ok(mut seen) = self.seen.lock() {
            seen.push((output.rel_string(), bytes));
        }
        output
    }
}

fn mini() -> Checked {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    match crate::load::load(Some(&root), None) {
        Ok((checked, _)) => checked,
        Err(_) => panic!("the fixture loads"),
    }
}

fn request(out: PathBuf) -> Request {
    Request {
        formats: Format::ALL.to_vec(),
        out,
        ..Request::default()
    }
}

#[test]
fn every_output_reaches_the_sink_once_with_its_bytes_in_the_pools_order() {
    let checked = mini();
    let req = request(PathBuf::new());
    let sink = Recorder::default();
    let mut diags = Vec::new();
    // One thread: the sink sees the outputs in the order work starts
    // (trust by trust, longest paper first), the result is in selection
    // order.
    let (outputs, _) = in_pool(Some(1), || {
        render_variants(&checked, &req, None, &sink, &mut diags)
    });
    let seen = sink.seen.into_inner().unwrap_or_default();
    let order: Vec<&str> = seen.iter().map(|(rel, _)| rel.as_str()).collect();
    // update.md is longer than second.md; each variant's formats in the
    // request's order (`Format::ALL`: PDF, then HTML).
    assert_eq!(
        order,
        [
            "alpha/update.pdf",
            "alpha/update.html",
            "alpha/second.pdf",
            "alpha/second.html",
            "beta/update.pdf",
            "beta/update.html",
        ]
    );
    let kept: Vec<(String, Vec<u8>)> = outputs
        .iter()
        .map(|o| match &o.content {
            Content::Fresh { bytes, .. } => (o.rel_string(), bytes.clone()),
            _ => panic!("{} kept no bytes", o.rel_string()),
        })
        .collect();
    let mut sorted = seen.clone();
    sorted.sort();
    let mut kept_sorted = kept.clone();
    kept_sorted.sort();
    assert_eq!(sorted, kept_sorted, "the sink saw exactly the bytes kept");
    assert!(seen.iter().all(|(_, b)| !b.is_empty()));
    // The result keeps the selection's order (trust, then paper).
    let rels: Vec<&str> = kept.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        rels,
        [
            "alpha/second.pdf",
            "alpha/second.html",
            "alpha/update.pdf",
            "alpha/update.html",
            "beta/update.pdf",
            "beta/update.html",
        ]
    );
}

#[test]
fn the_in_memory_render_is_the_written_one() {
    let checked = mini();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = write::prepare(&dir.path().join("build")).unwrap_or_else(|e| panic!("{e}"));
    let req = request(out.clone());
    let cache = Cache::default();
    let folder = Folder {
        cache: &cache,
        out: &out,
    };
    let sink = WriteTo {
        out: &out,
        timings: None,
    };
    let mut diags = Vec::new();
    let (written, _) = render_variants(&checked, &req, Some(folder), &sink, &mut diags);
    let (kept, _) = render_variants(&checked, &req, None, &Keep, &mut diags);
    assert_eq!(written.len(), kept.len());
    for (w, k) in written.iter().zip(&kept) {
        let Content::Fresh { bytes, .. } = &k.content else {
            panic!("{} kept no bytes", k.rel_string());
        };
        let on_disk = std::fs::read(out.join(w.rel())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&on_disk, bytes, "{}", w.rel_string());
    }
}

/// Every file under `dir`, relative.
fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            Some(rel.to_string_lossy().into_owned())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_write_that_fails_is_reported_with_its_path_and_operation_and_nothing_half_written() {
    let checked = mini();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = write::prepare(&dir.path().join("build")).unwrap_or_else(|e| panic!("{e}"));
    // A folder where alpha's update.pdf goes; a file where beta's folder goes.
    std::fs::create_dir_all(out.join("alpha/update.pdf")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out.join("beta"), b"not a folder").unwrap_or_else(|e| panic!("{e}"));
    let req = request(out.clone());
    let sink = WriteTo {
        out: &out,
        timings: None,
    };
    let mut diags = Vec::new();
    let (outputs, _) = render_variants(&checked, &req, None, &sink, &mut diags);
    let failed: Vec<&crate::failure::Failure> = outputs
        .iter()
        .filter_map(|o| match &o.content {
            Content::Unwritable(f) => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    let pdf = failed[0];
    assert_eq!(
        (pdf.op, pdf.path.clone()),
        (Op::Write, out.join("alpha/update.pdf"))
    );
    assert!(matches!(pdf.why, Why::NotRegular("a folder")));
    assert_eq!(
        pdf.to_string(),
        format!(
            "{} is a folder, not a regular file: refusing to replace it (remove it and build again)",
            out.join("alpha/update.pdf").display()
        )
    );
    for beta in &failed[1..] {
        assert_eq!((beta.op, beta.path.clone()), (Op::Create, out.join("beta")));
        assert!(matches!(beta.why, Why::Os(_)), "{beta:?}");
        assert!(beta
            .to_string()
            .starts_with(&format!("cannot create {}: ", out.join("beta").display())));
    }
    // The others were written whole; no temporary file is left anywhere,
    // and what was in the way is as it was.
    assert_eq!(
        files(&out),
        [
            "alpha/second.html",
            "alpha/second.pdf",
            "alpha/update.html",
            "beta"
        ]
    );
    assert!(out.join("alpha/update.pdf").is_dir());
    assert_eq!(
        std::fs::read(out.join("beta")).ok(),
        Some(b"not a folder".to_vec())
    );
}

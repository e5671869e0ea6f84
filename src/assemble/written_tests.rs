//! A build holds no rendered bytes: each output is written as soon as it is
//! rendered, and only its size and hash stay in memory, matching the file.

use std::path::Path;

use super::cache::Cache;
use super::kit::Folder;
use super::render::render_variants;
use super::sink::WriteTo;
use super::{manifest, write, Content, Request};
use crate::load;
use crate::project::Format;

#[test]
fn every_rendered_output_is_on_disk_and_only_its_size_and_hash_are_kept() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let Ok((checked, _)) = load::load(Some(&root), None) else {
        panic!("the fixture loads");
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = write::prepare(&dir.path().join("build")).unwrap_or_else(|e| panic!("{e}"));
    let req = Request {
        formats: Format::ALL.to_vec(),
        out: out.clone(),
        ..Request::default()
    };
    let cache = Cache::default();
    let folder = Folder {
        cache: &cache,
        out: &out,
    };
    let mut diags = Vec::new();
    let sink = WriteTo {
        out: &out,
        timings: None,
    };
    let (outputs, _) = render_variants(&checked, &req, Some(folder), &sink, &mut diags);
    // 3 variants (second.md goes to alpha only) in 2 formats.
    assert_eq!(outputs.len(), 6);
    for o in &outputs {
        let Content::Written(entry) = &o.content else {
            panic!("{} was not written as it was rendered", o.rel_string());
        };
        let bytes = std::fs::read(out.join(o.rel())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(entry.bytes, bytes.len(), "{}", o.rel_string());
        assert_eq!(
            entry.sha256,
            manifest::sha256_hex(&bytes),
            "{}",
            o.rel_string()
        );
        assert!(!entry.key.is_empty(), "{} has no cache key", o.rel_string());
    }
    // Nothing else was written: no index pages, no manifest yet.
    assert!(!out.join(manifest::FILE).exists());
    assert!(!out.join("index.html").exists());
}

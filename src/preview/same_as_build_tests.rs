//! The preview renders what the build writes: the same bytes for every
//! output (with the project's own `style.fonts`) and the same missing-glyph
//! warnings, because both go through the build's one render path.

use std::collections::BTreeMap;
use std::path::Path;

use super::rebuild;
use crate::assemble::{self, Content, Request};
use crate::diag::{Code, Diagnostic};
use crate::load;
use crate::project::Format;

/// tests/fixtures/mini with `style.fonts` naming DejaVu Sans for all four
/// faces (the built-in faces are Liberation Sans) and a character (🦀) no
/// face has.
fn project(own_fonts: bool) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fixture = root.join("tests/fixtures/mini");
    for sub in ["trusts", "papers"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap_or_else(|e| panic!("{e}"));
        for entry in std::fs::read_dir(fixture.join(sub)).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let name = path.file_name().unwrap_or_default();
            std::fs::copy(&path, dir.path().join(sub).join(name)).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let mut config =
        std::fs::read_to_string(fixture.join("boardpaper.yaml")).unwrap_or_else(|e| panic!("{e}"));
    if own_fonts {
        config.push_str("style:\n  fonts:\n");
        std::fs::create_dir_all(dir.path().join("fonts")).unwrap_or_else(|e| panic!("{e}"));
        for face in ["regular", "bold", "italic", "bold-italic"] {
            config.push_str(&format!("    {face}: fonts/{face}.ttf\n"));
            std::fs::copy(
                root.join("fonts/DejaVuSans.ttf"),
                dir.path().join(format!("fonts/{face}.ttf")),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    std::fs::write(dir.path().join("boardpaper.yaml"), config).unwrap_or_else(|e| panic!("{e}"));
    let paper = dir.path().join("papers/update.md");
    let mut text = std::fs::read_to_string(&paper).unwrap_or_else(|e| panic!("{e}"));
    text.push_str("\nA crab: \u{1F980}.\n");
    std::fs::write(&paper, text).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn glyph_warnings(diags: &[Diagnostic]) -> Vec<String> {
    let mut found: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::MissingGlyph)
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d.file.display(),
                d.pos.line,
                d.pos.col,
                d.message
            )
        })
        .collect();
    found.sort();
    found
}

/// Every file the build wrote under `out` (but the manifest), by path.
fn written(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(out)
            .unwrap_or_else(|e| panic!("{e}"));
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel != assemble::manifest::FILE {
            let bytes = std::fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}"));
            files.insert(rel, bytes);
        }
    }
    files
}

/// What the build writes and what the preview shows for `dir`, and the
/// missing-glyph warnings of each.
type Renders = (
    BTreeMap<String, Vec<u8>>,
    BTreeMap<String, Vec<u8>>,
    Vec<String>,
    Vec<String>,
);

fn both(dir: &Path) -> Renders {
    let Ok((checked, loaded)) = load::load(Some(dir), None) else {
        panic!("the project loads");
    };
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let req = Request {
        formats: Format::ALL.to_vec(),
        out: out.path().join("build"),
        // As `build` does by default, and the preview too.
        packs: true,
        ..Request::default()
    };
    let mut build_diags = loaded.clone();
    let built = assemble::build(&checked, &req, &mut build_diags);
    assert!(built.is_ok(), "the build writes every output");
    let on_disk = written(&req.out);

    let mut preview_diags = loaded;
    let shown = assemble::render_all(&checked, &req, &mut preview_diags);
    let in_memory: BTreeMap<String, Vec<u8>> = shown
        .into_iter()
        .filter_map(|o| {
            let rel = o.rel_string();
            match o.content {
                Content::Fresh { bytes, .. } => Some((rel, bytes)),
                _ => None,
            }
        })
        .collect();
    // The preview's own first render (each variant's HTML through
    // `assemble::render_each`, then the PDFs and packs, then the index pages
    // of what it holds) shows the same files.
    let (site, _, _) = rebuild::first(dir);
    assert_eq!(
        site.files.keys().collect::<Vec<_>>(),
        in_memory.keys().collect::<Vec<_>>()
    );
    assert!(
        site.files == in_memory,
        "the preview's site is render_all's"
    );
    (
        on_disk,
        in_memory,
        glyph_warnings(&build_diags),
        glyph_warnings(&preview_diags),
    )
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn preview_and_build_give_the_same_bytes_and_warnings_with_own_fonts() {
    let dir = project(true);
    let (on_disk, in_memory, build_warnings, preview_warnings) = both(dir.path());
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        in_memory.keys().collect::<Vec<_>>()
    );
    for (rel, bytes) in &on_disk {
        assert!(
            in_memory[rel] == *bytes,
            "{rel} differs between build and preview"
        );
    }
    // 3 variants (second.md goes to alpha only) × 2 formats, 2 trust
    // index pages, the cycle's, each trust's board pack.
    assert_eq!(on_disk.len(), 11);
    // The 🦀 in update.md's last line, once per trust's PDF.
    assert_eq!(build_warnings.len(), 2, "{build_warnings:?}");
    assert!(
        build_warnings[0].starts_with("papers/update.md 25:1 "),
        "{build_warnings:?}"
    );
    assert!(build_warnings[0].contains("U+1F980"), "{build_warnings:?}");
    assert_eq!(build_warnings, preview_warnings);
    // `style.fonts` is used by both: no built-in face in any PDF.
    for (rel, bytes) in on_disk.iter().filter(|(r, _)| r.ends_with(".pdf")) {
        assert!(
            !contains(bytes, b"LiberationSans"),
            "{rel} has a built-in face"
        );
        assert!(
            contains(bytes, b"DejaVuSans"),
            "{rel} lacks the project's face"
        );
    }
}

#[test]
fn without_own_fonts_both_use_the_built_in_faces() {
    let dir = project(false);
    let (on_disk, in_memory, build_warnings, preview_warnings) = both(dir.path());
    assert!(on_disk == in_memory, "build and preview differ");
    assert_eq!(build_warnings, preview_warnings);
    let pdf = &on_disk["alpha/update.pdf"];
    assert!(
        contains(pdf, b"LiberationSans"),
        "the built-in face is named"
    );
}

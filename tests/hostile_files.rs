//! Hostile files (issues 10 and 11): planted symlinks, FIFOs, devices,
//! folders and malformed or oversized images, fonts and caches. Every case
//! runs the binary under the bounded harness and asserts the exact outcome:
//! the diagnostic's code, file, line and column from `check` and `build`
//! alike, the planted target's bytes unchanged, and every other output
//! still built.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{Bounded, Project};

/// Line of the image in `papers/second/paper.md` (after the front matter).
const IMAGE_LINE: usize = 13;

const FRONT: &str = "---
title: Second Paper
purpose: Another
recommendations:
  ok: Approve the plan
governance:
  sponsor: Chair
  author: Secretary
  assurance: assured
trusts: [alpha]
---

";

/// The corpus base project with `second` as a folder paper whose body is
/// `body` (its first line is line [`IMAGE_LINE`]).
fn project(body: &str) -> Project {
    let p = Project::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/base"));
    std::fs::remove_file(p.path().join("papers/second.md")).expect("remove second.md");
    p.write(
        "papers/second/paper.md",
        format!("{FRONT}{body}\n\nBody text.\n\n{{{{ recommendation(\"ok\") }}}}\n"),
    );
    p
}

/// `CODE file:line:col` of every diagnostic in human output, sorted.
fn located(stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut code = None;
    for line in stderr.lines() {
        if let Some(rest) = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
        {
            code = rest.split(']').next().map(str::to_owned);
        } else if let (Some(at), Some(c)) = (line.trim().strip_prefix("--> "), &code) {
            out.push(format!("{c} {at}"));
            code = None;
        }
    }
    out.sort();
    out
}

/// Runs `args` bounded, asserts it survived, and returns it.
fn run(p: &Project, args: &[&str], what: &str) -> Bounded {
    let b = p.run_bounded(args);
    b.assert_survived(what);
    b
}

/// `check` and `build` both report exactly `expected`; `build` still
/// writes the outputs in `built`.
fn both_report(p: &Project, expected: &[&str], built: &[&str], what: &str) {
    let check = run(p, &["check"], what);
    assert_eq!(
        located(&check.run.stderr),
        expected,
        "{what}: check\n{}",
        check.run.stderr
    );
    assert_ne!(check.run.code, 0, "{what}: check passed");
    let build = run(p, &["build"], what);
    assert_eq!(
        located(&build.run.stderr),
        expected,
        "{what}: build\n{}",
        build.run.stderr
    );
    assert_ne!(build.run.code, 0, "{what}: build passed");
    for rel in built {
        let meta = std::fs::symlink_metadata(p.path().join("build").join(rel));
        assert!(meta.is_ok_and(|m| m.is_file()), "{what}: {rel} not built");
    }
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let ok = std::process::Command::new("mkfifo").arg(path).status();
    assert!(ok.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

// ---------------------------------------------------------------- PNGs

fn chunk(out: &mut Vec<u8>, kind: &[u8], body: &[u8]) {
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(body);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

fn ihdr(w: u32, h: u32, ctype: u8) -> Vec<u8> {
    let mut b = w.to_be_bytes().to_vec();
    b.extend(h.to_be_bytes());
    b.extend([8, ctype, 0, 0, 0]);
    b
}

fn zlib(raw: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), level);
    z.write_all(raw).expect("deflate");
    z.finish().expect("deflate")
}

/// A PNG from its chunks (after the signature).
fn png(chunks: &[(&[u8], Vec<u8>)]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, body) in chunks {
        chunk(&mut out, kind, body);
    }
    out
}

/// A valid RGB PNG of `w`x`h` pixels of pseudo-random (incompressible)
/// colour, stored without compression.
fn noise_png(w: u32, h: u32) -> Vec<u8> {
    let mut x: u32 = 0x9E37_79B9;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x as u8
    };
    // Each row: filter type None, then the row's samples.
    let raw: Vec<u8> = (0..h)
        .flat_map(|_| std::iter::once(0).chain((0..w * 3).map(|_| next()).collect::<Vec<_>>()))
        .collect();
    let idat = zlib(&raw, flate2::Compression::none());
    png(&[
        (b"IHDR", ihdr(w, h, 2)),
        (b"IDAT", idat),
        (b"IEND", Vec::new()),
    ])
}

/// zlib data inflating to `mb` megabytes of zeros (about 1000:1).
fn zlib_bomb(mb: usize) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..mb {
        z.write_all(&zeros).expect("deflate");
    }
    z.finish().expect("deflate")
}

// ---------------------------------------------------------------- images

/// The expected diagnostic for the image of [`project`], at its path
/// (column 12, after `![A chart](`).
fn at_image(code: &str) -> String {
    format!("{code} papers/second/paper.md:{IMAGE_LINE}:12")
}

/// Outputs that must be built whatever is wrong with `second`'s image.
const OTHERS: [&str; 4] = [
    "alpha/update.html",
    "alpha/update.pdf",
    "beta/update.html",
    "beta/update.pdf",
];

fn image_case(what: &str, plant: impl FnOnce(&Project, &Path), code: &str) {
    let p = project("![A chart](chart.png)");
    plant(&p, &p.path().join("papers/second/chart.png"));
    both_report(&p, &[&at_image(code)], &OTHERS, what);
    assert!(
        !p.path().join("build/alpha/second.html").exists(),
        "{what}: the broken variant was built"
    );
}

#[test]
fn an_image_that_is_a_fifo_is_refused_without_hanging() {
    image_case("fifo image", |_, path| mkfifo(path), "BP017");
}

#[test]
fn an_image_linked_to_dev_zero_is_refused() {
    image_case(
        "/dev/zero image",
        |_, path| symlink(Path::new("/dev/zero"), path),
        "BP017",
    );
}

#[test]
fn an_image_linked_outside_the_project_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    let real = outside.path().join("real.png");
    std::fs::write(&real, noise_png(4, 4)).expect("write");
    image_case(
        "symlinked-out image",
        |_, path| symlink(&real, path),
        "BP017",
    );
    assert_eq!(std::fs::read(&real).ok(), Some(noise_png(4, 4)));
}

#[test]
fn an_image_that_is_a_folder_is_refused() {
    image_case(
        "folder image",
        |_, path| std::fs::create_dir_all(path).expect("mkdir"),
        "BP017",
    );
}

#[test]
fn a_png_with_a_second_ihdr_is_refused() {
    // The first IHDR is small; a decoder that used the second would
    // allocate 10,000 x 5,000 RGBA pixels and inflate the bomb into them.
    let bytes = png(&[
        (b"IHDR", ihdr(4, 4, 6)),
        (b"IHDR", ihdr(10_000, 5_000, 6)),
        (b"IDAT", zlib_bomb(64)),
        (b"IEND", Vec::new()),
    ]);
    image_case(
        "two IHDRs",
        |_, path| std::fs::write(path, &bytes).expect("write"),
        "BP017",
    );
}

#[test]
fn a_png_whose_idat_inflates_past_its_ihdr_is_refused() {
    for ctype in [2u8, 6] {
        let bytes = png(&[
            (b"IHDR", ihdr(16, 16, ctype)),
            (b"IDAT", zlib_bomb(64)),
            (b"IEND", Vec::new()),
        ]);
        let what = format!("zlib bomb, colour type {ctype}");
        image_case(
            &what,
            |_, path| std::fs::write(path, &bytes).expect("write"),
            "BP017",
        );
    }
}

#[test]
fn truncated_and_corrupt_images_are_refused() {
    let good = noise_png(40, 30);
    let jpeg = include_bytes!("../src/document/testdata/chart.jpg");
    let mut bad_crc = good.clone();
    bad_crc[40] ^= 0xff; // inside the IDAT
    let cases: [(&str, &str, Vec<u8>); 5] = [
        (
            "truncated PNG",
            "chart.png",
            good[..good.len() / 2].to_vec(),
        ),
        (
            "PNG without IEND",
            "chart.png",
            good[..good.len() - 12].to_vec(),
        ),
        ("PNG with a bad CRC", "chart.png", bad_crc),
        (
            "truncated JPEG",
            "chart.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
        ),
        ("JPEG with a PNG name", "chart.png", jpeg[..20].to_vec()),
    ];
    for (what, name, bytes) in cases {
        let p = project(&format!("![A chart]({name})"));
        p.write(&format!("papers/second/{name}"), &bytes);
        both_report(&p, &[&at_image("BP017")], &OTHERS, what);
    }
}

#[test]
fn an_image_over_the_size_cap_is_refused_before_reading() {
    let p = project("![A chart](chart.png)");
    let f = std::fs::File::create(p.path().join("papers/second/chart.png")).expect("create");
    f.set_len(17 * 1024 * 1024).expect("sparse file");
    both_report(&p, &[&at_image("BP030")], &OTHERS, "17 MB image");
}

#[test]
fn one_image_used_many_times_is_one_xobject_and_capped_in_html() {
    // About 10 MB, 13.3 MB as base64: the third use crosses the 32 MB cap.
    let big = noise_png(1820, 1820);
    assert!(big.len() > 9_900_000, "{}", big.len());
    let body: Vec<String> = (0..50).map(|i| format!("![Use {i}](big.png)")).collect();
    let p = project(&body.join("\n\n"));
    p.write("papers/second/big.png", &big);
    let third = format!("BP030 papers/second/paper.md:{}:1", IMAGE_LINE + 4);
    both_report(&p, &[&third], &OTHERS, "one image used 50 times");
    let pdf = std::fs::read(p.path().join("build/alpha/second.pdf")).expect("the PDF is built");
    let images = pdf.windows(15).filter(|w| w == b"/Subtype /Image").count();
    assert_eq!(images, 1, "one XObject for fifty uses");
    assert!(pdf.len() < 2 * big.len(), "PDF is {} bytes", pdf.len());
    assert!(!p.path().join("build/alpha/second.html").exists());
}

#[test]
fn an_image_used_twice_under_the_cap_is_embedded_twice_in_html() {
    let small = noise_png(60, 40);
    let p = project("![One](c.png)\n\n![Two](c.png)");
    p.write("papers/second/c.png", &small);
    let b = run(&p, &["build"], "two uses");
    assert_eq!(b.run.code, 0, "{}", b.run.stderr);
    let html = p.read("build/alpha/second.html");
    assert_eq!(html.matches("data:image/png;base64,").count(), 2);
    let pdf = std::fs::read(p.path().join("build/alpha/second.pdf")).expect("pdf");
    assert_eq!(
        pdf.windows(15).filter(|w| w == b"/Subtype /Image").count(),
        1
    );
}

// ---------------------------------------------------------------- outputs

/// A file outside the project that a planted symlink points at.
fn victim() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("victim.txt");
    std::fs::write(&path, b"do not touch").expect("write");
    (dir, path)
}

#[test]
fn symlinks_at_predictable_temporary_names_are_never_followed() {
    let p = project("No image.");
    let (_dir, target) = victim();
    // The old temporary name was `.NAME.tmp-<pid>`: plant it for the next
    // few hundred process ids, for every output of alpha.
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1000);
    for name in ["update.html", "update.pdf", "second.html"] {
        for pid in last..last + 300 {
            symlink(
                &target,
                &p.path().join(format!("build/alpha/.{name}.tmp-{pid}")),
            );
        }
    }
    let b = run(&p, &["build"], "planted temporary names");
    assert_eq!(b.run.code, 0, "{}", b.run.stderr);
    assert_eq!(std::fs::read(&target).ok(), Some(b"do not touch".to_vec()));
    for rel in ["alpha/update.html", "alpha/second.html", "alpha/update.pdf"] {
        let meta = std::fs::symlink_metadata(p.path().join("build").join(rel));
        assert!(
            meta.is_ok_and(|m| m.is_file()),
            "{rel} is not a regular file"
        );
    }
}

/// Builds once, replaces `build/alpha/update.html` by `plant`, builds
/// again: the build refuses that path by name, writes every other output,
/// and leaves what was planted as it was.
fn output_case(what: &str, plant: impl FnOnce(&Path), kind: &str) {
    let p = project("No image.");
    assert_eq!(run(&p, &["build"], what).run.code, 0);
    p.edit("papers/update.md", "Hello", "Hello again,");
    let html = p.path().join("build/alpha/update.html");
    std::fs::remove_file(&html).expect("remove");
    plant(&html);
    let b = run(&p, &["build"], what);
    assert_ne!(b.run.code, 0, "{what}: build passed");
    assert!(
        b.run
            .stderr
            .contains(&format!("alpha/update.html is {kind}, not a regular file")),
        "{what}: {}",
        b.run.stderr
    );
    assert!(
        p.read("build/beta/update.html").contains("Hello again,"),
        "{what}"
    );
    assert!(
        p.read("build/manifest.json").contains("beta/update.html"),
        "{what}"
    );
    assert!(
        !p.read("build/manifest.json").contains("alpha/update.html"),
        "{what}"
    );
}

#[test]
fn an_output_path_that_is_a_symlink_out_is_refused_and_its_target_untouched() {
    let (_dir, target) = victim();
    output_case(
        "symlinked output",
        |html| symlink(&target, html),
        "a symlink",
    );
    assert_eq!(std::fs::read(&target).ok(), Some(b"do not touch".to_vec()));
}

#[test]
fn an_output_path_linked_inside_the_output_folder_is_refused_too() {
    let (_dir, _) = victim();
    output_case(
        "symlink to a sibling output",
        |html| symlink(&html.with_file_name("index.html"), html),
        "a symlink",
    );
}

#[test]
fn an_output_path_that_is_a_folder_or_fifo_is_refused() {
    output_case(
        "folder output",
        |html| {
            std::fs::create_dir_all(html).expect("mkdir");
            std::fs::write(html.join("keep.txt"), b"kept").expect("write");
        },
        "a folder",
    );
    output_case("fifo output", mkfifo, "a named pipe (FIFO)");
}

// ---------------------------------------------------------------- fonts

const FONTS_YAML: &str = "alliance:
  name: Test Alliance
cycle: March 2024
objectives:
  quality: Quality
  people: People
style:
  fonts:
    regular: fonts/regular.ttf
    bold: fonts/bold.ttf
    italic: fonts/italic.ttf
    bold-italic: fonts/bold-italic.ttf
";

/// The project with four valid fonts; the test then spoils some.
fn fonts_project() -> Project {
    let p = project("No image.");
    p.write("boardpaper.yaml", FONTS_YAML);
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/LiberationSans-Regular.ttf");
    let bytes = std::fs::read(real).expect("font");
    for f in ["regular", "bold", "italic", "bold-italic"] {
        p.write(&format!("fonts/{f}.ttf"), &bytes);
    }
    p
}

#[test]
fn good_fonts_pass() {
    let p = fonts_project();
    let b = run(&p, &["build"], "good fonts");
    assert_eq!(b.run.code, 0, "{}", b.run.stderr);
    assert_eq!(located(&b.run.stderr), Vec::<String>::new());
}

#[test]
fn fifo_dev_zero_symlinked_out_and_non_font_files_are_refused_at_their_line() {
    let p = fonts_project();
    let outside = tempfile::tempdir().expect("tempdir");
    let real = outside.path().join("outside.ttf");
    std::fs::copy(p.path().join("fonts/regular.ttf"), &real).expect("copy");
    for f in ["regular", "bold", "italic", "bold-italic"] {
        std::fs::remove_file(p.path().join(format!("fonts/{f}.ttf"))).expect("rm");
    }
    mkfifo(&p.path().join("fonts/regular.ttf"));
    symlink(Path::new("/dev/zero"), &p.path().join("fonts/bold.ttf"));
    symlink(&real, &p.path().join("fonts/italic.ttf"));
    p.write("fonts/bold-italic.ttf", "this is not a font\n");
    let expected = [
        "BP020 boardpaper.yaml:10:11",
        "BP020 boardpaper.yaml:11:13",
        "BP020 boardpaper.yaml:12:18",
        "BP020 boardpaper.yaml:9:14",
    ];
    // The PDFs still come out, in the built-in fonts.
    both_report(&p, &expected, &OTHERS, "bad fonts");
}

#[test]
fn an_oversize_or_missing_font_is_refused_at_its_line() {
    let p = fonts_project();
    let f = std::fs::File::create(p.path().join("fonts/bold.ttf")).expect("create");
    f.set_len(33 * 1024 * 1024).expect("sparse");
    std::fs::remove_file(p.path().join("fonts/italic.ttf")).expect("rm");
    let expected = ["BP020 boardpaper.yaml:10:11", "BP020 boardpaper.yaml:11:13"];
    both_report(&p, &expected, &OTHERS, "oversize and missing fonts");
}

// ---------------------------------------------------------------- cache

/// The build state (cache and record of outputs) of `build/`: the one
/// JSON file in `.boardpaper/` (besides its `.gitignore`, key and lock).
fn state_file(p: &Project) -> String {
    let mut files: Vec<String> = std::fs::read_dir(p.path().join(".boardpaper"))
        .expect("state folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("out-") && n.ends_with(".json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    format!(".boardpaper/{}", files.remove(0))
}

/// Builds, replaces the state by `plant`, builds again: a warning at the
/// state file, everything rebuilt, success. (A state path that is not a
/// regular file cannot be saved either: that is a second warning, at
/// `.boardpaper`.)
fn cache_case(what: &str, plant: impl FnOnce(&Path)) {
    let p = project("No image.");
    assert_eq!(run(&p, &["build"], what).run.code, 0);
    let state = state_file(&p);
    let cache = p.path().join(&state);
    std::fs::remove_file(&cache).expect("rm");
    plant(&cache);
    let b = run(&p, &["build"], what);
    assert_eq!(b.run.code, 0, "{what}: {}", b.run.stderr);
    let warnings = located(&b.run.stderr);
    assert_eq!(warnings[0], format!("BP059 {state}:1:1"), "{what}");
    assert!(
        warnings[1..].iter().all(|w| w == "BP059 .boardpaper:1:1"),
        "{what}: {warnings:?}"
    );
    assert!(
        b.run.stdout.contains("(8 written, 0 unchanged"),
        "{what}: {}",
        b.run.stdout
    );
}

#[test]
fn a_cache_that_is_a_fifo_or_device_is_ignored_with_a_warning() {
    cache_case("fifo cache", mkfifo);
    cache_case("/dev/zero cache", |c| symlink(Path::new("/dev/zero"), c));
}

#[test]
fn a_cache_linked_outside_is_ignored_and_its_target_untouched() {
    let (_dir, target) = victim();
    cache_case("symlinked-out cache", |c| symlink(&target, c));
    assert_eq!(std::fs::read(&target).ok(), Some(b"do not touch".to_vec()));
}

#[test]
fn a_garbage_or_oversize_cache_is_ignored_with_a_warning() {
    cache_case("garbage cache", |c| {
        std::fs::write(c, b"{\"version\": [1, 2").expect("write")
    });
    cache_case("oversize cache", |c| {
        let f = std::fs::File::create(c).expect("create");
        f.set_len(65 * 1024 * 1024).expect("sparse");
    });
}

// ---------------------------------------------------------------- sources

#[test]
fn sources_that_are_fifos_devices_or_links_out_are_refused_at_their_file() {
    let p = project("No image.");
    let (_dir, target) = victim();
    mkfifo(&p.path().join("papers/third.md"));
    symlink(Path::new("/dev/zero"), &p.path().join("trusts/gamma.yaml"));
    symlink(&target, &p.path().join("templates/paper.html"));
    mkfifo(&p.path().join("papers/fourth/paper.md"));
    let expected = [
        "BP020 papers/fourth/paper.md:1:1",
        "BP020 papers/third.md:1:1",
        "BP020 templates/paper.html:1:1",
        "BP020 trusts/gamma.yaml:1:1",
    ];
    both_report(
        &p,
        &expected,
        &["alpha/update.pdf", "beta/update.pdf"],
        "bad sources",
    );
    assert_eq!(std::fs::read(&target).ok(), Some(b"do not touch".to_vec()));
}

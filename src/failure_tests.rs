//! Each failure's message is the sentence the user read before failures
//! were typed.

use std::path::PathBuf;

use super::*;

fn io(kind: std::io::ErrorKind, text: &str) -> Why {
    Why::Os(std::io::Error::new(kind, text))
}

#[test]
fn messages_say_what_was_done_to_which_path_and_why() {
    use std::io::ErrorKind::{PermissionDenied, StorageFull};
    let out = PathBuf::from("build");
    let cases: Vec<(Failure, &str)> = vec![
        (
            Failure::new(Op::Write, "build/a/x.pdf", io(StorageFull, "disk full")),
            "cannot write build/a/x.pdf: disk full",
        ),
        (
            Failure::new(Op::Create, &out, io(PermissionDenied, "denied")).naming(Subject::OutputFolder),
            "cannot create the output folder build: denied",
        ),
        (
            Failure::new(Op::Resolve, &out, io(PermissionDenied, "denied")).naming(Subject::OutputFolder),
            "cannot resolve the output folder build: denied",
        ),
        (
            Failure::new(Op::OpenToLock, &out, io(PermissionDenied, "denied")).naming(Subject::OutputFolder),
            "cannot open the output folder build to lock it: denied",
        ),
        (
            Failure::new(Op::Lock, &out, io(PermissionDenied, "denied")).naming(Subject::OutputFolder),
            "cannot lock the output folder build: denied",
        ),
        (
            Failure::new(Op::Write, &out, Why::Symlink).naming(Subject::OutputFolder),
            "the output folder build is a symlink: refusing to write through it",
        ),
        (
            Failure::new(Op::Write, &out, Why::NotAFolder).naming(Subject::OutputPath),
            "the output path build exists and is not a folder",
        ),
        (
            Failure::new(Op::Write, "../x.html", Why::Outside("the output folder")),
            "refusing to write ../x.html: outside the output folder",
        ),
        (
            Failure::new(Op::Write, "build/a/x.html", Why::NotRegular("a named pipe (FIFO)")),
            "build/a/x.html is a named pipe (FIFO), not a regular file: refusing to replace it (remove it and build again)",
        ),
        (
            Failure::new(Op::Write, "trusts", Why::NotFolder("a symlink")),
            "trusts is a symlink, not a folder: refusing to write through it",
        ),
        (
            Failure::new(Op::Create, "papers/a.md", Why::Exists("a file")),
            "papers/a.md already exists (a file): nothing was written there",
        ),
        (
            Failure::new(Op::Lock, &out, Why::Busy(60)),
            "another build is still writing build after 60 s: try again when it has finished",
        ),
        (
            Failure::new(Op::Merge, "shard/a", Why::Symlink),
            "shard/a is a symlink: refusing to merge through it",
        ),
        (
            Failure::new(Op::Read, "shard/a/x.pdf", Why::OverListed(10)),
            "shard/a/x.pdf: larger than the shard's manifest says (10 bytes): refusing to read it",
        ),
        (
            Failure::new(Op::Read, "shard/a/x.pdf", Why::Refused(Refusal::NotRegular("a device"))),
            "shard/a/x.pdf: the file is a device, not a regular file: refusing to read it",
        ),
        (
            Failure::new(Op::Read, ".boardpaper/key", Why::Refused(Refusal::TooLarge(40, 32)))
                .naming(Subject::Named("the state key")),
            "the state key is 40 bytes or more, over the 32 byte limit",
        ),
        (
            Failure::new(Op::Read, ".boardpaper/key", Why::Malformed("is not 32 bytes long".into()))
                .naming(Subject::Named("the state key")),
            "the state key is not 32 bytes long",
        ),
        (
            Failure::new(Op::Merge, "a/x.html", Why::Differs("s1".into(), "s2".into())),
            "a/x.html differs between s1 and s2: build both shards from the same commit",
        ),
        (
            Failure::new(Op::Merge, "s1/a/x.html", Why::Mismatch("unknown format `doc`".into())),
            "s1/a/x.html: unknown format `doc`",
        ),
        (
            Failure::new(Op::Write, "papers", Why::AmongSources("it is inside the project's papers/ folder".into())),
            "refusing to write into papers: it is inside the project's papers/ folder; choose another --out (the default is build/)",
        ),
        (
            Failure::new(Op::Write, "build/manifest.json", io(StorageFull, "disk full"))
                .then("the earlier manifest.json was removed, as it no longer describes the folder: build again"),
            "cannot write build/manifest.json: disk full; the earlier manifest.json was removed, as it no longer describes the folder: build again",
        ),
        (
            Failure::new(Op::Find, "elsewhere", Why::NoConfig("boardpaper.yaml")),
            "elsewhere has no boardpaper.yaml: not a boardpaper project",
        ),
        (
            Failure::new(Op::Find, "/tmp/x", Why::NoConfigAbove("boardpaper.yaml")),
            "no boardpaper.yaml in /tmp/x or any folder above it (run `boardpaper init` to start a project, or pass --project DIR)",
        ),
        (
            Failure::new(Op::Read, ".", io(PermissionDenied, "denied"))
                .naming(Subject::Named("the current folder")),
            "cannot read the current folder: denied",
        ),
    ];
    for (failure, said) in &cases {
        assert_eq!(failure.to_string(), *said);
        // A copy says the same.
        assert_eq!(failure.clone().to_string(), *said);
    }
}

#[test]
fn the_os_error_is_the_source_and_several_failures_are_one_per_line() {
    use std::error::Error as _;
    let a = Failure::new(
        Op::Write,
        "a",
        io(std::io::ErrorKind::StorageFull, "disk full"),
    );
    assert_eq!(
        a.source().map(|e| e.to_string()).as_deref(),
        Some("disk full")
    );
    let b = Failure::new(Op::Write, "b", Why::Symlink);
    assert!(b.source().is_none());
    assert_eq!(
        Failures(vec![a, b]).to_string(),
        "cannot write a: disk full\nb is a symlink: refusing to write through it"
    );
}

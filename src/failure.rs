//! Operational failures as data: reading, writing, creating, locking,
//! merging a file or folder, with the operation, the path and why
//! ([`Failure`]), instead of a sentence built where it happened. Its
//! `Display` is the sentence the user reads; callers can still tell a
//! symlink refused from a full disk, or a lock held by another build.

use std::fmt;
use std::path::{Path, PathBuf};

/// What was being done when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Read,
    Write,
    Create,
    /// Resolving a path (symlinks, `..`) to where it really is.
    Resolve,
    /// Opening a folder to lock it.
    OpenToLock,
    Lock,
    Merge,
    /// Finding the project a command works on.
    Find,
}

impl Op {
    fn verb(self) -> &'static str {
        match self {
            Op::Read => "read",
            Op::Write => "write",
            Op::Create => "create",
            Op::Resolve => "resolve",
            Op::OpenToLock => "open",
            Op::Lock => "lock",
            Op::Merge => "merge",
            Op::Find => "find",
        }
    }
}

/// What the path is, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    /// A file or folder, named by its path.
    Path,
    /// The output folder ("the output folder build/").
    OutputFolder,
    /// The output folder's path, before it is known to be a folder.
    OutputPath,
    /// A file named by what it is, not its path ("the state key").
    Named(&'static str),
}

/// Why it failed.
#[derive(Debug)]
pub(crate) enum Why {
    /// The operating system's error.
    Os(std::io::Error),
    /// A symlink where a real file or folder must be.
    Symlink,
    /// Something other than a regular file at the path: what it is.
    NotRegular(&'static str),
    /// Something other than a folder on the way: what it is.
    NotFolder(&'static str),
    /// The path exists and is not a folder (the output folder's).
    NotAFolder,
    /// Something already at a path to create: what it is.
    Exists(&'static str),
    /// The path leads outside this ("the output folder", "the project").
    Outside(&'static str),
    /// Another build still held the lock after this many seconds.
    Busy(u64),
    /// The one door refused to read it.
    Refused(Refusal),
    /// Larger than the manifest that lists it says (bytes).
    OverListed(u64),
    /// Its content is not what it must be: the rest of the sentence
    /// after the path ("is not a boardpaper manifest: ...").
    Malformed(String),
    /// It does not agree with what describes it: the reason, after the
    /// path and a colon.
    Mismatch(String),
    /// The same output differs between these two shards.
    Differs(PathBuf, PathBuf),
    /// The system's random generator failed.
    NoRandomness(String),
    /// An output folder among the project's sources: why.
    AmongSources(String),
    /// A folder given as the project that has no such file (the
    /// project's configuration file).
    NoConfig(&'static str),
    /// No such file in the folder or any folder above it.
    NoConfigAbove(&'static str),
}

/// An operational failure: `op` on `path` failed, because of `why`.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) op: Op,
    pub(crate) path: PathBuf,
    pub(crate) subject: Subject,
    pub(crate) why: Why,
    /// What was done about it, appended to the message.
    pub(crate) then: Option<&'static str>,
}

impl Failure {
    /// `op` on the file or folder `path` failed because of `why`.
    pub(crate) fn new(op: Op, path: impl Into<PathBuf>, why: Why) -> Failure {
        Failure {
            op,
            path: path.into(),
            subject: Subject::Path,
            why,
            then: None,
        }
    }

    /// The operating system refused `op` on `path`.
    pub(crate) fn os(op: Op, path: &Path) -> impl Fn(std::io::Error) -> Failure + '_ {
        move |e| Failure::new(op, path, Why::Os(e))
    }

    /// The same failure, its path named as `subject`.
    pub(crate) fn naming(self, subject: Subject) -> Failure {
        Failure { subject, ..self }
    }

    /// The same failure, with what was done about it.
    pub(crate) fn then(self, then: &'static str) -> Failure {
        Failure {
            then: Some(then),
            ..self
        }
    }

    /// The path as the message names it.
    fn named(&self) -> String {
        let path = self.path.display();
        match self.subject {
            Subject::Path => path.to_string(),
            Subject::OutputFolder => format!("the output folder {path}"),
            Subject::OutputPath => format!("the output path {path}"),
            Subject::Named(name) => name.to_owned(),
        }
    }
}

impl Clone for Failure {
    fn clone(&self) -> Failure {
        let why = match &self.why {
            Why::Os(e) => Why::Os(std::io::Error::new(e.kind(), e.to_string())),
            Why::Symlink => Why::Symlink,
            Why::NotRegular(k) => Why::NotRegular(k),
            Why::NotFolder(k) => Why::NotFolder(k),
            Why::NotAFolder => Why::NotAFolder,
            Why::Exists(k) => Why::Exists(k),
            Why::Outside(w) => Why::Outside(w),
            Why::Busy(s) => Why::Busy(*s),
            Why::Refused(r) => Why::Refused(r.clone()),
            Why::OverListed(n) => Why::OverListed(*n),
            Why::Malformed(m) => Why::Malformed(m.clone()),
            Why::Mismatch(m) => Why::Mismatch(m.clone()),
            Why::Differs(a, b) => Why::Differs(a.clone(), b.clone()),
            Why::NoRandomness(m) => Why::NoRandomness(m.clone()),
            Why::AmongSources(m) => Why::AmongSources(m.clone()),
            Why::NoConfig(c) => Why::NoConfig(c),
            Why::NoConfigAbove(c) => Why::NoConfigAbove(c),
        };
        Failure {
            path: self.path.clone(),
            why,
            ..*self
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (verb, what) = (self.op.verb(), self.named());
        match &self.why {
            Why::Os(e) if self.op == Op::OpenToLock => {
                write!(f, "cannot {verb} {what} to lock it: {e}")
            }
            Why::Os(e) => write!(f, "cannot {verb} {what}: {e}"),
            Why::Symlink => write!(f, "{what} is a symlink: refusing to {verb} through it"),
            Why::NotRegular(kind) => write!(
                f,
                "{what} is {kind}, not a regular file: refusing to replace it (remove it and build again)"
            ),
            Why::NotFolder(kind) => write!(
                f,
                "{what} is {kind}, not a folder: refusing to {verb} through it"
            ),
            Why::NotAFolder => write!(f, "{what} exists and is not a folder"),
            Why::Exists(kind) => write!(
                f,
                "{what} already exists ({kind}): nothing was written there"
            ),
            Why::Outside(within) => write!(f, "refusing to {verb} {what}: outside {within}"),
            Why::Busy(secs) => write!(
                f,
                "another build is still writing {what} after {secs} s: try again when it has finished"
            ),
            Why::Refused(r) => match self.subject {
                Subject::Named(name) => f.write_str(&r.describe(name)),
                _ => write!(f, "{what}: {}", r.describe("the file")),
            },
            Why::OverListed(cap) => write!(
                f,
                "{what}: larger than the shard's manifest says ({cap} bytes): refusing to read it"
            ),
            Why::Malformed(rest) => write!(f, "{what} {rest}"),
            Why::Mismatch(why) => write!(f, "{what}: {why}"),
            Why::Differs(a, b) => write!(
                f,
                "{what} differs between {} and {}: build both shards from the same commit",
                a.display(),
                b.display()
            ),
            Why::NoRandomness(e) => write!(f, "no randomness for {what}: {e}"),
            Why::AmongSources(why) => write!(
                f,
                "refusing to {verb} into {what}: {why}; choose another --out (the default is build/)"
            ),
            Why::NoConfig(config) => {
                write!(f, "{what} has no {config}: not a boardpaper project")
            }
            Why::NoConfigAbove(config) => write!(
                f,
                "no {config} in {what} or any folder above it (run `boardpaper init` to start a project, or pass --project DIR)"
            ),
        }?;
        match self.then {
            Some(then) => write!(f, "; {then}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.why {
            Why::Os(e) => Some(e),
            _ => None,
        }
    }
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Missing or unreadable (the I/O error's text).
    Unreadable(String),
    /// Resolves outside the root (a symlink leading out, or `..`).
    Outside,
    /// A FIFO, device, socket or folder.
    NotRegular(&'static str),
    /// Larger than the cap: (size seen, cap).
    TooLarge(u64, u64),
}

impl Refusal {
    /// A sentence about `what` (e.g. "image `chart.png`").
    pub(crate) fn describe(&self, what: &str) -> String {
        match self {
            Refusal::Unreadable(e) => format!("cannot read {what}: {e}"),
            Refusal::Outside => {
                format!("{what} leads outside the project (through a symlink or `..`)")
            }
            Refusal::NotRegular(kind) => {
                format!("{what} is {kind}, not a regular file: refusing to read it")
            }
            Refusal::TooLarge(len, cap) => {
                format!("{what} is {len} bytes or more, over the {cap} byte limit")
            }
        }
    }
}

/// Several failures (outputs that could not be written), one per line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Failures(pub(crate) Vec<Failure>);

impl fmt::Display for Failures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, failure) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{failure}")?;
        }
        Ok(())
    }
}

impl From<Failure> for Failures {
    fn from(f: Failure) -> Failures {
        Failures(vec![f])
    }
}

#[cfg(test)]
#[path = "failure_tests.rs"]
mod tests;

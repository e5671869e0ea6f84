//! Test harness: fixture projects copied into temporary folders, and the real
//! `boardpaper` binary run on them.

#![allow(dead_code)]
// Shared by every test crate as `mod common`: `pub` is how they reach it.
#![allow(unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod preview;

pub const BIN: &str = env!("CARGO_BIN_EXE_boardpaper");

/// A throw-away copy of a fixture project.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// Copies `tests/fixtures/<name>` (or the repository root for "demo").
    pub fn fixture(name: &str) -> Project {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let src = if name == "demo" {
            root.to_path_buf()
        } else {
            root.join("tests/fixtures").join(name)
        };
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in [
            "boardpaper.yaml",
            "trusts",
            "papers",
            "templates",
            "own-papers",
            "own",
            "actions.yaml",
            "actions",
            "plan.yaml",
            "minutes",
        ] {
            copy(&src.join(sub), &dir.path().join(sub));
        }
        Project { dir }
    }

    /// Copies the project at `src` (any folder holding boardpaper.yaml).
    pub fn from_dir(src: &Path) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in [
            "boardpaper.yaml",
            "trusts",
            "papers",
            "templates",
            "own-papers",
            "actions.yaml",
            "actions",
            "plan.yaml",
            "minutes",
        ] {
            copy(&src.join(sub), &dir.path().join(sub));
        }
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Replaces `from` (which must occur) by `to` in `rel`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("run boardpaper");
        Run::from(out)
    }

    /// Runs the binary under the hostile-input harness: at most
    /// [`MEM_CAP_BYTES`] of data memory (`prlimit --data`, so a runaway
    /// allocation fails inside the process) and [`TIME_CAP`] of wall time
    /// (then it is killed). A case that needs more fails instead of hanging
    /// or swapping CI. `Bounded::killed` says the time ran out.
    pub fn run_bounded(&self, args: &[&str]) -> Bounded {
        run_bounded_in(self.path(), args)
    }

    /// The text `pdftotext` extracts from `rel` (with `extra` options such
    /// as `-layout` before it).
    pub fn pdftotext(&self, extra: &[&str], rel: &str) -> String {
        let out = Command::new("pdftotext")
            .args(extra)
            .args([rel, "-"])
            .current_dir(self.path())
            .output()
            .unwrap_or_else(|e| {
                panic!("pdftotext is needed for this test ({e}); .ci/run installs it")
            });
        assert!(out.status.success(), "pdftotext {rel} failed");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The text of page `n` (1-based) of `rel`, as [`Project::pdftotext`]
    /// extracts it with `extra` options (`-layout`, say).
    pub fn page_text(&self, extra: &[&str], rel: &str, n: usize) -> String {
        let n = n.to_string();
        let mut args = extra.to_vec();
        args.extend(["-f", &n, "-l", &n]);
        self.pdftotext(&args, rel)
    }

    /// `check --format json`: its diagnostics (the `"type": "diagnostic"`
    /// lines of standard output, every one of which must be JSON).
    pub fn diagnostics(&self) -> (i32, Vec<serde_json::Value>) {
        let run = self.run(&["check", "--format", "json"]);
        let diags = json_lines(&run.stdout)
            .into_iter()
            .filter(|v| v["type"] == "diagnostic")
            .collect();
        (run.code, diags)
    }
}

/// Memory a hostile case may use: the bound.
pub const MEM_CAP_BYTES: u64 = 500 * 1024 * 1024;
/// Wall time a hostile case may take.
pub const TIME_CAP: std::time::Duration = std::time::Duration::from_secs(20);

/// What a bounded run did.
pub struct Bounded {
    pub run: Run,
    /// The time cap ran out and the process was killed.
    pub killed: bool,
    /// Killed by a signal (a crash: SIGABRT, SIGSEGV), not by the harness.
    pub signal: Option<i32>,
    pub took: std::time::Duration,
}

impl Bounded {
    /// Asserts the process ended by itself, without a crash, in time.
    pub fn assert_survived(&self, what: &str) {
        assert!(!self.killed, "{what}: still running after {TIME_CAP:?}");
        assert!(
            self.signal.is_none(),
            "{what}: killed by signal {:?}\nstderr: {}",
            self.signal,
            self.run.stderr
        );
        assert!(
            !self.run.stderr.contains("panicked") && !self.run.stderr.contains("memory allocation"),
            "{what}: crashed\nstderr: {}",
            self.run.stderr
        );
    }
}

/// [`Project::run_bounded`] in any folder.
pub fn run_bounded_in(dir: &Path, args: &[&str]) -> Bounded {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let start = std::time::Instant::now();
    let mut child = Command::new("prlimit")
        .arg(format!("--data={MEM_CAP_BYTES}"))
        .arg("--")
        .arg(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run boardpaper under prlimit (util-linux)");
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let mut killed = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > TIME_CAP {
            let _ = child.kill();
            killed = true;
            break child.wait().expect("wait");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let took = start.elapsed();
    let stdout = out_t.join().unwrap();
    let stderr = err_t.join().unwrap();
    Bounded {
        run: Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        },
        killed,
        signal: if killed { None } else { status.signal() },
        took,
    }
}

/// Every line of `stdout` parsed as JSON (panics on a line that is not).
/// `CODE file:line:column` of every diagnostic among the JSON lines of
/// `check --format json` (the summary and other lines left out).
pub fn json_locations(stdout: &str) -> Vec<String> {
    json_lines(stdout)
        .into_iter()
        .filter(|d| d["type"] == "diagnostic")
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap_or_default(),
                d["file"].as_str().unwrap_or_default(),
                d["line"],
                d["column"]
            )
        })
        .collect()
}

pub fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l:?}")))
        .collect()
}

/// Every file under `dir`, at any depth.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else if from.is_file() {
        std::fs::copy(from, to).unwrap();
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Compares `actual` with the golden file `tests/golden/<name>`; with
/// `BLESS=1` in the environment, rewrites the golden file instead.
pub fn assert_golden(name: &str, actual: &str) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden file {} (run with BLESS=1)", path.display()));
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  golden: {e}\n  actual: {a}", i + 1))
            .collect();
        panic!(
            "{} differs from the build ({} vs {} lines); first differences:\n{}\n(run with BLESS=1 to accept)",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

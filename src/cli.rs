//! The command line, as SPEC section 3 fixes it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "boardpaper",
    version,
    about = "Compile one common NHS board paper into every member trust's own PDF and HTML copy"
)]
pub struct Cli {
    /// The project folder (default: the current folder or its nearest ancestor holding boardpaper.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Print only errors
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print every file written
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every trust's copy of every paper (PDF and HTML)
    #[command(
        after_help = "Examples:\n  boardpaper build\n  boardpaper build --trust lpt --format html\n  boardpaper build --paper ema-update --out /tmp/papers"
    )]
    Build(BuildArgs),
    /// Report every problem in the sources without writing anything
    #[command(
        after_help = "Examples:\n  boardpaper check\n  boardpaper check --format json\n  boardpaper check --format github   # annotations in a GitHub Actions run"
    )]
    Check(CheckArgs),
    /// List the trusts, the papers, and which paper goes to which trust
    #[command(after_help = "Example:\n  boardpaper list")]
    List,
    /// Show where two trusts' copies of a paper differ
    #[command(after_help = "Example:\n  boardpaper diff --paper ema-update lpt nhft")]
    Diff {
        /// The paper to compare
        #[arg(long, value_name = "ID")]
        paper: String,
        /// The first trust
        trust_a: String,
        /// The second trust
        trust_b: String,
    },
    /// Print one variant's laid-out PDF pages as text (positions, fonts, rules): for layout tests
    #[command(hide = true)]
    DumpLayout {
        #[arg(long, value_name = "ID")]
        trust: String,
        #[arg(long, value_name = "ID")]
        paper: String,
    },
    /// Create a working starter project
    #[command(
        after_help = "Examples:\n  boardpaper init my-alliance\n  cd my-alliance && boardpaper build"
    )]
    Init {
        /// Folder to create (default: the current folder)
        dir: Option<PathBuf>,
    },
    /// Create a paper skeleton with every field the trusts need
    #[command(after_help = "Example:\n  boardpaper new workforce-update")]
    New {
        /// The new paper's id (lower-case letters, digits and -)
        paper_id: String,
    },
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Only this trust's copies (repeatable)
    #[arg(long = "trust", value_name = "ID")]
    pub trusts: Vec<String>,
    /// Only this paper (repeatable)
    #[arg(long = "paper", value_name = "ID")]
    pub papers: Vec<String>,
    /// Only this format (repeatable; default: the project's `formats`)
    #[arg(long = "format", value_enum)]
    pub formats: Vec<Format>,
    /// Output folder (default: the project's `output`, usually build/)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Parallel jobs (default: all cores)
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Leave every confidential (Part II) paper out of every output, index and manifest
    #[arg(long)]
    pub public: bool,
    /// Print per-stage time totals to stderr (for benchmarks)
    #[arg(long, hide = true)]
    pub timings: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Pdf,
    Html,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format of the diagnostics
    #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
    pub format: DiagFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiagFormat {
    Human,
    Json,
    Github,
}

//! The command line (docs/commands.md describes every command and option).

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
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub project: Option<PathBuf>,
    /// Print no progress, summary or warnings: only errors, and the output of commands whose output is the point (list, diff, completions, man, docs)
    #[arg(long, short, global = true, help_heading = GLOBAL, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every file written (-vv is the same)
    #[arg(long, short, global = true, help_heading = GLOBAL, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Fail (exit 1) when there are warnings, as well as errors
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub deny_warnings: bool,
    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, help_heading = GLOBAL)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

/// The heading of the options every command takes, apart from each
/// command's own in its `--help`.
const GLOBAL: &str = "Global options";

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
        after_help = "The output folder holds only outputs: a build removes the files it wrote earlier that it\nno longer produces, and the index pages and manifest.json list every current file, also\nafter a filtered build. The cache and the record of written files are in .boardpaper/.\n\nExamples:\n  boardpaper build\n  boardpaper build --trust lpt --format html\n  boardpaper build --paper ema-update --out /tmp/papers\n  boardpaper build --public   # no Part II paper anywhere in build/; checked after writing"
    )]
    Build(BuildArgs),
    /// Merge the output folders of sharded builds into one site
    #[command(
        after_help = "Each folder is the output of a `build` (one trust per CI job, say). Every file its\nmanifest.json lists is checked (path, size, sha256, and that the project still produces\nthat copy) and copied; the index pages and manifest are made for the whole site.\nAnything wrong fails the merge (exit 2) before the site changes.\n\nExamples:\n  boardpaper build --trust lpt --out out-lpt\n  boardpaper build --trust nhft --out out-nhft\n  boardpaper merge --out site out-lpt out-nhft\n  boardpaper merge --public --out site out-*"
    )]
    Merge(MergeArgs),
    /// Report every problem in the sources without writing anything
    #[command(
        after_help = "Examples:\n  boardpaper check\n  boardpaper check --message-format json\n  boardpaper check --message-format github   # annotations in a GitHub Actions run"
    )]
    Check(CheckArgs),
    /// Serve every trust's copy on 127.0.0.1, re-rendered and reloaded as you write
    #[command(
        after_help = "Opens on the cycle index, a trust's pack (--trust) or one copy (--trust and --paper).\nEach page has a trust switcher, the trust's other papers and the PDF copy; a source error\nshows over the last good render with its file, line and column. Nothing is written to build/.\n\nExamples:\n  boardpaper preview\n  boardpaper preview --trust lpt --paper ema-update --open\n  boardpaper preview --port 0   # any free port; the URL is printed"
    )]
    Preview(PreviewArgs),
    /// List the trusts, the papers, which paper goes to which trust, and each trust's agenda
    #[command(
        after_help = "Examples:\n  boardpaper list\n  boardpaper list --trust lpt   # only LPT: its papers and its agenda"
    )]
    List(ListArgs),
    /// Show where two trusts' copies of a paper differ
    #[command(
        after_help = "Examples:\n  boardpaper diff --paper ema-update lpt nhft\n  boardpaper diff --exit-code --paper ema-update lpt nhft   # exit 1 when they differ"
    )]
    Diff(DiffArgs),
    /// Print one variant's laid-out PDF pages as text (positions, fonts, rules): for layout tests
    #[command(hide = true)]
    DumpLayout {
        #[arg(long, value_name = "ID")]
        trust: String,
        #[arg(long, value_name = "ID")]
        paper: String,
        /// Print the structure tree (roles and their text) instead of the pages
        #[arg(long)]
        tags: bool,
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
    /// Turn a Word document (.docx) into a paper's sources, checked against the trusts
    #[command(
        after_help = "Writes papers/<id>/paper.md (with its pictures and appendix files) from the document:\nheadings, lists, tables, notes and pictures into Markdown, the cover-sheet table into the\nfront matter by the receiving trusts' governance rows. Everything not carried over as it\nwas is listed by paragraph number. Tracked changes and comments are refused unless\n--accept-changes; an existing paper is replaced only with --force.\n\nExamples:\n  boardpaper import 'Workforce update.docx'\n  boardpaper import report.docx --paper workforce-update --trusts lpt,nhft\n  boardpaper import report.docx --accept-changes --message-format json"
    )]
    Import(ImportArgs),
    /// Print a shell completion script to standard output
    #[command(
        after_help = "Examples:\n  boardpaper completions bash > ~/.local/share/bash-completion/completions/boardpaper\n  boardpaper completions zsh > ~/.zfunc/_boardpaper\n  boardpaper completions fish > ~/.config/fish/completions/boardpaper.fish"
    )]
    Completions {
        /// The shell: bash, elvish, fish, powershell or zsh
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output
    #[command(after_help = "Example:\n  boardpaper man > boardpaper.1 && man ./boardpaper.1")]
    Man,
    /// Print a reference (Markdown) to standard output: the source format, or the commands
    #[command(
        after_help = "Examples:\n  boardpaper docs format            # every key of boardpaper.yaml, trust files and papers\n  boardpaper docs format | less\n  boardpaper docs commands"
    )]
    Docs {
        /// The reference: format (the source files) or commands
        #[arg(value_enum)]
        topic: DocsTopic,
    },
}

/// The references `boardpaper docs` prints.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DocsTopic {
    /// docs/format.md: boardpaper.yaml, trust files and papers, every key
    Format,
    /// docs/commands.md: every command and option
    Commands,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this trust (repeatable)
    #[arg(long = "trust", value_name = "ID")]
    pub trusts: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The paper to compare
    #[arg(long, value_name = "ID")]
    pub paper: String,
    /// The first trust
    pub trust_a: String,
    /// The second trust
    pub trust_b: String,
    /// Exit with 1 when the copies differ, 0 when they are identical (as `git diff --exit-code`)
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Only this trust's copies (repeatable)
    #[arg(long = "trust", value_name = "ID")]
    pub trusts: Vec<String>,
    /// Only this paper (repeatable)
    #[arg(long = "paper", value_name = "ID")]
    pub papers: Vec<String>,
    /// Only these formats: pdf, html (repeatable or comma-separated; default: the project's `formats`)
    #[arg(long = "format", value_name = "FORMAT", value_delimiter = ',', value_parser = FormatParser)]
    pub formats: Vec<Format>,
    /// Output folder (default: the project's `output`, usually build/)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Parallel jobs, 1 to 64 (default: all cores, at most 64)
    #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=u64::from(crate::assemble::MAX_JOBS)))]
    pub jobs: Option<usize>,
    /// Leave every confidential (Part II) paper out of every output, index and manifest
    #[arg(long)]
    pub public: bool,
    /// A final build: a draft paper is an error and is not built (or, with `drafts: warn` in boardpaper.yaml, a warning)
    #[arg(long = "final")]
    pub final_build: bool,
    /// Do not build the trusts' board packs (pack.pdf, pack-part-ii.pdf)
    #[arg(long)]
    pub no_packs: bool,
    /// How to report: human text on stderr, or JSON lines / GitHub annotations on stdout
    #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
    pub message_format: DiagFormat,
    /// Print per-stage time totals to stderr (for benchmarks)
    #[arg(long, hide = true)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Word document (.docx)
    #[arg(value_name = "FILE.docx")]
    pub file: PathBuf,
    /// The paper's id (default: a slug of the title)
    #[arg(long, value_name = "ID")]
    pub paper: Option<String>,
    /// The trusts that receive the paper, comma-separated (default: all)
    #[arg(long, value_delimiter = ',', value_name = "ID,ID")]
    pub trusts: Vec<String>,
    /// Replace an existing paper of that id
    #[arg(long)]
    pub force: bool,
    /// Accept every tracked change and drop every comment (each listed) instead of refusing the document
    #[arg(long)]
    pub accept_changes: bool,
    /// How to report: human text on stderr, or JSON lines / GitHub annotations on stdout
    #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
    pub message_format: DiagFormat,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The output folders of the sharded builds
    #[arg(required = true, value_name = "DIR")]
    pub shards: Vec<PathBuf>,
    /// The site's folder (default: the project's `output`, usually build/)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Refuse confidential papers, and check the site as `build --public` does
    #[arg(long)]
    pub public: bool,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Start on this trust's copy (or its board pack without --paper)
    #[arg(long, value_name = "ID")]
    pub trust: Option<String>,
    /// Start on this paper (the first trust that receives it, without --trust)
    #[arg(long, value_name = "ID")]
    pub paper: Option<String>,
    /// Port on 127.0.0.1 (0: any free port)
    #[arg(long, value_name = "N", default_value_t = 8000)]
    pub port: u16,
    /// Open the page in the desktop's browser
    #[arg(long)]
    pub open: bool,
}

/// The output formats are the model's; the command line only names them.
pub use crate::project::Format;

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.ext()))
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to report: human text on stderr, or JSON lines / GitHub annotations on stdout
    #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
    pub message_format: DiagFormat,
    /// The old spelling of --message-format (deprecated)
    #[arg(long, value_enum, hide = true, conflicts_with = "message_format")]
    pub format: Option<DiagFormat>,
    /// The day to judge publication deadlines on (YYYY-MM-DD; default today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

impl CheckArgs {
    /// The message format, from either spelling.
    pub fn diag_format(&self) -> DiagFormat {
        self.format.unwrap_or(self.message_format)
    }
}

impl Cli {
    /// A note for each old spelling the command line used, for stderr.
    pub fn deprecations(&self) -> Vec<String> {
        match &self.command {
            Command::Check(CheckArgs {
                format: Some(f), ..
            }) => {
                let name = f.to_possible_value().map(|v| v.get_name().to_owned());
                vec![format!(
                    "note: `check --format` is deprecated: write `check --message-format {}` (as `build` does)\n",
                    name.unwrap_or_default()
                )]
            }
            _ => Vec::new(),
        }
    }
}

/// Parses one output format of `build --format`, pointing a message format
/// (`json`, `github`, `human`) at `--message-format`.
#[derive(Debug, Clone, Copy)]
struct FormatParser;

impl clap::builder::TypedValueParser for FormatParser {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Format, clap::Error> {
        let text = value.to_string_lossy();
        if let Some(f) = Format::from_ext(text.trim()) {
            return Ok(f);
        }
        let message = match DiagFormat::from_str(text.trim(), true) {
            Ok(_) => format!(
                "`--format {text}` chooses output formats (pdf, html); for {text} messages write `--message-format {text}`\n"
            ),
            Err(_) => format!(
                "invalid value `{text}` for `--format`: the formats are pdf and html (comma-separated for both)\n"
            ),
        };
        Err(clap::Error::raw(clap::error::ErrorKind::InvalidValue, message).with_cmd(cmd))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            Format::ALL
                .iter()
                .map(|f| clap::builder::PossibleValue::new(f.ext())),
        ))
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiagFormat {
    /// Source line and caret, on stderr
    Human,
    /// One JSON object a line on stdout, then a summary object
    Json,
    /// GitHub Actions annotations on stdout, paths from the repository root
    Github,
}

//! `boardpaper build`: every valid variant written, every invalid one
//! reported, the stale outputs of earlier builds removed. A selection that
//! matches nothing is a usage error (exit 2).

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::assemble::{self, Built, Request};
use crate::check::Model;
use crate::cli::BuildArgs;
use crate::commands::{load_timed as load, selection, Outcome, Status};
use crate::diag::{suggest, Diagnostic};
use crate::timings::Timings;

pub(crate) fn run(project: Option<&Path>, args: &BuildArgs, verbose: bool, quiet: bool) -> Outcome {
    let start = Instant::now();
    crate::pdf::Fonts::warm_builtin();
    let timings = args.timings.then(|| Arc::new(Timings::default()));
    let (mut checked, mut diags) = match load(project, timings.as_deref()) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let req = match request(&checked.model, args, &diags, timings.clone(), quiet) {
        Ok(req) => req,
        Err(o) => return o,
    };
    if let Some(o) = selection::empty(&checked.model, &req) {
        return o;
    }
    if args.final_build {
        assemble::drafts::finalise(&mut checked, &req, &mut diags);
    }
    let built = assemble::in_pool(req.jobs, || assemble::build(&checked, &req, &mut diags));
    let built = match built {
        Ok(b) => b,
        Err(e) => return Outcome::failed(e),
    };
    if let Some(t) = &timings {
        eprint!("{}", t.report(start.elapsed()));
    }
    outcome(&req, &built, diags, verbose)
}

/// The build `args` ask for, or the outcome that refuses it: a `--trust`
/// or `--paper` that names nothing, or an output folder among the sources.
fn request(
    model: &Model,
    args: &BuildArgs,
    diags: &[Diagnostic],
    timings: Option<Arc<Timings>>,
    quiet: bool,
) -> Result<Request, Outcome> {
    // A trust whose file failed to parse is not "unknown": its parse error,
    // already among the diagnostics, is the cause to report.
    let mut trusts: Vec<&str> = model.trust_ids().collect();
    trusts.extend(
        args.trusts
            .iter()
            .map(String::as_str)
            .filter(|t| crate::check::papers::unreadable_trust(model, t)),
    );
    if let Some(o) = unknown_filter("trust", &args.trusts, trusts) {
        return Err(o);
    }
    let papers = model.papers.iter().map(|p| p.id.as_str()).collect();
    if let Some(o) = unknown_filter("paper", &args.papers, papers) {
        return Err(o);
    }
    let mut formats = args.formats.clone();
    if formats.is_empty() {
        formats = assemble::project_formats(model);
    }
    formats.sort();
    formats.dedup();
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| model.root.join(&model.output));
    if args.out.is_none() && refused_output(diags) {
        // Located at `output:` in boardpaper.yaml (see check).
        return Err(Outcome::from_diags(diags.to_vec(), String::new()));
    }
    if let Err(e) = assemble::write::refuse_source_folders(&model.root, &out) {
        return Err(Outcome::failed(e));
    }
    Ok(Request {
        trusts: args.trusts.clone(),
        papers: args.papers.clone(),
        formats,
        out,
        public: args.public,
        jobs: args.jobs,
        timings,
        progress: super::progress_wanted(quiet),
        packs: !args.no_packs,
        env: super::build_env(),
    })
}

/// The summary, the facts of the JSON summary and one artifact per file.
fn outcome(req: &Request, built: &Built, diags: Vec<Diagnostic>, verbose: bool) -> Outcome {
    let stdout = summary(&req.out, built, verbose);
    let mut outcome = Outcome::from_diags(diags, stdout)
        .fact("files", built.outputs.len())
        .fact("written", built.rendered)
        .fact("unchanged", built.unchanged)
        .fact("kept", built.kept)
        .fact("removed", built.removed.len())
        .fact("out", req.out.display().to_string());
    outcome.facts.artifacts = built
        .outputs
        .iter()
        .map(|o| artifact(&req.out, o))
        .collect();
    if outcome.status == Status::SourceErrors {
        return Outcome {
            stdout: outcome.stdout.replace("built", "built the valid variants:"),
            ..outcome
        };
    }
    outcome
}

/// What the build did, for standard output.
fn summary(out: &Path, built: &Built, verbose: bool) -> String {
    let mut stdout = format!(
        "built {} in {} ({} written, {} unchanged since the last build)\n",
        crate::report::count(built.outputs.len(), "file"),
        out.display(),
        built.rendered,
        built.unchanged
    );
    if built.kept > 0 {
        stdout.push_str(&format!(
            "kept {} of earlier builds (the index pages and manifest list them)\n",
            crate::report::count(built.kept, "current file")
        ));
    }
    if !built.removed.is_empty() {
        stdout.push_str(&format!(
            "removed {} of earlier builds\n",
            crate::report::count(built.removed.len(), "stale file")
        ));
    }
    if verbose {
        // The files this build wrote: an unchanged one was not touched.
        let written = built
            .outputs
            .iter()
            .filter(|o| !matches!(o.content, assemble::Content::Unchanged(_)));
        for o in written {
            stdout.push_str(&format!("  wrote {}\n", o.rel().display()));
        }
        for r in &built.removed {
            stdout.push_str(&format!("  removed {r}\n"));
        }
    }
    stdout
}

/// `{"type": "artifact", ...}` for one output of the build.
fn artifact(out: &Path, o: &assemble::Output) -> serde_json::Value {
    serde_json::json!({
        "type": "artifact",
        "path": out.join(o.rel()).to_string_lossy().replace('\\', "/"),
        "trust": o.trust,
        "paper": o.paper,
        "format": o.format.ext(),
        "fresh": !matches!(o.content, assemble::Content::Unchanged(_)),
    })
}

/// Whether `check` refused the project's `output:` folder.
pub(crate) fn refused_output(diags: &[crate::diag::Diagnostic]) -> bool {
    diags
        .iter()
        .any(|d| d.is_error() && d.code == crate::diag::Code::OutputFolder)
}

pub(crate) fn unknown_filter(what: &str, asked: &[String], known: Vec<&str>) -> Option<Outcome> {
    let bad = asked.iter().find(|a| !known.contains(&a.as_str()))?;
    let hint = suggest::did_you_mean(bad, known.iter().copied())
        .unwrap_or_else(|| format!("known: {}", known.join(", ")));
    Some(Outcome::failed(format!("unknown {what} `{bad}`: {hint}")))
}

//! `boardpaper build`: every valid variant written, every invalid one reported.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::build::timings::{Stage, Timings};
use crate::build::{self, progress, Request};
use crate::check::suggest;
use crate::cli::{BuildArgs, Format};
use crate::commands::{load_timed as load, Outcome, Status};

pub(crate) fn run(project: Option<&Path>, args: &BuildArgs, verbose: bool, quiet: bool) -> Outcome {
    let start = Instant::now();
    let timings = args.timings.then(|| Arc::new(Timings::default()));
    let (checked, mut diags) = match load(project, timings.as_deref()) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let model = &checked.model;
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
        return o;
    }
    if let Some(o) = unknown_filter(
        "paper",
        &args.papers,
        model.papers.iter().map(|p| p.id.as_str()).collect(),
    ) {
        return o;
    }
    let mut formats = args.formats.clone();
    if formats.is_empty() {
        formats = model
            .formats
            .iter()
            .filter_map(|f| match f.as_str() {
                "pdf" => Some(Format::Pdf),
                "html" => Some(Format::Html),
                _ => None,
            })
            .collect();
    }
    formats.sort();
    formats.dedup();
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| model.root.join(&model.output));
    if let Err(e) = build::write::refuse_source_folders(&model.root, &out) {
        return Outcome::failed(e);
    }
    let req = Request {
        trusts: args.trusts.clone(),
        papers: args.papers.clone(),
        formats,
        out,
        public: args.public,
        jobs: args.jobs,
        timings: timings.clone(),
        progress: progress::wanted(quiet),
    };
    let (outputs, written) = build::in_pool(req.jobs, || {
        let outputs = build::render_all(&checked, &req, &mut diags);
        let write = || build::write_all(&req.out, &outputs);
        let written = timings
            .as_ref()
            .map_or_else(write, |t| t.time(Stage::Write, write));
        (outputs, written)
    });
    let written = match written {
        Ok(n) => n,
        Err(e) => return Outcome::failed(e),
    };
    let files = outputs.iter().filter(|o| o.paper != "index").count();
    let mut stdout = format!(
        "built {} in {} ({} written, {} unchanged since the last build)\n",
        crate::output::count(files, "file"),
        req.out.display(),
        written.rendered,
        written.unchanged
    );
    if verbose {
        for o in &outputs {
            stdout.push_str(&format!("  {}\n", o.rel().display()));
        }
    }
    if let Some(t) = &timings {
        eprint!("{}", t.report(start.elapsed()));
    }
    let mut outcome = Outcome::from_diags(diags, stdout)
        .fact("files", files)
        .fact("written", written.rendered)
        .fact("unchanged", written.unchanged)
        .fact("out", req.out.display().to_string());
    outcome.facts.artifacts = outputs.iter().map(|o| artifact(&req.out, o)).collect();
    if outcome.status == Status::SourceErrors {
        return Outcome {
            stdout: outcome.stdout.replace("built", "built the valid variants:"),
            ..outcome
        };
    }
    outcome
}

/// `{"type": "artifact", ...}` for one output of the build.
fn artifact(out: &Path, o: &build::Output) -> serde_json::Value {
    serde_json::json!({
        "type": "artifact",
        "path": out.join(o.rel()).to_string_lossy().replace('\\', "/"),
        "trust": o.trust,
        "paper": o.paper,
        "format": o.format.ext(),
        "fresh": matches!(o.content, build::Content::Fresh { .. }),
    })
}

fn unknown_filter(what: &str, asked: &[String], known: Vec<&str>) -> Option<Outcome> {
    let bad = asked.iter().find(|a| !known.contains(&a.as_str()))?;
    let hint = suggest::did_you_mean(bad, known.iter().copied())
        .unwrap_or_else(|| format!("known: {}", known.join(", ")));
    Some(Outcome::failed(format!("unknown {what} `{bad}`: {hint}")))
}

//! `boardpaper merge SHARD...`: the output folders of sharded builds (one
//! trust per CI job) merged into one site, every file checked against its
//! shard's manifest, with index pages and a manifest for the whole site.

use crate::assemble::{self, Target};
use crate::cli::MergeArgs;
use crate::commands::{load, Outcome};
use std::path::Path;

pub(crate) fn run(project: Option<&Path>, args: &MergeArgs) -> Outcome {
    let (checked, mut diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let model = &checked.model;
    let shown = args
        .out
        .clone()
        .unwrap_or_else(|| model.root.join(&model.output));
    if args.out.is_none() && super::build::refused_output(&diags) {
        return Outcome::from_diags(diags, String::new());
    }
    if let Err(e) = assemble::write::refuse_source_folders(&model.root, &shown) {
        return Outcome::failed(e);
    }
    let out = match assemble::write::prepare(&shown) {
        Ok(out) => out,
        Err(e) => return Outcome::failed(e),
    };
    let target = Target {
        out,
        shown: &shown,
        public: args.public,
        timings: None,
        lock_wait: super::build_env().lock_wait,
    };
    let built = match assemble::shards::merge(&checked, &target, &args.shards, &mut diags) {
        Ok(b) => b,
        Err(e) => return Outcome::failed(e),
    };
    let mut stdout = format!(
        "merged {} files from {} folders into {} ({} written, {} unchanged)\n",
        built.outputs.len(),
        args.shards.len(),
        shown.display(),
        built.rendered,
        built.unchanged
    );
    if !built.removed.is_empty() {
        stdout.push_str(&format!(
            "removed {} stale files of earlier builds\n",
            built.removed.len()
        ));
    }
    Outcome::from_diags(diags, stdout)
}

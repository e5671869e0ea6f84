//! Merging the output folders of sharded builds (one trust per CI job, say)
//! into one site. Each shard's `manifest.json` says what it holds; every
//! file it lists is checked (its path is the one its trust, paper and format
//! give, the project still produces that variant, its size and sha256 match)
//! and copied; the index pages and manifest are then made afresh for the
//! whole site. Files a shard does not list are not copied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::manifest::{self, sha256_hex, Manifest};
use super::state::State;
use super::{publish, select, Built, Content, Output, Request, Target};
use crate::check::Checked;
use crate::diag::Diagnostic;
use crate::failure::{Failure, Failures, Op, Why};
use crate::html;
use crate::project::files::Refusal;
use crate::project::Format;

/// Merges `shards` into `target`, which then holds exactly their outputs.
pub(crate) fn merge(
    checked: &Checked,
    target: &Target,
    shards: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Result<Built, Failures> {
    let _lock = target.lock(&checked.model.root)?;
    let mut files: BTreeMap<String, (PathBuf, Output)> = BTreeMap::new();
    for shard in shards {
        for (rel, output) in read_shard(checked, target.public, shard)? {
            let same = |o: &Output| sha(o) == sha(&output);
            match files.get(&rel) {
                Some((first, o)) if !same(o) => {
                    let why = Why::Differs(first.clone(), shard.clone());
                    return Err(Failure::new(Op::Merge, rel, why).into());
                }
                Some(_) => {}
                None => {
                    files.insert(rel, (shard.clone(), output));
                }
            }
        }
    }
    let outputs: Vec<Output> = files.into_values().map(|(_, o)| o).collect();
    let templates = match html::Templates::new(&checked.model.templates) {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(e.diagnostic());
            None
        }
    };
    let state = State::load_reporting(&checked.model.root, &target.out, diags);
    let model = &checked.model;
    publish(
        model,
        target,
        state,
        (outputs, Vec::new()),
        templates.as_ref(),
        diags,
    )
}

fn sha(o: &Output) -> String {
    match &o.content {
        Content::Fresh { bytes, .. } => sha256_hex(bytes),
        Content::Written(e) | Content::Unchanged(e) => e.sha256.clone(),
        Content::Unwritable(_) => String::new(),
    }
}

/// Every file `shard`'s manifest lists, checked, by path.
fn read_shard(
    checked: &Checked,
    public: bool,
    shard: &Path,
) -> Result<Vec<(String, Output)>, Failure> {
    let path = shard.join(manifest::FILE);
    let bytes = read_listed(shard, manifest::FILE, MANIFEST_CAP)?;
    let listed: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        let why = Why::Malformed(format!("is not a boardpaper manifest: {e}"));
        Failure::new(Op::Merge, &path, why)
    })?;
    let produced = Request {
        public,
        ..Request::default()
    };
    let model = &checked.model;
    let mut current: Vec<(String, String)> = select(model, &produced)
        .into_iter()
        .filter(|(t, p)| checked.sound(&t.id, &p.id))
        .map(|(t, p)| (t.id.clone(), p.id.clone()))
        .collect();
    current.extend(super::pack::produced(checked, public));
    let mut out = Vec::new();
    for e in listed.files {
        let file = shard.join(&e.path);
        let bad = |why: &str| Err(Failure::new(Op::Merge, &file, Why::Mismatch(why.into())));
        let Some(format) = Format::from_ext(&e.format) else {
            return bad(&format!("unknown format `{}`", e.format));
        };
        let output = Output {
            trust: e.trust.clone(),
            paper: e.paper.clone(),
            format,
            content: Content::Unchanged(Default::default()),
        };
        if output.rel_string() != e.path {
            return bad("the manifest gives it a path its trust, paper and format do not");
        }
        if !current.contains(&(e.trust.clone(), e.paper.clone())) {
            let why = if public {
                "the project does not produce this copy in a --public build (a removed, renamed, unsound or confidential paper or trust)"
            } else {
                "the project does not produce this copy (a removed, renamed or unsound paper or trust)"
            };
            return bad(why);
        }
        let bytes = read_listed(shard, &e.path, e.bytes as u64)?;
        if bytes.len() != e.bytes || sha256_hex(&bytes) != e.sha256 {
            return bad("its bytes do not match the shard's manifest (changed after the build?)");
        }
        let content = Content::Fresh { bytes, entry: None };
        out.push((e.path, Output { content, ..output }));
    }
    Ok(out)
}

/// The largest shard manifest read (6,000 outputs make about 2 MB).
const MANIFEST_CAP: u64 = 64 * 1024 * 1024;

/// The bytes of `shard/rel`, through the one door: a regular file of at
/// most `cap` bytes (its manifest size: checked on the open handle before
/// anything is read), with no symlink on the way (not the trust folder, not
/// the file), so a shard cannot lead the merge anywhere else.
fn read_listed(shard: &Path, rel: &str, cap: u64) -> Result<Vec<u8>, Failure> {
    let mut cur = shard.to_path_buf();
    for part in Path::new(rel).components() {
        cur.push(part);
        if std::fs::symlink_metadata(&cur).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Failure::new(Op::Merge, cur, Why::Symlink));
        }
    }
    let path = shard.join(rel);
    crate::project::files::read(shard, Path::new(rel), cap)
        .map(|(bytes, _)| bytes)
        .map_err(|r| match r {
            Refusal::TooLarge(..) => Failure::new(Op::Read, path, Why::OverListed(cap)),
            r => Failure::new(Op::Read, path, Why::Refused(r)),
        })
}

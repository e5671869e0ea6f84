//! The pipeline's layers point down: no module of an earlier stage names a
//! module of a later one. The stages and their order are the table in
//! src/lib.rs's module doc; every top-level module must be in it. Test-only
//! code (a `#[cfg(test)]` module, inline or in its own file) is not a layer
//! of the tool and is skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Imports from an earlier stage to a later one that are known and
/// explained. Each entry: (file, module it names, why).
const EXCEPTIONS: &[(&str, &str, &str)] = &[(
    "src/check/fonts.rs",
    "pdf",
    "`style.fonts` faces are checked with the PDF writer's own parser, so \
     the face that is checked is the face that is used",
)];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Module → its stage's position, from lib.rs's `| stage | modules |` table.
fn stages() -> BTreeMap<String, usize> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("src/lib.rs");
    let mut order = BTreeMap::new();
    let rows = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//! |"))
        .filter(|l| !l.starts_with("---") && !l.starts_with(" stage "));
    for (i, row) in rows.enumerate() {
        let modules = row.split('|').nth(1).unwrap_or_default();
        for name in modules.split('`').skip(1).step_by(2) {
            order.insert(name.to_owned(), i);
        }
    }
    order
}

/// Top-level modules declared in lib.rs.
fn declared() -> Vec<String> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("src/lib.rs");
    lib.lines()
        .filter_map(|l| {
            let l = l
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ");
            l.strip_prefix("mod ")?.strip_suffix(';').map(str::to_owned)
        })
        .collect()
}

/// Every `.rs` file under `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The folder a file's child modules live in (`a/mod.rs` → `a/`, `a.rs` → `a/`).
fn child_dir(file: &Path) -> PathBuf {
    let parent = file.parent().expect("parent");
    match file.file_stem().and_then(|s| s.to_str()) {
        Some("mod" | "lib" | "main") => parent.to_path_buf(),
        Some(stem) => parent.join(stem),
        None => parent.to_path_buf(),
    }
}

/// The code of `file` that is part of the tool: comments dropped, and
/// nothing from an inline `#[cfg(test)] mod` on. Files of test-only
/// modules it declares go into `test_files`.
fn tool_code(file: &Path, text: &str, test_files: &mut BTreeSet<PathBuf>) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed == "#[cfg(test)]" {
            let next = lines.peek().map(|l| l.trim()).unwrap_or_default();
            let decl = next
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ");
            if let Some(rest) = decl.strip_prefix("mod ") {
                if let Some(name) = rest.strip_suffix(';') {
                    let dir = child_dir(file);
                    test_files.insert(dir.join(format!("{name}.rs")));
                    test_files.insert(dir.join(name).join("mod.rs"));
                    continue;
                }
                break;
            }
        }
        let without_comment = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        code.push_str(without_comment);
        code.push('\n');
    }
    code
}

/// The top-level modules `code` names through `crate::`.
fn named(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        rest = &group[j..];
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => {
                        let name: String = group[j..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        out.insert(name);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

/// The top-level module a file belongs to.
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).expect("under src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_owned()
}

#[test]
fn every_module_has_a_stage() {
    let stages = stages();
    assert!(stages.len() > 5, "lib.rs's stage table was not found");
    for m in declared() {
        assert!(
            stages.contains_key(&m),
            "module `{m}` is in no row of lib.rs's stage table"
        );
    }
}

#[test]
fn no_earlier_stage_names_a_later_one() {
    let stages = stages();
    let mut all = Vec::new();
    files(&src(), &mut all);
    all.sort();
    let mut test_files = BTreeSet::new();
    let mut code = Vec::new();
    for file in &all {
        let text = std::fs::read_to_string(file).expect("read");
        code.push((file.clone(), tool_code(file, &text, &mut test_files)));
    }
    let mut wrong = Vec::new();
    for (file, code) in code {
        let module = module_of(&file);
        if test_files.contains(&file) || matches!(module.as_str(), "lib" | "main") {
            continue;
        }
        let Some(&own) = stages.get(&module) else {
            continue;
        };
        let rel = file
            .strip_prefix(src().parent().expect("root"))
            .expect("rel")
            .to_string_lossy()
            .replace('\\', "/");
        for other in named(&code) {
            let Some(&theirs) = stages.get(&other) else {
                continue;
            };
            let excused = EXCEPTIONS.iter().any(|(f, m, _)| *f == rel && *m == other);
            if theirs > own && !excused {
                wrong.push(format!("{rel} ({module}) names {other}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "earlier stages naming later ones:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_scanner_sees_grouped_and_inline_paths() {
    let code = "use crate::{html, pdf::{self, Fonts}};\nlet x = crate::assemble::x();\n";
    let names: Vec<String> = named(code).into_iter().collect();
    assert_eq!(names, ["assemble", "html", "pdf"]);
}

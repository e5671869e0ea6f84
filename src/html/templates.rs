//! [`Templates`]: the built-in templates, each replaceable by a project's own
//! `templates/<name>`, compiled once per build with autoescaping on for every
//! template whatever its name.
//!
//! `style.css` is special. It is rendered on its own (so it can use
//! `{{ accent }}`), CSS-escaped so that no `<` survives (an override cannot
//! close `<style>`), and its result reaches the pages through a tiny
//! `style.css` template that the pages `{% include %}`.

use std::collections::{BTreeMap, BTreeSet};

use tera::ast::Node;
use tera::{Context, Tera};

use super::error::TemplateError;
use super::escape::escape_css;

/// The built-in templates: (override file name, contents).
const BUILT_IN: [(&str, &str); 4] = [
    ("paper.html", include_str!("../../templates/paper.html")),
    ("style.css", include_str!("../../templates/style.css")),
    (
        "trust-index.html",
        include_str!("../../templates/trust-index.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
];

/// The name the project's CSS is compiled under.
const CSS_SOURCE: &str = "__style.css";
/// The context variable holding the rendered, CSS-escaped stylesheet.
const CSS_VAR: &str = "__style_css";

/// The compiled templates of one build (`Send + Sync`: share it across threads).
pub(crate) struct Templates {
    tera: Tera,
}

impl Templates {
    /// Built-in templates, each replaced by the project's own `templates/<name>`
    /// when `overrides` has it; other override files are added as they are
    /// (partials a project's templates include).
    ///
    /// `overrides`: (file name, contents) pairs read by the caller (this never
    /// touches the disk). Errors name the file and give Tera's line and column.
    pub(crate) fn new(overrides: &[(String, String)]) -> Result<Templates, TemplateError> {
        let mut sources: BTreeMap<String, String> = BUILT_IN
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        for (name, text) in overrides {
            sources.insert(name.clone(), text.clone());
        }
        if let Some(css) = sources.remove("style.css") {
            sources.insert(CSS_SOURCE.to_string(), css);
        }
        sources.insert(
            "style.css".to_string(),
            format!("{{{{ {CSS_VAR} | safe }}}}"),
        );

        let mut parsed = BTreeMap::new();
        for (name, text) in &sources {
            let template = tera::Template::new(name, None, text)
                .map_err(|e| TemplateError::from_tera(file_name(name), &e))?;
            parsed.insert(name.clone(), template);
        }
        check_includes(&parsed)?;

        let mut tera = Tera::default();
        // Tera escapes only `.html`, `.htm` and `.xml` by default; every name ends with "".
        tera.autoescape_on(vec![""]);
        // What `add_raw_templates` does, without parsing every template a
        // second time (parsing is most of the cost of setting up a build).
        tera.templates.extend(parsed);
        tera.build_inheritance_chains()
            .and_then(|()| tera.check_macro_files())
            .map_err(|e| TemplateError::from_tera(&blamed_file(&e), &e))?;
        Ok(Templates { tera })
    }

    /// Renders `name` with `context` plus the stylesheet.
    pub(crate) fn render(
        &self,
        name: &str,
        context: &mut Context,
    ) -> Result<String, TemplateError> {
        let css = self
            .tera
            .render(CSS_SOURCE, context)
            .map_err(|e| TemplateError::from_tera("style.css", &e))?;
        context.insert(CSS_VAR, &escape_css(&css));
        self.tera
            .render(name, context)
            .map_err(|e| TemplateError::from_tera(name, &e))
    }
}

/// The file name a user knows for an internal template name.
fn file_name(name: &str) -> &str {
    if name == CSS_SOURCE {
        "style.css"
    } else {
        name
    }
}

/// The template an inheritance error is about.
fn blamed_file(error: &tera::Error) -> String {
    match &error.kind {
        tera::ErrorKind::MissingParent { current, .. } => file_name(current).to_string(),
        tera::ErrorKind::CircularExtend { tpl, .. } => file_name(tpl).to_string(),
        _ => "templates".to_string(),
    }
}

/// Every `{% include %}` names a template that exists, and no template
/// includes itself through others (Tera would recurse until the stack overflows).
fn check_includes(parsed: &BTreeMap<String, tera::Template>) -> Result<(), TemplateError> {
    let mut graph: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, template) in parsed {
        let mut edges = BTreeSet::new();
        for (names, ignore_missing) in includes(&template.ast) {
            let found: Vec<&String> = names.iter().filter(|n| parsed.contains_key(*n)).collect();
            if found.is_empty() && !ignore_missing {
                let wanted = names.join("`, `");
                return Err(TemplateError::new(
                    file_name(name),
                    format!("includes `{wanted}`, which is neither built in nor in templates/"),
                ));
            }
            edges.extend(found.into_iter().cloned());
        }
        edges.extend(template.parent.clone());
        graph.insert(name, edges);
    }
    for start in graph.keys() {
        if let Some(path) = cycle_from(&graph, start) {
            return Err(TemplateError::new(
                file_name(start),
                format!("includes itself: {}", path.join(" → ")),
            ));
        }
    }
    Ok(())
}

/// A path from `start` back to itself, if any (depth-first, iterative).
fn cycle_from(graph: &BTreeMap<&str, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(node.as_str()).into_iter().flatten() {
            let mut path = path.clone();
            path.push(file_name(next).to_string());
            if next == start {
                return Some(path);
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), path));
            }
        }
    }
    None
}

/// The `{% include %}` nodes anywhere in `nodes`: (names, ignore missing).
fn includes(nodes: &[Node]) -> Vec<(Vec<String>, bool)> {
    let mut found = Vec::new();
    let mut pending: Vec<&[Node]> = vec![nodes];
    while let Some(nodes) = pending.pop() {
        for node in nodes {
            match node {
                Node::Include(_, names, ignore) => found.push((names.clone(), *ignore)),
                Node::Block(_, b, _) => pending.push(&b.body),
                Node::MacroDefinition(_, m, _) => pending.push(&m.body),
                Node::FilterSection(_, f, _) => pending.push(&f.body),
                Node::Forloop(_, f, _) => {
                    pending.push(&f.body);
                    pending.extend(f.empty_body.as_deref());
                }
                Node::If(i, _) => {
                    pending.extend(i.conditions.iter().map(|(_, _, body)| body.as_slice()));
                    pending.extend(i.otherwise.as_ref().map(|(_, body)| body.as_slice()));
                }
                _ => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn over(name: &str, text: &str) -> Vec<(String, String)> {
        vec![(name.to_string(), text.to_string())]
    }

    #[test]
    fn built_ins_compile_and_are_send_sync() {
        fn send_sync<T: Send + Sync>(_: &T) {}
        let t = Templates::new(&[]);
        assert!(t.is_ok(), "{:?}", t.err());
        if let Ok(t) = &t {
            send_sync(t);
        }
    }

    #[test]
    fn broken_override_names_its_file_and_line() {
        let Err(e) = Templates::new(&over("trust-index.html", "<p>\n{% if %}</p>")) else {
            panic!("expected an error");
        };
        assert_eq!(e.file, "trust-index.html");
        assert!(e.message.contains("line 2"), "{}", e.message);
    }

    #[test]
    fn broken_css_override_is_blamed_on_style_css() {
        let Err(e) = Templates::new(&over("style.css", "a { color: {{ }")) else {
            panic!("expected an error");
        };
        assert_eq!(e.file, "style.css");
    }

    #[test]
    fn include_cycles_and_missing_includes_are_errors() {
        let pair = vec![
            (
                "index.html".to_string(),
                "{% include \"a.html\" %}".to_string(),
            ),
            (
                "a.html".to_string(),
                "{% if x %}{% include \"index.html\" %}{% endif %}".to_string(),
            ),
        ];
        let Err(e) = Templates::new(&pair) else {
            panic!("expected an error");
        };
        assert!(e.message.contains("includes itself"), "{}", e.message);
        let Err(e) = Templates::new(&over("index.html", "{% include \"nav.html\" %}")) else {
            panic!("expected an error");
        };
        assert_eq!(e.file, "index.html");
        assert!(e.message.contains("nav.html"));
    }
}

//! [`Templates`]: the built-in templates, each replaceable by a project's own
//! `templates/<name>`, compiled once per build into a sandboxed MiniJinja
//! environment (see [`crate::sandbox`]) with autoescaping on for every
//! template whatever its name. `{% include %}` finds only these in-memory
//! templates; a missing include, an include cycle (the recursion limit) or
//! a spent budget is an error at the offending line and column.
//!
//! `style.css` is special. It is rendered on its own (so it can use
//! `{{ accent }}`), CSS-escaped so that no `<` survives (an override cannot
//! close `<style>`), and its result reaches the pages through a tiny
//! `style.css` template that the pages `{% include %}`.

use std::collections::BTreeMap;

use minijinja::{AutoEscape, Environment, Value};
use serde::Serialize;

use super::error::TemplateError;
use super::escape::escape_css;
use crate::sandbox::{self, Failure};

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

/// Output a page template may write beyond the text it is given.
const PAGE_OUTPUT_BYTES: usize = 16 * 1024 * 1024;

/// What a template sees: named values, and how many bytes of text they hold
/// (the pre-rendered fragments), which a page's budgets are raised by, so
/// that only the template's own work is budgeted.
#[derive(Default)]
pub(crate) struct Context {
    values: BTreeMap<String, Value>,
    text_bytes: usize,
}

impl Context {
    pub(crate) fn new() -> Context {
        Context::default()
    }

    pub(crate) fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        let value = Value::from(minijinja::value::Serde(value));
        self.text_bytes += value.as_str().map_or(0, str::len);
        self.values.insert(key.to_string(), value);
    }

    fn value(&self) -> Value {
        Value::from(self.values.clone())
    }
}

/// The compiled templates of one build (`Send + Sync`: share it across threads).
pub(crate) struct Templates {
    env: Environment<'static>,
    /// Every template's text by internal name, to locate errors.
    sources: BTreeMap<String, String>,
}

impl Templates {
    /// Built-in templates, each replaced by the project's own `templates/<name>`
    /// when `overrides` has it; other override files are added as they are
    /// (partials a project's templates include).
    ///
    /// `overrides`: (file name, contents) pairs read by the caller (this never
    /// touches the disk). Errors name the file, line and column.
    /// [`new`](Self::new) with the overrides written in a test.
    #[cfg(test)]
    pub(crate) fn with(overrides: &[(&str, &str)]) -> Result<Templates, TemplateError> {
        let owned: Vec<(String, String)> = overrides
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        Templates::new(&owned)
    }

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
        let mut env = sandbox::environment(AutoEscape::Html);
        for (name, text) in &sources {
            if let Err(e) = env.add_template_owned(name.clone(), text.clone()) {
                let failure = Failure::new(&e, None);
                return Err(TemplateError::from_failure(
                    &failure, &sources, file_name, name,
                ));
            }
        }
        Ok(Templates { env, sources })
    }

    /// Renders `name` with `context` plus the stylesheet.
    pub(crate) fn render(
        &self,
        name: &str,
        context: &mut Context,
    ) -> Result<String, TemplateError> {
        let css = self.run(CSS_SOURCE, context)?;
        context.insert(CSS_VAR, &escape_css(&css));
        self.run(name, context)
            .map(|page| super::csp::protect(&page))
    }

    /// One render, with the fuel and output cap raised by the context's text.
    fn run(&self, name: &str, context: &Context) -> Result<String, TemplateError> {
        let mut env = self.env.clone();
        let given = context.text_bytes;
        env.set_fuel(Some(sandbox::FUEL + (given as u64 / 16)));
        let cap = PAGE_OUTPUT_BYTES.saturating_add(given.saturating_mul(2));
        sandbox::render(&env, name, context.value(), cap)
            .map_err(|f| TemplateError::from_failure(&f, &self.sources, file_name, name))
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

    /// Renders `name` of templates built from `overrides`, with no values.
    fn rendered(overrides: &[(&str, &str)], name: &str) -> Result<String, TemplateError> {
        let owned: Vec<(String, String)> = overrides
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut c = Context::new();
        c.insert("accent", "#005eb8");
        Templates::new(&owned).and_then(|t| t.render(name, &mut c))
    }

    #[test]
    fn include_cycles_and_missing_includes_are_located_errors() {
        let pair = [
            ("index.html", "{% include \"a.html\" %}"),
            (
                "a.html",
                "ok\n{% if 1 %}{% include \"index.html\" %}{% endif %}",
            ),
        ];
        let Err(e) = rendered(&pair, "index.html") else {
            panic!("expected an error");
        };
        assert!(e.budget, "{e:?}");
        assert_eq!(
            (e.file.as_str(), e.line, e.column),
            ("a.html", 2, 14),
            "{e:?}"
        );
        let missing = [("index.html", "<p>\n  {% include \"nav.html\" %}")];
        let Err(e) = rendered(&missing, "index.html") else {
            panic!("expected an error");
        };
        assert_eq!(
            (e.file.as_str(), e.line, e.column),
            ("index.html", 2, 6),
            "{e:?}"
        );
        assert!(e.message.contains("nav.html"), "{}", e.message);
        assert!(!e.budget);
    }

    #[test]
    fn a_recursive_macro_in_an_override_is_a_spent_budget() {
        let page = "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}\n{{ m(0) }}";
        let Err(e) = rendered(&[("index.html", page)], "index.html") else {
            panic!("expected an error");
        };
        assert!(e.budget, "{e:?}");
        assert_eq!(e.file, "index.html");
    }
}

//! [`TemplateError`]: a built-in or overriding template that does not
//! compile or render, with the file it is in, the line and column of the
//! offending expression (from MiniJinja's error span), and whether a
//! sandbox budget was spent.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::sandbox::failure::line_column;
use crate::sandbox::Failure;
use crate::source::Pos;

/// A template problem, located in the file a project would override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateError {
    /// The template's file name as a project would override it ("paper.html").
    pub file: String,
    /// 1-based line and column in that file (1, 1 when the engine gave none).
    pub line: u32,
    pub column: u32,
    /// One line: "line 3, column 5: syntax error: unexpected end of input".
    pub message: String,
    /// A budget (fuel, recursion, output size) ran out.
    pub budget: bool,
    /// The message without its position, and the offending source line.
    detail: String,
    line_text: Option<String>,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "templates/{}: {}", self.file, self.message)
    }
}

impl std::error::Error for TemplateError {}

impl TemplateError {
    /// `failure` in one of `sources` (internal name → text); `file_name`
    /// gives a user's name for an internal one, `fallback` the template
    /// blamed when the engine names none.
    pub(crate) fn from_failure(
        failure: &Failure,
        sources: &BTreeMap<String, String>,
        file_name: fn(&str) -> &str,
        fallback: &str,
    ) -> TemplateError {
        let name = failure.template.as_deref().unwrap_or(fallback);
        let text = sources.get(name).map(String::as_str).unwrap_or_default();
        let (line, column) = failure
            .offset_in(text)
            .map_or((1, 1), |o| line_column(text, o));
        TemplateError {
            file: file_name(name).to_string(),
            line,
            column,
            message: format!("line {line}, column {column}: {}", failure.message),
            budget: failure.budget,
            detail: failure.message.clone(),
            line_text: text.lines().nth(line as usize - 1).map(str::to_owned),
        }
    }

    /// The diagnostic: BP029 for a spent budget, else BP024, at the file's
    /// line and column under `templates/`.
    pub(crate) fn diagnostic(self) -> Diagnostic {
        let code = if self.budget {
            Code::TemplateBudget
        } else {
            Code::TemplateOverride
        };
        let mut d = Diagnostic::error(
            code,
            Path::new("templates").join(&self.file),
            Pos::new(self.line, self.column),
            format!("template error: {}", self.detail),
        );
        d.snippet = self.line_text;
        d.with_hint(Some(if self.budget {
            "templates need short loops and no recursion".into()
        } else {
            "use the values the built-in template of that name uses; there is nothing \
             for the environment, the clock or files"
                .into()
        }))
    }
}

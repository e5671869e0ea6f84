//! The template engine's sandbox, shared by the body pass (`resolve`) and the
//! HTML templates (`html`): a MiniJinja environment that can reach only the
//! values it is given, with hard budgets enforced by the engine itself.
//!
//! - No environment, clock, randomness or files: MiniJinja has no such
//!   functions, its `loader` feature (the only file access) is not built, and
//!   `{% include %}` finds only templates added to the environment in memory.
//!   The `debug()` global (a dump of the whole state) is removed.
//! - Fuel ([`FUEL`]): every instruction and every 64 bytes a template
//!   creates cost one unit, so no loop, doubling string or macro can run or
//!   grow without end; the engine stops it where it runs out.
//! - Recursion ([`RECURSION_LIMIT`]): recursive macros and include cycles stop
//!   with an error long before the stack does, even on a worker thread.
//! - Output ([`output::Capped`]): rendering writes into a writer that fails
//!   once the output passes the caller's cap.
//!
//! Tera's spellings that papers already use keep working, and values print
//! as they did under Tera (`format.rs`): `range(end=N)` and
//! `split(pat=",")` (see `functions.rs`), and `join(sep=...)`,
//! `default(value=...)`, `replace(from=..., to=...)`, `truncate(length=...)`
//! (`keyword_filters.rs`).

pub(crate) mod failure;
mod format;
mod functions;
mod keyword_filters;
mod output;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

pub(crate) use failure::Failure;

/// Fuel for one render: instructions plus one per 64 bytes created. The
/// demo's bodies use at most 348 and its pages at most 2,162 (measured with
/// `State::fuel_levels` over a demo build); this also bounds what one render
/// can allocate to about 32 MB.
pub(crate) const FUEL: u64 = 500_000;

/// MiniJinja's recursion counter limit (a macro call counts about 10). Far
/// below the engine's own 500, so a render on a worker thread's smaller stack
/// is safe too.
pub(crate) const RECURSION_LIMIT: usize = 100;

/// Words in every spent-budget message, so callers can give it its own code.
pub(crate) const BUDGET_SPENT: &str = "over the template budget";

/// A sandboxed environment: budgets on, autoescaping as `escape` says for
/// every template whatever its name, undefined values an error (except when
/// only tested, as in `{% if x %}`), and a template's last newline kept.
pub(crate) fn environment(escape: AutoEscape) -> Environment<'static> {
    let mut env = Environment::new();
    env.remove_global("debug");
    env.add_function("range", functions::range);
    env.add_filter("split", functions::split);
    env.add_filter("join", keyword_filters::join);
    env.add_filter("default", keyword_filters::default);
    env.add_filter("replace", keyword_filters::replace);
    env.add_filter("truncate", keyword_filters::truncate);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_auto_escape_callback(move |_| escape.clone());
    env.set_formatter(format::format);
    let mut syntax = minijinja::syntax::SyntaxConfig::builder();
    syntax.keep_trailing_newline(true);
    if let Ok(syntax) = syntax.build() {
        env.set_syntax(syntax);
    }
    env
}

/// Renders template `name` of `env` with `ctx`, failing once the output
/// passes `cap` bytes.
pub(crate) fn render(
    env: &Environment<'_>,
    name: &str,
    ctx: Value,
    cap: usize,
) -> Result<String, Failure> {
    let template = env.get_template(name).map_err(|e| Failure::new(&e, None))?;
    let mut out = output::Capped::new(cap);
    match template.render_captured_to(ctx, &mut out) {
        Ok(_) => Ok(out.into_string()),
        Err(e) => Err(Failure::new(&e, out.overflow())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole surface a template can call besides filters and tests:
    /// nothing reads the environment, the clock, randomness or files.
    #[test]
    fn only_pure_globals_are_reachable() {
        let env = environment(AutoEscape::None);
        let names: Vec<&str> = env.globals().map(|(name, _)| name).collect();
        assert_eq!(names, ["dict", "namespace", "range"]);
        for call in ["get_env(name=\"HOME\")", "now()", "get_random()", "debug()"] {
            let r = env.render_str(&format!("{{{{ {call} }}}}"), ());
            let kind = r.err().map(|e| e.kind());
            assert_eq!(kind, Some(minijinja::ErrorKind::UnknownFunction), "{call}");
        }
    }

    #[test]
    fn a_loaderless_include_finds_no_file() {
        let env = environment(AutoEscape::None);
        let r = env.render_str("{% include \"/etc/hostname\" %}", ());
        let kind = r.err().map(|e| e.kind());
        assert_eq!(kind, Some(minijinja::ErrorKind::TemplateNotFound));
    }
}

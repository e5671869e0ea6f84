//! How a value prints, kept as it was under Tera so that pages stay byte
//! for byte the same: `none` prints nothing, and HTML escaping turns
//! `& < > " ' /` into `&amp; &lt; &gt; &quot; &#x27; &#x2F;`.

use minijinja::{escape_formatter, AutoEscape, Error, Output, State, Value};

/// The environment's formatter.
pub(crate) fn format(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_none() {
        return Ok(());
    }
    if !matches!(state.auto_escape(), AutoEscape::Html) || value.is_safe() {
        return escape_formatter(out, state, value);
    }
    out.write_str(&escape_html(&value.to_string()))
        .map_err(Error::from)
}

/// `text` escaped as the templates escape a value (the `/` too, as Tera did).
pub(crate) fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#x27;"),
            '/' => escaped.push_str("&#x2F;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use minijinja::{context, AutoEscape};

    #[test]
    fn escapes_as_tera_did_and_prints_none_as_nothing() {
        let mut env = super::super::environment(AutoEscape::Html);
        let r = env.add_template("t", "{{ s }}|{{ n }}|{{ s | safe }}");
        assert!(r.is_ok());
        let out = env
            .get_template("t")
            .and_then(|t| t.render(context!(s => "<a href='/x'>&\"", n => ())));
        assert_eq!(
            out.ok().as_deref(),
            Some("&lt;a href=&#x27;&#x2F;x&#x27;&gt;&amp;&quot;||<a href='/x'>&\"")
        );
    }
}

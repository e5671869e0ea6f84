//! The pages in view: every open preview page asks `/__version?page=PATH`
//! ten times a second, and every page served is asked for; the renderer
//! renders these first after a change (and a page asked for while it is
//! still to be rendered jumps the queue).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A page counts as in view this long after it last asked (a browser
/// slows the timers of a tab in the background to about once a second).
const IN_VIEW: Duration = Duration::from_secs(10);

/// The most pages remembered (a page path is at most 8 KiB).
const MAX_PAGES: usize = 256;

/// The pages in view, with when each last asked.
#[derive(Debug, Default)]
pub(crate) struct Focus {
    seen: Mutex<HashMap<String, Instant>>,
}

impl Focus {
    /// `page` (an output path such as `lpt/a.html`) is in view now.
    pub(crate) fn see(&self, page: &str) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if seen.len() >= MAX_PAGES {
            seen.retain(|_, at| now.duration_since(*at) < IN_VIEW);
        }
        if seen.len() < MAX_PAGES || seen.contains_key(page) {
            seen.insert(page.to_owned(), now);
        }
    }

    /// The pages in view, the one that asked last first.
    pub(crate) fn pages(&self) -> Vec<String> {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let mut recent: Vec<(&String, &Instant)> = seen
            .iter()
            .filter(|(_, at)| now.duration_since(**at) < IN_VIEW)
            .collect();
        recent.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        recent.into_iter().map(|(p, _)| p.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_page_asked_for_comes_first() {
        let focus = Focus::default();
        focus.see("lpt/a.html");
        std::thread::sleep(Duration::from_millis(2));
        focus.see("nhft/b.html");
        assert_eq!(focus.pages(), ["nhft/b.html", "lpt/a.html"]);
        focus.see("lpt/a.html");
        assert_eq!(focus.pages()[0], "lpt/a.html");
    }

    #[test]
    fn the_memory_is_bounded() {
        let focus = Focus::default();
        for i in 0..1000 {
            focus.see(&format!("t/{i}.html"));
        }
        assert_eq!(focus.pages().len(), MAX_PAGES);
    }
}

//! The whole front end on arbitrary sources: config, one trust file and one
//! paper (front matter and body) to HTML pages and index pages. The input
//! is split on the first two `\x00` bytes; with fewer, the fixed config
//! and trust are used. Must never panic, hang or overflow the stack.

#![no_main]

use boardpaper::fuzzing::{front_end, CONFIG, TRUST};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parts: Vec<&str> = text.splitn(3, '\0').collect();
    let _ = match parts.as_slice() {
        [config, trust, paper] => front_end(config, trust, paper),
        [trust, paper] => front_end(CONFIG, trust, paper),
        [paper] => front_end(CONFIG, TRUST, paper),
        _ => Vec::new(),
    };
});

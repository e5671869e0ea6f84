//! The PDF renderer on arbitrary Markdown bodies: layout, pagination and
//! writing. Must never panic, hang or overflow the stack.

#![no_main]

use boardpaper::fuzzing::pdf_layout;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(body) = std::str::from_utf8(data) {
        let _ = pdf_layout(body);
    }
});

//! `boardpaper import` on arbitrary bytes: input starting `PK` is the whole
//! .docx (the bounded zip reading); anything else is word/document.xml of
//! a valid package (the XML bounds, the body walk, the cover-sheet
//! mapping). The paper it writes goes through check and the HTML renderer.
//! Must never panic, hang or exhaust memory.

#![no_main]

use boardpaper::fuzzing::{import_docx, import_docx_xml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = if data.starts_with(b"PK") {
        import_docx(data)
    } else {
        import_docx_xml(data)
    };
});

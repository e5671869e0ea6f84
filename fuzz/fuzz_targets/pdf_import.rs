//! The import of a trust's own PDF paper into a board pack, on arbitrary
//! bytes: reading (page tree, outline, named destinations, structure) and
//! writing the pack that copies its pages. Must never panic, hang or
//! overflow the stack.

#![no_main]

use boardpaper::fuzzing::pdf_import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pdf_import(data);
});

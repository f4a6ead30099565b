//! An AWS API Reference page (`codegen::parse::apiref`), in either Markdown flavour. Asserts
//! only: no panic.
#![no_main]

use std::path::Path;

use awsdoc_codegen::parse::apiref;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = apiref::parse_page(Path::new("svc/API_Page.md"), &text);
});

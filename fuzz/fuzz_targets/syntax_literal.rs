//! A Request/Response Syntax literal (`codegen::syntax`), then the field-tree builder
//! (`codegen::tree`) on what it parsed, with no field list. Asserts only: no panic.
#![no_main]

use std::path::Path;

use awsdoc_codegen::parse::{syntax, tree};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = Path::new("svc/client/op.rst");
    if let Ok(literal) = syntax::parse_literal(&text, 1, file) {
        let mut warnings = Vec::new();
        let _ = tree::build_body(&literal, &[], file, &mut warnings);
    }
});

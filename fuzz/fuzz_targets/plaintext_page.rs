//! A plain-text page (`codegen::plaintext`, with `syntax`, `tree` and `markup` under it); a
//! page with an operation is then assembled as a one-page service (`codegen::assemble`).
//! Asserts only: no panic.
#![no_main]

use std::path::Path;

use awsdoc_codegen::model::assemble::{assemble, ServicePages};
use awsdoc_codegen::parse::plaintext;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(page) = plaintext::parse_page(Path::new("svc/client/op.txt"), &text) else { return };
    let pages = ServicePages { name: "svc".into(), methods: vec![page], ..Default::default() };
    let _ = assemble(&pages);
});

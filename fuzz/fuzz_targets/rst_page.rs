//! An RST page (`codegen::rst`, with `syntax`, `tree` and `markup` under it); a method page
//! with an operation is then assembled as a one-page service (`codegen::assemble`) and
//! exported (`codegen::export`). Asserts only: no panic.
#![no_main]

use std::path::Path;

use awsdoc_codegen::model::assemble::{assemble, ServicePages};
use awsdoc_codegen::{export, parse::rst};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pages = match rst::parse_page(Path::new("svc/client/op.rst"), &text) {
        Ok(rst::RstPage::Method(page)) => ServicePages { name: "svc".into(), methods: vec![page], ..Default::default() },
        Ok(rst::RstPage::Index(index)) => ServicePages { name: "svc".into(), index: Some(index), ..Default::default() },
        Ok(rst::RstPage::Resource) | Err(_) => return,
    };
    if let Ok(assembled) = assemble(&pages) {
        let _ = export::service_json(&assembled.service);
        let _ = export::paginators_json(&assembled.service);
    }
});

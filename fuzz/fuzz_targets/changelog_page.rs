//! An "AWS API changes" page (`codegen::changelog`, with `plaintext`, `syntax` and `tree`
//! under it); its `Changes` dicts are checked against the page, then it is applied to an
//! empty service (`codegen::apply`), assembled and checked against the model. Asserts only:
//! no panic.
#![no_main]

use std::path::Path;

use awsdoc_codegen::model::apply::{apply_changelogs, check_changelogs};
use awsdoc_codegen::model::assemble::{assemble, ServicePages};
use awsdoc_codegen::parse::changelog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(mut log) = changelog::parse_page(Path::new("svc/changelogs/2023-02-08.txt"), &text) else { return };
    log.set_class_name("Svc");
    for method in &log.methods {
        let _ = method.check();
    }
    let logs = [log];
    let mut pages = ServicePages { name: "svc".into(), ..Default::default() };
    let _ = apply_changelogs(&mut pages, &logs, "0000-00-00");
    if let Ok(assembled) = assemble(&pages) {
        let _ = check_changelogs(&assembled.service, &logs);
    }
});

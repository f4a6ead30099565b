//! Writes the emitter's fixture model as a crate, to check that the generated code builds
//! and is clippy- and rustdoc-clean before real models exist:
//!
//! ```text
//! cargo run -p awsdoc-codegen --example emit_fixture -- generated
//! ```

use std::path::PathBuf;

use awsdoc_codegen::emit::{emit_crate, fixture, write_crate};

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: emit_fixture CRATE_DIR");
        std::process::exit(2);
    };
    let files = emit_crate(&[fixture::dynamodb()]);
    if let Err(e) = write_crate(&dir, &files) {
        eprintln!("emit_fixture: {}: {e}", dir.display());
        std::process::exit(1);
    }
    println!("wrote {} files to {}", files.len(), dir.display());
}

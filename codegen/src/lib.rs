//! boto3's AWS API documentation → one model → a typed Rust client crate.
//!
//! The folders are the pipeline's stages, each testable alone:
//!
//! 1. [`docs`] finds each service's files; [`parse`] holds one parser per documentation form
//!    (boto3's RST pages, their plain-text copies, changelog pages, the AWS API Reference),
//!    each producing page trees;
//! 2. [`model`] is the one intermediate model and the passes that build it: `assemble`
//!    merges a service's method pages into it, `apply` applies changelogs, `reference` adds
//!    the API Reference's wire facts, names and widths;
//! 3. [`emit`] writes the crate (quote + prettyplease), [`export`] writes botocore-format JSON;
//! 4. [`generate`] runs the whole, writing aside and swapping, incrementally.

pub mod docs;
pub mod emit;
pub mod export;
pub mod fingerprint;
pub mod generate;
pub mod model;
pub mod parallel;
pub mod parse;

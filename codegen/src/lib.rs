//! boto3's AWS API documentation → one model → a typed Rust client crate.
//!
//! Stages, each testable alone: a parser per documentation form (`rst`, `plaintext`,
//! `changelog`) produces [`page`] trees; [`assemble`] merges a service's pages into the
//! [`model`]; `emit` writes the crate and `export` writes botocore-format JSON.

pub mod apply;
pub mod assemble;
pub mod changelog;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod export;
pub mod fingerprint;
pub mod generate;
pub mod markup;
pub mod model;
pub mod page;
pub mod parallel;
pub mod plaintext;
pub mod rst;
pub mod select;
pub mod syntax;
pub mod tree;
pub mod wire;

//! boto3's AWS API documentation → one model → a typed Rust client crate.
//!
//! Stages, each testable alone: a parser per documentation form (`rst`, `plaintext`,
//! `changelog`) produces [`page`] trees; [`assemble`] merges a service's pages into the
//! [`model`]; `emit` writes the crate and `export` writes botocore-format JSON.

pub mod assemble;
pub mod export;
pub mod model;
pub mod page;

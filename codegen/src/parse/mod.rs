//! Parsers, one module per documentation form, each producing the page trees of [`page`]
//! (and [`apiref`] its own), with file:line diagnostics and never a panic.
//!
//! * [`rst`]: boto3's reStructuredText pages; [`plaintext`]: the same pages copied as text;
//! * [`changelog`]: "AWS API changes" pages;
//! * [`apiref`]: the AWS API Reference's Markdown pages;
//! * shared by the boto3 forms: [`syntax`] (Request/Response Syntax literals), [`tree`]
//!   (a literal merged with its field list), [`markup`] (RST inline markup → Markdown);
//! * [`xml`]: the XML of the API Reference's syntax blocks and sample responses.

pub mod apiref;
pub mod changelog;
pub mod markup;
pub mod page;
pub mod plaintext;
pub mod rst;
pub mod syntax;
pub mod tree;
pub mod xml;

//! whosaid: who is named in news text, and who said what.
//!
//! whosaid reads news articles in bulk and finds, in each one, the people, countries and
//! organisations it names, the quotes it contains, and who said them. Names are found with
//! gazetteers (Aho-Corasick over alias lists) and rules; quotes with quote marks, speech verbs
//! and ordered attribution sieves.
//!
//! # Example
//!
//! ```
//! use whosaid::Pipeline;
//!
//! let pipeline = Pipeline::builtin()?;
//! let text = "\"We will not give up,\" Mr Obama said. Barack Obama spoke in Iran.";
//! let analysis = pipeline.analyze(text);
//! let quote = &analysis.quotes[0];
//! let speaker = quote.speaker.as_ref().and_then(|s| s.entity).map(|e| analysis.entity(e));
//! assert_eq!(speaker.map(|e| &*e.canonical), Some("Barack Obama"));
//! # Ok::<(), whosaid::gazetteer::GazetteerError>(())
//! ```
//!
//! The stages, in order: [`text`] (words and sentences), [`gazetteer`] (lists and the alias
//! matcher), [`entities`] (mentions and their resolution), [`quotes`] (quote spans and speakers),
//! [`pipeline`] (the stages together, and the batch runner). [`corpus`] reads inputs,
//! [`output`] writes CSV and JSONL, [`eval`] scores against gold files.
#![warn(missing_docs)]

pub mod analysis;
pub mod corpus;
pub mod document;
pub mod entities;
pub mod eval;
pub mod gazetteer;
pub mod output;
pub mod pipeline;
pub mod quotes;
mod reuse;
pub mod text;
mod wordmap;

pub use analysis::{
    Analysis, Entity, EntityType, Form, Gender, Mention, Quote, QuoteKind, Speaker,
};
pub use document::{Document, Span};
pub use pipeline::{BatchOptions, Pipeline, PipelineBuilder};

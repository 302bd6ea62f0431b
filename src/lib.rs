//! whosaid: who is named in news text, and who said what.
pub mod analysis;
pub mod corpus;
pub mod document;
pub mod output;
pub mod quotes;

pub use analysis::{Analysis, Entity, EntityType, Form, Gender, Mention, Quote, QuoteKind, Speaker};
pub use document::{Document, Span};

//! One document's analysis as rows: the values of the CSV columns and JSONL fields, with byte
//! spans turned into code point offsets.

use serde::Serialize;

use crate::analysis::{Analysis, Entity, EntityIndex};
use crate::document::{CharOffsets, Span};

/// A row of `mentions.csv` without its `doc_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MentionRow<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The mention as written.
    pub text: &'a str,
    /// `PERSON`, `COUNTRY` or `ORG`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The entity's id.
    pub entity_id: &'a str,
    /// The entity's canonical name.
    pub canonical: &'a str,
    /// How the mention names it (`name`, `short`, …).
    pub form: &'static str,
}

/// A row of `quotes.csv` without its `doc_id`; `None` is an empty cell (JSON `null`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteRow<'a> {
    /// The quote's position among the document's quotes, from 0.
    pub quote_index: usize,
    /// `direct`, `partial` or `indirect`.
    pub kind: &'static str,
    /// First code point of the quoted content.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The quoted content.
    pub text: &'a str,
    /// The canonical name of the resolved speaker, else the speaker as written.
    pub speaker: Option<&'a str>,
    /// The resolved speaker's entity id.
    pub speaker_id: Option<&'a str>,
    /// The resolved speaker's type.
    pub speaker_type: Option<&'static str>,
    /// The speaker as written ("He", "Mr Kerry").
    pub speaker_text: Option<&'a str>,
    /// First code point of the speaker as written.
    pub speaker_start: Option<usize>,
    /// One past its last code point.
    pub speaker_end: Option<usize>,
    /// The cue ("said", "according to").
    pub cue: Option<&'a str>,
    /// The sieve that decided the speaker.
    pub rule: &'a str,
}

/// Renders one document's rows.
pub struct Rows<'a> {
    text: &'a str,
    analysis: &'a Analysis,
    offsets: Offsets,
}

impl<'a> Rows<'a> {
    /// Prepares the rows of `analysis`, whose spans point into `text`.
    pub fn new(text: &'a str, analysis: &'a Analysis) -> Rows<'a> {
        Rows {
            text,
            analysis,
            offsets: Offsets::new(text, analysis),
        }
    }

    /// The mention rows, in text order.
    pub fn mentions(&self) -> impl Iterator<Item = MentionRow<'a>> + '_ {
        self.analysis.mentions.iter().map(|mention| {
            let entity = self.entity(mention.entity);
            MentionRow {
                start: self.offsets.get(mention.span.start),
                end: self.offsets.get(mention.span.end),
                text: self.slice(mention.span),
                kind: entity.map_or("", |e| e.kind.as_str()),
                entity_id: entity.map_or("", |e| &e.id),
                canonical: entity.map_or("", |e| &e.canonical),
                form: mention.form.as_str(),
            }
        })
    }

    /// The quote rows, in text order.
    pub fn quotes(&self) -> impl Iterator<Item = QuoteRow<'a>> + '_ {
        self.analysis
            .quotes
            .iter()
            .enumerate()
            .map(|(index, quote)| {
                let speaker = quote.speaker.as_ref();
                let written = speaker.map(|s| self.slice(s.span));
                let entity = speaker.and_then(|s| s.entity).and_then(|i| self.entity(i));
                QuoteRow {
                    quote_index: index,
                    kind: quote.kind.as_str(),
                    start: self.offsets.get(quote.span.start),
                    end: self.offsets.get(quote.span.end),
                    text: self.slice(quote.span),
                    speaker: entity.map(|e| &*e.canonical).or(written),
                    speaker_id: entity.map(|e| &*e.id),
                    speaker_type: entity.map(|e| e.kind.as_str()),
                    speaker_text: written,
                    speaker_start: speaker.map(|s| self.offsets.get(s.span.start)),
                    speaker_end: speaker.map(|s| self.offsets.get(s.span.end)),
                    cue: quote.cue.map(|cue| self.slice(cue)),
                    rule: quote.rule,
                }
            })
    }

    /// The entity an index names; `None` only if the analysis is inconsistent.
    fn entity(&self, index: EntityIndex) -> Option<&'a Entity> {
        self.analysis.entities.get(index as usize)
    }

    /// The text of a span; empty rather than a panic if the span is out of place.
    fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Byte → code point offsets for every span of one analysis, computed in one pass over the
/// text (spans come in several interleaved orders: quotes, speakers, cues).
struct Offsets {
    /// `None` for ASCII text, where the offsets are the same.
    table: Option<Vec<(usize, usize)>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str, analysis: &Analysis) -> Offsets {
        let len = text.len();
        if text.is_ascii() {
            return Offsets { table: None, len };
        }
        let mut bytes: Vec<usize> = Vec::new();
        let mut add = |span: Span| bytes.extend([span.start.min(len), span.end.min(len)]);
        analysis.mentions.iter().for_each(|m| add(m.span));
        for quote in &analysis.quotes {
            add(quote.span);
            quote.speaker.iter().for_each(|s| add(s.span));
            quote.cue.into_iter().for_each(&mut add);
        }
        bytes.sort_unstable();
        bytes.dedup();
        let mut chars = CharOffsets::new(text);
        let table = bytes
            .into_iter()
            .map(|b| (b, chars.char_offset(b)))
            .collect();
        Offsets {
            table: Some(table),
            len,
        }
    }

    /// The code point offset of a byte offset taken from the analysis.
    fn get(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let Some(table) = &self.table else {
            return byte;
        };
        match table.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(at) => table[at].1,
            // Every span was put in the table; this is only reached for a foreign offset.
            Err(_) => 0,
        }
    }
}

/// The number of code points in a text.
pub(crate) fn char_count(text: &str) -> usize {
    text.chars().count()
}

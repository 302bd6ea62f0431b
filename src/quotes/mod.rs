//! Quotes and who said them.
//!
//! [`find`] reads one document and returns its quotes in text order:
//! - `direct` and `partial` quotes are spans between paired quote marks ([`marks`]); scare
//!   quotes, titles and nicknames (short or title-cased fragments with no cue verb in the
//!   sentence) are left out;
//! - `indirect` quotes are reported speech found around cue verbs ([`indirect`]).
//!
//! Speakers come from ordered sieves ([`attribute`]); each quote names the sieve that decided in
//! [`Quote::rule`]. The cue verbs are data: `gazetteers/cue_verbs.tsv`, loaded as a
//! [`CueLexicon`].
//!
//! Everything works inside sentence windows, so the cost is linear in the text length.

mod attribute;
mod indirect;
mod layout;
mod lexicon;
mod marks;
mod window;
mod words;

pub use lexicon::{CueKind, CueLexicon, QuoteDataError};

use crate::analysis::{Entity, Gender, Mention, Quote};

/// What [`find`] reads: the text and the entity mentions already found in it.
#[derive(Clone, Copy, Debug)]
pub struct QuoteContext<'a> {
    /// The document text; every span is a byte range into it.
    pub text: &'a str,
    /// Entity mentions in text order, never overlapping; person spans exclude titles.
    pub mentions: &'a [Mention],
    /// The entities the mentions index.
    pub entities: &'a [Entity],
    /// The gender of each entity, parallel to `entities` (`Unknown` for non-persons).
    pub genders: &'a [Gender],
}

/// Finds every quote (direct, partial, indirect) in text order and attributes it.
pub fn find(lexicon: &CueLexicon, cx: &QuoteContext<'_>) -> Vec<Quote> {
    let layout = layout::Layout::new(cx.text);
    let marked = marks::find(cx.text, &layout);
    let doc = window::Doc {
        text: cx.text,
        marked: &marked,
        lexicon,
        cx,
    };
    let mut quotes = attribute::marked_quotes(&doc, &layout);
    quotes.extend(indirect::find(&doc, &layout));
    quotes.sort_by_key(|q| (q.span.start, q.span.end, q.kind));
    quotes
}

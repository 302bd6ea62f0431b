//! Quotes between quote marks: which are speech, their kind, and their speaker.
//!
//! Speakers are found by ordered sieves; the first that answers names itself in `Quote::rule`:
//! 1. `cue-after` / `inverted` / `according-to` / `quoted-as-saying`: a cue right after the
//!    closing mark (`"…," Mr Kerry said`, `said the minister`, `according to X`).
//! 2. `cue-before` / `colon`: a cue earlier in the sentence (`Kerry said: "…"`, `He added: "…"`,
//!    `Zarif warned that the "…"`), or a bare colon lead-in (`Kerry: "…"`).
//! 3. `cue-after`: a cue later in the sentence (`the "…" of IS, Zarif warned`).
//! 4. `follow-on`: a quote with no cue inherits the speaker of the quote just before it, in the
//!    same or the previous paragraph.
//! 5. `nearest`: the nearest person mentioned in the same or the previous sentence.
//! 6. `none`.

use crate::analysis::{Quote, QuoteKind, Speaker};
use crate::document::Span;

use super::layout::Layout;
use super::lexicon::CueKind;
use super::marks::Marked;
use super::window::{is_break, Cue, CueSort, Doc, Place, Window};
use super::words::is_verb_modifier;

/// How far (in tokens) a cue after the closing mark may be to count as adjacent.
const ADJACENT: usize = 14;
/// The longest sentence (in bytes) taken for a reporting clause after a quote.
const REPORTING_SENTENCE: usize = 60;
/// How far before a full quote a cue may be (`Kerry told reporters on Monday: "…"`).
const LEAD_IN: usize = 10;

/// A quote's place in its window.
struct Frame {
    /// First token after the opening mark … last token before the closing mark.
    open: usize,
    /// First token after the closing mark.
    after: usize,
    /// First token of the writer's words before the quote (after any earlier quote).
    lo: usize,
    /// One past the last of the writer's words after the quote (before any later quote).
    hi: usize,
}

/// The speaker a sieve found.
struct Found {
    speaker: Option<Speaker>,
    cue: Option<Span>,
    rule: &'static str,
}

/// Finds the marked quotes that are speech, with their kinds and speakers.
pub(crate) fn marked_quotes(doc: &Doc<'_>, layout: &Layout) -> Vec<Quote> {
    let mut quotes = Vec::new();
    // The last attributed quote: its paragraph and speaker, for follow-on quotes.
    let mut previous: Option<(usize, Speaker)> = None;
    for m in doc.marked {
        let (Some(first), Some(mut last)) = (
            layout.sentence_at(m.open.start),
            layout.sentence_at(m.close.start),
        ) else {
            continue;
        };
        // A quote that ends its sentence ("We will." John Kerry said.) may have its speaker in
        // a short reporting sentence right after it, in the same paragraph.
        let ends_sentence = doc.text[m.close.end..layout.sentences[last].end.max(m.close.end)]
            .trim()
            .is_empty();
        let reporting_next = layout.sentences.get(last + 1).is_some_and(|next| {
            next.len() <= REPORTING_SENTENCE
                && layout.sentence_paragraph.get(last + 1) == layout.sentence_paragraph.get(last)
        });
        if ends_sentence && reporting_next {
            last += 1;
        }
        let window_span = Span::new(
            layout.sentences[first].start.min(m.open.start),
            layout.sentences[last].end.max(m.close.end),
        );
        let w = doc.window(window_span);
        let frame = frame(&w, m);
        let any_cue = (0..w.tokens.len()).any(|i| doc.cue_at(&w, i).is_some());
        if !any_cue && !is_speech(doc, &w, m, &frame) {
            continue;
        }
        let kind = kind(doc, &w, m, &frame);
        let paragraph = layout.paragraph_at(m.open.start).unwrap_or(0);
        let found = sieves(doc, &w, &frame, kind)
            .or_else(|| follow_on(layout, m, paragraph, previous.as_ref()))
            .or_else(|| nearest(doc, layout, m, first))
            .unwrap_or(Found {
                speaker: None,
                cue: None,
                rule: "none",
            });
        if let Some(speaker) = &found.speaker {
            previous = Some((paragraph, speaker.clone()));
        }
        quotes.push(Quote {
            kind,
            span: m.content,
            speaker: found.speaker,
            cue: found.cue,
            rule: found.rule,
        });
    }
    quotes
}

/// Locates the quote's marks among the window's tokens.
fn frame(w: &Window, m: &Marked) -> Frame {
    let open = w.tokens.partition_point(|t| t.span.start < m.open.start);
    let after = w.tokens.partition_point(|t| t.span.start < m.close.end);
    let mut lo = open;
    while lo > 0 && w.places[lo - 1] == Place::Out {
        lo -= 1;
    }
    let mut hi = after;
    while hi < w.tokens.len() && w.places[hi] == Place::Out {
        hi += 1;
    }
    Frame {
        open,
        after,
        lo,
        hi,
    }
}

/// Without a cue nearby, is this quoted text still speech rather than a scare quote, a title or
/// a nickname?
fn is_speech(doc: &Doc<'_>, w: &Window, m: &Marked, frame: &Frame) -> bool {
    let content = m.content.slice(doc.text);
    let words: Vec<&str> = content
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|s| !s.is_empty())
        .collect();
    // A colon lead-in ("issued a statement: "…"") or a whole short sentence ("We will
    // appeal.") is speech however short.
    let lead_in = frame.open > 0 && w.tokens[frame.open - 1].is(':');
    let sentence = words.len() >= 2
        && content.starts_with(char::is_uppercase)
        && content.trim_end().ends_with(['.', '?', '!']);
    if lead_in || sentence {
        return true;
    }
    if words.len() <= 3 {
        return false;
    }
    // A nickname between first and last name: Dwayne "The Rock" Johnson.
    let capitalised = |i: usize| {
        doc.out_word(w, i)
            && doc
                .word(w, i)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    if frame.open > 0 && capitalised(frame.open - 1) && capitalised(frame.after) {
        return false;
    }
    // A title: every longer word capitalised, no sentence punctuation.
    let ends_sentence = content.ends_with(['.', '?', '!', ',', ':', ';', '…']);
    let title_case = words
        .iter()
        .filter(|w| w.chars().count() > 3)
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    !(title_case && !ends_sentence && words.len() <= 10)
}

/// Direct when the quote is a sentence of its own or follows a lead-in; partial otherwise.
fn kind(doc: &Doc<'_>, w: &Window, m: &Marked, frame: &Frame) -> QuoteKind {
    let content = m.content.slice(doc.text);
    let starts_upper = content
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !starts_upper {
        return QuoteKind::Partial;
    }
    let lead_in = frame.open == frame.lo
        || w.tokens
            .get(frame.open.wrapping_sub(1))
            .is_some_and(|t| t.is(':') || t.is(',') || t.is('—'))
        || doc.cue_at(w, frame.open.wrapping_sub(1)).is_some();
    if lead_in || content.ends_with(['.', '?', '!']) && content.split_whitespace().count() > 6 {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

/// The cue-based sieves, in order.
fn sieves(doc: &Doc<'_>, w: &Window, frame: &Frame, kind: QuoteKind) -> Option<Found> {
    cue_after(doc, w, frame, true)
        .or_else(|| cue_before(doc, w, frame, kind))
        .or_else(|| cue_after(doc, w, frame, false))
}

/// A cue after the closing mark: adjacent (within a few tokens) or anywhere in the sentence.
fn cue_after(doc: &Doc<'_>, w: &Window, frame: &Frame, adjacent: bool) -> Option<Found> {
    let mut start = frame.after;
    while start < frame.hi && matches!(w.tokens[start].punct, Some(',' | '—' | '–' | '-' | '…'))
    {
        start += 1;
    }
    let limit = if adjacent {
        frame.hi.min(start + ADJACENT)
    } else {
        frame.hi
    };
    let mut i = start;
    while i < limit {
        if adjacent && is_break(&w.tokens[i]) {
            return None;
        }
        if let Some(cue) = doc.cue_at(w, i) {
            // In the far search, a subject can start after any earlier punctuation.
            let lo = if adjacent {
                start
            } else {
                (start..i)
                    .rev()
                    .find(|&j| !doc.out_word(w, j))
                    .map_or(start, |j| j + 1)
            };
            if let Some(found) = speaker_of(doc, w, cue, lo, frame.hi, "cue-after") {
                return Some(found);
            }
            if adjacent {
                return None;
            }
        }
        i += 1;
    }
    None
}

/// A cue before the opening mark in the same sentence, or a colon lead-in.
fn cue_before(doc: &Doc<'_>, w: &Window, frame: &Frame, kind: QuoteKind) -> Option<Found> {
    let colon = frame.open > frame.lo && w.tokens[frame.open - 1].is(':');
    let reach = match kind {
        QuoteKind::Direct => frame.open.saturating_sub(LEAD_IN).max(frame.lo),
        _ => frame.lo,
    };
    // Speech verbs first: in "X argued that he fears the "…"", X is the speaker.
    for speech_only in [true, false] {
        for i in (reach..frame.open).rev() {
            let Some(cue) = doc.cue_at(w, i) else {
                continue;
            };
            if cue.last >= frame.open || speech_only && cue.sort == CueSort::Verb(CueKind::Belief) {
                continue;
            }
            let rule = if colon { "colon" } else { "cue-before" };
            if let Some(found) = speaker_of(doc, w, cue, frame.lo, frame.open, rule) {
                return Some(found);
            }
        }
    }
    if !colon {
        return None;
    }
    // "Kerry: …" names the speaker right before the colon (a known name, or a few words);
    // "He put it this way: …" names it at the start.
    let named = doc
        .subject_before(w, frame.open - 1, frame.lo)
        .map(|phrase| (phrase, doc.speaker(phrase)))
        .filter(|(phrase, speaker)| {
            speaker.entity.is_some() || phrase.slice(doc.text).split_whitespace().count() <= 4
        });
    let speaker = match named {
        Some((_, speaker)) => speaker,
        None => doc.speaker(doc.sentence_subject(w, frame.lo, frame.open - 1)?),
    };
    Some(Found {
        speaker: Some(speaker),
        cue: None,
        rule: "colon",
    })
}

/// The speaker a cue names, with the rule describing how. The subject comes first; when there
/// is none and nothing stands before the cue (its first token is `lo`), the verb is inverted
/// (`said Kerry`); after "and"/"but" the subject is the sentence's.
fn speaker_of(
    doc: &Doc<'_>,
    w: &Window,
    cue: Cue,
    lo: usize,
    hi: usize,
    rule: &'static str,
) -> Option<Found> {
    let inverted = cue.first <= lo;
    let subject = || {
        if inverted {
            return None;
        }
        // The word before the verb, past any adverbs: "and (later) said", ", saying".
        let before = (lo..cue.first)
            .rev()
            .find(|&i| !is_verb_modifier(doc.word(w, i)));
        let participle =
            doc.word(w, cue.first).ends_with("ing") && before.is_some_and(|i| w.tokens[i].is(','));
        if participle {
            return doc.sentence_subject(w, lo, cue.first);
        }
        doc.subject_before(w, cue.first, lo).or_else(|| {
            let joined = before.is_some_and(|i| is_coordinator(doc.word(w, i)));
            joined
                .then(|| doc.sentence_subject(w, lo, cue.first))
                .flatten()
        })
    };
    let (phrase, rule) = match cue.sort {
        CueSort::According => (doc.phrase_after(w, cue.last, hi)?, "according-to"),
        CueSort::QuotedAs => (subject()?, "quoted-as-saying"),
        CueSort::Verb(_) => match subject() {
            Some(subject) => (subject, rule),
            None if inverted => (doc.phrase_after(w, cue.last, hi)?, "inverted"),
            None => return None,
        },
    };
    Some(Found {
        speaker: Some(doc.speaker(phrase)),
        cue: Some(doc.span(w, cue.first, cue.last)),
        rule,
    })
}

/// "and", "but": a second verb sharing the sentence's subject.
fn is_coordinator(word: &str) -> bool {
    word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("but")
}

/// A quote with no cue right after the previous attributed quote inherits its speaker.
fn follow_on(
    layout: &Layout,
    m: &Marked,
    paragraph: usize,
    previous: Option<&(usize, Speaker)>,
) -> Option<Found> {
    let (prev_paragraph, speaker) = previous?;
    if paragraph > prev_paragraph + 1 {
        return None;
    }
    // A new paragraph must open with the quote to continue the previous speaker.
    if paragraph != *prev_paragraph {
        let starts = layout
            .paragraphs
            .get(paragraph)
            .is_some_and(|p| p.start == m.open.start);
        if !starts {
            return None;
        }
    }
    Some(Found {
        speaker: Some(speaker.clone()),
        cue: None,
        rule: "follow-on",
    })
}

/// The nearest person in the quote's sentence, else the last one of the previous sentence.
fn nearest(doc: &Doc<'_>, layout: &Layout, m: &Marked, first: usize) -> Option<Found> {
    let sentence = layout.sentences.get(first)?;
    let window = Span::new(
        sentence.start.min(m.open.start),
        m.close.end.max(sentence.end),
    );
    let found = doc.nearest_person(window, m.content).or_else(|| {
        let previous = layout.sentences.get(first.checked_sub(1)?)?;
        doc.nearest_person(*previous, Span::new(previous.end, previous.end))
    })?;
    Some(Found {
        speaker: Some(Speaker {
            span: found.span,
            entity: Some(found.entity),
        }),
        cue: None,
        rule: "nearest",
    })
}

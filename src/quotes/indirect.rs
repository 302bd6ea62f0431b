//! Reported speech without quote marks, sentence by sentence:
//! - `according-to`: "According to X, …" and "…, according to X."
//! - `cue-after`: "…, X said." and "…, said X." (the content is the clause before the comma);
//! - `cue-before`: "X said (that) …", "X told Y (that) …" (the content runs to the sentence end).

use crate::analysis::{Quote, QuoteKind};
use crate::document::Span;

use super::layout::Layout;
use super::lexicon::CueKind;
use super::window::{is_break, Cue, CueSort, Doc, Place, Window};
use super::words::{
    is_determiner, is_narration_verb, is_object_pronoun, is_preposition, is_subordinator,
    is_time_word,
};

/// Most tokens allowed between a reporting clause's comma and the sentence end: ", he said on
/// Monday in an interview with reporters."
const TAIL: usize = 14;

/// How far back from the sentence end a reporting clause between commas may start: "…, said
/// Ann Lee, a doctor who has worked at the clinic in the north of the city since 1990."
const REACH: usize = 40;

/// Finds indirect quotes in every sentence of the text.
pub(crate) fn find(doc: &Doc<'_>, layout: &Layout) -> Vec<Quote> {
    let mut quotes = Vec::new();
    for index in 0..layout.sentences.len() {
        // Sentences without a cue hold no reported speech.
        let Some(w) = doc.sentence_with_cue(index) else {
            continue;
        };
        let Some(end) = content_end(&w) else {
            continue;
        };
        // "…, X said.": that cue is taken, and so is every cue inside its content.
        let claimed = cue_at_end(doc, &w, end);
        let taken = |cue: &Cue| {
            let at = w.tokens[cue.first].span.start;
            claimed.as_ref().is_some_and(|q| {
                q.span.start <= at && at < q.span.end || q.cue.is_some_and(|c| c.start == at)
            })
        };
        quotes.extend(claimed.clone());
        let mut i = 0;
        while i < end {
            match doc.report_cue_at(&w, i) {
                Some(cue) if !taken(&cue) => {
                    i = cue.last + 1;
                    if let Some(quote) = cue_then_content(doc, &w, cue, end) {
                        // A cue inside the content is part of what was reported ("said he
                        // expects …"), not a second report.
                        i = i.max(w.tokens.partition_point(|t| t.span.start < quote.span.end));
                        // Two cues can report the same content ("said and added that …").
                        if quotes.last().is_none_or(|q: &Quote| q.span != quote.span) {
                            quotes.push(quote);
                        }
                    }
                }
                _ => i += 1,
            }
        }
    }
    quotes
}

/// One past the last token of the sentence that can be content: final punctuation and closing
/// marks are not.
fn content_end(w: &Window) -> Option<usize> {
    let mut end = w.tokens.len();
    while end > 0 && w.tokens[end - 1].punct.is_some() {
        end -= 1;
    }
    (end > 0).then_some(end)
}

/// "…, X said." / "…, said X." / "…, according to X." with the content before the comma;
/// also "…, said X, a doctor at …" and "…, he said, …" (the content is then the whole sentence).
fn cue_at_end(doc: &Doc<'_>, w: &Window, end: usize) -> Option<Quote> {
    let mut last = true;
    let mut i = end;
    while i > end.saturating_sub(REACH) {
        i -= 1;
        if is_break(&w.tokens[i]) || w.places[i] != Place::Out {
            return None;
        }
        if w.tokens[i].is(',') {
            if let Some(quote) = attribution_after(doc, w, i, end, last) {
                return Some(quote);
            }
            if last && end - i > TAIL {
                return None;
            }
            last = false;
        }
    }
    None
}

/// The reporting clause that starts after the comma at token `comma`, if there is one. After
/// the last comma of the sentence it runs to the end; after an earlier one it is a clause of its
/// own between commas.
fn attribution_after(
    doc: &Doc<'_>,
    w: &Window,
    comma: usize,
    end: usize,
    last: bool,
) -> Option<Quote> {
    // Content ending with a closing quote mark is a direct quote, attributed elsewhere.
    if comma < 3 || w.places[comma - 1] != Place::Out || last && end - comma > TAIL {
        return None;
    }
    let until = if last {
        end
    } else {
        (comma + 1..end).find(|&i| w.tokens[i].is(','))?
    };
    let cue = (comma + 1..until).find_map(|i| doc.cue_at(w, i))?;
    // Only adjuncts may follow: ", he said on Monday", ", she told reporters", not a clause.
    // A noun phrase follows only a verb that takes a hearer (", she told the committee") or
    // an inverted verb (", said the minister"): ", Clinton said the crisis …" reports what
    // follows instead.
    if let Some(next) = (cue.last + 1 < until).then(|| doc.word(w, cue.last + 1)) {
        let inverted = cue.first == comma + 1;
        let noun_phrase = (inverted || takes_object(doc.word(w, cue.first)))
            && (is_object_pronoun(next)
                || is_determiner(next)
                || next.starts_with(|c: char| c.is_uppercase()));
        let adjunct = is_preposition(next) || is_time_word(next) || noun_phrase;
        if !adjunct || !last && until - cue.last > 5 {
            return None;
        }
    }
    let (phrase, rule) = match cue.sort {
        CueSort::According => (doc.phrase_after(w, cue.last, until)?, "according-to"),
        CueSort::Verb(CueKind::Speech) | CueSort::QuotedAs => {
            if cue.first == comma + 1 {
                (doc.phrase_after(w, cue.last, until)?, "inverted")
            } else {
                (doc.subject_before(w, cue.first, comma + 1)?, "cue-after")
            }
        }
        CueSort::Verb(_) => return None,
    };
    // The subject must start right after the comma: ", officials said", not ", and then he said".
    if rule == "cue-after" && phrase.start != w.tokens[comma + 1].span.start {
        return None;
    }
    // A speaker named after the verb ends the clause: ", said the minister." or ", said Ann
    // Lee, a doctor", not ", said the family deserved better", which is reported content.
    if rule == "inverted" {
        let after = w.tokens.partition_point(|t| t.span.start < phrase.end);
        if after < until && !w.tokens[after].is(',') && !w.tokens[after].is('(') {
            return None;
        }
        // "Kasich, a Republican from Ohio, said the family …": the sentence opens with the
        // subject and an appositive, and what follows the verb is the content.
        let opening = first_content(w, 0);
        if doc
            .subject_before(w, cue.first, 0)
            .is_some_and(|s| opening.is_some_and(|o| s.start == w.tokens[o].span.start))
        {
            return None;
        }
    }
    // "…, he said, because …": the writer's words surround a parenthetical attribution.
    let parenthetical = !last
        && rule == "cue-after"
        && cue.last + 1 == until
        && !is_appositive_start(doc.word(w, until + 1));
    let content_end = if parenthetical { end } else { comma };
    let content = content_span(doc, w, first_content(w, 0)?, content_end)?;
    Some(Quote {
        kind: QuoteKind::Indirect,
        span: content,
        speaker: Some(doc.speaker(phrase)),
        cue: Some(doc.span(w, cue.first, cue.last)),
        rule,
    })
}

/// Words that open a phrase describing the speaker: ", a doctor", ", who …".
fn is_appositive_start(word: &str) -> bool {
    is_determiner(word)
        || ["who", "which", "whose"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
        || word.starts_with(|c: char| c.is_uppercase())
}

/// "X said (that) …", "X told Y …", "According to X, …".
fn cue_then_content(doc: &Doc<'_>, w: &Window, cue: Cue, end: usize) -> Option<Quote> {
    let (phrase, start, rule) = match cue.sort {
        CueSort::According => {
            let phrase = doc.phrase_after(w, cue.last, end)?;
            // "According to X, …": the content follows the comma after X.
            let comma = (cue.last + 1..end).find(|&i| w.tokens[i].is(','))?;
            (Some(phrase), comma + 1, "according-to")
        }
        CueSort::QuotedAs => return None,
        CueSort::Verb(_) => {
            if is_narration_verb(doc.word(w, cue.first)) {
                return None;
            }
            let start = content_start(doc, w, cue, end)?;
            let subject = doc
                .subject_before(w, cue.first, 0)
                .or_else(|| doc.sentence_subject(w, 0, cue.first));
            // Without a subject only "… that" or "asked whether …" is clearly reported content.
            if subject.is_none() && !is_complementizer(doc.word(w, start)) {
                return None;
            }
            (subject, start, "cue-before")
        }
    };
    // "While he acknowledged X, Ham noted Y": a report inside a leading subordinate clause
    // ends with that clause.
    let end = match first_content(w, 0) {
        Some(lead) if is_subordinator(doc.word(w, lead)) => (start..end)
            .find(|&i| w.tokens[i].is(',') && w.places[i] == Place::Out)
            .unwrap_or(end),
        _ => end,
    };
    let content = content_span(doc, w, start, end)?;
    Some(Quote {
        kind: QuoteKind::Indirect,
        span: content,
        speaker: phrase.map(|p| doc.speaker(p)),
        cue: Some(doc.span(w, cue.first, cue.last)),
        rule,
    })
}

/// Where the reported content after a verb begins: at "that" if it comes within a few words
/// ("said on Monday that", "told reporters that"), else after the object of "told", else right
/// after the verb if a clause can start there.
fn content_start(doc: &Doc<'_>, w: &Window, cue: Cue, end: usize) -> Option<usize> {
    let next = cue.last + 1;
    if let Some(that) = (next..end.min(next + 8))
        .take_while(|&i| {
            (doc.out_word(w, i) || w.tokens[i].is(',')) && doc.report_cue_at(w, i).is_none()
        })
        .find(|&i| doc.word(w, i).eq_ignore_ascii_case("that"))
    {
        return Some(that);
    }
    let mut start = next;
    let verb = doc.word(w, cue.first);
    if takes_object(verb) {
        start = skip_object(doc, w, start, end);
    }
    while start < end && doc.out_word(w, start) && is_time_word(doc.word(w, start)) {
        start += 1;
    }
    if start >= end || !doc.out_word(w, start) {
        return None;
    }
    let first = doc.word(w, start);
    // "called for X", "referring to X", "vowed to fight": the particle's object is the content.
    if ["for", "about", "to", "with", "against", "out"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(first))
    {
        let object = start + 1;
        if object >= end || !doc.out_word(w, object) || is_time_word(doc.word(w, object)) {
            return None;
        }
        let noun = doc.word(w, object);
        let nominal = is_determiner(noun)
            || is_object_pronoun(noun)
            || noun.starts_with(|c: char| c.is_uppercase());
        let infinitive = first.eq_ignore_ascii_case("to") && !nominal;
        return Some(if infinitive { start } else { object });
    }
    // "said there had been …", "said this was …": a subject, not an adverb, when a word
    // follows.
    let subject = ["there", "this"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(first))
        && doc.out_word(w, start + 1)
        && !is_time_word(doc.word(w, start + 1));
    let blocked = is_preposition(first) && !subject
        || doc.lexicon.is_cue(first)
        || first.eq_ignore_ascii_case("it")
            && start + 1 < end
            && w.tokens[start + 1].punct.is_some();
    (!blocked).then_some(start)
}

/// Does this word, after a comma, start a new clause of the writer's: "but", "adding"?
fn starts_clause(doc: &Doc<'_>, word: &str) -> bool {
    [
        "and", "but", "while", "although", "though", "yet", "whereas",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(word))
        || word.ends_with("ing") && doc.lexicon.kind(word).is_some()
}

/// Does token `i` join a second report to the first: "said X and warned that Y"?
fn joins_report(doc: &Doc<'_>, w: &Window, i: usize) -> bool {
    let word = doc.word(w, i);
    (word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("but"))
        && doc.out_word(w, i)
        && doc.report_cue_at(w, i + 1).is_some()
}

/// Words that open reported content on their own: "that", "whether", "if", "how"…
fn is_complementizer(word: &str) -> bool {
    [
        "that", "whether", "if", "how", "why", "what", "when", "where", "who",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(word))
}

/// Verbs whose hearer comes before the content: "told reporters …", "assured them …".
fn takes_object(verb: &str) -> bool {
    [
        "tell", "tells", "told", "telling", "assured", "assures", "informed", "reminded", "warned",
        "urged",
    ]
    .iter()
    .any(|v| v.eq_ignore_ascii_case(verb))
}

/// Skips the object of "told": a pronoun, a capitalised name, or a short noun phrase.
fn skip_object(doc: &Doc<'_>, w: &Window, start: usize, end: usize) -> usize {
    let word = doc.word(w, start);
    if is_object_pronoun(word) {
        return start + 1;
    }
    let mut i = start;
    if is_determiner(word) {
        i += 1;
        // "the Associated Press", "the committee".
        let capitalised = i < end
            && doc
                .word(w, i)
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        if !capitalised {
            return (i + 1).min(end);
        }
    }
    while i < end
        && doc.out_word(w, i)
        && doc
            .word(w, i)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        i += 1;
    }
    i
}

/// The first token that can start content: skips leading punctuation.
fn first_content(w: &Window, from: usize) -> Option<usize> {
    (from..w.tokens.len()).find(|&i| w.tokens[i].is_word() || w.places[i] != Place::Out)
}

/// The content from token `start` to before token `end`, if it holds a few words and is not
/// all one quote (which would be a direct quote, found elsewhere).
fn content_span(doc: &Doc<'_>, w: &Window, start: usize, end: usize) -> Option<Span> {
    // The reported clause ends where the writer starts a new one: "; …", ", but …",
    // ", adding …", ", which …".
    let mut end = (start + 1..end)
        .find(|&i| {
            let token = &w.tokens[i];
            w.places[i] == Place::Out
                && (token.is(';')
                    || token.is(',') && starts_clause(doc, doc.word(w, i + 1))
                    || joins_report(doc, w, i))
        })
        .unwrap_or(end);
    while end > start && w.tokens[end - 1].punct.is_some() && w.places[end - 1] == Place::Out {
        end -= 1;
    }
    if end <= start {
        return None;
    }
    let words = (start..end).filter(|&i| w.tokens[i].is_word()).count();
    let own = (start..end).filter(|&i| doc.out_word(w, i)).count();
    if words < 2 || own == 0 || w.places[start] == Place::Mark && w.places[end - 1] == Place::Mark {
        return None;
    }
    Some(doc.span(w, start, end - 1))
}

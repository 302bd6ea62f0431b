//! A tokenised stretch of text (a sentence or a few) that knows which tokens are quoted, and the
//! phrase rules every sieve shares: finding cues, subjects and the speaker after an inverted verb.

use crate::analysis::{EntityType, Gender, Mention, Speaker};
use crate::document::Span;

use super::layout::{tokenize, Layout, Token};
use super::lexicon::{CueKind, CueLexicon, PHRASE_OPENERS};
use super::marks::Marked;
use super::words::{
    is_clause_opener, is_determiner, is_preposition, is_relative, is_subject_pronoun, is_time_word,
    is_verb_modifier, role_noun, Role,
};
use super::QuoteContext;

/// Where a token stands relative to the quotes of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// The writer's own words.
    Out,
    /// A quote mark of a paired quote.
    Mark,
    /// Inside a quote.
    Quoted,
}

/// How a cue introduces its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueSort {
    /// A verb from the lexicon: "said", "told", "believes".
    Verb(CueKind),
    /// "according to X".
    According,
    /// "X was quoted as saying".
    QuotedAs,
}

/// A cue found at tokens `first..=last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub first: usize,
    pub last: usize,
    pub sort: CueSort,
}

/// What a first look at the words finds: the sentences any sieve can read, and the cue kind
/// of each plain word (see [`crate::text::Word::plain`]).
struct Prescan {
    readable: Vec<bool>,
    /// Per word, when the lexicon is letters only; empty otherwise.
    word_kinds: Vec<Option<CueKind>>,
}

/// The sentences any sieve can read: those holding a cue word, and those a marked quote
/// spans, with the two sentences after it (where its reporting clause may be). Most sentences
/// of news text are neither, and are never tokenised. Marking more sentences than needed only
/// costs time: windows are cut by position.
fn prescan(cx: &QuoteContext, layout: &Layout, marked: &[Marked], lexicon: &CueLexicon) -> Prescan {
    let sentences = &layout.sentences;
    // Cue lists that are not plain ASCII letters are not pre-scanned.
    let mut readable = vec![!lexicon.letters_only(); sentences.len()];
    let mut word_kinds = Vec::new();
    if lexicon.letters_only() {
        let bytes = cx.text.as_bytes();
        // The quick test first, on every word; then the look-ups, for the one word in five or
        // so that passes it.
        let candidates = crate::text::select(cx.words, |word| {
            !word.plain | lexicon.may_open_cue(&bytes[word.span.range()])
        });
        word_kinds = vec![None; cx.words.len()];
        // Words never cross sentences, and both lists are in text order.
        let mut sentence = 0;
        for &i in &candidates {
            let word = &cx.words[i];
            let holds_cue = if word.plain {
                // A plain word is listed only when it passed the quick test.
                let letters = &bytes[word.span.range()];
                let kind = lexicon.look_up_letters(letters);
                word_kinds[i] = kind;
                kind.is_some() || opens_phrase_cue(letters)
            } else {
                holds_cue_word(word.text(cx.text), lexicon)
            };
            if !holds_cue {
                continue;
            }
            while sentences
                .get(sentence + 1)
                .is_some_and(|s| s.start <= word.span.start)
            {
                sentence += 1;
            }
            if let Some(flag) = readable.get_mut(sentence) {
                *flag = true;
            }
        }
    }
    for m in marked {
        if let (Some(first), Some(last)) = (
            layout.sentence_at(m.open.start),
            layout.sentence_at(m.close.start),
        ) {
            let end = (last + 3).min(readable.len());
            if first < end {
                readable[first..end].fill(true);
            }
        }
    }
    Prescan {
        readable,
        word_kinds,
    }
}

/// Where the token at `span` stands. `next` is the first quote that may hold it: tokens come
/// in text order, so it only moves forward, past the quotes that close before them.
fn place_of(marked: &[Marked], next: &mut usize, span: Span) -> Place {
    while marked.get(*next).is_some_and(|m| m.close.end <= span.start) {
        *next += 1;
    }
    match marked.get(*next) {
        Some(m) if m.open.start <= span.start => {
            if m.open.contains(&span) || m.close.contains(&span) {
                Place::Mark
            } else {
                Place::Quoted
            }
        }
        _ => Place::Out,
    }
}

/// Does the word hold a run of ASCII letters that can be a cue? When cue words are ASCII
/// letters (as the shipped list's are), such runs are all that needs looking up; a run inside
/// a longer token ("re-said") only makes the answer err towards yes.
fn holds_cue_word(word: &str, lexicon: &CueLexicon) -> bool {
    // Every run here is ASCII letters only, and there is none in most such words (numbers).
    word.as_bytes()
        .split(|b| !b.is_ascii_alphabetic())
        .filter(|letters| !letters.is_empty())
        .any(|letters| opens_phrase_cue(letters) || lexicon.kind_of_letters(letters).is_some())
}

/// Does the word open a cue of several words ("according to", "quoted as saying")?
fn opens_phrase_cue(word: &[u8]) -> bool {
    PHRASE_OPENERS
        .iter()
        .any(|opener| word.eq_ignore_ascii_case(opener))
}

/// Tokens of a stretch of text with their places: a view into the document's tokens.
#[derive(Clone, Copy)]
pub(crate) struct Window<'d> {
    pub tokens: &'d [Token],
    pub places: &'d [Place],
    /// The cue kind of each token, if its word is in the lexicon.
    kinds: &'d [Option<CueKind>],
    /// Per token: a cue may start there (a cue verb, "according" or "quoted").
    opens_cue: &'d [bool],
}

/// Everything the sieves read: the text, its quote marks, the mentions and the lexicon, and the
/// text's tokens, made once.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub marked: &'a [Marked],
    pub lexicon: &'a CueLexicon,
    pub cx: &'a QuoteContext<'a>,
    tokens: &'a [Token],
    places: Vec<Place>,
    kinds: Vec<Option<CueKind>>,
    opens_cue: Vec<bool>,
    /// For each sentence, the index of its first token; one more entry closes the last.
    sentence_tokens: Vec<usize>,
    /// For each sentence, does it hold a cue of any sort?
    sentence_cues: Vec<bool>,
}

impl<'a> Doc<'a> {
    /// Tokenises the sentences the sieves can read (see [`prescan`]) once, into `tokens`
    /// (empty), marking which tokens are quoted and which are cue words. Other sentences get
    /// no tokens.
    pub fn new(
        marked: &'a [Marked],
        lexicon: &'a CueLexicon,
        cx: &'a QuoteContext<'a>,
        layout: &Layout,
        tokens: &'a mut Vec<Token>,
    ) -> Doc<'a> {
        let text = cx.text;
        let sentences = &layout.sentences;
        let Prescan {
            readable,
            word_kinds,
        } = prescan(cx, layout, marked, lexicon);
        // A token every five bytes or so, in the sentences that are read.
        let read_bytes: usize = sentences
            .iter()
            .zip(&readable)
            .filter(|(_, &readable)| readable)
            .map(|(sentence, _)| sentence.len())
            .sum();
        tokens.reserve(read_bytes / 5);
        let mut sentence_tokens = Vec::with_capacity(sentences.len() + 1);
        for (&sentence, &readable) in sentences.iter().zip(&readable) {
            sentence_tokens.push(tokens.len());
            if readable {
                tokenize(text, sentence, tokens);
            }
        }
        sentence_tokens.push(tokens.len());
        // One pass over the tokens, sentence by sentence, finds each token's place and cue
        // kind; both the quotes and the words it walks alongside are in text order.
        let mut places = Vec::with_capacity(tokens.len());
        let mut kinds = Vec::with_capacity(tokens.len());
        let mut opens_cue = Vec::with_capacity(tokens.len());
        let mut sentence_cues = Vec::with_capacity(sentences.len());
        let (mut next, mut w) = (0, 0);
        for range in sentence_tokens.windows(2) {
            let mut holds_cue = false;
            for token in &tokens[range[0]..range[1]] {
                places.push(place_of(marked, &mut next, token.span));
                if !token.is_word() {
                    kinds.push(None);
                    opens_cue.push(false);
                    continue;
                }
                // A word token is most often one of the document's plain words, whose kind
                // the pre-scan knows.
                while cx
                    .words
                    .get(w)
                    .is_some_and(|word| word.span.start < token.span.start)
                {
                    w += 1;
                }
                let kind = match (cx.words.get(w), word_kinds.get(w)) {
                    (Some(word), Some(&kind)) if word.plain && word.span == token.span => kind,
                    _ => lexicon.kind(token.span.slice(text)),
                };
                let opens =
                    kind.is_some() || opens_phrase_cue(&text.as_bytes()[token.span.range()]);
                kinds.push(kind);
                opens_cue.push(opens);
                holds_cue |= opens;
            }
            sentence_cues.push(holds_cue);
        }
        Doc {
            text,
            marked,
            lexicon,
            cx,
            tokens,
            places,
            kinds,
            opens_cue,
            sentence_tokens,
            sentence_cues,
        }
    }

    /// The tokens of sentence `index`, or `None` when it holds no cue.
    pub fn sentence_with_cue(&self, index: usize) -> Option<Window<'_>> {
        if !self.sentence_cues.get(index).copied().unwrap_or(false) {
            return None;
        }
        let from = *self.sentence_tokens.get(index)?;
        let to = *self.sentence_tokens.get(index + 1)?;
        Some(self.slice(from, to))
    }

    /// The tokens inside `span`, which starts and ends at sentence boundaries.
    pub fn window(&self, span: Span) -> Window<'_> {
        let from = self.tokens.partition_point(|t| t.span.start < span.start);
        let to = from + self.tokens[from..].partition_point(|t| t.span.start < span.end);
        self.slice(from, to)
    }

    fn slice(&self, from: usize, to: usize) -> Window<'_> {
        Window {
            tokens: &self.tokens[from..to],
            places: &self.places[from..to],
            kinds: &self.kinds[from..to],
            opens_cue: &self.opens_cue[from..to],
        }
    }

    /// The text of token `i`.
    pub fn word<'w>(&'w self, w: &Window, i: usize) -> &'w str {
        w.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// Is token `i` one of the writer's words (not punctuation, not quoted)?
    pub fn out_word(&self, w: &Window, i: usize) -> bool {
        w.places.get(i) == Some(&Place::Out) && w.tokens.get(i).is_some_and(Token::is_word)
    }

    /// The speech or belief cue starting at token `i`, if one does.
    pub fn cue_at(&self, w: &Window, i: usize) -> Option<Cue> {
        self.report_cue_at(w, i)
            .filter(|cue| cue.sort != CueSort::Verb(CueKind::Evidence))
    }

    /// The cue starting at token `i`, evidence verbs ("a poll found") included.
    pub fn report_cue_at(&self, w: &Window, i: usize) -> Option<Cue> {
        if !w.opens_cue.get(i).copied().unwrap_or(false) || !self.out_word(w, i) {
            return None;
        }
        let word = self.word(w, i);
        if word.eq_ignore_ascii_case("according") && self.word(w, i + 1).eq_ignore_ascii_case("to")
        {
            return Some(Cue {
                first: i,
                last: i + 1,
                sort: CueSort::According,
            });
        }
        if word.eq_ignore_ascii_case("quoted") && self.word(w, i + 1).eq_ignore_ascii_case("as") {
            let last = if self.lexicon.is_cue(self.word(w, i + 2)) {
                i + 2
            } else {
                i + 1
            };
            return Some(Cue {
                first: i,
                last,
                sort: CueSort::QuotedAs,
            });
        }
        let kind = w.kinds.get(i).copied().flatten()?;
        // "the so-called", "a reported": a verb form used as an adjective.
        if i > 0 && self.word(w, i - 1).eq_ignore_ascii_case("the") {
            return None;
        }
        Some(Cue {
            first: i,
            last: i,
            sort: CueSort::Verb(kind),
        })
    }

    /// The span of tokens `first..=last`.
    pub fn span(&self, w: &Window, first: usize, last: usize) -> Span {
        Span::new(w.tokens[first].span.start, w.tokens[last].span.end)
    }

    /// The subject of the verb at token `verb`, read leftwards but not before token `lo`:
    /// "Mr Kerry (later) said", "Hugh Hill, a doctor at X, said", "officials who … said".
    pub fn subject_before(&self, w: &Window, verb: usize, lo: usize) -> Option<Span> {
        let mut end = verb;
        while end > lo && self.out_word(w, end - 1) && is_verb_modifier(self.word(w, end - 1)) {
            end -= 1;
        }
        // An appositive or relative clause between commas: the subject is before it.
        if end > lo + 1 && w.tokens[end - 1].is(',') && w.places[end - 1] == Place::Out {
            let limit = end.saturating_sub(18).max(lo);
            let mut p = end - 1;
            let mut opening = None;
            while p > limit {
                p -= 1;
                if w.places[p] != Place::Out || is_break(&w.tokens[p]) {
                    break;
                }
                if w.tokens[p].is(',') {
                    opening = Some(p);
                    break;
                }
            }
            end = opening?;
        }
        // A parenthesis after a name: "Elizabeth Warren (D-Mass.) said".
        if end > lo + 1 && w.tokens[end - 1].is(')') {
            let mut p = end - 1;
            while p > lo && !w.tokens[p].is('(') && end - p < 12 {
                p -= 1;
            }
            if w.tokens[p].is('(') {
                end = p;
            }
        }
        let mut start = end;
        while start > lo && end - start < 10 && self.joins_phrase(w, start - 1) {
            start -= 1;
        }
        // Cut at the last conjunction: "… and Kerry said" → "Kerry".
        if let Some(cut) = (start..end)
            .rev()
            .find(|&i| is_conjunction(self.word(w, i)))
        {
            start = cut + 1;
        }
        while start < end && is_clause_opener(self.word(w, start)) {
            start += 1;
        }
        if let Some(rel) = (start..end).find(|&i| is_relative(self.word(w, i))) {
            if self.word(w, rel).eq_ignore_ascii_case("whom") && rel + 1 < end {
                // "Clinton, whom he called …": the subject follows the object pronoun.
                start = rel + 1;
            } else {
                // "Barkley, who said …": with nothing before it, the relative pronoun is the
                // subject.
                end = if rel == start { rel + 1 } else { rel };
            }
        }
        // A subject never starts with a verb form of the lexicon: "said he" is inverted.
        if start >= end || self.lexicon.is_cue(self.word(w, start)) {
            return None;
        }
        Some(self.span(w, start, end - 1))
    }

    /// The speaker named after an inverted verb or "according to": "said Kerry", "said the
    /// minister", "according to officials in Paris". Reads rightwards up to token `hi`.
    pub fn phrase_after(&self, w: &Window, cue_last: usize, hi: usize) -> Option<Span> {
        let start = cue_last + 1;
        if start >= hi.min(w.tokens.len()) || !self.out_word(w, start) {
            return None;
        }
        let first = self.word(w, start);
        let blocked = is_preposition(first)
            || ["that", "it", "so", "this"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(first));
        if blocked || self.lexicon.is_cue(first) {
            return None;
        }
        let mut end = start;
        while end < hi.min(w.tokens.len())
            && end - start < 8
            && self.joins_phrase(w, end)
            && !is_relative(self.word(w, end))
            && (end == start || !self.lexicon.is_cue(self.word(w, end)))
        {
            end += 1;
        }
        // "said the minister." ends at the noun, not at the full stop.
        while end > start && w.tokens[end - 1].punct.is_some() {
            end -= 1;
        }
        (end > start).then(|| self.span(w, start, end - 1))
    }

    /// The subject of the clause that starts at token `lo` and holds the verb at `verb`: a
    /// pronoun, or a short run of capitalised words and determiners ("Sen. Rand Paul", "The
    /// company"), after any fronted adverbial ("In an interview Thursday, the senator …").
    pub fn sentence_subject(&self, w: &Window, lo: usize, verb: usize) -> Option<Span> {
        let mut start = lo;
        let opener = self.word(w, start);
        if is_clause_opener(opener) || is_time_word(opener) || is_verb_modifier(opener) {
            if let Some(comma) = (lo..verb).find(|&i| w.tokens[i].is(',')) {
                start = comma + 1;
            }
        }
        while start < verb && (!self.out_word(w, start) || is_clause_opener(self.word(w, start))) {
            if w.places[start] != Place::Out {
                return None;
            }
            start += 1;
        }
        if start >= verb {
            return None;
        }
        if is_subject_pronoun(self.word(w, start)) {
            return Some(w.tokens.get(start)?.span);
        }
        let mut end = start;
        while end < verb && end - start < 6 && self.joins_phrase(w, end) {
            let word = self.word(w, end);
            let fits = word.starts_with(|c: char| c.is_uppercase() || !c.is_alphanumeric())
                || (end == start && is_determiner(word))
                || role_noun(word).is_some();
            if !fits {
                break;
            }
            end += 1;
        }
        (end > start).then(|| self.span(w, start, end - 1))
    }

    /// Can token `i` be part of a name or noun phrase?
    fn joins_phrase(&self, w: &Window, i: usize) -> bool {
        w.places.get(i) == Some(&Place::Out)
            && w.tokens.get(i).is_some_and(|t| match t.punct {
                None => true,
                Some(c) => matches!(c, '.' | '\'' | '’' | '&'),
            })
    }

    /// The speaker a phrase names: a mention inside it, a pronoun or role noun resolved to an
    /// earlier mention, or the phrase itself with no entity.
    pub fn speaker(&self, phrase: Span) -> Speaker {
        let mentions = self.cx.mentions;
        let from = mentions.partition_point(|m| m.span.end <= phrase.start);
        let to = from + mentions[from..].partition_point(|m| m.span.start < phrase.end);
        let inside = &mentions[from..to];
        let best = inside
            .iter()
            .find(|m| self.kind_of(m) == Some(EntityType::Person))
            .or(inside.first());
        if let Some(m) = best {
            return Speaker {
                span: m.span,
                entity: Some(m.entity),
            };
        }
        let text = phrase.slice(self.text);
        let entity = self.refer_back(text, phrase.start);
        Speaker {
            span: phrase,
            entity,
        }
    }

    fn kind_of(&self, m: &Mention) -> Option<EntityType> {
        self.cx.entities.get(m.entity as usize).map(|e| e.kind)
    }

    /// What a pronoun or "the <role>" phrase refers back to: the last fitting mention before `pos`.
    fn refer_back(&self, phrase: &str, pos: usize) -> Option<u32> {
        let mut words = phrase.split_whitespace();
        let first = words.next()?;
        let rest: Vec<&str> = words.collect();
        if rest.is_empty() && is_subject_pronoun(first) {
            let fits: fn(EntityType, Gender) -> bool = match first.to_ascii_lowercase().as_str() {
                "he" => |t, g| t == EntityType::Person && g != Gender::Female,
                "she" => |t, g| t == EntityType::Person && g != Gender::Male,
                "it" => |t, _| t == EntityType::Org,
                _ => return None,
            };
            return self.last_mention(pos, fits);
        }
        if !first.eq_ignore_ascii_case("the") || rest.len() > 3 {
            return None;
        }
        let role = rest.iter().find_map(|w| role_noun(w))?;
        let fits: fn(EntityType, Gender) -> bool = match role {
            Role::Person => |t, _| t == EntityType::Person,
            Role::Org => |t, _| t == EntityType::Org,
            Role::Country => |t, _| t == EntityType::Country,
        };
        self.last_mention(pos, fits)
    }

    /// The last mention before `pos` whose entity fits, looking back a bounded number of mentions.
    pub fn last_mention(&self, pos: usize, fits: fn(EntityType, Gender) -> bool) -> Option<u32> {
        let mentions = self.cx.mentions;
        let upto = mentions.partition_point(|m| m.span.start < pos);
        mentions[..upto]
            .iter()
            .rev()
            .take(200)
            .find(|m| {
                let kind = self.kind_of(m);
                let gender = self
                    .cx
                    .genders
                    .get(m.entity as usize)
                    .copied()
                    .unwrap_or_default();
                kind.is_some_and(|k| fits(k, gender))
            })
            .map(|m| m.entity)
    }

    /// The person mention nearest to `target` inside `within` but outside any quote.
    pub fn nearest_person(&self, within: Span, target: Span) -> Option<&Mention> {
        let mentions = self.cx.mentions;
        let from = mentions.partition_point(|m| m.span.end <= within.start);
        mentions[from..]
            .iter()
            .take_while(|m| m.span.start < within.end)
            .filter(|m| self.kind_of(m) == Some(EntityType::Person))
            .filter(|m| !self.is_quoted(m.span))
            .min_by_key(|m| {
                if m.span.end <= target.start {
                    target.start - m.span.end
                } else {
                    m.span.start.saturating_sub(target.end)
                }
            })
    }

    /// Is `span` inside some quote's content?
    fn is_quoted(&self, span: Span) -> bool {
        let i = self.marked.partition_point(|m| m.close.end <= span.start);
        self.marked
            .get(i)
            .is_some_and(|m| m.content.start <= span.start && span.end <= m.content.end)
    }
}

/// Punctuation that ends a clause for the purpose of finding a subject.
pub(crate) fn is_break(token: &Token) -> bool {
    matches!(
        token.punct,
        Some('.' | '?' | '!' | ';' | ':' | '"' | '“' | '”' | '«' | '»' | '(' | ')' | '—' | '–')
    )
}

/// Conjunctions that join clauses; a subject starts after the last of them.
fn is_conjunction(word: &str) -> bool {
    [
        "and", "but", "as", "while", "when", "because", "though", "although", "if", "since",
        "after", "before", "that", "where", "whereas", "until", "unless", "so", "yet", "than",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(word))
}

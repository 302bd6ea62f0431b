//! Entity recognition: gazetteer hits and name rules → one non-overlapping set of mentions,
//! each linked to an entity, with short forms resolved inside the document.
//!
//! Every source of evidence proposes [`Candidate`] spans: the alias matcher, a title before a
//! capitalised name ("Foreign Minister Mohammed Javad Zarif"), a known first name before a
//! capitalised word ("David Kato"), a capitalised name before a speech verb ("Hugh Hill said"),
//! and a capitalised sequence ending in an organisation word ("Kenya Wildlife Service"). One
//! rule chooses among them: leftmost, then longest, then the gazetteer. Afterwards the document
//! itself is read for short forms: a surname stands for the person named in full elsewhere
//! ("Mr Kerry" → John Kerry), and an acronym defined in brackets binds for the document.

mod lexicon;

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use lexicon::is_function_word;
#[cfg(test)]
use lexicon::FUNCTION_WORDS;
pub use lexicon::{Lexicon, OrgWord, WordEntry};

use crate::analysis::{Entity, EntityIndex, EntityType, Form, Gender, Mention};
use crate::document::Span;
use crate::gazetteer::{Gazetteer, GazetteerError, Hit, Matcher, MAX_ALIAS_BYTES};
use crate::quotes::CueLexicon;
use crate::text::{self, Word};

/// The entities of one document: what [`Recognizer::find`] returns.
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// Gender of each entity, parallel to `entities` (`Unknown` for non-persons).
    pub genders: Vec<Gender>,
    /// Mentions in text order, never overlapping.
    pub mentions: Vec<Mention>,
}

/// Finds and links entity mentions. Built once, shared by all threads.
#[derive(Clone, Debug)]
pub struct Recognizer {
    matcher: Matcher,
    entities: Vec<Entity>,
    genders: Vec<Gender>,
    lexicon: Lexicon,
}

/// What a candidate span would link to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// An entity of the gazetteer.
    Known(u32),
    /// A name found by rules, not in the gazetteer.
    New(EntityType, Gender),
    /// A surname after a title: resolved against the document's full names, else new.
    Surname(Gender),
}

/// A proposed mention.
#[derive(Clone, Debug)]
struct Candidate {
    span: Span,
    target: Target,
    form: Form,
    /// Breaks ties between equal spans: the gazetteer is preferred to rules.
    priority: u8,
}

const FROM_GAZETTEER: u8 = 2;
const FROM_RULE: u8 = 1;

/// Is the word a capital followed by lower-case letters only ("Kerry", not "McCain", "NATO")?
fn is_plain_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
}

/// Last words of names defined with an acronym that are agreements, laws, plans or measures
/// rather than organisations.
const INSTRUMENT_HEADS: &[&str] = &[
    "Act",
    "Agreement",
    "Assessment",
    "Bill",
    "Convention",
    "Index",
    "Initiative",
    "Law",
    "Plan",
    "Policy",
    "Product",
    "Program",
    "Programme",
    "Project",
    "Protocol",
    "Rate",
    "Report",
    "Scheme",
    "Strategy",
    "System",
    "Treaty",
];

/// The acronym in brackets at the start of `rest`, as in "(IS)" after "Islamic State":
/// capitals (and digits, '-', '&') with 2 to 8 letters.
fn bracketed_acronym(rest: &str) -> Option<&str> {
    let inner = rest.strip_prefix('(')?;
    let acronym = &inner[..inner.find(')')?];
    let letters = acronym.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = acronym
        .chars()
        .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '&');
    ((2..=8).contains(&letters) && capitals).then_some(acronym)
}

/// Lower-case words that may stand inside an organisation's name: "Bank of England".
fn is_name_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "for" | "and" | "the" | "on" | "in" | "to" | "with" | "de" | "des" | "du" | "la"
    )
}

/// Do the capitalised words `first..=last` spell `initials`: the first word's initial first,
/// every capitalised word's initial next in order among the letters?
fn spells(doc: &Doc, first: usize, last: usize, initials: &[u8]) -> bool {
    let mut letters = initials.iter();
    let mut words = 0;
    for k in first..=last {
        let Some(&initial) = doc.word(k).as_bytes().first() else {
            return false;
        };
        if !doc.words[k].capitalised {
            continue;
        }
        words += 1;
        if k == first {
            if letters.next() != Some(&initial) {
                return false;
            }
        } else if !letters.any(|&l| l == initial) {
            return false;
        }
    }
    words >= 2
}

/// Lower-case words that may stand inside a name: "Omar al-Bashir", "Ursula von der Leyen".
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "bint", "ibn", "de", "del", "della", "da", "di", "du", "van", "von", "der", "den",
    "la", "le", "el", "dos", "das", "y",
];

/// Suffixes after a surname: "Martin Luther King Jr".
const NAME_SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

impl Recognizer {
    /// Compiles a gazetteer and word lists into a recognizer.
    pub fn new(gazetteer: &Gazetteer, lexicon: Lexicon) -> Result<Recognizer, GazetteerError> {
        let matcher = Matcher::new(gazetteer)?;
        let entities = gazetteer.entities().to_vec();
        let genders = entities
            .iter()
            .map(|e| match e.kind {
                EntityType::Person => first_word(&e.canonical)
                    .and_then(|w| lexicon.first_name(w))
                    .unwrap_or_default(),
                _ => Gender::Unknown,
            })
            .collect();
        Ok(Recognizer {
            matcher,
            entities,
            genders,
            lexicon,
        })
    }

    /// The alias matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The word lists.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Finds the entity mentions of a text, given its words (from [`text::words`]).
    pub fn find(&self, text: &str, words: &[Word], cues: &CueLexicon) -> Found {
        let hits = self.matcher.find_in(text, words);
        let doc = Doc::new(text, words, &hits, self);
        let mut candidates: Vec<Candidate> = hits
            .iter()
            .map(|hit| Candidate {
                span: hit.span,
                target: Target::Known(hit.entity),
                form: hit.form,
                priority: FROM_GAZETTEER,
            })
            .collect();
        self.titled_names(&doc, &hits, &mut candidates);
        self.first_named(&doc, &hits, &mut candidates);
        self.speakers(&doc, cues, &hits, &mut candidates);
        self.organisations(&doc, &hits, &mut candidates);
        self.defined_names(&doc, &mut candidates);
        self.teams(&doc, &hits, &mut candidates);
        let chosen = choose(candidates);
        let chosen = self.drop_name_parts(&doc, chosen);
        let mut found = Resolution::new(self, &doc);
        found.resolve(chosen);
        found.finish()
    }

    /// A title followed by capitalised words: the words are a person's name.
    fn titled_names(&self, doc: &Doc, hits: &[Hit], out: &mut Vec<Candidate>) {
        // Titles are capitalised words.
        let mut next = 0;
        for &i in &doc.capitalised {
            if i < next {
                continue;
            }
            let Some((title_len, gender)) = self.title_at(doc, i) else {
                continue;
            };
            let first = i + title_len;
            let end = doc.name_end(first);
            if end > first {
                let span = doc.span(first, end);
                let person = person_hit_inside(hits, &self.entities, span);
                let target = match person {
                    Some(entity) => Target::Known(entity),
                    None if end - first == 1 => Target::Surname(gender),
                    None => Target::New(EntityType::Person, gender),
                };
                let form = if person.is_some() {
                    Form::Name
                } else {
                    Form::Pattern
                };
                out.push(Candidate {
                    span,
                    target,
                    form,
                    priority: FROM_RULE,
                });
            }
            next = first.max(i + 1);
        }
    }

    /// The longest title starting at word `i`, as (words, gender it implies).
    fn title_at(&self, doc: &Doc, i: usize) -> Option<(usize, Gender)> {
        if doc.shouting[i] {
            return None;
        }
        doc.facts[i]
            .title
            .map(|(n, gender)| (usize::from(n), gender))
    }

    /// A known first name followed by capitalised words.
    fn first_named(&self, doc: &Doc, hits: &[Hit], out: &mut Vec<Candidate>) {
        for &i in &doc.capitalised {
            let word = doc.words[i];
            if word.upper || doc.shouting[i] {
                continue;
            }
            let Some(gender) = doc.facts[i].first_name else {
                continue;
            };
            let end = doc.name_end(i);
            if end < i + 2 || doc.facts[end - 1].org.is_some() {
                continue;
            }
            let span = doc.span(i, end);
            let (target, form) = match person_hit_inside(hits, &self.entities, span) {
                Some(entity) => (Target::Known(entity), Form::Name),
                None => (Target::New(EntityType::Person, gender), Form::Pattern),
            };
            out.push(Candidate {
                span,
                target,
                form,
                priority: FROM_RULE,
            });
        }
    }

    /// Two to four capitalised words right before a speech verb: "Hugh Hill said".
    fn speakers(&self, doc: &Doc, cues: &CueLexicon, hits: &[Hit], out: &mut Vec<Candidate>) {
        for i in doc.capitalised.iter().map(|&k| k + 1) {
            // Only a verb right after a capitalised word is looked up: few words are.
            let Some(&verb) = doc.words.get(i) else {
                continue;
            };
            if verb.capitalised || verb.after_punct || !cues.is_cue_word(doc.text, &verb) {
                continue;
            }
            let mut start = i;
            while start > 0 && i - start < 4 {
                let w = doc.words[start - 1];
                if !w.capitalised
                    || w.upper
                    || doc.shouting[start - 1]
                    || (start < i && doc.words[start].after_punct)
                {
                    break;
                }
                start -= 1;
                if w.sentence_start {
                    break;
                }
            }
            // Leading function words and titles are not part of the name.
            while start < i && (doc.facts[start].function || self.title_at(doc, start).is_some()) {
                start += 1;
            }
            if i - start < 2 || (start..i).any(|k| doc.facts[k].org.is_some()) {
                continue;
            }
            let span = doc.span(start, i);
            // Where the lists know the person, their match is the better span: the start of a
            // run before a verb is weak evidence ("Secretary of State John Kerry said").
            if person_hit_inside(hits, &self.entities, span).is_some() {
                continue;
            }
            let gender = doc.facts[start].first_name.unwrap_or_default();
            out.push(Candidate {
                span,
                target: Target::New(EntityType::Person, gender),
                form: Form::Pattern,
                priority: FROM_RULE,
            });
        }
    }

    /// A name defined with its acronym, "Sexual Minorities Uganda (SMUG)": the capitalised
    /// words whose initials spell the bracketed capitals, in order and from its first letter,
    /// name an organisation. [`Resolution`] then binds the acronym to it for the document.
    fn defined_names(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        let text = doc.text;
        for &last in &doc.capitalised {
            if !doc.name_like(last) {
                continue;
            }
            // The bracket may follow on the next line, as wire copy wraps.
            let Some(acronym) = bracketed_acronym(text[doc.words[last].span.end..].trim_start())
            else {
                continue;
            };
            let initials = acronym.as_bytes();
            if !(3..=8).contains(&initials.len()) {
                continue;
            }
            let mut first = last;
            while first > 0
                && last - first < 10
                && !doc.words[first].after_punct
                && !doc.words[first].sentence_start
                && (doc.name_like(first - 1) || is_name_connector(doc.word(first - 1)))
            {
                first -= 1;
            }
            // The longest run, starting on a capitalised word, whose initials spell the
            // acronym's letters in order, the first letter first.
            let start = (first..last).find(|&s| {
                doc.name_like(s) && !doc.facts[s].function && spells(doc, s, last, initials)
            });
            let Some(start) = start else {
                continue;
            };
            // "Hillary Rodham Clinton (HRC)" is a person, "Status of Forces Agreement (SOFA)"
            // a document: neither is an organisation.
            if doc.facts[start].first_name.is_some() || INSTRUMENT_HEADS.contains(&doc.word(last)) {
                continue;
            }
            out.push(Candidate {
                span: doc.span(start, last + 1),
                target: Target::New(EntityType::Org, Gender::Unknown),
                form: Form::Pattern,
                priority: FROM_RULE,
            });
        }
    }

    /// Capitalised sequences ending in an organisation word ("Kenya Wildlife Service"), or
    /// with one leading a complement ("Central Bank of Nigeria", "Ministry of Trade and Industry").
    fn organisations(&self, doc: &Doc, hits: &[Hit], out: &mut Vec<Candidate>) {
        let words = doc.words;
        let mut next = 0;
        for &i in &doc.capitalised {
            if i < next || !doc.name_like(i) {
                continue;
            }
            // A run of capitalised words. "of", "for" and "on" join only after a leading
            // organisation word, "the" and "and" only inside such a complement.
            let start = i;
            let mut end = i + 1;
            let mut complement = false;
            while end < words.len() && !words[end].after_punct && !words[end].sentence_start {
                if doc.name_like(end) {
                    end += 1;
                    continue;
                }
                let joins = match doc.word(end) {
                    "of" | "for" | "on" => doc.facts[end - 1].org == Some(OrgWord::Lead),
                    "the" => matches!(doc.word(end - 1), "of" | "for" | "on"),
                    "and" => complement,
                    "de" | "des" | "du" | "la" | "al" => true,
                    _ => false,
                };
                if !joins {
                    break;
                }
                complement |= matches!(doc.word(end), "of" | "for" | "on");
                end += 1;
            }
            next = end;
            // Trailing connectors are not part of the name.
            while end > start && !words[end - 1].capitalised {
                end -= 1;
            }
            let mut first = start;
            while first < end && (doc.facts[first].function || self.title_at(doc, first).is_some())
            {
                first += 1;
            }
            let stop = if complement {
                end
            } else {
                match (first + 1..end).rev().find(|&k| doc.facts[k].org.is_some()) {
                    Some(head) => head + 1,
                    None => continue,
                }
            };
            if stop < first + 2 {
                continue;
            }
            let mut span = doc.span(first, stop);
            // "Corp." and "Inc." keep their full stop.
            if matches!(doc.word(stop - 1), "Inc" | "Corp" | "Co" | "Ltd" | "Bhd")
                && doc.text[span.end..].starts_with('.')
            {
                span.end += 1;
            }
            // A country code right before belongs to the name: "U.S. Agriculture Department".
            if let Some(code) = hits_near(hits, span).iter().find(|h| {
                h.form == Form::Acronym
                    && h.span.end + 1 == span.start
                    && doc.text.as_bytes()[h.span.end] == b' '
                    && self.entities[h.entity as usize].kind == EntityType::Country
            }) {
                span.start = code.span.start;
            }
            out.push(Candidate {
                span,
                target: Target::New(EntityType::Org, Gender::Unknown),
                form: Form::Pattern,
                priority: FROM_RULE,
            });
        }
    }

    /// Teams on sports results lines: a name and a score, twice on a line ("Pohang 3 Ulsan 2"),
    /// or a name and a row of figures in a standings table ("Haitai 64 2 43 .596"). Once a
    /// name is a team on such a line, it is that team throughout the document.
    fn teams(&self, doc: &Doc, hits: &[Hit], out: &mut Vec<Candidate>) {
        let words = doc.words;
        // The flags rule out most words before their text is read: a number has no letter to
        // be capitalised or in lower case, and is not made of letters.
        let is_number = |k: usize| {
            words.get(k).is_some_and(|w| {
                !(w.capitalised || w.has_lower || w.plain)
                    && w.text(doc.text).bytes().all(|b| b.is_ascii_digit())
            })
        };
        // A results line has a capitalised word right before a number: only those lines are
        // read, from their first word.
        let mut line_starts: Vec<usize> = Vec::new();
        let mut last_line = None;
        for &c in &doc.capitalised {
            let line = words[c].line;
            // Each line is walked back once, so a long line costs no more than its length.
            if last_line != Some(line)
                && words.get(c + 1).is_some_and(|n| n.line == line)
                && is_number(c + 1)
            {
                last_line = Some(line);
                let before = words[..c].iter().rev().take_while(|w| w.line == line);
                line_starts.push(c - before.count());
            }
        }
        let mut teams: Vec<&str> = Vec::new();
        for line_start in line_starts {
            let line = words[line_start].line;
            let line_end = line_start
                + words[line_start..]
                    .iter()
                    .take_while(|w| w.line == line)
                    .count();
            // (first word, end word) of each name followed by a number on this line.
            let mut units: Vec<(usize, usize)> = Vec::new();
            let mut k = line_start;
            while k < line_end {
                if !doc.words[k].capitalised || is_number(k) {
                    k += 1;
                    continue;
                }
                let first = k;
                while k < line_end
                    && k - first < 3
                    && doc.words[k].capitalised
                    && !is_number(k)
                    && (k == first || !words[k].after_punct)
                {
                    k += 1;
                }
                if k < line_end && is_number(k) {
                    units.push((first, k));
                }
            }
            let numbers_after_first = units.first().map_or(0, |&(_, end)| {
                (end..line_end).take_while(|&n| is_number(n)).count()
            });
            let results_line = units.len() >= 2 || numbers_after_first >= 3;
            if results_line && units.first().is_some_and(|&(first, _)| first == line_start) {
                for &(first, end) in &units {
                    let span = doc.span(first, end);
                    let known = hits_near(hits, span).iter().any(|h| {
                        h.span.overlaps(&span)
                            && self.entities[h.entity as usize].kind != EntityType::Org
                    });
                    let initial = first > 0 && doc.is_initial(first - 1);
                    if !known && !initial && !doc.facts[first].function {
                        teams.push(span.slice(doc.text));
                    }
                }
            }
        }
        if teams.is_empty() {
            return;
        }
        teams.sort_unstable();
        teams.dedup();
        // A team starts with a capitalised word and then reads on from it: with the teams
        // sorted, those that can start at a word are the run that has its text as a prefix.
        for &k in &doc.capitalised {
            let word = words[k];
            let first = word.text(doc.text);
            let from = teams.partition_point(|team| *team < first);
            for team in teams[from..]
                .iter()
                .take_while(|team| team.starts_with(first))
            {
                let span = Span::new(word.span.start, word.span.start + team.len());
                if doc.text.get(span.range()) == Some(team)
                    && doc
                        .word_range(span)
                        .is_some_and(|(a, b)| a == k && words[b].span.end == span.end)
                {
                    out.push(Candidate {
                        span,
                        target: Target::New(EntityType::Org, Gender::Unknown),
                        form: Form::Pattern,
                        priority: FROM_RULE,
                    });
                }
            }
        }
    }

    /// Drops country names that are only part of a longer capitalised name: "Turkey Point",
    /// "Jordan Henderson", "New Mexico".
    fn drop_name_parts(&self, doc: &Doc, mut chosen: Vec<Candidate>) -> Vec<Candidate> {
        // `chosen` is sorted and never overlaps, so one binary search answers.
        let covered = |span: Span| {
            let at = chosen.partition_point(|c| c.span.end <= span.start);
            chosen.get(at).is_some_and(|c| c.span.overlaps(&span))
        };
        let name_like = |k: usize| {
            let w = doc.words[k];
            w.capitalised
                && !doc.shouting[k]
                && !doc.facts[k].function
                && self.title_at(doc, k).is_none()
                && !covered(w.span)
        };
        // Decide first, then drop in place: the test reads the whole list.
        let keep: Vec<bool> = chosen
            .iter()
            .map(|c| {
                let Target::Known(entity) = c.target else {
                    return true;
                };
                if self.entities[entity as usize].kind != EntityType::Country
                    || !matches!(c.form, Form::Name | Form::Alias)
                {
                    return true;
                }
                let Some((first, last)) = doc.word_range(c.span) else {
                    return true;
                };
                let before = first > 0
                    && !doc.words[first].after_punct
                    && !doc.words[first - 1].sentence_start
                    && name_like(first - 1);
                let after = last + 1 < doc.words.len()
                    && !doc.words[last + 1].after_punct
                    && !doc.words[last + 1].sentence_start
                    && name_like(last + 1);
                !(before || after)
            })
            .collect();
        let mut keep = keep.into_iter();
        chosen.retain(|_| keep.next().unwrap_or(true));
        chosen
    }
}

/// The words of a document and what the rules ask of them.
struct Doc<'t> {
    text: &'t str,
    words: &'t [Word],
    /// The indices of the capitalised words, where every rule starts: a quarter of the words.
    capitalised: Vec<usize>,
    /// Per word: it stands in a line written in capitals.
    shouting: Vec<bool>,
    /// Per word: see [`Doc::name_like`].
    name_like: Vec<bool>,
    /// Per word: a country or organisation alias starts there.
    other_entity: Vec<bool>,
    /// Per word: what the word lists say of it, looked up once.
    facts: Vec<Facts>,
}

/// What the word lists say of one word.
#[derive(Clone, Copy, Debug, Default)]
struct Facts {
    /// A title starts here: its length in words and the gender it implies.
    title: Option<(u8, Gender)>,
    /// A known first name, and its gender.
    first_name: Option<Gender>,
    /// An organisation word.
    org: Option<OrgWord>,
    /// A capitalised word that starts sentences or names times ("The", "Monday").
    function: bool,
}

impl<'t> Doc<'t> {
    fn new(text: &'t str, words: &'t [Word], hits: &[Hit], recognizer: &Recognizer) -> Doc<'t> {
        let entities = &recognizer.entities;
        let mut other_entity = vec![false; words.len()];
        for hit in hits
            .iter()
            .filter(|h| entities[h.entity as usize].kind != EntityType::Person)
        {
            if let Ok(k) = words.binary_search_by_key(&hit.span.start, |w| w.span.start) {
                other_entity[k] = true;
            }
        }
        let shouting = text::shouting(words);
        let capitalised = text::select(words, |word| word.capitalised);
        // A compound like "Louis-based", whose last part is in lower case, is no name. Only a
        // joined word has a hyphen inside.
        let lower_compound = |w: &Word| {
            w.joined
                && w.text(text)
                    .rsplit_once('-')
                    .is_some_and(|(_, last)| last.starts_with(char::is_lowercase))
        };
        let mut name_like = vec![false; words.len()];
        for &i in &capitalised {
            name_like[i] = !shouting[i] && !lower_compound(&words[i]);
        }
        let facts = Self::facts(text, words, &capitalised, &recognizer.lexicon);
        Doc {
            text,
            words,
            capitalised,
            shouting,
            name_like,
            other_entity,
            facts,
        }
    }

    /// What the lists say of each word; they hold capitalised words only.
    fn facts(text: &str, words: &[Word], capitalised: &[usize], lexicon: &Lexicon) -> Vec<Facts> {
        let mut buffer = String::new();
        let longest = lexicon.longest_title();
        let mut facts = vec![Facts::default(); words.len()];
        for &i in capitalised {
            facts[i] = {
                let w = words[i];
                let word = w.text(text);
                let entry = lexicon.entry(word);
                // Titles are matched in any casing: only "Xxxx" words are in the entry map.
                let title = if entry.title_start || !is_plain_capitalised(word) {
                    // Titles run over plain spaces only: "Secretary of State", not
                    // "Secretary, of".
                    let end = (i + 1..words.len().min(i + longest))
                        .find(|&k| words[k].after_punct)
                        .unwrap_or(words.len().min(i + longest));
                    let texts = words[i..end].iter().map(|w| w.text(text));
                    lexicon
                        .title_at(texts, &mut buffer)
                        .map(|(n, gender)| (n as u8, gender))
                } else {
                    None
                };
                Facts {
                    title,
                    first_name: if w.upper { None } else { entry.first_name },
                    org: entry.org,
                    function: entry.function,
                }
            };
        }
        facts
    }

    fn word(&self, i: usize) -> &'t str {
        self.words.get(i).map_or("", |w| w.text(self.text))
    }

    /// The span from the start of word `first` to the end of word `end - 1`.
    fn span(&self, first: usize, end: usize) -> Span {
        Span::new(self.words[first].span.start, self.words[end - 1].span.end)
    }

    /// The first and last word inside a span, if it starts and ends on words.
    fn word_range(&self, span: Span) -> Option<(usize, usize)> {
        let first = self
            .words
            .binary_search_by_key(&span.start, |w| w.span.start)
            .ok()?;
        let last = first
            + self.words[first..]
                .iter()
                .take_while(|w| w.span.end <= span.end)
                .count();
        (last > first).then_some((first, last - 1))
    }

    /// Where a personal name starting at word `first` ends: capitalised words, particles between
    /// them, initials, a suffix; at most five words, never across punctuation or a sentence end.
    fn name_end(&self, first: usize) -> usize {
        let mut end = first;
        while end < self.words.len() && end - first < 5 {
            let w = self.words[end];
            let text = w.text(self.text);
            let joined = end == first || !w.after_punct || self.is_initial(end - 1);
            if !joined || (end > first && w.sentence_start && !self.is_initial(end - 1)) {
                break;
            }
            if w.capitalised && !self.shouting[end] && !self.facts[end].function {
                let title = self.facts[end].title.is_some() && !NAME_SUFFIXES.contains(&text);
                if title || (end > first && self.other_entity[end]) {
                    break;
                }
                end += 1;
            } else if end > first
                && NAME_PARTICLES.contains(&text)
                && self
                    .words
                    .get(end + 1)
                    .is_some_and(|n| n.capitalised && !n.after_punct)
            {
                end += 1;
            } else {
                break;
            }
        }
        end
    }

    /// A capitalised word that can be part of a name: not in a headline in capitals, and not a
    /// compound like "Louis-based" whose last part is in lower case.
    fn name_like(&self, i: usize) -> bool {
        self.name_like[i]
    }

    /// A single capital followed by a full stop: "John F. Kennedy".
    fn is_initial(&self, i: usize) -> bool {
        let w = self.words[i];
        w.span.len() == 1 && w.capitalised && self.text[w.span.end..].starts_with('.')
    }
}

/// The hits that may overlap a span, out of all hits sorted by start: a binary search, so
/// that rules stay linear on huge documents. Aliases are shorter than [`MAX_ALIAS_BYTES`], and
/// their matches at most four times as long (accents, spaces).
fn hits_near(hits: &[Hit], span: Span) -> &[Hit] {
    let from = hits.partition_point(|h| h.span.start + 4 * MAX_ALIAS_BYTES < span.start);
    let to = hits.partition_point(|h| h.span.start < span.end);
    &hits[from..to.max(from)]
}

/// The longest gazetteer person inside a span, if any.
fn person_hit_inside(hits: &[Hit], entities: &[Entity], span: Span) -> Option<u32> {
    hits_near(hits, span)
        .iter()
        .filter(|h| {
            span.contains(&h.span) && entities[h.entity as usize].kind == EntityType::Person
        })
        .max_by_key(|h| (h.span.len(), std::cmp::Reverse(h.span.start)))
        .map(|h| h.entity)
}

/// Leftmost first, then longest, then the gazetteer: a non-overlapping set.
fn choose(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (
            a.span.start,
            std::cmp::Reverse(a.span.end),
            std::cmp::Reverse(a.priority),
        )
            .cmp(&(
                b.span.start,
                std::cmp::Reverse(b.span.end),
                std::cmp::Reverse(b.priority),
            ))
    });
    let mut chosen: Vec<Candidate> = Vec::with_capacity(candidates.len());
    let mut end = 0;
    for candidate in candidates {
        if candidate.span.start >= end {
            end = candidate.span.end;
            chosen.push(candidate);
        }
    }
    chosen
}

fn first_word(name: &str) -> Option<&str> {
    name.split_whitespace().next()
}

/// Are the words of `name` apart by single spaces, with no other white space?
fn is_single_spaced(name: &str) -> bool {
    // A leading space counts as following one.
    let mut after_space = true;
    for c in name.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space
}

/// The part of a name a surname stands for: the last word, before any suffix.
fn surname(name: &str) -> Option<&str> {
    let mut words = name
        .split_whitespace()
        .rev()
        .skip_while(|w| NAME_SUFFIXES.contains(&w.trim_end_matches('.')));
    let last = words.next()?;
    words.next().map(|_| last)
}

/// Builds the document's entity table from chosen candidates, resolving short forms.
struct Resolution<'r, 't> {
    recognizer: &'r Recognizer,
    doc: &'r Doc<'t>,
    found: Found,
    known: HashMap<u32, EntityIndex>,
    new: HashMap<(EntityType, String), EntityIndex>,
    /// The same, by the text as written: a name found again is not folded again.
    written: HashMap<(EntityType, &'t str), EntityIndex>,
}

impl<'r, 't> Resolution<'r, 't> {
    fn new(recognizer: &'r Recognizer, doc: &'r Doc<'t>) -> Self {
        Resolution {
            recognizer,
            doc,
            found: Found::default(),
            known: HashMap::default(),
            new: HashMap::default(),
            written: HashMap::default(),
        }
    }

    fn known(&mut self, entity: u32) -> EntityIndex {
        *self.known.entry(entity).or_insert_with(|| {
            self.found
                .entities
                .push(self.recognizer.entities[entity as usize].clone());
            self.found
                .genders
                .push(self.recognizer.genders[entity as usize]);
            (self.found.entities.len() - 1) as EntityIndex
        })
    }

    fn new_entity(&mut self, kind: EntityType, name: &'t str, gender: Gender) -> EntityIndex {
        if let Some(&index) = self.written.get(&(kind, name)) {
            return index;
        }
        let key = (kind, crate::gazetteer::fold_key(name));
        if let Some(&index) = self.new.get(&key) {
            self.written.insert((kind, name), index);
            return index;
        }
        let (kind, key) = key;
        let prefix = if kind == EntityType::Person {
            "person:"
        } else {
            "org:"
        };
        let mut id = String::with_capacity(prefix.len() + key.len());
        id.push_str(prefix);
        id.extend(key.chars().map(|c| if c == ' ' { '-' } else { c }));
        // One space between words, as in the gazetteer's names.
        let canonical: Arc<str> = if is_single_spaced(name) {
            name.into()
        } else {
            name.split_whitespace().collect::<Vec<_>>().join(" ").into()
        };
        self.found.entities.push(Entity {
            id: id.into(),
            canonical,
            kind,
        });
        self.found.genders.push(gender);
        let index = (self.found.entities.len() - 1) as EntityIndex;
        self.new.insert((kind, key), index);
        self.written.insert((kind, name), index);
        index
    }

    /// A word that names something else, or is a common capitalised word, is no surname on its
    /// own: "Ratan Tata" must not turn the company Tata into a person.
    fn can_be_surname(&self, word: &str) -> bool {
        let lexicon = &self.recognizer.lexicon;
        !is_function_word(word)
            && lexicon.title(word).is_none()
            && lexicon.org_word(word).is_none()
            && !self
                .recognizer
                .matcher
                .find_all(word)
                .iter()
                .any(|hit| self.recognizer.entities[hit.entity as usize].kind != EntityType::Person)
    }

    fn resolve(&mut self, chosen: Vec<Candidate>) {
        let text = self.doc.text;
        // Full names first, so that every surname can find its person wherever it stands.
        let mut surnames: HashMap<String, EntityIndex> = HashMap::default();
        let mut mentions: Vec<Mention> = Vec::with_capacity(chosen.len());
        let mut pending: Vec<(Span, Gender)> = Vec::new();
        for candidate in &chosen {
            let entity = match candidate.target {
                Target::Known(entity) => self.known(entity),
                Target::New(kind, gender) => {
                    self.new_entity(kind, candidate.span.slice(text), gender)
                }
                Target::Surname(gender) => {
                    pending.push((candidate.span, gender));
                    continue;
                }
            };
            let info = &self.found.entities[entity as usize];
            if info.kind == EntityType::Person {
                for name in [candidate.span.slice(text), &*info.canonical] {
                    let Some(last) = surname(name) else {
                        continue;
                    };
                    // The first person to claim a surname keeps it.
                    if !surnames.contains_key(last) && self.can_be_surname(last) {
                        surnames.insert(last.to_string(), entity);
                    }
                }
            }
            mentions.push(Mention {
                span: candidate.span,
                entity,
                form: candidate.form,
            });
        }
        // Surnames after titles: the document's person, else a person known by that name only.
        for (span, gender) in pending {
            let word = span.slice(text);
            let entity = match surnames.get(word) {
                Some(&entity) => entity,
                None => {
                    let entity = self.new_entity(EntityType::Person, word, gender);
                    surnames.insert(word.to_string(), entity);
                    entity
                }
            };
            mentions.push(Mention {
                span,
                entity,
                form: Form::Short,
            });
        }
        self.bare_surnames(&surnames, &mut mentions);
        self.defined_acronyms(&mut mentions);
        mentions.sort_by_key(|m| m.span.start);
        self.found.mentions = mentions;
    }

    /// A capitalised word equal to the surname of a person named in the document is that person,
    /// unless another mention covers it.
    fn bare_surnames(&self, surnames: &HashMap<String, EntityIndex>, mentions: &mut Vec<Mention>) {
        if surnames.is_empty() {
            return;
        }
        mentions.sort_by_key(|m| m.span.start);
        let mut added = Vec::new();
        for &k in &self.doc.capitalised {
            let word = self.doc.words[k];
            if self.doc.shouting[k] {
                continue;
            }
            let Some(&entity) = surnames.get(word.text(self.doc.text)) else {
                continue;
            };
            let at = mentions.partition_point(|m| m.span.end <= word.span.start);
            if !mentions
                .get(at)
                .is_some_and(|m| m.span.overlaps(&word.span))
            {
                added.push(Mention {
                    span: word.span,
                    entity,
                    form: Form::Short,
                });
            }
        }
        mentions.extend(added);
    }

    /// "Islamic State (IS)": the bracketed capitals name the mention before them, here and
    /// everywhere else in the document.
    fn defined_acronyms(&self, mentions: &mut Vec<Mention>) {
        let text = self.doc.text;
        let mut defined: HashMap<&str, EntityIndex> = HashMap::default();
        for m in mentions.iter() {
            if let Some(acronym) = bracketed_acronym(text[m.span.end..].trim_start_matches(' ')) {
                if self.found.entities[m.entity as usize].kind != EntityType::Person {
                    defined.entry(acronym).or_insert(m.entity);
                }
            }
        }
        if defined.is_empty() {
            return;
        }
        mentions.sort_by_key(|m| m.span.start);
        let mut added = Vec::new();
        // An acronym has no lower-case letter: the flag rules out most words before a look-up.
        for word in self.doc.words.iter().filter(|w| !w.has_lower) {
            let Some(&entity) = defined.get(word.text(text)) else {
                continue;
            };
            let mention = Mention {
                span: word.span,
                entity,
                form: Form::Acronym,
            };
            let at = mentions.partition_point(|m| m.span.end <= word.span.start);
            match mentions.get(at) {
                Some(m) if m.span == word.span => added.push((Some(at), mention)),
                Some(m) if m.span.overlaps(&word.span) => {}
                _ => added.push((None, mention)),
            }
        }
        for (replace, mention) in added {
            match replace {
                Some(at) => mentions[at] = mention,
                None => mentions.push(mention),
            }
        }
    }

    fn finish(self) -> Found {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZETTEER: &str = "id\ttype\tcanonical\talias\tform
Q1\tPERSON\tJohn Kerry\tJohn Kerry\tname
Q2\tPERSON\tBarack Obama\tBarack Obama\tname
iso:TUR\tCOUNTRY\tTurkey\tTurkey\tname
iso:JOR\tCOUNTRY\tJordan\tJordan\tname
iso:MEX\tCOUNTRY\tMexico\tMexico\tname
iso:FRA\tCOUNTRY\tFrance\tFrance\tname
iso:FRA\tCOUNTRY\tFrance\tFrench\tdemonym
iso:IRN\tCOUNTRY\tIran\tIran\tname
org:is\tORG\tIslamic State\tIslamic State\tname
";

    fn recognizer() -> Recognizer {
        let mut g = Gazetteer::new();
        g.add_tsv("test", GAZETTEER).unwrap();
        Recognizer::new(&g, Lexicon::builtin().unwrap()).unwrap()
    }

    /// (text, type, canonical, form) of every mention.
    fn mentions(text: &str) -> Vec<(String, &'static str, String, &'static str)> {
        let found = recognizer().find(text, &text::words(text), &CueLexicon::builtin());
        found
            .mentions
            .iter()
            .map(|m| {
                let e = &found.entities[m.entity as usize];
                (
                    m.span.slice(text).to_string(),
                    e.kind.as_str(),
                    e.canonical.to_string(),
                    m.form.as_str(),
                )
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        mentions(text).into_iter().map(|m| m.0).collect()
    }

    #[test]
    fn a_title_marks_a_name_and_is_left_out_of_it() {
        let found = mentions("Iranian Foreign Minister Mohammed Javad Zarif spoke.");
        assert_eq!(
            found,
            [(
                "Mohammed Javad Zarif".into(),
                "PERSON",
                "Mohammed Javad Zarif".into(),
                "pattern"
            )]
        );
        assert_eq!(texts("US Secretary of State John Kerry"), ["John Kerry"]);
    }

    #[test]
    fn surnames_resolve_to_the_full_name_anywhere_in_the_document() {
        let found =
            mentions("Kerry says no\n\nJohn Kerry spoke. Mr Kerry's aide left, and Kerry stayed.");
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|m| m.2 == "John Kerry"), "{found:?}");
        assert_eq!(found[2].0, "Kerry");
        assert_eq!(found[2].3, "short");
    }

    #[test]
    fn a_surname_with_a_title_alone_is_a_person_of_its_own() {
        let found = mentions("Mr Smith left. Later, Smith returned.");
        assert_eq!(found.len(), 2);
        assert!(
            found.iter().all(|m| m.1 == "PERSON" && m.2 == "Smith"),
            "{found:?}"
        );
    }

    #[test]
    fn a_known_first_name_starts_a_name() {
        assert_eq!(texts("the activist David Kato was killed"), ["David Kato"]);
        assert_eq!(texts("the activist david kato"), Vec::<String>::new());
    }

    #[test]
    fn capitalised_words_before_a_speech_verb_are_a_person() {
        let found = mentions("Zhou Donghai said the plan had failed.");
        assert_eq!(
            found,
            [(
                "Zhou Donghai".into(),
                "PERSON",
                "Zhou Donghai".into(),
                "pattern"
            )]
        );
    }

    #[test]
    fn organisation_words_make_organisations() {
        let found =
            mentions("The Kenya Wildlife Service and the Ministry of Foreign Affairs agreed.");
        let orgs: Vec<_> = found
            .iter()
            .filter(|m| m.1 == "ORG")
            .map(|m| m.0.as_str())
            .collect();
        assert_eq!(
            orgs,
            ["Kenya Wildlife Service", "Ministry of Foreign Affairs"]
        );
    }

    #[test]
    fn country_names_inside_longer_names_are_not_countries() {
        assert_eq!(
            texts("the Turkey Point plant in New Mexico"),
            Vec::<String>::new()
        );
        let found = mentions("Jordan Henderson scored in Turkey.");
        assert!(
            !found.iter().any(|m| m.1 == "COUNTRY" && m.0 == "Jordan"),
            "{found:?}"
        );
        assert!(
            found.iter().any(|m| m.0 == "Turkey" && m.1 == "COUNTRY"),
            "{found:?}"
        );
    }

    #[test]
    fn acronyms_defined_in_brackets_bind_for_the_document() {
        let found = mentions("Islamic State (IS) fighters advanced. IS is strong; it is.");
        let is: Vec<_> = found.iter().filter(|m| m.0 == "IS").collect();
        assert_eq!(is.len(), 2);
        assert!(is
            .iter()
            .all(|m| m.2 == "Islamic State" && m.3 == "acronym"));
    }

    #[test]
    fn acronyms_with_an_ampersand_define_names_too() {
        let found = mentions("Shares of Scottish and Newcastle (S&N) rose.");
        assert!(
            found
                .iter()
                .any(|m| m.0 == "Scottish and Newcastle" && m.1 == "ORG"),
            "{found:?}"
        );
    }

    #[test]
    fn names_defined_with_an_acronym_are_organisations() {
        let found = mentions(
            "He led the group Sexual Minorities Uganda (SMUG) for years. SMUG members marched.",
        );
        let smug: Vec<_> = found
            .iter()
            .filter(|m| m.2 == "Sexual Minorities Uganda")
            .map(|m| (m.0.as_str(), m.1, m.3))
            .collect();
        assert_eq!(
            smug,
            [
                ("Sexual Minorities Uganda", "ORG", "pattern"),
                ("SMUG", "ORG", "acronym"),
                ("SMUG", "ORG", "acronym"),
            ]
        );
        for text in [
            "They signed the Status of Forces Agreement (SOFA) in May.",
            "Hillary Rodham Clinton (HRC) spoke.",
            "The group Better Health Now (WHN) met.",
        ] {
            assert!(
                mentions(text).iter().all(|m| m.1 != "ORG"),
                "{text}: {:?}",
                mentions(text)
            );
        }
    }

    #[test]
    fn teams_on_results_lines_are_organisations_throughout() {
        let text = "Results on Sunday:\nPohang 3 Ulsan 2\nStandings:\nPuchon 3 1 0 6\nPohang won again, and Ulsan lost.";
        let orgs: Vec<String> = mentions(text)
            .into_iter()
            .filter(|m| m.1 == "ORG")
            .map(|m| m.0)
            .collect();
        assert_eq!(orgs, ["Pohang", "Ulsan", "Puchon", "Pohang", "Ulsan"]);
        assert!(mentions("He was born in 1961 and Lima 3 times.")
            .iter()
            .all(|m| m.1 != "ORG"));
    }

    #[test]
    fn single_spacing_means_words_apart_by_one_space() {
        for name in [
            "Ann Lee",
            "Ann  Lee",
            " Ann",
            "Ann ",
            "",
            "Ann\tLee",
            "Ann\u{a0}Lee",
            "Ann",
            " ",
        ] {
            let by_words = name
                .split(' ')
                .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
            assert_eq!(is_single_spaced(name), by_words, "{name:?}");
        }
    }

    #[test]
    fn function_words_are_sorted_for_binary_search() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_function_word("The") && !is_function_word("Kerry"));
    }

    #[test]
    fn demonyms_link_to_their_country() {
        let found = mentions("French jets struck.");
        assert_eq!(
            found,
            [("French".into(), "COUNTRY", "France".into(), "demonym")]
        );
    }

    #[test]
    fn capitals_in_a_headline_do_not_make_names() {
        assert_eq!(
            texts("PRESIDENT SAYS FOREIGN MINISTRY OF TRADE WILL ACT\n"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn mentions_never_overlap_and_stay_on_char_boundaries() {
        let text = "Président François Hollande, the Banque de France Bank and Jordan Henderson said «non».";
        let found = recognizer().find(text, &text::words(text), &CueLexicon::builtin());
        for pair in found.mentions.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
        for m in &found.mentions {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        }
    }
}

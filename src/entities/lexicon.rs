//! Word lists the entity rules read: titles, first names, organisation words.

use rustc_hash::FxHashMap as HashMap;

use crate::analysis::Gender;
use crate::gazetteer::GazetteerError;
use crate::wordmap::WordMap;

/// Capitalised words that start sentences or name times, not names.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "A",
    "About",
    "After",
    "Also",
    "An",
    "And",
    "April",
    "As",
    "At",
    "August",
    "Before",
    "But",
    "By",
    "December",
    "During",
    "Even",
    "February",
    "For",
    "Friday",
    "From",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "January",
    "July",
    "June",
    "March",
    "May",
    "Meanwhile",
    "Monday",
    "Mr",
    "Mrs",
    "Ms",
    "Not",
    "November",
    "Now",
    "October",
    "Of",
    "On",
    "Or",
    "Saturday",
    "September",
    "She",
    "So",
    "Some",
    "Sunday",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thursday",
    "To",
    "Tuesday",
    "Under",
    "Unlike",
    "Until",
    "We",
    "Wednesday",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
];

/// Is this one of the [`FUNCTION_WORDS`]?
pub(crate) fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// Where an organisation word may stand in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgWord {
    /// Only last: "Labour Party".
    Head,
    /// Last, or first before "of": "Ministry of Defence", "Supreme Court".
    Lead,
}

/// The word lists: titles keyed in lower case, everything else by capitalised words as
/// written.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    titles: HashMap<String, Gender>,
    /// First words of titles in lower case, so most words are ruled out with one look-up.
    title_starts: WordMap<()>,
    longest_title: usize,
    /// First names, organisation words, title starts and function words, merged.
    entries: WordMap<WordEntry>,
}

/// What the word lists say of one capitalised word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordEntry {
    /// A known first name, and the gender it suggests.
    pub first_name: Option<Gender>,
    /// An organisation word.
    pub org: Option<OrgWord>,
    /// A title may start with it ("President").
    pub title_start: bool,
    /// One of [`FUNCTION_WORDS`]: a word that starts sentences or names times.
    pub function: bool,
}

impl Lexicon {
    /// The lists shipped in `gazetteers/`.
    pub fn builtin() -> Result<Lexicon, GazetteerError> {
        let mut lexicon = Lexicon::default();
        for (_, cells) in rows("titles.tsv", include_str!("../../gazetteers/titles.tsv"), 2)? {
            lexicon.add_title(cells[0]);
        }
        for (_, cells) in rows(
            "first_names.tsv",
            include_str!("../../gazetteers/first_names.tsv"),
            2,
        )? {
            let gender = match cells[1] {
                "M" => Gender::Male,
                "F" => Gender::Female,
                _ => Gender::Unknown,
            };
            lexicon.entry_mut(cells[0]).first_name = Some(gender);
        }
        for (_, cells) in rows(
            "org_words.tsv",
            include_str!("../../gazetteers/org_words.tsv"),
            2,
        )? {
            let kind = if cells[1] == "lead" {
                OrgWord::Lead
            } else {
                OrgWord::Head
            };
            lexicon.entry_mut(cells[0]).org = Some(kind);
        }
        for &word in FUNCTION_WORDS {
            lexicon.entry_mut(word).function = true;
        }
        Ok(lexicon)
    }

    fn entry_mut(&mut self, word: &str) -> &mut WordEntry {
        self.entries.entry_or_default(word.as_bytes())
    }

    fn add_title(&mut self, title: &str) {
        let key = title_key(title);
        if key.is_empty() {
            return;
        }
        let gender = match key.as_str() {
            "mr" | "sir" | "lord" | "king" | "prince" | "sheikh" | "emir" | "sultan" => {
                Gender::Male
            }
            "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" => Gender::Female,
            _ => Gender::Unknown,
        };
        self.longest_title = self.longest_title.max(key.split(' ').count());
        if let Some(first) = key.split(' ').next() {
            self.title_starts.insert(first.as_bytes(), ());
            // The entry map holds the start in its capitalised form ("President").
            let mut chars = first.chars();
            if let Some(initial) = chars.next() {
                let capitalised: String = initial.to_uppercase().chain(chars).collect();
                self.entry_mut(&capitalised).title_start = true;
            }
        }
        self.titles.insert(key, gender);
    }

    /// Most words a title has.
    pub fn longest_title(&self) -> usize {
        self.longest_title
    }

    /// If these words (as one space-joined string, any case, no dots) are a title, the gender
    /// it implies.
    pub fn title(&self, words: &str) -> Option<Gender> {
        self.titles.get(&title_key(words)).copied()
    }

    /// The longest title at the start of `words`, as (number of words, gender). `buffer` is
    /// scratch space, reused so the look-up allocates nothing.
    pub fn title_at<'w>(
        &self,
        words: impl IntoIterator<Item = &'w str>,
        buffer: &mut String,
    ) -> Option<(usize, Gender)> {
        let mut words = words.into_iter();
        let first = words.next()?;
        let first = first.trim_end_matches('.');
        // Words of ASCII letters (most words that get here: "US", "McCain") are looked up
        // before being copied, so most are ruled out without a copy; other words after it.
        let letters = first.as_bytes();
        let plain = !letters.is_empty() && letters.iter().all(u8::is_ascii_alphabetic);
        if plain {
            self.title_starts.get_letters_lowered(letters)?;
        }
        buffer.clear();
        push_lower(buffer, first);
        if !plain {
            self.title_starts.get(buffer.as_bytes())?;
        }
        let mut best = self.titles.get(buffer.as_str()).map(|&g| (1, g));
        for (n, word) in words.enumerate().take(self.longest_title.saturating_sub(1)) {
            buffer.push(' ');
            push_lower(buffer, word.trim_end_matches('.'));
            if let Some(&gender) = self.titles.get(buffer.as_str()) {
                best = Some((n + 2, gender));
            }
        }
        best
    }

    /// Everything the lists say of a capitalised word as written, in one look-up. A title
    /// start is recorded in its capitalised form only ("President"); other casings go
    /// through [`Lexicon::title_at`].
    pub fn entry(&self, word: &str) -> WordEntry {
        self.entries
            .get(word.as_bytes())
            .copied()
            .unwrap_or_default()
    }

    /// If this word (as written) is a known first name, the gender it suggests.
    pub fn first_name(&self, word: &str) -> Option<Gender> {
        self.entries.get(word.as_bytes()).and_then(|e| e.first_name)
    }

    /// If this word, as written ("Ministry"), is an organisation word, where it may stand.
    pub fn org_word(&self, word: &str) -> Option<OrgWord> {
        self.entries.get(word.as_bytes()).and_then(|e| e.org)
    }
}

fn push_lower(buffer: &mut String, word: &str) {
    if word.is_ascii() {
        // One copy, then lower case in place: pushing char by char checks room every byte.
        let from = buffer.len();
        buffer.push_str(word);
        buffer[from..].make_ascii_lowercase();
    } else {
        buffer.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// Lower case, dots dropped, hyphens as spaces: "Vice-President" and "vice president" agree.
fn title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    for word in title.split(|c: char| c.is_whitespace() || c == '-') {
        let word = word.trim_matches('.');
        if word.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Data rows of a TSV word list with at least `fields` fields, with their line numbers.
fn rows<'t>(
    name: &str,
    tsv: &'t str,
    fields: usize,
) -> Result<Vec<(usize, Vec<&'t str>)>, GazetteerError> {
    let mut rows = Vec::new();
    let mut header = true;
    for (index, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if std::mem::take(&mut header) {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() < fields || cells[0].is_empty() {
            return Err(GazetteerError::BadLine {
                source_name: name.to_string(),
                line: index + 1,
                message: format!("expected {fields} tab-separated fields"),
            });
        }
        rows.push((index + 1, cells));
    }
    Ok(rows)
}

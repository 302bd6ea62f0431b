//! Closed word classes the quote rules look at. All comparisons ignore ASCII case.

/// Is the word, in any ASCII case, one of the listed lower-case words? The word is lower-cased
/// once, and a `match` finds it by length and bytes rather than by a scan of the list.
macro_rules! one_of {
    ($word:expr, [$($listed:literal),+ $(,)?]) => {
        matches!(Lower::new($word).as_str(), $($listed)|+)
    };
}

/// A short ASCII word in lower case, on the stack. Longer or non-ASCII words, which no closed
/// class holds, become "".
struct Lower {
    bytes: [u8; 16],
    len: usize,
}

impl Lower {
    fn new(word: &str) -> Lower {
        let mut lower = Lower {
            bytes: [0; 16],
            len: 0,
        };
        if word.len() <= lower.bytes.len() && word.is_ascii() {
            for (l, b) in lower.bytes.iter_mut().zip(word.bytes()) {
                *l = b.to_ascii_lowercase();
            }
            lower.len = word.len();
        }
        lower
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// Personal pronouns that can be the subject of a speech verb.
pub(crate) fn is_subject_pronoun(word: &str) -> bool {
    one_of!(word, ["he", "she", "they", "it", "we", "i", "you"])
}

/// Words between a subject and its verb that belong to neither: auxiliaries and adverbs.
pub(crate) fn is_verb_modifier(word: &str) -> bool {
    // Capitalised words are names ("Kelly"), even where they end like adverbs.
    if word.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    (word.len() > 4 && word.ends_with("ly") && !one_of!(word, ["family", "ally", "italy"]))
        || one_of!(
            word,
            [
                "has",
                "had",
                "have",
                "was",
                "is",
                "were",
                "are",
                "be",
                "been",
                "also",
                "later",
                "then",
                "once",
                "again",
                "not",
                "never",
                "would",
                "will",
                "did",
                "does",
                "do",
                "can",
                "could",
                "may",
                "might",
                "should",
                "must",
                "still",
                "even",
                "just",
                "already",
                "often",
                "long",
                "always",
                "further",
                "soon",
                "too",
                "yet",
                "now",
                "recently",
                "reportedly",
                "allegedly",
                "first",
                "ever",
            ]
        )
}

/// Words that start a clause but are not part of its subject.
pub(crate) fn is_clause_opener(word: &str) -> bool {
    one_of!(
        word,
        [
            "and",
            "but",
            "or",
            "as",
            "while",
            "when",
            "so",
            "because",
            "though",
            "although",
            "if",
            "since",
            "after",
            "before",
            "then",
            "yet",
            "meanwhile",
            "also",
            "where",
            "whereas",
            "until",
            "unless",
            "once",
            "however",
            "still",
            "instead",
            "indeed",
            "now",
            "in",
            "on",
            "at",
            "of",
            "for",
            "with",
            "by",
            "from",
            "to",
            "that",
            "than",
        ]
    )
}

/// Words that end a subject phrase read from its left: what follows them qualifies it.
pub(crate) fn is_relative(word: &str) -> bool {
    one_of!(word, ["who", "which", "whose", "whom"])
}

/// Prepositions and particles that cannot begin reported content or a speaker after a verb.
pub(crate) fn is_preposition(word: &str) -> bool {
    one_of!(
        word,
        [
            "on",
            "in",
            "at",
            "to",
            "of",
            "for",
            "with",
            "by",
            "from",
            "about",
            "during",
            "after",
            "before",
            "over",
            "through",
            "as",
            "than",
            "into",
            "against",
            "so",
            "and",
            "but",
            "or",
            "up",
            "out",
            "off",
            "down",
            "back",
            "away",
            "under",
            "within",
            "without",
            "upon",
            "via",
            "across",
            "behind",
            "last",
            "this",
            "next",
            "earlier",
            "later",
            "yesterday",
            "today",
            "tonight",
            "again",
            "too",
            "here",
            "there",
            "nothing",
            "something",
            "anything",
            "little",
            "much",
            "more",
            "less",
            "yes",
            "no",
            "not",
            "repeatedly",
            "recently",
            "privately",
            "publicly",
        ]
    )
}

/// Words that open a subordinate clause at the start of a sentence: "While …, …".
pub(crate) fn is_subordinator(word: &str) -> bool {
    one_of!(
        word,
        [
            "while", "although", "though", "after", "as", "if", "when", "since", "because",
            "before", "despite", "whereas", "unless", "once",
        ]
    )
}

/// Cue verbs that introduce a quote ("he continued: …") but report nothing of their own
/// ("began raising money", "continued to fall").
pub(crate) fn is_narration_verb(word: &str) -> bool {
    one_of!(word, ["began", "started", "continued"])
}

/// Pronouns and names that can be the object of "told" and similar verbs.
pub(crate) fn is_object_pronoun(word: &str) -> bool {
    one_of!(
        word,
        [
            "him",
            "her",
            "them",
            "us",
            "me",
            "you",
            "reporters",
            "journalists",
            "supporters",
            "voters",
            "lawmakers",
            "colleagues",
            "listeners",
            "viewers",
            "students",
            "members",
            "officials",
            "people",
            "everyone",
            "investigators",
            "police",
            "congress",
            "parliament",
            "delegates",
            "audiences",
            "crowds",
            "friends",
            "aides",
        ]
    )
}

/// Determiners that may start an object noun phrase ("told the committee").
pub(crate) fn is_determiner(word: &str) -> bool {
    one_of!(
        word,
        [
            "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that",
            "these", "those",
        ]
    )
}

/// Day and time words that may sit between a speech verb and its content ("said Tuesday that").
pub(crate) fn is_time_word(word: &str) -> bool {
    one_of!(
        word,
        [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "yesterday",
            "today",
            "tonight",
            "earlier",
            "later",
            "last",
            "this",
            "week",
            "month",
            "year",
            "morning",
            "evening",
            "night",
            "afternoon",
        ]
    )
}

/// What a role noun refers back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// "the minister", "the president": a person.
    Person,
    /// "the company", "the ministry": an organisation.
    Org,
    /// "the country": a country.
    Country,
}

/// The role a noun names, for "the minister" style speakers.
pub(crate) fn role_noun(word: &str) -> Option<Role> {
    if one_of!(
        word,
        [
            "minister",
            "president",
            "senator",
            "governor",
            "candidate",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "official",
            "chairman",
            "chairwoman",
            "leader",
            "secretary",
            "mayor",
            "chancellor",
            "premier",
            "king",
            "queen",
            "prince",
            "general",
            "commander",
            "ambassador",
            "envoy",
            "director",
            "chief",
            "judge",
            "lawyer",
            "attorney",
            "congressman",
            "congresswoman",
            "lawmaker",
            "representative",
            "nominee",
            "businessman",
            "businesswoman",
            "billionaire",
            "manager",
            "executive",
            "founder",
            "actor",
            "actress",
            "star",
            "singer",
            "player",
            "coach",
            "author",
            "writer",
            "doctor",
            "professor",
            "researcher",
            "analyst",
            "economist",
            "man",
            "woman",
            "frontrunner",
            "front-runner",
            "democrat",
            "republican",
            "pope",
            "cleric",
            "ayatollah",
            "diplomat",
            "adviser",
            "advisor",
            "aide",
            "prosecutor",
            "sheriff",
            "officer",
            "head",
            "speaker",
        ]
    ) {
        Some(Role::Person)
    } else if one_of!(
        word,
        [
            "company",
            "ministry",
            "department",
            "agency",
            "government",
            "administration",
            "firm",
            "group",
            "party",
            "campaign",
            "committee",
            "council",
            "court",
            "bank",
            "organisation",
            "organization",
            "office",
            "military",
            "army",
            "police",
            "embassy",
            "union",
            "board",
            "commission",
            "authority",
            "authorities",
            "network",
            "newspaper",
            "paper",
            "station",
            "channel",
            "website",
            "team",
            "club",
            "coalition",
            "alliance",
            "regime",
            "movement",
            "university",
            "institute",
            "foundation",
            "charity",
            "corporation",
            "senate",
            "house",
            "white",
        ]
    ) {
        Some(Role::Org)
    } else if one_of!(word, ["country", "nation", "kingdom", "republic", "state"]) {
        Some(Role::Country)
    } else {
        None
    }
}

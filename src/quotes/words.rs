//! Closed word classes the quote rules look at. All comparisons ignore ASCII case.

/// Is the word, in any ASCII case, one of the listed lower-case words (byte strings)? The word
/// is lower-cased once, and a `match` finds it by length and bytes rather than by a scan of the
/// list.
macro_rules! one_of {
    ($word:expr, [$($listed:literal),+ $(,)?]) => {
        matches!(Lower::new($word).as_bytes(), $($listed)|+)
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

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// Personal pronouns that can be the subject of a speech verb.
pub(crate) fn is_subject_pronoun(word: &str) -> bool {
    one_of!(word, [b"he", b"she", b"they", b"it", b"we", b"i", b"you"])
}

/// Words between a subject and its verb that belong to neither: auxiliaries and adverbs.
pub(crate) fn is_verb_modifier(word: &str) -> bool {
    // Capitalised words are names ("Kelly"), even where they end like adverbs.
    if word.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    (word.len() > 4 && word.ends_with("ly") && !one_of!(word, [b"family", b"ally", b"italy"]))
        || one_of!(
            word,
            [
                b"has",
                b"had",
                b"have",
                b"was",
                b"is",
                b"were",
                b"are",
                b"be",
                b"been",
                b"also",
                b"later",
                b"then",
                b"once",
                b"again",
                b"not",
                b"never",
                b"would",
                b"will",
                b"did",
                b"does",
                b"do",
                b"can",
                b"could",
                b"may",
                b"might",
                b"should",
                b"must",
                b"still",
                b"even",
                b"just",
                b"already",
                b"often",
                b"long",
                b"always",
                b"further",
                b"soon",
                b"too",
                b"yet",
                b"now",
                b"recently",
                b"reportedly",
                b"allegedly",
                b"first",
                b"ever",
            ]
        )
}

/// Words that start a clause but are not part of its subject.
pub(crate) fn is_clause_opener(word: &str) -> bool {
    one_of!(
        word,
        [
            b"and",
            b"but",
            b"or",
            b"as",
            b"while",
            b"when",
            b"so",
            b"because",
            b"though",
            b"although",
            b"if",
            b"since",
            b"after",
            b"before",
            b"then",
            b"yet",
            b"meanwhile",
            b"also",
            b"where",
            b"whereas",
            b"until",
            b"unless",
            b"once",
            b"however",
            b"still",
            b"instead",
            b"indeed",
            b"now",
            b"in",
            b"on",
            b"at",
            b"of",
            b"for",
            b"with",
            b"by",
            b"from",
            b"to",
            b"that",
            b"than",
        ]
    )
}

/// Words that end a subject phrase read from its left: what follows them qualifies it.
pub(crate) fn is_relative(word: &str) -> bool {
    one_of!(word, [b"who", b"which", b"whose", b"whom"])
}

/// Prepositions and particles that cannot begin reported content or a speaker after a verb.
pub(crate) fn is_preposition(word: &str) -> bool {
    one_of!(
        word,
        [
            b"on",
            b"in",
            b"at",
            b"to",
            b"of",
            b"for",
            b"with",
            b"by",
            b"from",
            b"about",
            b"during",
            b"after",
            b"before",
            b"over",
            b"through",
            b"as",
            b"than",
            b"into",
            b"against",
            b"so",
            b"and",
            b"but",
            b"or",
            b"up",
            b"out",
            b"off",
            b"down",
            b"back",
            b"away",
            b"under",
            b"within",
            b"without",
            b"upon",
            b"via",
            b"across",
            b"behind",
            b"last",
            b"this",
            b"next",
            b"earlier",
            b"later",
            b"yesterday",
            b"today",
            b"tonight",
            b"again",
            b"too",
            b"here",
            b"there",
            b"nothing",
            b"something",
            b"anything",
            b"little",
            b"much",
            b"more",
            b"less",
            b"yes",
            b"no",
            b"not",
            b"repeatedly",
            b"recently",
            b"privately",
            b"publicly",
        ]
    )
}

/// Words that open a subordinate clause at the start of a sentence: "While …, …".
pub(crate) fn is_subordinator(word: &str) -> bool {
    one_of!(
        word,
        [
            b"while",
            b"although",
            b"though",
            b"after",
            b"as",
            b"if",
            b"when",
            b"since",
            b"because",
            b"before",
            b"despite",
            b"whereas",
            b"unless",
            b"once",
        ]
    )
}

/// Cue verbs that introduce a quote ("he continued: …") but report nothing of their own
/// ("began raising money", "continued to fall").
pub(crate) fn is_narration_verb(word: &str) -> bool {
    one_of!(word, [b"began", b"started", b"continued"])
}

/// Pronouns and names that can be the object of "told" and similar verbs.
pub(crate) fn is_object_pronoun(word: &str) -> bool {
    one_of!(
        word,
        [
            b"him",
            b"her",
            b"them",
            b"us",
            b"me",
            b"you",
            b"reporters",
            b"journalists",
            b"supporters",
            b"voters",
            b"lawmakers",
            b"colleagues",
            b"listeners",
            b"viewers",
            b"students",
            b"members",
            b"officials",
            b"people",
            b"everyone",
            b"investigators",
            b"police",
            b"congress",
            b"parliament",
            b"delegates",
            b"audiences",
            b"crowds",
            b"friends",
            b"aides",
        ]
    )
}

/// Determiners that may start an object noun phrase ("told the committee").
pub(crate) fn is_determiner(word: &str) -> bool {
    one_of!(
        word,
        [
            b"the", b"a", b"an", b"his", b"her", b"their", b"its", b"our", b"my", b"your", b"this",
            b"that", b"these", b"those",
        ]
    )
}

/// Day and time words that may sit between a speech verb and its content ("said Tuesday that").
pub(crate) fn is_time_word(word: &str) -> bool {
    one_of!(
        word,
        [
            b"monday",
            b"tuesday",
            b"wednesday",
            b"thursday",
            b"friday",
            b"saturday",
            b"sunday",
            b"yesterday",
            b"today",
            b"tonight",
            b"earlier",
            b"later",
            b"last",
            b"this",
            b"week",
            b"month",
            b"year",
            b"morning",
            b"evening",
            b"night",
            b"afternoon",
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
            b"minister",
            b"president",
            b"senator",
            b"governor",
            b"candidate",
            b"spokesman",
            b"spokeswoman",
            b"spokesperson",
            b"official",
            b"chairman",
            b"chairwoman",
            b"leader",
            b"secretary",
            b"mayor",
            b"chancellor",
            b"premier",
            b"king",
            b"queen",
            b"prince",
            b"general",
            b"commander",
            b"ambassador",
            b"envoy",
            b"director",
            b"chief",
            b"judge",
            b"lawyer",
            b"attorney",
            b"congressman",
            b"congresswoman",
            b"lawmaker",
            b"representative",
            b"nominee",
            b"businessman",
            b"businesswoman",
            b"billionaire",
            b"manager",
            b"executive",
            b"founder",
            b"actor",
            b"actress",
            b"star",
            b"singer",
            b"player",
            b"coach",
            b"author",
            b"writer",
            b"doctor",
            b"professor",
            b"researcher",
            b"analyst",
            b"economist",
            b"man",
            b"woman",
            b"frontrunner",
            b"front-runner",
            b"democrat",
            b"republican",
            b"pope",
            b"cleric",
            b"ayatollah",
            b"diplomat",
            b"adviser",
            b"advisor",
            b"aide",
            b"prosecutor",
            b"sheriff",
            b"officer",
            b"head",
            b"speaker",
        ]
    ) {
        Some(Role::Person)
    } else if one_of!(
        word,
        [
            b"company",
            b"ministry",
            b"department",
            b"agency",
            b"government",
            b"administration",
            b"firm",
            b"group",
            b"party",
            b"campaign",
            b"committee",
            b"council",
            b"court",
            b"bank",
            b"organisation",
            b"organization",
            b"office",
            b"military",
            b"army",
            b"police",
            b"embassy",
            b"union",
            b"board",
            b"commission",
            b"authority",
            b"authorities",
            b"network",
            b"newspaper",
            b"paper",
            b"station",
            b"channel",
            b"website",
            b"team",
            b"club",
            b"coalition",
            b"alliance",
            b"regime",
            b"movement",
            b"university",
            b"institute",
            b"foundation",
            b"charity",
            b"corporation",
            b"senate",
            b"house",
            b"white",
        ]
    ) {
        Some(Role::Org)
    } else if one_of!(
        word,
        [b"country", b"nation", b"kingdom", b"republic", b"state"]
    ) {
        Some(Role::Country)
    } else {
        None
    }
}

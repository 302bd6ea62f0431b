//! What the pipeline says about one document: plain data, no behaviour.

use std::fmt;
use std::sync::Arc;

use crate::document::Span;

/// The kinds of entity whosaid recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    /// A person.
    Person,
    /// A sovereign country or territory.
    Country,
    /// An organisation: governments and their bodies, companies, parties, armed groups…
    Org,
}

impl EntityType {
    /// The label used in files: `PERSON`, `COUNTRY`, `ORG`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Country => "COUNTRY",
            EntityType::Org => "ORG",
        }
    }

    /// Parses a label as written in gazetteers and gold files.
    pub fn parse(label: &str) -> Option<EntityType> {
        match label {
            "PERSON" => Some(EntityType::Person),
            "COUNTRY" => Some(EntityType::Country),
            "ORG" => Some(EntityType::Org),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// The canonical or an official full name.
    Name,
    /// Another listed name or spelling.
    Alias,
    /// An acronym or code (NATO, US), or one defined in the text ("Islamic State (IS)").
    Acronym,
    /// A surname standing for a person named in full elsewhere in the document ("Mr Kerry").
    Short,
    /// A country's demonym ("French" → France).
    Demonym,
    /// A name found by rules (title, first name, speech verb), not in any gazetteer.
    Pattern,
}

impl Form {
    /// The label used in files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Form::Name => "name",
            Form::Alias => "alias",
            Form::Acronym => "acronym",
            Form::Short => "short",
            Form::Demonym => "demonym",
            Form::Pattern => "pattern",
        }
    }

    /// Parses a label as written in gazetteers.
    pub fn parse(label: &str) -> Option<Form> {
        match label {
            "name" => Some(Form::Name),
            "alias" => Some(Form::Alias),
            "acronym" => Some(Form::Acronym),
            "short" => Some(Form::Short),
            "demonym" => Some(Form::Demonym),
            "pattern" => Some(Form::Pattern),
            _ => None,
        }
    }
}

/// An entity: what mentions link to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entity {
    /// A stable id: a Wikidata QID, `iso:IRN`, or a slug of the canonical name.
    pub id: Arc<str>,
    /// The display name.
    pub canonical: Arc<str>,
    /// Its type.
    pub kind: EntityType,
}

/// Index of an entity in [`Analysis::entities`].
pub type EntityIndex = u32;

/// One place where the text names an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where, in bytes; titles are not part of a person's span.
    pub span: Span,
    /// Which entity, as an index into [`Analysis::entities`].
    pub entity: EntityIndex,
    /// How it is named.
    pub form: Form,
}

/// The kinds of quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QuoteKind {
    /// A quoted sentence or more.
    Direct,
    /// A quoted fragment inside the writer's own sentence.
    Partial,
    /// Reported speech without quote marks: `X said (that) …`.
    Indirect,
}

impl QuoteKind {
    /// The label used in files.
    pub const fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }

    /// Parses a label.
    pub fn parse(label: &str) -> Option<QuoteKind> {
        match label {
            "direct" => Some(QuoteKind::Direct),
            "partial" => Some(QuoteKind::Partial),
            "indirect" => Some(QuoteKind::Indirect),
            _ => None,
        }
    }
}

/// Who said a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker as written, which may be a pronoun or a role noun ("He", "the minister").
    pub span: Span,
    /// The entity it resolves to, when it does.
    pub entity: Option<EntityIndex>,
}

/// A quote and, when found, its speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The quoted content, without its quote marks.
    pub span: Span,
    /// The speaker, if one was found.
    pub speaker: Option<Speaker>,
    /// The cue word ("said", "according to"), if any.
    pub cue: Option<Span>,
    /// The name of the sieve that decided the speaker (or why there is none).
    pub rule: &'static str,
}

/// Everything the pipeline found in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// The entities this document's mentions and speakers link to, in order of first use.
    pub entities: Vec<Entity>,
    /// Mentions in text order, never overlapping.
    pub mentions: Vec<Mention>,
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
}

impl Analysis {
    /// The entity a mention or speaker links to.
    pub fn entity(&self, index: EntityIndex) -> &Entity {
        &self.entities[index as usize]
    }
}

/// Grammatical gender of a person, as far as first names tell; used to resolve "he" and "she".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Known male first name.
    Male,
    /// Known female first name.
    Female,
    /// Unknown or ambiguous.
    #[default]
    Unknown,
}

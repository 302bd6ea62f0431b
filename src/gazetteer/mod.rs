//! Gazetteers: the lists of entities and their aliases, and the matcher compiled from them.
//!
//! # File format
//!
//! A gazetteer is a UTF-8, tab-separated file with one alias per line and this header:
//!
//! ```text
//! id	type	canonical	alias	form
//! Q22250	PERSON	Maria Cantwell	Maria Cantwell	name
//! iso:FRA	COUNTRY	France	French	demonym
//! ```
//!
//! Lines starting with `#` and blank lines are ignored. `type` is `PERSON`, `COUNTRY` or `ORG`;
//! `form` is `name`, `alias`, `acronym` or `demonym`. Lines sharing an id describe one entity.
//!
//! Aliases are matched on whole words, with accents and punctuation folded ("Francois" matches
//! "François", "US-led" contains "US"). Casing is read from the alias itself: a word written
//! with a capital must be capitalised in the text, an all-capitals word (NATO, US) must be in
//! capitals, and a lower-case word matches any casing.

// The file format above is tab-separated, and so are its examples.
#![allow(clippy::tabs_in_doc_comments)]

mod matcher;

use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

pub use matcher::{fold_key, Hit, Matcher};

/// Aliases longer than this many bytes are refused: no name is that long, and the bound lets
/// the entity rules find the hits near a span with a binary search.
pub const MAX_ALIAS_BYTES: usize = 200;

use crate::analysis::{Entity, EntityType, Form};

/// A problem in a gazetteer file.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// A line could not be read as an entry.
    #[error("{source_name}:{line}: {message}")]
    BadLine {
        /// The file (or built-in list) the line is in.
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The header line is not the expected one.
    #[error(
        "{source_name}: the header must be `id\\ttype\\tcanonical\\talias\\tform`, found `{found}`"
    )]
    BadHeader {
        /// The file the header is in.
        source_name: String,
        /// The header as found.
        found: String,
    },
    /// The file could not be read or decompressed.
    #[error("{source_name}: {error}")]
    Io {
        /// The file.
        source_name: String,
        /// The underlying error.
        error: std::io::Error,
    },
    /// The automaton could not be built.
    #[error("cannot build the alias matcher: {0}")]
    Build(String),
}

/// One alias of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The alias as written, with the casing news uses.
    pub text: Box<str>,
    /// Index of its entity in [`Gazetteer::entities`].
    pub entity: u32,
    /// How it names the entity.
    pub form: Form,
}

/// A set of entities and aliases, from one or more files.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    by_id: HashMap<Arc<str>, u32>,
    conflicts: Vec<String>,
}

/// The shipped gazetteers, compiled into the binary.
const BUILTIN: [(&str, &[u8]); 3] = [
    (
        "countries.tsv",
        include_bytes!("../../gazetteers/countries.tsv"),
    ),
    (
        "organisations.tsv",
        include_bytes!("../../gazetteers/organisations.tsv"),
    ),
    (
        "people.tsv.gz",
        include_bytes!("../../gazetteers/people.tsv.gz"),
    ),
];

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The gazetteers shipped with whosaid: countries, organisations and people.
    pub fn builtin() -> Result<Gazetteer, GazetteerError> {
        let mut gazetteer = Gazetteer::new();
        for (name, bytes) in BUILTIN {
            gazetteer.add_bytes(&format!("built-in {name}"), name.ends_with(".gz"), bytes)?;
        }
        Ok(gazetteer)
    }

    /// Adds the entries of a file; `.gz` files are decompressed.
    pub fn add_file(&mut self, path: &std::path::Path) -> Result<(), GazetteerError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| GazetteerError::Io {
            source_name: name.clone(),
            error,
        })?;
        let gz = path.extension().is_some_and(|e| e == "gz");
        self.add_bytes(&name, gz, &bytes)
    }

    fn add_bytes(&mut self, name: &str, gz: bool, bytes: &[u8]) -> Result<(), GazetteerError> {
        let io = |error| GazetteerError::Io {
            source_name: name.to_string(),
            error,
        };
        if gz {
            let mut text = String::new();
            flate2::read::GzDecoder::new(bytes)
                .read_to_string(&mut text)
                .map_err(io)?;
            self.add_tsv(name, &text)
        } else {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
            self.add_tsv(name, text)
        }
    }

    /// Adds the entries of a TSV text. Entries added later override earlier ones: a later
    /// alias with the same spelling replaces the earlier alias, and a repeated id keeps its
    /// first type and canonical name (the disagreement is recorded in [`Gazetteer::conflicts`]).
    pub fn add_tsv(&mut self, source_name: &str, tsv: &str) -> Result<(), GazetteerError> {
        let bad = |line: usize, message: String| GazetteerError::BadLine {
            source_name: source_name.to_string(),
            line,
            message,
        };
        let mut seen_header = false;
        let first_new_alias = self.aliases.len();
        for (index, line) in tsv.lines().enumerate() {
            let number = index + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if !seen_header {
                seen_header = true;
                if line == "id\ttype\tcanonical\talias\tform" {
                    continue;
                }
                return Err(GazetteerError::BadHeader {
                    source_name: source_name.to_string(),
                    found: line.chars().take(80).collect(),
                });
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [id, kind, canonical, alias, form] = fields[..] else {
                return Err(bad(
                    number,
                    format!("expected 5 tab-separated fields, found {}", fields.len()),
                ));
            };
            let kind = EntityType::parse(kind).ok_or_else(|| {
                bad(
                    number,
                    format!("unknown type `{kind}` (PERSON, COUNTRY or ORG)"),
                )
            })?;
            let form = match Form::parse(form) {
                Some(form @ (Form::Name | Form::Alias | Form::Acronym | Form::Demonym)) => form,
                _ => {
                    return Err(bad(
                        number,
                        format!("unknown form `{form}` (name, alias, acronym or demonym)"),
                    ))
                }
            };
            if id.is_empty() || canonical.trim().is_empty() {
                return Err(bad(number, "empty id or canonical name".to_string()));
            }
            if alias.len() > MAX_ALIAS_BYTES {
                return Err(bad(
                    number,
                    format!("alias is longer than {MAX_ALIAS_BYTES} bytes"),
                ));
            }
            if !alias.chars().any(char::is_alphanumeric) {
                return Err(bad(
                    number,
                    format!("alias `{alias}` has no letters or digits"),
                ));
            }
            let entity = self.entity_index(id, kind, canonical, source_name, number);
            self.aliases.push(Alias {
                text: alias.trim().into(),
                entity,
                form,
            });
        }
        self.drop_overridden(first_new_alias);
        Ok(())
    }

    /// Finds or adds the entity with this id.
    fn entity_index(
        &mut self,
        id: &str,
        kind: EntityType,
        canonical: &str,
        source: &str,
        line: usize,
    ) -> u32 {
        if let Some(&index) = self.by_id.get(id) {
            let known = &self.entities[index as usize];
            if known.kind != kind || &*known.canonical != canonical {
                self.conflicts.push(format!(
                    "{source}:{line}: id {id} is already {} `{}`; keeping it",
                    known.kind, known.canonical
                ));
            }
            return index;
        }
        let index = self.entities.len() as u32;
        let id: Arc<str> = id.into();
        self.entities.push(Entity {
            id: id.clone(),
            canonical: canonical.into(),
            kind,
        });
        self.by_id.insert(id, index);
        index
    }

    /// Removes older aliases spelled exactly like one added since `first_new`, so a user
    /// gazetteer can re-point an alias.
    fn drop_overridden(&mut self, first_new: usize) {
        if first_new == 0 {
            return;
        }
        let newer: std::collections::HashSet<Box<str>> = self.aliases[first_new..]
            .iter()
            .map(|a| a.text.clone())
            .collect();
        let mut index = 0;
        self.aliases.retain(|alias| {
            index += 1;
            index > first_new || !newer.contains(&alias.text)
        });
    }

    /// Every entity, indexed by [`Alias::entity`].
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Every alias.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// Ids that were given with different types or canonical names.
    pub fn conflicts(&self) -> &[String] {
        &self.conflicts
    }

    /// Aliases whose matching key is shared by several entities, with those entities' ids:
    /// each is matched as the entity listed first.
    pub fn shared_aliases(&self) -> Vec<(String, Vec<Arc<str>>)> {
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
        for alias in &self.aliases {
            let ids = by_key.entry(matcher::fold_key(&alias.text)).or_default();
            if !ids.contains(&alias.entity) {
                ids.push(alias.entity);
            }
        }
        let mut shared: Vec<(String, Vec<Arc<str>>)> = by_key
            .into_iter()
            .filter(|(_, ids)| ids.len() > 1)
            .map(|(key, ids)| {
                let ids = ids
                    .iter()
                    .map(|&i| self.entities[i as usize].id.clone())
                    .collect();
                (key, ids)
            })
            .collect();
        shared.sort();
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\ttype\tcanonical\talias\tform\n";

    #[test]
    fn reads_entries_and_groups_aliases_by_id() {
        let mut g = Gazetteer::new();
        let tsv = format!("# comment\n{HEADER}iso:FRA\tCOUNTRY\tFrance\tFrance\tname\niso:FRA\tCOUNTRY\tFrance\tFrench\tdemonym\n");
        g.add_tsv("t", &tsv).unwrap();
        assert_eq!(g.entities().len(), 1);
        assert_eq!(g.aliases().len(), 2);
        assert_eq!(g.aliases()[1].form, Form::Demonym);
    }

    #[test]
    fn bad_lines_name_their_line_number() {
        let mut g = Gazetteer::new();
        let tsv = format!("{HEADER}x\tPERSON\tX Y\tX Y\tname\nx\tPLACE\tX\tX\tname\n");
        let error = g.add_tsv("user.tsv", &tsv).unwrap_err().to_string();
        assert!(error.starts_with("user.tsv:3:"), "{error}");
        assert!(error.contains("PLACE"), "{error}");
        let error = g.add_tsv("u", "id\tname\n").unwrap_err().to_string();
        assert!(error.contains("header"), "{error}");
        let error = g
            .add_tsv("u", &format!("{HEADER}a\tORG\tA\n"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("u:2: expected 5"), "{error}");
    }

    #[test]
    fn later_files_override_aliases_and_report_conflicts() {
        let mut g = Gazetteer::new();
        g.add_tsv(
            "a",
            &format!("{HEADER}q1\tPERSON\tJohn Kerry\tKerry Jr\talias\n"),
        )
        .unwrap();
        g.add_tsv(
            "b",
            &format!("{HEADER}q2\tORG\tKerry Group\tKerry Jr\talias\nq1\tORG\tOther\tJ K\talias\n"),
        )
        .unwrap();
        let kerry: Vec<_> = g
            .aliases()
            .iter()
            .filter(|a| &*a.text == "Kerry Jr")
            .collect();
        assert_eq!(kerry.len(), 1);
        assert_eq!(&*g.entities()[kerry[0].entity as usize].id, "q2");
        assert_eq!(g.conflicts().len(), 1);
    }

    #[test]
    fn builtin_gazetteers_load() {
        let g = Gazetteer::builtin().unwrap();
        let has = |name: &str, kind| {
            g.entities()
                .iter()
                .any(|e| &*e.canonical == name && e.kind == kind)
        };
        assert!(has("France", EntityType::Country));
        assert!(has("John Kerry", EntityType::Person));
        assert!(has("North Atlantic Treaty Organization", EntityType::Org));
    }
}

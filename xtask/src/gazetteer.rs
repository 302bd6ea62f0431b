//! The entity gazetteer being built for one file, and its deterministic TSV writer.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use flate2::{Compression, GzBuilder};

use crate::text::{fold_key, squash};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Person,
    Country,
    Org,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "PERSON",
            Kind::Country => "COUNTRY",
            Kind::Org => "ORG",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Name,
    Alias,
    Acronym,
    Demonym,
}

impl Form {
    fn as_str(self) -> &'static str {
        match self {
            Form::Name => "name",
            Form::Alias => "alias",
            Form::Acronym => "acronym",
            Form::Demonym => "demonym",
        }
    }
}

/// Per-source tally written to SOURCES.md.
#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub entities: usize,
    pub aliases: usize,
}

struct Row {
    form: Form,
    source: &'static str,
}

/// Entities of one type. Aliases are owned by the first entity that claims them (by folded
/// key), so the order in which sources are added is their priority.
pub struct Gazetteer {
    kind: Kind,
    /// id -> (canonical, source that registered the entity)
    canonical: BTreeMap<String, (String, &'static str)>,
    rows: BTreeMap<(String, String), Row>,
    owner: HashMap<String, String>,
    source: &'static str,
}

impl Gazetteer {
    pub fn new(kind: Kind) -> Self {
        Gazetteer {
            kind,
            canonical: BTreeMap::new(),
            rows: BTreeMap::new(),
            owner: HashMap::new(),
            source: "",
        }
    }

    /// Names the source credited for the rows added next.
    pub fn set_source(&mut self, source: &'static str) {
        self.source = source;
    }

    /// Registers an entity; the first canonical given for an id wins.
    pub fn entity(&mut self, id: &str, canonical: &str) {
        self.canonical
            .entry(id.to_string())
            .or_insert_with(|| (squash(canonical), self.source));
    }

    /// Which entity owns an alias (compared on folded keys), if any.
    pub fn owner_of(&self, alias: &str) -> Option<&str> {
        self.owner.get(&fold_key(alias)).map(String::as_str)
    }

    /// Folded keys of every alias, for other files to avoid.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.owner.keys()
    }

    /// Adds an alias to a registered entity. Returns false when the alias is empty, is already
    /// owned by another entity or the entity is unknown.
    pub fn add(&mut self, id: &str, alias: &str, form: Form) -> bool {
        let alias = squash(alias);
        let key = fold_key(&alias);
        if key.is_empty() || !self.canonical.contains_key(id) {
            return false;
        }
        match self.owner.get(&key) {
            Some(owner) if owner != id => return false,
            Some(_) => {}
            None => {
                self.owner.insert(key, id.to_string());
            }
        }
        let source = self.source;
        self.rows
            .entry((id.to_string(), alias))
            .or_insert(Row { form, source });
        true
    }

    /// Entities (credited to the source that registered them) and aliases (to the source that
    /// added them) per source.
    pub fn tally(&self) -> BTreeMap<&'static str, Tally> {
        let mut out: BTreeMap<&'static str, Tally> = BTreeMap::new();
        let mut last_id = "";
        for ((id, _), row) in &self.rows {
            out.entry(row.source).or_default().aliases += 1;
            if id != last_id {
                out.entry(self.canonical[id].1).or_default().entities += 1;
                last_id = id;
            }
        }
        out
    }

    pub fn total(&self) -> Tally {
        let mut ids: Vec<&String> = self.rows.keys().map(|(id, _)| id).collect();
        ids.dedup();
        Tally {
            entities: ids.len(),
            aliases: self.rows.len(),
        }
    }

    /// Writes the TSV (gzipped when the path ends in .gz). Rows are sorted by id then alias.
    pub fn write(&self, path: &Path, comment: &str) -> Result<Tally> {
        let mut text = String::with_capacity(self.rows.len() * 64);
        text.push_str(&format!("# {comment}\n"));
        text.push_str("id\ttype\tcanonical\talias\tform\n");
        for ((id, alias), row) in &self.rows {
            let canonical = &self.canonical[id].0;
            let fields = [
                id.as_str(),
                self.kind.as_str(),
                canonical,
                alias,
                row.form.as_str(),
            ];
            for f in fields {
                if f.is_empty() || f.contains(['\t', '\n', '\r']) {
                    bail!("bad field {f:?} in row for {id} / {alias}");
                }
            }
            text.push_str(&fields.join("\t"));
            text.push('\n');
        }
        write_file(path, text.as_bytes())?;
        Ok(self.total())
    }
}

/// Writes bytes to a file; `.gz` paths are gzipped without timestamp or name so that reruns
/// give identical bytes.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = BufWriter::new(file);
    if path.extension().is_some_and(|e| e == "gz") {
        let mut gz = GzBuilder::new()
            .mtime(0)
            .write(&mut out, Compression::best());
        gz.write_all(bytes)?;
        gz.finish()?;
    } else {
        out.write_all(bytes)?;
    }
    out.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

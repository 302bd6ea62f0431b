//! Countries and territories from mledoze/countries, plus the curated news aliases.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::gazetteer::{Form, Gazetteer, Kind};
use crate::input::read_tsv;
use crate::text::{fold_key, is_acronym, is_latin_name, strip_parens};

#[derive(Deserialize)]
struct Country {
    name: Name,
    cca2: String,
    cca3: String,
    #[serde(rename = "unMember")]
    un_member: bool,
    #[serde(rename = "altSpellings")]
    alt_spellings: Vec<String>,
    capital: Vec<String>,
    demonyms: HashMap<String, Demonym>,
}

#[derive(Deserialize)]
struct Name {
    common: String,
    official: String,
}

#[derive(Deserialize)]
struct Demonym {
    f: String,
    m: String,
}

/// Names as English-language news writes them, where the source's common name differs.
const CANONICAL: &[(&str, &str)] = &[
    ("TUR", "Turkey"),
    ("CZE", "Czech Republic"),
    ("COG", "Republic of the Congo"),
    ("TLS", "East Timor"),
];

/// Codes safe in running text; every other two/three-letter code is a word somewhere
/// (IS, IN, IT, AS, TO, NO, ME, AM...).
const SAFE_CODES: &[&str] = &["US", "UK", "UAE", "USA", "DRC", "DPRK", "PRC", "ROK", "KSA"];

/// Spellings that are plain words, first names or parts of more frequent names:
/// "Island" (Iceland), "Jersey" (mostly "New Jersey" in news), "Dominique" (a first name).
const BLOCKED_ALIASES: &[&str] = &[
    "Island",
    "Jersey",
    "Mann",
    "Mannin",
    "Dominique",
    "Prathet",
    "Viti",
    "Mexicanos",
    "Portuguesa",
    "Korea",
    "Reunion",
];

/// Not a country: a continent.
const SKIPPED: &[&str] = &["ATA"];

/// Demonyms without a regular "-s" plural, or whose plural is a different word.
const NO_PLURAL: &[&str] = &[
    "Motswana",
    "Mosotho",
    "Malagasy",
    "Ni-Vanuatu",
    "I-Kiribati",
    "Kirghiz",
    "Swiss",
    "Inuit",
];

pub struct Countries {
    pub gaz: Gazetteer,
    /// Folded capital-city names: org aliases equal to a city are location metonyms.
    pub capitals: HashSet<String>,
    /// Folded ethnonyms and constituent-country demonyms that must not map to a country.
    pub groups: HashSet<String>,
}

pub fn build(data: &Path, extra: &Path) -> Result<Countries> {
    let path = data.join("sources/mledoze/countries.json");
    let raw =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut all: Vec<Country> =
        serde_json::from_str(&raw).with_context(|| format!("parsing {}", path.display()))?;
    all.retain(|c| !SKIPPED.contains(&c.cca3.as_str()));
    // UN members first so that names shared with territories go to the member state.
    all.sort_by(|a, b| (!a.un_member, &a.cca3).cmp(&(!b.un_member, &b.cca3)));

    let groups_path = data.join("curated/non_country_groups.tsv");
    let groups: HashSet<String> = read_tsv(&groups_path)?
        .iter()
        .map(|r| fold_key(r.get("alias")))
        .collect();

    let blocked: HashSet<String> = BLOCKED_ALIASES.iter().map(|a| fold_key(a)).collect();
    let ok = |alias: &str| -> bool {
        let key = fold_key(alias);
        is_latin_name(alias, "")
            && !blocked.contains(&key)
            && !groups.contains(&key)
            && (!is_acronym(alias) || alias.contains('.') || SAFE_CODES.contains(&alias))
            && alias.chars().filter(|c| c.is_alphabetic()).count() >= 2
            // Index forms and transliterations starting in lower case ("the Abode of Peace",
            // "weSwatini") are not how English text names a country.
            && alias.chars().next().is_some_and(char::is_uppercase)
    };

    let id_of = |cca3: &str| format!("iso:{cca3}");
    let mut gaz = Gazetteer::new(Kind::Country);
    let mut by_cca2: HashMap<String, String> = HashMap::new();
    let mut capitals = HashSet::new();

    gaz.set_source("mledoze");
    for c in &all {
        let id = id_of(&c.cca3);
        let canonical = CANONICAL
            .iter()
            .find(|(code, _)| *code == c.cca3)
            .map_or(c.name.common.as_str(), |(_, name)| name);
        gaz.entity(&id, canonical);
        by_cca2.insert(c.cca2.clone(), id.clone());
        capitals.extend(c.capital.iter().map(|city| fold_key(city)));
        for name in [canonical, c.name.common.as_str(), c.name.official.as_str()] {
            if ok(name) {
                gaz.add(&id, name, Form::Name);
            }
        }
    }

    // Curated news aliases come before the source's alternative spellings.
    gaz.set_source("curated/country_aliases.tsv");
    let curated = data.join("curated/country_aliases.tsv");
    for row in read_tsv(&curated)? {
        let Some(id) = by_cca2.get(row.get("cca2")) else {
            anyhow::bail!(
                "{}:{}: unknown cca2 {:?}",
                curated.display(),
                row.line,
                row.get("cca2")
            );
        };
        let form = match row.get("kind") {
            "code" => Form::Acronym,
            "demonym" => Form::Demonym,
            _ => Form::Alias,
        };
        gaz.add(id, row.get("alias"), form);
    }

    // Our own additions: constituent countries, former states, a few news spellings.
    gaz.set_source("xtask/data/extra_countries.tsv");
    for row in read_tsv(extra)? {
        let (id, alias) = (row.get("id"), row.get("alias"));
        if id.is_empty() || alias.is_empty() || row.get("canonical").is_empty() {
            anyhow::bail!("{}:{}: empty field", extra.display(), row.line);
        }
        let form = match row.get("form") {
            "name" => Form::Name,
            "acronym" => Form::Acronym,
            "alias" => Form::Alias,
            "demonym" => Form::Demonym,
            other => anyhow::bail!("{}:{}: unknown form {other:?}", extra.display(), row.line),
        };
        gaz.entity(id, row.get("canonical"));
        gaz.add(id, alias, form);
    }

    // Demonyms before alternative spellings, which list some of them ("Thai", "Togolese").
    gaz.set_source("mledoze");
    add_demonyms(&mut gaz, &all, &ok);

    for c in &all {
        let id = id_of(&c.cca3);
        for alt in &c.alt_spellings {
            // "Korea, Republic of" is an index form, not a running-text name.
            let alt = strip_parens(alt);
            if alt.contains(',') || !ok(&alt) {
                continue;
            }
            let form = if is_acronym(&alt) {
                Form::Acronym
            } else {
                Form::Alias
            };
            gaz.add(&id, &alt, form);
        }
    }

    Ok(Countries {
        gaz,
        capitals,
        groups,
    })
}

/// English demonyms and their plurals. A demonym shared by several entries goes to the single
/// UN member among them ("French": France, not the French Southern Lands); when there is no
/// single member it is ambiguous ("Congolese", "Dominican") and skipped.
fn add_demonyms(gaz: &mut Gazetteer, all: &[Country], ok: &dyn Fn(&str) -> bool) {
    let mut owners: BTreeMap<String, BTreeSet<(bool, String)>> = BTreeMap::new();
    for c in all {
        let Some(eng) = c.demonyms.get("eng") else {
            continue;
        };
        for field in [&eng.m, &eng.f] {
            // "Antiguan, Barbudan", "Kittitian or Nevisian"
            for d in field.split(',').flat_map(|p| p.split(" or ")) {
                let d = d.trim();
                if !d.is_empty() {
                    owners
                        .entry(d.to_string())
                        .or_default()
                        .insert((c.un_member, c.cca3.clone()));
                }
            }
        }
    }
    for (demonym, set) in owners {
        let members: Vec<&String> = set.iter().filter(|(un, _)| *un).map(|(_, c)| c).collect();
        let owner = match (set.len(), members.as_slice()) {
            (1, _) => set.iter().next().map(|(_, c)| c),
            (_, [only]) => Some(*only),
            _ => None,
        };
        let Some(cca3) = owner else { continue };
        // "Vatican" is the state's short name, which the alternative spellings add.
        let is_name = demonym == "Vatican";
        // "Djibouti", "Vatican": the demonym is the country's name, which is already there.
        if is_name || !ok(&demonym) || gaz.owner_of(&demonym).is_some() {
            continue;
        }
        let id = format!("iso:{cca3}");
        gaz.add(&id, &demonym, Form::Demonym);
        if let Some(plural) = plural(&demonym) {
            if ok(&plural) {
                gaz.add(&id, &plural, Form::Demonym);
            }
        }
    }
}

/// "Iranian" -> "Iranians"; none for adjectives used as nouns ("Chinese", "French", "Swiss").
fn plural(demonym: &str) -> Option<String> {
    let no_plural_endings = ["ese", "ss", "sh", "ench", "tch", "ic", "s", "x", "z"];
    if NO_PLURAL.contains(&demonym) || no_plural_endings.iter().any(|e| demonym.ends_with(e)) {
        return None;
    }
    Some(format!("{demonym}s"))
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn plurals() {
        assert_eq!(plural("Iranian").as_deref(), Some("Iranians"));
        assert_eq!(plural("Czech").as_deref(), Some("Czechs"));
        assert_eq!(plural("Chinese"), None);
        assert_eq!(plural("French"), None);
        assert_eq!(plural("Dutch"), None);
        assert_eq!(plural("Swiss"), None);
    }
}

//! People: Wikidata office holders (people_raw/people_aliases), US Congress and presidents,
//! and the every-politician cabinet/leader lists.
//!
//! Alias rules:
//! - names must be Latin script, at least two words, no digits, quotes or commas;
//!   parenthesised parts are removed; surnames written in capitals are re-cased ("DUPONT");
//! - spelling variants swap one token for another spelling of the same name
//!   (curated/name_variants.tsv: Mohammad/Mohammed...);
//! - for names of three or more tokens, the "first last" form ("John Kennedy") and, for three
//!   tokens, the "second last" form ("Javad Zarif") are added, plus "first second" for
//!   Spanish/Portuguese double surnames ("Nicolás Maduro"), but only when no other person has
//!   that string as a name or a generated form;
//! - an alias given directly to several people goes to the one with the most prominent office
//!   (heads of state/government, then ministers and other executives, then the rest), then to
//!   the one named by more sources; if still tied it is dropped;
//! - aliases equal to a country or organisation alias are dropped; surname-only aliases are
//!   never emitted (the library derives them per document).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use anyhow::Result;
use serde_json::Value;

use crate::gazetteer::{Form, Gazetteer, Kind};
use crate::input::{read_csv, read_lines, read_tsv};
use crate::text::{fix_shouted_word, fold_key, is_latin_name, strip_parens};

#[derive(Default)]
struct Person {
    canonical: Option<String>,
    /// 0 = head of state/government, 1 = minister or other executive, 2 = other.
    rank: Option<u8>,
    sources: usize,
    country: String,
    /// Names given by the sources, cleaned, in order of preference.
    names: Vec<String>,
}

/// How an alias was obtained; direct names beat variants, which beat generated short forms.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Direct,
    Variant,
    Generated,
}

/// Countries where people carry two surnames, the first being the one used in news.
const DOUBLE_SURNAME: &[&str] = &[
    "ES", "MX", "AR", "CO", "PE", "CL", "VE", "EC", "BO", "PY", "UY", "CU", "DO", "GT", "HN", "SV",
    "NI", "CR", "PA",
];

/// Lowercase particles that belong to the surname ("Charles de Gaulle", "Bashar al-Assad").
const PARTICLES: &[&str] = &[
    "de", "da", "das", "do", "dos", "du", "del", "della", "di", "van", "von", "der", "den", "ter",
    "le", "la", "al", "el", "bin", "ibn", "ben", "y", "e", "zu", "af",
];

/// Titles that some sources put before the name; spans of names exclude them. ("Sheikh",
/// "Sultan" and "Sri" are often part of the name itself and stay.)
const TITLE_PREFIXES: &[&str] = &[
    "Dr.",
    "Dr",
    "Prof.",
    "Prof",
    "Professor",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Hon",
    "Hon.",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emir",
    "Pope",
    "General",
    "Chief",
    "Baron",
    "Baroness",
    "Alhaji",
    "Haji",
    "Shri",
    "Smt.",
];

/// Name suffixes that are not the surname ("Martin Luther King Jr.").
const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

pub fn rank_of(position: &str) -> u8 {
    let p = position.to_lowercase();
    let deputy = ["vice", "deputy", "assistant", "under"]
        .iter()
        .any(|w| p.contains(w));
    let top = [
        "president",
        "prime minister",
        "chancellor",
        "king",
        "queen",
        "emperor",
        "monarch",
        "supreme leader",
        "secretary-general",
        "secretary general",
        "head of state",
        "head of government",
        "emir",
        "sultan",
        "pope",
        "premier",
    ];
    let executive = [
        "minister",
        "secretary",
        "governor",
        "mayor",
        "speaker",
        "ambassador",
        "attorney general",
        "chief",
        "commissioner",
        "director",
    ];
    // Legislature presidents ("President of the Senate") are not heads of state.
    let chamber = [
        "senate",
        "assembly",
        "parliament",
        "chamber",
        "council",
        "congress",
        "court",
    ]
    .iter()
    .any(|w| p.contains(w));
    if !deputy && !chamber && top.iter().any(|w| p.contains(w)) {
        0
    } else if executive.iter().any(|w| p.contains(w)) || top.iter().any(|w| p.contains(w)) {
        1
    } else {
        2
    }
}

/// Cleans a source name into an alias, or None when it is not usable.
pub fn clean_name(raw: &str) -> Option<String> {
    let s = strip_parens(raw);
    if s.is_empty()
        || s.contains(|c: char| c.is_ascii_digit() || "\",“”«»/".contains(c))
        || !is_latin_name(&s, "")
    {
        return None;
    }
    let mut words: Vec<String> = s.split_whitespace().map(fix_shouted_word).collect();
    while words.len() > 1 && TITLE_PREFIXES.contains(&words[0].as_str()) {
        words.remove(0);
    }
    // A name starts with a capital ("de Gaulle" alone is a surname, not a full name).
    let starts_upper = words
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    let real_words = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if !starts_upper || real_words < 2 {
        return None;
    }
    Some(words.join(" "))
}

fn is_initial(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    letters == 1 || (token.ends_with('.') && letters <= 2)
}

/// Short forms of a long name: "first last", "second last" (3 tokens) and, for double-surname
/// countries, "first second". A form whose would-be surname is itself a first name is skipped:
/// "Luis Ángel", "San José" and "Pedro Joaquín" read as given names or places, not as a person.
fn short_forms(name: &str, double_surname: bool, is_first: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut tokens: Vec<&str> = name.split_whitespace().collect();
    while tokens.len() > 2 && tokens.last().is_some_and(|t| SUFFIXES.contains(t)) {
        tokens.pop();
    }
    let particle = |t: &str| PARTICLES.contains(&t.to_lowercase().as_str());
    // The surname is the last token with the particles before it.
    let mut start = tokens.len().saturating_sub(1);
    while start > 1 && particle(tokens[start - 1]) {
        start -= 1;
    }
    let (given, surname) = tokens.split_at(start);
    let mut out = Vec::new();
    if given.len() < 2 || is_initial(given[0]) || surname.is_empty() {
        return out;
    }
    let last_is_first_name = surname.len() == 1 && is_first(surname[0]);
    let surname = surname.join(" ");
    if !last_is_first_name {
        out.push(format!("{} {}", given[0], surname));
    }
    // A middle word in lower case is no given name: "of Selangor" (from "Salahuddin of
    // Selangor") and "wa Mutharika" are not names of their own.
    let capitalised = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    if given.len() == 2 && !is_initial(given[1]) && !particle(given[1]) && capitalised(given[1]) {
        if !last_is_first_name {
            out.push(format!("{} {}", given[1], surname));
        }
        if double_surname && !is_first(given[1]) {
            out.push(format!("{} {}", given[0], given[1]));
        }
    }
    out
}

/// Token swaps from curated/name_variants.tsv: every token mapped to its other spellings.
fn load_variants(path: &Path) -> Result<HashMap<String, Vec<String>>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for line in read_lines(path)? {
        let group: Vec<&str> = line
            .split('\t')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        for a in &group {
            let others = group.iter().filter(|b| b != &a).map(|b| b.to_string());
            map.entry(a.to_string()).or_default().extend(others);
        }
    }
    Ok(map)
}

fn variants_of(name: &str, variants: &HashMap<String, Vec<String>>) -> Vec<String> {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if let Some(alts) = variants.get(*t) {
            for alt in alts {
                let mut v = tokens.clone();
                v[i] = alt;
                out.push(v.join(" "));
            }
        }
    }
    out
}

struct Loader {
    people: BTreeMap<String, Person>,
}

impl Loader {
    fn person(&mut self, qid: &str) -> &mut Person {
        // Look up before inserting: most calls are for people already known.
        if !self.people.contains_key(qid) {
            self.people.insert(qid.to_string(), Person::default());
        }
        self.people.get_mut(qid).expect("inserted above")
    }

    fn add_name(&mut self, qid: &str, raw: &str) {
        if let Some(name) = clean_name(raw) {
            let p = self.person(qid);
            if !p.names.contains(&name) {
                p.names.push(name);
            }
        }
    }

    fn set_position(&mut self, qid: &str, position: &str) {
        let rank = rank_of(position);
        let p = self.person(qid);
        p.rank = Some(p.rank.map_or(rank, |r| r.min(rank)));
    }
}

fn is_qid(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

pub struct Counts {
    pub extra: usize,
    pub raw: usize,
    pub congress: usize,
    pub epscrapers: usize,
}

/// Reads every person source. Costly, so it runs while the lexicons are built.
pub fn load(data: &Path, extra: &Path) -> Result<Loaded> {
    let mut l = Loader {
        people: BTreeMap::new(),
    };
    let src = data.join("sources");

    // Very well-known people missing from the sources; they win ties over namesakes.
    for row in read_tsv(extra)? {
        let qid = row.get("id");
        if !is_qid(qid) {
            anyhow::bail!("{}:{}: bad Wikidata id {qid:?}", extra.display(), row.line);
        }
        l.set_position(qid, "head of state");
        l.add_name(qid, row.get("alias"));
        let p = l.person(qid);
        p.sources = 10;
        p.canonical = clean_name(row.get("canonical"));
    }
    let extra_count = l.people.len();

    // Wikidata office holders: the enwiki title (without disambiguation) is the canonical name.
    for row in read_tsv(&src.join("people/people_raw.tsv"))? {
        let qid = row.get("qid");
        if !is_qid(qid) {
            continue;
        }
        l.set_position(qid, row.get("position"));
        let enwiki = clean_name(row.get("enwiki"));
        l.add_name(qid, row.get("enwiki"));
        l.add_name(qid, row.get("name"));
        let p = l.person(qid);
        p.sources = row.get("source_repo").split(';').count();
        p.country = row.get("country").to_string();
        p.canonical = enwiki.or_else(|| clean_name(row.get("name")));
    }
    let raw_count = l.people.len() - extra_count;

    for row in read_tsv(&src.join("people/people_aliases.tsv"))? {
        let kind = row.get("kind");
        let qid = row.get("qid");
        if is_qid(qid)
            && matches!(
                kind,
                "label"
                    | "enwiki"
                    | "bio"
                    | "native"
                    | "nickname_last"
                    | "official_full"
                    | "first_last"
            )
        {
            l.add_name(qid, row.get("alias"));
        }
    }

    // Congress: official names and "nickname last" ("Bernie Sanders").
    let before = l.people.len();
    for (file, position) in [
        ("legislators-current.json", "United States legislator"),
        ("executive.json", "President of the United States"),
    ] {
        let path = src.join("congress").join(file);
        let text = std::fs::read_to_string(&path)?;
        let list: Vec<Value> = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("parsing {}: {e}", path.display()))?;
        for entry in list {
            let Some(qid) = entry["id"]["wikidata"].as_str().filter(|q| is_qid(q)) else {
                continue;
            };
            let name = &entry["name"];
            let get = |k: &str| name[k].as_str().unwrap_or("").to_string();
            let known = l.people.get(qid).is_some_and(|p| p.canonical.is_some());
            let is_vp = entry["terms"]
                .as_array()
                .is_some_and(|t| t.iter().all(|t| t["type"] == "viceprez"));
            l.set_position(qid, if is_vp { "Vice President" } else { position });
            l.add_name(qid, &get("official_full"));
            l.add_name(qid, &format!("{} {}", get("first"), get("last")));
            if !get("middle").is_empty() {
                l.add_name(
                    qid,
                    &format!("{} {} {}", get("first"), get("middle"), get("last")),
                );
            }
            if !get("nickname").is_empty() {
                l.add_name(qid, &format!("{} {}", get("nickname"), get("last")));
            }
            let wikipedia = entry["id"]["wikipedia"].as_str().unwrap_or("");
            let p = l.person(qid);
            if !known {
                p.sources = 1;
                p.country = "US".to_string();
                p.canonical = clean_name(wikipedia).or_else(|| p.names.first().cloned());
            }
        }
    }
    let congress_count = l.people.len() - before;

    // Cabinet and leader lists: prominent offices, sometimes people missing above.
    let before = l.people.len();
    let mut files: Vec<_> = std::fs::read_dir(src.join("epscrapers"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    for path in files {
        for row in read_csv(&path)? {
            let qid = ["personID", "officeholder", "person"]
                .iter()
                .map(|c| row.get(c))
                .find(|v| is_qid(v));
            let Some(qid) = qid else { continue };
            let name = ["officeholderLabel", "name", "person"]
                .iter()
                .map(|c| row.get(c))
                .find(|v| !v.is_empty() && !is_qid(v))
                .unwrap_or("");
            let position = ["positionLabel", "position"]
                .iter()
                .map(|c| row.get(c))
                .find(|v| !v.is_empty() && !is_qid(v))
                .unwrap_or("");
            let known = l.people.get(qid).is_some_and(|p| p.canonical.is_some());
            l.set_position(qid, position);
            l.add_name(qid, row.get("enwiki"));
            l.add_name(qid, name);
            let p = l.person(qid);
            if !known {
                p.sources = 1;
                p.canonical = clean_name(row.get("enwiki")).or_else(|| p.names.first().cloned());
            }
        }
    }
    let eps_count = l.people.len() - before;

    Ok(Loaded {
        people: l.people,
        variants: load_variants(&data.join("curated/name_variants.tsv"))?,
        counts: Counts {
            extra: extra_count,
            raw: raw_count,
            congress: congress_count,
            epscrapers: eps_count,
        },
    })
}

/// Everyone read from the sources, before aliases are settled.
pub struct Loaded {
    people: BTreeMap<String, Person>,
    variants: HashMap<String, Vec<String>>,
    pub counts: Counts,
}

impl Loaded {
    /// The gazetteer: aliases that name a country, group or organisation (`blocked`) are left
    /// out, and `first_names` keeps given names from being taken for surnames in short forms.
    pub fn gazetteer(&self, blocked: &HashSet<String>, first_names: &HashSet<String>) -> Gazetteer {
        resolve(&self.people, &self.variants, blocked, first_names)
    }
}

/// Builds every person's candidate aliases, then settles aliases claimed by several people.
fn resolve(
    people: &BTreeMap<String, Person>,
    variants: &HashMap<String, Vec<String>>,
    blocked: &HashSet<String>,
    first_names: &HashSet<String>,
) -> Gazetteer {
    let is_first = |t: &str| first_names.contains(t);
    // folded key -> claims (origin, qid, alias as written)
    let mut claims: HashMap<String, Vec<(Origin, &str, String)>> = HashMap::new();
    for (qid, p) in people {
        let Some(canonical) = &p.canonical else {
            continue;
        };
        let double = DOUBLE_SURNAME.contains(&p.country.as_str());
        let mut direct: Vec<String> = vec![canonical.clone()];
        direct.extend(p.names.iter().cloned());
        let mut candidates: Vec<(Origin, String)> = Vec::new();
        for name in &direct {
            candidates.push((Origin::Direct, name.clone()));
            for v in variants_of(name, variants) {
                candidates.push((Origin::Variant, v));
            }
        }
        let expanded: Vec<String> = candidates.iter().map(|(_, n)| n.clone()).collect();
        for name in &expanded {
            for s in short_forms(name, double, &is_first) {
                candidates.push((Origin::Generated, s));
            }
            // "Robert F. Kennedy Jr." without the suffix may be the father: only if unambiguous.
            if let Some((rest, last)) = name.rsplit_once(' ') {
                if SUFFIXES.contains(&last) && rest.split_whitespace().count() >= 2 {
                    candidates.push((Origin::Generated, rest.trim_end_matches(',').to_string()));
                }
            }
        }
        let mut seen = HashSet::new();
        for (origin, alias) in candidates {
            let key = fold_key(&alias);
            if blocked.contains(&key) || !seen.insert((key.clone(), alias.clone())) {
                continue;
            }
            claims.entry(key).or_default().push((origin, qid, alias));
        }
    }

    let mut gaz = Gazetteer::new(Kind::Person);
    gaz.set_source("people");
    let mut keys: Vec<&String> = claims.keys().collect();
    keys.sort();
    for key in keys {
        let list = &claims[key];
        let best = list
            .iter()
            .map(|(o, _, _)| *o)
            .min()
            .unwrap_or(Origin::Generated);
        let mut ids: Vec<&str> = list
            .iter()
            .filter(|(o, _, _)| *o == best)
            .map(|(_, q, _)| *q)
            .collect();
        ids.sort();
        ids.dedup();
        let winner = if ids.len() == 1 {
            Some(ids[0])
        } else if best == Origin::Generated {
            None
        } else {
            // Most prominent office, then most sources; a tie means we cannot tell.
            let score = |q: &str| {
                let p = &people[q];
                (p.rank.unwrap_or(2), std::cmp::Reverse(p.sources))
            };
            let top = ids.iter().map(|q| score(q)).min();
            let tops: Vec<&&str> = ids.iter().filter(|q| Some(score(q)) == top).collect();
            (tops.len() == 1).then(|| *tops[0])
        };
        let Some(qid) = winner else { continue };
        let Some(canonical) = people[qid].canonical.as_deref() else {
            continue;
        };
        gaz.entity(qid, canonical);
        for (origin, q, alias) in list {
            if *q == qid {
                let form = if alias == canonical && *origin == Origin::Direct {
                    Form::Name
                } else {
                    Form::Alias
                };
                gaz.add(qid, alias, form);
            }
        }
    }
    gaz
}

/// Canonical names of everyone in people_raw, for the first-name lexicon.
pub fn raw_names(data: &Path) -> Result<Vec<String>> {
    Ok(read_tsv(&data.join("sources/people/people_raw.tsv"))?
        .iter()
        .filter_map(|r| clean_name(r.get("name")))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_of_names() {
        let firsts = |t: &str| ["José", "Joaquín", "Ángel"].contains(&t);
        assert_eq!(
            short_forms("Mohammad Javad Zarif", false, &firsts),
            vec!["Mohammad Zarif", "Javad Zarif"]
        );
        assert_eq!(
            short_forms("John F. Kennedy", false, &firsts),
            vec!["John Kennedy"]
        );
        assert!(short_forms("Charles de Gaulle", false, &firsts).is_empty());
        assert_eq!(
            short_forms("Nicolás Maduro Moros", true, &firsts),
            vec!["Nicolás Moros", "Maduro Moros", "Nicolás Maduro"]
        );
        assert_eq!(
            short_forms("Pedro Joaquín Coldwell", true, &firsts),
            vec!["Pedro Coldwell", "Joaquín Coldwell"]
        );
        assert!(short_forms("Juan San José", false, &firsts).is_empty());
        assert_eq!(
            short_forms("Bingu wa Mutharika", false, &firsts),
            vec!["Bingu Mutharika"]
        );
        assert_eq!(
            short_forms("Jan Van Moer", false, &firsts),
            Vec::<String>::new()
        );
    }

    #[test]
    fn names() {
        assert_eq!(clean_name("Mukesh (actor)"), None);
        assert_eq!(clean_name("Jean DUPONT").as_deref(), Some("Jean Dupont"));
        assert_eq!(clean_name("Ban Ki-moon").as_deref(), Some("Ban Ki-moon"));
        assert_eq!(
            clean_name("George W. Bush").as_deref(),
            Some("George W. Bush")
        );
        assert_eq!(clean_name("Eric A. \"Rick\" Crawford"), None);
    }

    #[test]
    fn ranks() {
        assert_eq!(rank_of("President of the United States"), 0);
        assert_eq!(rank_of("Minister of Foreign Affairs"), 1);
        assert_eq!(rank_of("President of the Senate"), 1);
        assert_eq!(rank_of("member of the State Duma"), 2);
    }
}

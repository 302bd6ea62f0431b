//! Organisations: curated lists first (they win conflicts), then intergovernmental
//! organisations, political parties and S&P 500 companies.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use anyhow::Result;

use crate::countries::Countries;
use crate::gazetteer::{Form, Gazetteer, Kind};
use crate::input::{read_csv, read_tsv};
use crate::text::{fold_key, is_acronym, is_latin_name, slug, squash, strip_parens, word_count};

/// Bare city names are locations in news even when they stand for a government or body
/// ("Brussels" for the Commission); the extra big cities complement the capitals list.
const CITIES: &[&str] = &[
    "Washington",
    "Washington DC",
    "New York",
    "Los Angeles",
    "Chicago",
    "Geneva",
    "Istanbul",
    "Dubai",
    "Shanghai",
    "Mumbai",
    "Davos",
    "Frankfurt",
    "Sydney",
    "Toronto",
    "Munich",
    "Milan",
    "Strasbourg",
    "The Hague",
    "Hague",
    "Hollywood",
    "Karachi",
    "Lagos",
    "Johannesburg",
    "Saint Petersburg",
    "St Petersburg",
];

/// Acronyms that are also English words or everyday abbreviations, so all-caps headlines and
/// business text would match them ("THE", "DNA", "PCT", "CPI", "NDA", "APC", "AL" for Alabama).
const WORD_ACRONYMS: &[&str] = &[
    "CAN", "ACT", "PAN", "ONE", "NEW", "NOW", "YES", "WIN", "ALL", "FOR", "OUR", "WAY", "AIM",
    "ARE", "BIG", "ECO", "NAM", "EAS", "CD", "CE", "CP", "FZ", "NC", "PA", "AG", "BA", "ZC", "GO",
    "MAS", "PRO", "LAS", "SOS", "CAP", "PES", "PAS", "PIS", "DA", "LA", "DE", "EL", "AL", "THE",
    "DNA", "PCT", "INC", "MAN", "CAR", "PIN", "HAT", "RAP", "YAP", "ARENA", "COPE", "MUD", "DAB",
    "SAD", "PIE", "NAP", "COL", "APR", "CDS", "NDA", "APC", "CPI", "DPA", "PSV", "UFC", "AFC",
    "NFC", "PCB", "PCP", "AMP", "MIR", "UNC", "TIM", "NOVA", "VAS", "COP", "IMS", "BAL", "GANA",
    "LIBRE", "CREO", "PAC", "KID", "FAR", "ARC", "APP", "ASL", "ADA", "PRC", "IRA", "ATM", "GDP",
    "CEO", "USD", "EUR", "GMT", "UTC", "LTD", "TV", "PM", "AM", "MP", "MPS", "UP", "ID", "IT",
    "IS", "NO", "TO", "ME", "US", "WE", "OK", "OR", "ON", "IN", "AT", "BY", "OF", "SO", "AN", "BE",
    "HE", "MY", "LEADER", "UNITED", "UNION", "PEOPLE", "FREE", "FRONT", "HOPE", "MOVE", "NOT",
    "OUT", "HIS", "HER", "ITS", "WHY", "HOW", "SUN", "STAR", "RED", "TOP", "SEC", "ISO", "ABC",
    "PSOE-A", "MMM", "ANO", "MCP", "AIP", "SKIP", "SMART", "DEAL", "JOBS", "HAND", "ONLINE",
];

/// Single words that are company names but far more often plain words, places or surnames.
const WORD_COMPANIES: &[&str] = &[
    "Target",
    "Visa",
    "Ball",
    "Gap",
    "Progressive",
    "Fox",
    "News",
    "Southern",
    "Pool",
    "Mosaic",
    "Match",
    "Waters",
    "Block",
    "Corning",
    "Dover",
    "Hess",
    "Tapestry",
    "Equity",
    "Realty",
    "Booking",
    "Regions",
    "Principal",
    "Citizens",
    "Textron",
    "Loews",
    "Genuine",
    "Public",
    "Republic",
    "Global",
    "General",
    "American",
    "United",
    "Lowe",
    "Carrier",
    "Paramount",
    "Catalent",
    "Cooper",
    "Howmet",
    "Baker",
    "Jacobs",
    "Hubbell",
    "Snap",
    "Steel",
    "Western",
    "Everest",
    "Dow",
    "Lilly",
    "Carnival",
    "Flex",
    "Coherent",
    "Hartford",
    "Rollins",
    "Williams",
    "Nike",
    "Amazon",
];

/// Legal-form words stripped from company names ("Apple Inc." -> "Apple").
const LEGAL_SUFFIXES: &[&str] = &[
    "& Co.",
    "& Company",
    "Inc.",
    "Inc",
    "Incorporated",
    "Corp.",
    "Corp",
    "Corporation",
    "Co.",
    "Company",
    "plc",
    "PLC",
    "Ltd",
    "Ltd.",
    "Limited",
    "N.V.",
    "S.A.",
    "AG",
    "Holdings",
    "Group",
];

pub struct Orgs {
    pub gaz: Gazetteer,
}

/// Checks shared by every org source: not a country alias, not a bare city, usable text.
struct Filter<'a> {
    countries: &'a Countries,
    cities: HashSet<String>,
}

impl Filter<'_> {
    fn ok(&self, alias: &str) -> bool {
        let key = fold_key(alias);
        !key.is_empty()
            && is_latin_name(alias, "&,:")
            && self.countries.gaz.owner_of(alias).is_none()
            && !self.countries.groups.contains(&key)
            && !self.cities.contains(&key)
            && alias.chars().filter(|c| c.is_alphabetic()).count() >= 2
    }
}

fn form_of(alias: &str, canonical: &str) -> Form {
    if alias == canonical {
        Form::Name
    } else if is_acronym(alias) {
        Form::Acronym
    } else {
        Form::Alias
    }
}

pub fn build(data: &Path, extra: &Path, countries: &Countries) -> Result<Orgs> {
    let mut cities: HashSet<String> = countries.capitals.clone();
    cities.extend(CITIES.iter().map(|c| fold_key(c)));
    let filter = Filter { countries, cities };
    let mut gaz = Gazetteer::new(Kind::Org);

    gaz.set_source("curated/organisations.tsv");
    curated(&mut gaz, &filter, &data.join("curated/organisations.tsv"))?;
    gaz.set_source("xtask/data/extra_organisations.tsv");
    curated(&mut gaz, &filter, extra)?;
    gaz.set_source("dieghernan/CountrycodesOrgs");
    igos(&mut gaz, &filter, data)?;
    gaz.set_source("partyfacts");
    parties(&mut gaz, &filter, data)?;
    gaz.set_source("sp500");
    companies(&mut gaz, &filter, data)?;
    Ok(Orgs { gaz })
}

/// Curated rows: `canonical, alias, country, type`, optionally an `id` column with a Wikidata
/// id (so that partyfacts rows for the same party join the curated entity).
fn curated(gaz: &mut Gazetteer, filter: &Filter, path: &Path) -> Result<()> {
    for row in read_tsv(path)? {
        let canonical = row.get("canonical");
        let alias = row.get("alias");
        if canonical.is_empty() || alias.is_empty() {
            anyhow::bail!("{}:{}: empty canonical or alias", path.display(), row.line);
        }
        let id = match row.get("id") {
            "" => format!("org:{}", slug(canonical)),
            qid => qid.to_string(),
        };
        gaz.entity(&id, canonical);
        if filter.ok(alias) {
            gaz.add(&id, alias, form_of(alias, canonical));
            add_lowercase_party(gaz, &id, alias);
        }
    }
    Ok(())
}

/// Intergovernmental organisations with their acronyms.
fn igos(gaz: &mut Gazetteer, filter: &Filter, data: &Path) -> Result<()> {
    let path = data.join("sources/dieghernan/CountrycodesOrgs.csv");
    let mut orgs: BTreeMap<String, String> = BTreeMap::new();
    for row in read_csv(&path)? {
        orgs.insert(row.get("org_id").to_string(), squash(row.get("org_name")));
    }
    for (code, name) in orgs {
        let canonical = strip_parens(&name);
        // Codes like "ARCTIC_COUNCIL" are identifiers, not acronyms.
        let code = if code.contains('_') {
            String::new()
        } else {
            code
        };
        // Same name or acronym as an entity already known ("United Nations", "OPEC"): join it.
        let known = gaz.owner_of(&canonical).or_else(|| {
            (is_acronym(&code) && !code.starts_with("G-"))
                .then(|| gaz.owner_of(&code))
                .flatten()
        });
        let id = known.map_or_else(|| format!("org:{}", slug(&canonical)), str::to_string);
        gaz.entity(&id, &canonical);
        if filter.ok(&canonical) {
            gaz.add(&id, &canonical, Form::Name);
        }
        // "G-20" is written "G20" too.
        if code.starts_with("G-") {
            for c in [code.clone(), code.replace('-', "")] {
                if filter.ok(&c) {
                    gaz.add(&id, &c, Form::Acronym);
                }
            }
        } else if is_acronym(&code) && !WORD_ACRONYMS.contains(&code.as_str()) && filter.ok(&code) {
            gaz.add(&id, &code, Form::Acronym);
        }
    }
    Ok(())
}

/// Minimum vote share (percent) for a party to be listed: parties below it are rarely in
/// international news, and their generic names ("Workers' Party") would only add ambiguity.
const MIN_SHARE: f64 = 5.0;
/// Parties that last ran before this year are historical.
const ACTIVE_SINCE: i32 = 2015;

struct Party {
    id: String,
    share: f64,
    canonical: String,
    names: Vec<String>,
    short: Vec<String>,
}

fn parties(gaz: &mut Gazetteer, filter: &Filter, data: &Path) -> Result<()> {
    let wd_path = data.join("sources/partyfacts/wikidata.csv");
    let mut wikidata: HashMap<String, String> = HashMap::new();
    for row in read_csv(&wd_path)? {
        let qid = row.get("wikidata_id");
        if qid.starts_with('Q') {
            wikidata.insert(row.get("partyfacts_id").to_string(), qid.to_string());
        }
    }

    let path = data.join("sources/partyfacts/partyfacts-core-parties.csv");
    let mut list = Vec::new();
    for row in read_csv(&path)? {
        let year_last = row.get("year_last");
        let active =
            year_last.is_empty() || year_last.parse::<i32>().is_ok_and(|y| y >= ACTIVE_SINCE);
        let share = row.get("share").parse::<f64>().unwrap_or(0.0);
        if !active || share < MIN_SHARE || !row.get("technical").is_empty() {
            continue;
        }
        let split = |s: &str| -> Vec<String> {
            s.split(" / ")
                .map(|p| squash(&strip_parens(&p.replace(['[', ']'], " "))))
                .map(|p| p.trim_end_matches([',', ';', ':', ' ']).to_string())
                // Broken transliterations ("Hizb al-ba 'th") are not how news writes them.
                .filter(|p| !p.is_empty() && !p.contains(" '") && !p.contains("- "))
                .collect()
        };
        let english = split(row.get("name_english"));
        let native: Vec<String> = split(row.get("name"))
            .into_iter()
            .filter(|n| is_latin_name(n, "&,:"))
            .collect();
        let Some(canonical) = english.first().or(native.first()).cloned() else {
            continue;
        };
        let pf_id = row.get("partyfacts_id");
        let id = wikidata.get(pf_id).cloned().unwrap_or_else(|| {
            format!(
                "org:{}-{}",
                slug(&canonical),
                row.get("country").to_lowercase()
            )
        });
        let mut names = english;
        names.extend(native);
        let short = split(row.get("name_short"))
            .into_iter()
            .filter(|s| {
                is_acronym(s)
                    && !s.contains(' ')
                    && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && !WORD_ACRONYMS.contains(&s.as_str())
            })
            .collect();
        list.push(Party {
            id,
            share,
            canonical,
            names,
            short,
        });
    }
    // Bigger parties first: they keep names shared with smaller ones.
    list.sort_by(|a, b| b.share.total_cmp(&a.share).then_with(|| a.id.cmp(&b.id)));
    for p in list {
        gaz.entity(&p.id, &p.canonical);
        for name in &p.names {
            // One-word names are often plain words in some language ("Forward", "Yes").
            if word_count(name) >= 2 && filter.ok(name) {
                gaz.add(&p.id, name, form_of(name, &p.canonical));
                add_lowercase_party(gaz, &p.id, name);
            }
        }
        for s in &p.short {
            if filter.ok(s) {
                gaz.add(&p.id, s, Form::Acronym);
            }
        }
    }
    Ok(())
}

/// News often writes "Labour party": an all-lowercase alias word matches any case, so the
/// variant with "party" covers both spellings.
fn add_lowercase_party(gaz: &mut Gazetteer, id: &str, name: &str) {
    if let Some(stem) = name.strip_suffix(" Party") {
        gaz.add(id, &format!("{stem} party"), Form::Alias);
    }
}

/// Company name without legal form: "The Coca-Cola Company" -> "Coca-Cola".
fn strip_legal(name: &str) -> String {
    let mut s = strip_parens(name).trim_end_matches(',').to_string();
    loop {
        let before = s.clone();
        for suffix in LEGAL_SUFFIXES {
            if let Some(rest) = s.strip_suffix(suffix) {
                if rest.ends_with(' ') || rest.ends_with(',') {
                    s = rest.trim_end_matches([' ', ',']).to_string();
                }
            }
        }
        if s == before {
            break;
        }
    }
    let s = s.trim_end_matches([' ', ',', '&']);
    s.strip_prefix("The ").unwrap_or(s).to_string()
}

fn companies(gaz: &mut Gazetteer, filter: &Filter, data: &Path) -> Result<()> {
    let path = data.join("sources/sp500/constituents.csv");
    let mut names: Vec<String> = read_csv(&path)?
        .iter()
        .map(|r| strip_parens(r.get("Security")))
        .collect();
    names.sort();
    names.dedup();
    for full in names {
        let short = strip_legal(&full);
        if short.is_empty() {
            continue;
        }
        let id = format!("org:{}", slug(&short));
        gaz.entity(&id, &short);
        for alias in [&full, &short] {
            let one_word_word = word_count(alias) == 1 && WORD_COMPANIES.contains(&alias.as_str());
            if !one_word_word && filter.ok(alias) {
                gaz.add(&id, alias, Form::Name);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::strip_legal;

    #[test]
    fn legal_forms() {
        assert_eq!(strip_legal("Apple Inc."), "Apple");
        assert_eq!(strip_legal("The Coca-Cola Company"), "Coca-Cola");
        assert_eq!(strip_legal("Alphabet Inc. (Class A)"), "Alphabet");
        assert_eq!(strip_legal("3M"), "3M");
        assert_eq!(strip_legal("Tesla, Inc."), "Tesla");
        assert_eq!(strip_legal("Deere & Company"), "Deere");
        assert_eq!(
            strip_legal("Arthur J. Gallagher & Co."),
            "Arthur J. Gallagher"
        );
    }
}

//! Word lists the library uses around names: person titles and first names.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use anyhow::Result;

use crate::input::{read_lines, read_tsv};
use crate::text::{capitalise, fold_key, is_latin_name};

/// Single-word titles from the nameparser list that news puts before a name, with their kind.
/// The rest of that list is professions ("novelist"), adjectives ("federal") or forms of
/// address from other languages, which would make the library take ordinary words for titles.
const NAMEPARSER_TITLES: &[(&str, &str)] = &[
    ("mr", "honorific"),
    ("mrs", "honorific"),
    ("ms", "honorific"),
    ("miss", "honorific"),
    ("mister", "honorific"),
    ("madame", "honorific"),
    ("mme", "honorific"),
    ("monsieur", "honorific"),
    ("dr", "honorific"),
    ("doctor", "honorific"),
    ("prof", "honorific"),
    ("professor", "honorific"),
    ("sir", "honorific"),
    ("dame", "honorific"),
    ("lord", "honorific"),
    ("lady", "honorific"),
    ("herr", "honorific"),
    ("frau", "honorific"),
    ("señor", "honorific"),
    ("señora", "honorific"),
    ("signor", "honorific"),
    ("signora", "honorific"),
    ("hon", "honorific"),
    ("honourable", "honorific"),
    ("honorable", "honorific"),
    ("baron", "honorific"),
    ("baroness", "honorific"),
    ("viscount", "honorific"),
    ("countess", "honorific"),
    ("marquess", "honorific"),
    ("president", "political"),
    ("premier", "political"),
    ("chancellor", "political"),
    ("minister", "political"),
    ("senator", "political"),
    ("rep", "political"),
    ("representative", "political"),
    ("governor", "political"),
    ("gov", "political"),
    ("mayor", "political"),
    ("ambassador", "political"),
    ("envoy", "political"),
    ("speaker", "political"),
    ("secretary", "political"),
    ("commissioner", "political"),
    ("councillor", "political"),
    ("cllr", "political"),
    ("alderman", "political"),
    ("delegate", "political"),
    ("deputy", "political"),
    ("prefect", "political"),
    ("vizier", "political"),
    ("ayatollah", "religious"),
    ("imam", "religious"),
    ("sheikh", "religious"),
    ("sheik", "religious"),
    ("shaikh", "religious"),
    ("cheikh", "religious"),
    ("mullah", "religious"),
    ("mufti", "religious"),
    ("hajji", "religious"),
    ("pope", "religious"),
    ("cardinal", "religious"),
    ("archbishop", "religious"),
    ("bishop", "religious"),
    ("rabbi", "religious"),
    ("reverend", "religious"),
    ("rev", "religious"),
    ("father", "religious"),
    ("pastor", "religious"),
    ("priest", "religious"),
    ("deacon", "religious"),
    ("monsignor", "religious"),
    ("patriarch", "religious"),
    ("swami", "religious"),
    ("king", "royal"),
    ("queen", "royal"),
    ("prince", "royal"),
    ("princess", "royal"),
    ("emperor", "royal"),
    ("empress", "royal"),
    ("sultan", "royal"),
    ("tsar", "royal"),
    ("maharajah", "royal"),
    ("archduke", "royal"),
    ("general", "military"),
    ("gen", "military"),
    ("colonel", "military"),
    ("col", "military"),
    ("lieutenant", "military"),
    ("lt", "military"),
    ("maj", "military"),
    ("captain", "military"),
    ("capt", "military"),
    ("commander", "military"),
    ("cdr", "military"),
    ("admiral", "military"),
    ("adm", "military"),
    ("brigadier", "military"),
    ("commodore", "military"),
    ("sergeant", "military"),
    ("sgt", "military"),
    ("corporal", "military"),
    ("cpl", "military"),
    ("chief", "role"),
    ("judge", "role"),
    ("magistrate", "role"),
    ("detective", "role"),
    ("officer", "role"),
    ("coach", "role"),
    ("ceo", "role"),
    ("cfo", "role"),
];

/// Titles written in capitals in news.
const UPPER_TITLES: &[&str] = &["ceo", "cfo"];

pub struct TitlesCount {
    pub curated: usize,
    pub nameparser: usize,
}

/// `title\tkind`, sorted by title.
pub fn titles(data: &Path) -> Result<(String, TitlesCount, HashSet<String>)> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for row in read_tsv(&data.join("curated/titles.tsv"))? {
        out.insert(row.get("title").to_string(), row.get("kind").to_string());
    }
    let curated = out.len();
    // Only words actually in the source list, so that the credited count stays true.
    let source: HashSet<String> = read_lines(&data.join("sources/titles/nameparser_titles.txt"))?
        .into_iter()
        .collect();
    for (word, kind) in NAMEPARSER_TITLES {
        if !source.contains(*word) {
            continue;
        }
        let title = if UPPER_TITLES.contains(word) {
            word.to_uppercase()
        } else {
            capitalise(word)
        };
        out.entry(title).or_insert_with(|| kind.to_string());
    }
    let nameparser = out.len() - curated;
    let keys = out.keys().map(|t| fold_key(t)).collect();
    let mut text = String::from("title\tkind\n");
    for (title, kind) in &out {
        text.push_str(&format!("{title}\t{kind}\n"));
    }
    Ok((
        text,
        TitlesCount {
            curated,
            nameparser,
        },
        keys,
    ))
}

/// Names that are also common words or places when capitalised at the start of a sentence or
/// in a headline. Country, organisation and title words are removed separately.
const NOT_FIRST_NAMES: &[&str] = &[
    "Will",
    "May",
    "Can",
    "June",
    "April",
    "August",
    "Hope",
    "Faith",
    "Grace",
    "Joy",
    "Lane",
    "King",
    "Prince",
    "Princess",
    "Queen",
    "General",
    "Major",
    "Rose",
    "Grant",
    "Art",
    "Bliss",
    "Blue",
    "Bond",
    "Bright",
    "Cash",
    "Chance",
    "Christian",
    "Chase",
    "Earl",
    "Early",
    "Easter",
    "Ever",
    "Fair",
    "Free",
    "Gay",
    "Gold",
    "Golden",
    "Happy",
    "Hero",
    "Honor",
    "Honey",
    "Justice",
    "Kind",
    "Liberty",
    "Lucky",
    "Mercy",
    "Young",
    "Love",
    "Merry",
    "Noble",
    "Page",
    "Paris",
    "Patience",
    "Ready",
    "Reason",
    "Rich",
    "Royal",
    "Sage",
    "Saint",
    "Son",
    "Sterling",
    "Story",
    "Sunny",
    "Sunday",
    "True",
    "Trust",
    "Unique",
    "Victory",
    "Wisdom",
    "Worth",
    "Summer",
    "Winter",
    "Autumn",
    "Spring",
    "Storm",
    "Rain",
    "River",
    "Sky",
    "Star",
    "Ocean",
    "Forest",
    "Field",
    "Price",
    "Cliff",
    "Dale",
    "Glen",
    "Heath",
    "Brook",
    "Hill",
    "Wood",
    "Stone",
    "Nova",
    "Genesis",
    "Trinity",
    "Messiah",
    "Heaven",
    "Angel",
    "Destiny",
    "Harmony",
    "Serenity",
    "Journey",
    "Legend",
    "Royalty",
    "Kingdom",
    "Blessing",
    "Precious",
    "Memory",
    "Miracle",
    "Reign",
    "Saga",
    "London",
    "Dallas",
    "Houston",
    "Brooklyn",
    "Phoenix",
    "Berlin",
    "Cairo",
    "Denver",
    "Orlando",
    "Memphis",
    "Boston",
    "Chicago",
    "Washington",
    "Independence",
    "Freedom",
    "Harvest",
    "Major",
    "Marshal",
    "Pilot",
    "Judge",
    "Lawyer",
    "Doctor",
    "Baron",
    "Duke",
    "Earl",
    "Bishop",
    "Deacon",
    "Pastor",
    "Sheriff",
    "Angel",
    "Dawn",
    "Crystal",
    "Amber",
    "Ruby",
    "Pearl",
    "Jade",
    "Ivy",
    "Holly",
    "Daisy",
    "Lily",
    "Iris",
    "Violet",
    "Heather",
    "Olive",
    "Hazel",
    "Ginger",
    "Candy",
    "Sugar",
    "Cherry",
    "Berry",
    "Melody",
    "Echo",
    "Shadow",
    "Ace",
    "Blaze",
    "King",
    "Tiger",
    "Fox",
    "Wolf",
    "Bear",
    "Hunter",
    "Ranger",
    "Baker",
    "Hardy",
    "Sharp",
    "Best",
    "Strong",
    "Wise",
    "Long",
    "Short",
    "Small",
    "Little",
    "Black",
    "White",
    "Green",
    "Gray",
    "Grey",
    "Brown",
    "Red",
    "Silver",
    "Penny",
    "Sterling",
    "Al",
    "Ha",
    "Le",
    "La",
    "De",
    "Do",
    "So",
    "An",
    "Un",
];

/// Names the scan of people's names finds that are not first names.
fn is_plain_token(t: &str) -> bool {
    t.chars().count() >= 2
        && !t.ends_with('.')
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.chars().skip(1).all(|c| !c.is_uppercase())
        && is_latin_name(t, "")
}

pub struct FirstNamesCount {
    pub ssa: usize,
    pub stdlib: usize,
    pub people: usize,
}

/// `name\tgender\tcount`: US birth counts where known; for names only attested among the
/// public figures, count is the number of those people.
pub fn first_names(
    data: &Path,
    people_names: &[String],
    avoid: &HashSet<String>,
) -> Result<(String, FirstNamesCount, HashSet<String>)> {
    const MIN_BIRTHS: u64 = 1000;
    const MIN_LIST_BIRTHS: u64 = 100;
    const MIN_PEOPLE: usize = 5;
    let blocked: HashSet<String> = NOT_FIRST_NAMES.iter().map(|n| fold_key(n)).collect();
    let keep = |name: &str| {
        let key = fold_key(name);
        !blocked.contains(&key) && !avoid.contains(&key) && is_plain_token(name)
    };

    let dir = data.join("sources/names");
    let male: HashSet<String> = read_lines(&dir.join("stdlib_male.txt"))?
        .into_iter()
        .collect();
    let female: HashSet<String> = read_lines(&dir.join("stdlib_female.txt"))?
        .into_iter()
        .collect();

    // name -> (gender, count)
    let mut out: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut ssa_births: HashMap<String, (String, u64)> = HashMap::new();
    for row in read_tsv(&dir.join("first_names.tsv"))? {
        let births = row.get("ssa_births").parse::<u64>().unwrap_or(0);
        ssa_births.insert(
            row.get("name").to_string(),
            (row.get("gender").to_string(), births),
        );
    }
    let mut counts = FirstNamesCount {
        ssa: 0,
        stdlib: 0,
        people: 0,
    };
    let mut ssa_sorted: Vec<(&String, &(String, u64))> = ssa_births.iter().collect();
    ssa_sorted.sort();
    for (name, (gender, births)) in ssa_sorted {
        if *births >= MIN_BIRTHS && keep(name) {
            out.insert(name.clone(), (gender.clone(), *births));
            counts.ssa += 1;
        }
    }
    let mut stdlib: Vec<&String> = male.union(&female).collect();
    stdlib.sort();
    for name in stdlib {
        // The lists also hold rare or odd entries ("Temp", "Brandtr"): require some births.
        let births = ssa_births.get(name).map_or(0, |(_, b)| *b);
        if out.contains_key(name) || births < MIN_LIST_BIRTHS || !keep(name) {
            continue;
        }
        let gender = match (male.contains(name), female.contains(name)) {
            (true, false) => "M",
            (false, true) => "F",
            _ => "U",
        };
        out.insert(name.clone(), (gender.to_string(), births));
        counts.stdlib += 1;
    }

    let mut firsts: HashMap<&str, usize> = HashMap::new();
    for name in people_names {
        if let Some(first) = name.split_whitespace().next() {
            *firsts.entry(first).or_insert(0) += 1;
        }
    }
    let mut firsts: Vec<(&str, usize)> = firsts.into_iter().collect();
    firsts.sort();
    for (first, n) in firsts {
        // Two-letter tokens here are mostly particles or words ("He", "Oh").
        if n < MIN_PEOPLE || first.chars().count() < 3 || out.contains_key(first) || !keep(first) {
            continue;
        }
        let gender = ssa_births.get(first).map_or("U", |(g, _)| g.as_str());
        out.insert(first.to_string(), (gender.to_string(), n as u64));
        counts.people += 1;
    }

    let mut text = String::from("name\tgender\tcount\n");
    for (name, (gender, count)) in &out {
        text.push_str(&format!("{name}\t{gender}\t{count}\n"));
    }
    let set = out.into_keys().collect();
    Ok((text, counts, set))
}

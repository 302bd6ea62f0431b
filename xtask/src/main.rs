//! Maintenance tasks for whosaid.
//!
//! `cargo xtask gazetteers --data ../shared/data --out gazetteers` regenerates every file in
//! `gazetteers/` from the open sources. Output is sorted and gzip is written without timestamps,
//! so reruns give byte-identical files.

mod countries;
mod gazetteer;
mod input;
mod lexicons;
mod orgs;
mod people;
mod text;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::gazetteer::{write_file, Gazetteer, Tally};

const USAGE: &str = "usage: cargo xtask gazetteers --data <shared data dir> --out <gazetteers dir>";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gazetteers") => {
            let mut data = PathBuf::from("../shared/data");
            let mut out = PathBuf::from("gazetteers");
            let mut rest = args[1..].iter();
            while let Some(flag) = rest.next() {
                let value = rest
                    .next()
                    .with_context(|| format!("{flag} needs a value"))?;
                match flag.as_str() {
                    "--data" => data = PathBuf::from(value),
                    "--out" => out = PathBuf::from(value),
                    _ => bail!("unknown option {flag}\n{USAGE}"),
                }
            }
            gazetteers(&data, &out)
        }
        _ => bail!("{USAGE}"),
    }
}

/// Curated additions written for this project, kept next to the tool.
fn extra_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

fn gazetteers(data: &Path, out: &Path) -> Result<()> {
    let started = Instant::now();
    if !data.join("README.md").exists() {
        bail!(
            "{} does not look like the shared data folder",
            data.display()
        );
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;

    let countries = countries::build(data, &extra_path("extra_countries.tsv"))?;
    let orgs = orgs::build(data, &extra_path("extra_organisations.tsv"), &countries)?;

    // People must not take a string that names a country, a group, a capital city ("Diego
    // Garcia") or an organisation.
    let mut blocked: HashSet<String> = countries.gaz.keys().cloned().collect();
    blocked.extend(countries.groups.iter().cloned());
    blocked.extend(countries.capitals.iter().cloned());
    blocked.extend(orgs.gaz.keys().cloned());

    // The lexicons and the people sources are independent: read them on two threads.
    let (lexicons, loaded) = std::thread::scope(|scope| {
        let lexicons = scope.spawn(|| -> Result<_> {
            let (titles, titles_count, title_keys) = lexicons::titles(data)?;
            let mut avoid = blocked.clone();
            avoid.extend(title_keys);
            let raw_names = people::raw_names(data)?;
            let (first_names, first_counts, first_set) =
                lexicons::first_names(data, &raw_names, &avoid)?;
            Ok((titles, titles_count, first_names, first_counts, first_set))
        });
        let loaded = people::load(data, &extra_path("extra_people.tsv"));
        (lexicons.join(), loaded)
    });
    let (titles, titles_count, first_names, first_counts, first_set) =
        lexicons.map_err(|_| anyhow::anyhow!("the lexicon thread panicked"))??;
    let loaded = loaded?;
    let people = loaded.gazetteer(&blocked, &first_set);
    let people_counts = &loaded.counts;

    let country_total = countries.gaz.write(
        &out.join("countries.tsv"),
        "Derived from mledoze/countries (ODbL 1.0) and whosaid curated lists (CC0); see SOURCES.md",
    )?;
    let org_total = orgs.gaz.write(
        &out.join("organisations.tsv"),
        "Derived from dieghernan/CountrycodesOrgs (MIT), partyfacts (MIT), S&P 500 constituents (ODC-PDDL) and whosaid curated lists (CC0); see SOURCES.md",
    )?;
    let people_total = people.write(
        &out.join("people.tsv.gz"),
        "Derived from Wikidata (CC0) via every-politician-scrapers, congress-legislators (CC0) and CaptainFact; see SOURCES.md",
    )?;
    write_file(&out.join("titles.tsv"), titles.as_bytes())?;
    write_file(&out.join("first_names.tsv"), first_names.as_bytes())?;

    let sources = sources_md(&SourcesInput {
        countries: &countries.gaz,
        orgs: &orgs.gaz,
        people: &people,
        people_counts,
        titles: &titles_count,
        first_names: &first_counts,
    });
    write_file(&out.join("SOURCES.md"), sources.as_bytes())?;

    let lines = |s: &str| s.lines().count() - 1;
    println!(
        "countries.tsv      {:>7} entities {:>8} aliases",
        country_total.entities, country_total.aliases
    );
    println!(
        "organisations.tsv  {:>7} entities {:>8} aliases",
        org_total.entities, org_total.aliases
    );
    println!(
        "people.tsv.gz      {:>7} entities {:>8} aliases",
        people_total.entities, people_total.aliases
    );
    println!("titles.tsv         {:>7} titles", lines(&titles));
    println!("first_names.tsv    {:>7} names", lines(&first_names));
    println!("done in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

struct SourcesInput<'a> {
    countries: &'a Gazetteer,
    orgs: &'a Gazetteer,
    people: &'a Gazetteer,
    people_counts: &'a people::Counts,
    titles: &'a lexicons::TitlesCount,
    first_names: &'a lexicons::FirstNamesCount,
}

fn tally_lines(out: &mut String, tally: &BTreeMap<&'static str, Tally>) {
    for (source, t) in tally {
        let _ = writeln!(
            out,
            "| {source} | {} entities | {} aliases |",
            t.entities, t.aliases
        );
    }
}

/// SOURCES.md, written by the tool so that the counts always match the files.
fn sources_md(s: &SourcesInput) -> String {
    let mut o = String::new();
    o.push_str(include_str!("../data/sources_head.md"));

    o.push_str("\n## countries.tsv\n\n");
    o.push_str("| source | entities | aliases |\n|---|---|---|\n");
    tally_lines(&mut o, &s.countries.tally());
    o.push_str(
        "\nContains information from mledoze/countries, which is made available under the Open \
         Database License (ODbL) 1.0: <https://opendatacommons.org/licenses/odbl/1-0/>. \
         `countries.tsv` is a derivative database and is likewise made available under the \
         ODbL 1.0; source: <https://github.com/mledoze/countries>.\n",
    );

    o.push_str("\n## organisations.tsv\n\n");
    o.push_str("| source | entities | aliases |\n|---|---|---|\n");
    tally_lines(&mut o, &s.orgs.tally());

    o.push_str("\n## people.tsv.gz\n\n");
    let p = s.people_counts;
    let t = s.people.total();
    let _ = writeln!(
        o,
        "{} people with {} aliases. Read: {} people from `xtask/data/extra_people.tsv`, {} \
         from `people_raw.tsv` (Wikidata office holders merged from every-politician-scrapers, \
         congress-legislators and CaptainFact); congress-legislators JSON and the \
         every-politician cabinet and leader lists add names and offices, and {} and {} people \
         not already listed. People without a Latin-script name of two or more words, and \
         aliases claimed by several people with no clear winner, are left out. All are Wikidata \
         statements (CC0); congress-legislators is CC0.",
        t.entities, t.aliases, p.extra, p.raw, p.congress, p.epscrapers
    );

    o.push_str("\n## titles.tsv\n\n");
    let _ = writeln!(
        o,
        "{} titles from `curated/titles.tsv` (CC0) and {} single-word titles selected from the \
         python-nameparser title list.\n\nThe nameparser word list is from python-nameparser \
         (<https://github.com/derek73/python-nameparser>), Copyright Derek Gulbranson, licensed \
         under the GNU Lesser General Public License v2.1 or later (LGPL-2.1+). The selected \
         words are redistributed under the same licence.",
        s.titles.curated, s.titles.nameparser
    );

    o.push_str("\n## first_names.tsv\n\n");
    let f = s.first_names;
    let _ = writeln!(
        o,
        "{} names with at least 1,000 US births (US Social Security Administration data, public \
         domain), {} more from the CC0 stdlib name lists, {} more that start the names of at \
         least 5 public figures in `people_raw.tsv` (Wikidata, CC0). `count` is US births where \
         known, else the number of those public figures. Gender is as given by the sources (M, F, \
         or U for names given to both), and U for names only known from the public figures. \
         Common words, places, titles, countries and organisations \
         are excluded.",
        f.ssa, f.stdlib, f.people
    );
    o
}

//! User gazetteers: `gazetteer check`, and `--gazetteer` adding entities to a run.

use crate::harness::Scratch;

const HEADER: &str = "id\ttype\tcanonical\talias\tform\n";

fn user_gazetteer() -> String {
    format!(
        "{HEADER}# invented for the tests\n\
         org:zorblat\tORG\tZorblat Institute\tZorblat Institute\tname\n\
         org:zorblat\tORG\tZorblat Institute\tZBI\tacronym\n\
         person:quix\tPERSON\tMarta Quixwell\tMarta Quixwell\tname\n"
    )
}

#[test]
fn check_accepts_a_good_gazetteer_and_counts_it() {
    let scratch = Scratch::new();
    scratch.write("mine.tsv", user_gazetteer());
    let run = scratch.cmd().args(["gazetteer", "check", "mine.tsv"]).run();
    run.assert_code(0);
    assert!(
        run.stdout.contains("2 entities, 3 aliases"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("ORG: 1"), "{}", run.stdout);
    assert!(run.stdout.contains("PERSON: 1"), "{}", run.stdout);
}

#[test]
fn check_names_the_bad_line() {
    let scratch = Scratch::new();
    let bad = format!(
        "{HEADER}org:ok\tORG\tGood Org\tGood Org\tname\n\
         \n\
         org:bad\tORG\tBad Org\n"
    );
    scratch.write("bad.tsv", bad);
    let run = scratch.cmd().args(["gazetteer", "check", "bad.tsv"]).run();
    run.assert_code(2);
    assert!(run.stderr.contains("bad.tsv:4"), "{}", run.stderr);
}

#[test]
fn check_names_an_unknown_type() {
    let scratch = Scratch::new();
    scratch.write(
        "bad.tsv",
        format!("{HEADER}x:1\tPLANET\tMars\tMars\tname\n"),
    );
    let run = scratch.cmd().args(["gazetteer", "check", "bad.tsv"]).run();
    run.assert_code(2);
    assert!(run.stderr.contains("bad.tsv:2"), "{}", run.stderr);
    assert!(run.stderr.contains("PLANET"), "{}", run.stderr);
}

#[test]
fn check_refuses_a_file_without_the_header() {
    let scratch = Scratch::new();
    scratch.write("nohead.tsv", "org:x\tORG\tX Org\tX Org\tname\n");
    let run = scratch
        .cmd()
        .args(["gazetteer", "check", "nohead.tsv"])
        .run();
    run.assert_code(2);
    assert!(run.stderr.contains("header"), "{}", run.stderr);
}

#[test]
fn user_gazetteer_entities_appear_in_mentions() {
    let scratch = Scratch::new();
    scratch.write("mine.tsv", user_gazetteer());
    let text = "The Zorblat Institute hired Marta Quixwell. \"We grow,\" Quixwell said of the ZBI.";
    scratch.write_jsonl("docs.jsonl", &[("z", text)]);

    let (run, without) = scratch.extract_to("without", &["docs.jsonl"]);
    run.assert_code(0);
    assert!(without
        .mentions()
        .rows_where("entity_id", "org:zorblat")
        .is_empty());

    let (run, with) = scratch.extract_to("with", &["docs.jsonl", "--gazetteer", "mine.tsv"]);
    run.assert_code(0);
    let mentions = with.mentions();
    let zorblat = mentions.rows_where("entity_id", "org:zorblat");
    let found: Vec<(&str, &str, &str)> = zorblat
        .iter()
        .map(|row| (row.get("text"), row.get("type"), row.get("form")))
        .collect();
    assert_eq!(
        found,
        [
            ("Zorblat Institute", "ORG", "name"),
            ("ZBI", "ORG", "acronym")
        ]
    );
    assert_eq!(zorblat[0].get("canonical"), "Zorblat Institute");
    assert_eq!((zorblat[0].num("start"), zorblat[0].num("end")), (4, 21));
    let entities = with.entities();
    let marta = entities.row_where("entity_id", "person:quix");
    assert_eq!(marta.get("canonical"), "Marta Quixwell");
    assert_eq!(marta.get("type"), "PERSON");
    let quotes = with.quotes();
    let quote = quotes.row_where("text", "We grow,");
    assert_eq!(quote.get("speaker_id"), "person:quix");
}

//! Quotes and who said them.
//!
//! [`find`] reads one document and returns its quotes in text order:
//! - `direct` and `partial` quotes are spans between paired quote marks ([`marks`]); scare
//!   quotes, titles and nicknames (short or title-cased fragments with no cue verb in the
//!   sentence) are left out;
//! - `indirect` quotes are reported speech found around cue verbs ([`indirect`]).
//!
//! Speakers come from ordered sieves ([`attribute`]); each quote names the sieve that decided in
//! [`Quote::rule`]. The cue verbs are data: `gazetteers/cue_verbs.tsv`, loaded as a
//! [`CueLexicon`].
//!
//! Everything works inside sentence windows, so the cost is linear in the text length.

mod attribute;
mod indirect;
mod layout;
mod lexicon;
mod marks;
mod window;
mod words;

pub use lexicon::{CueKind, CueLexicon, QuoteDataError};

use std::cell::Cell;

use crate::analysis::{Entity, Gender, Mention, Quote};
use crate::reuse;
use crate::text::Word;
use layout::Token;

/// What [`find`] reads: the text and the entity mentions already found in it.
#[derive(Clone, Copy, Debug)]
pub struct QuoteContext<'a> {
    /// The document text; every span is a byte range into it.
    pub text: &'a str,
    /// Its words, from [`crate::text::words`].
    pub words: &'a [Word],
    /// Entity mentions in text order, never overlapping; person spans exclude titles.
    pub mentions: &'a [Mention],
    /// The entities the mentions index.
    pub entities: &'a [Entity],
    /// The gender of each entity, parallel to `entities` (`Unknown` for non-persons).
    pub genders: &'a [Gender],
}

/// Finds every quote (direct, partial, indirect) in text order and attributes it.
pub fn find(lexicon: &CueLexicon, cx: &QuoteContext<'_>) -> Vec<Quote> {
    thread_local! {
        static TOKENS: Cell<Vec<Token>> = const { Cell::new(Vec::new()) };
    }
    let layout = layout::Layout::new(cx.text);
    let marked = marks::find(cx.text, &layout);
    let mut quotes = reuse::with_kept(&TOKENS, |tokens| {
        let doc = window::Doc::new(&marked, lexicon, cx, &layout, tokens);
        let mut quotes = attribute::marked_quotes(&doc, &layout);
        quotes.extend(indirect::find(&doc, &layout));
        quotes
    });
    quotes.sort_by_key(|q| (q.span.start, q.span.end, q.kind));
    // Two cues may report the same content: keep the first attribution.
    quotes.dedup_by(|later, first| later.kind == first.kind && later.span == first.span);
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{EntityType, Form, QuoteKind};
    use crate::document::Span;

    /// A text with its entities: each `(name, type, gender)` is marked at every place it occurs.
    struct Case {
        text: &'static str,
        mentions: Vec<Mention>,
        entities: Vec<Entity>,
        genders: Vec<Gender>,
    }

    fn case(text: &'static str, names: &[(&str, EntityType, Gender)]) -> Case {
        let mut mentions = Vec::new();
        let mut entities = Vec::new();
        let mut genders = Vec::new();
        for (index, &(name, kind, gender)) in names.iter().enumerate() {
            entities.push(Entity {
                id: name.into(),
                canonical: name.into(),
                kind,
            });
            genders.push(gender);
            for (start, _) in text.match_indices(name) {
                mentions.push(Mention {
                    span: Span::new(start, start + name.len()),
                    entity: index as u32,
                    form: Form::Name,
                });
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        Case {
            text,
            mentions,
            entities,
            genders,
        }
    }

    fn quotes(case: &Case) -> Vec<Quote> {
        let words = crate::text::words(case.text);
        let cx = QuoteContext {
            text: case.text,
            words: &words,
            mentions: &case.mentions,
            entities: &case.entities,
            genders: &case.genders,
        };
        find(&CueLexicon::builtin(), &cx)
    }

    /// A quote as (kind, quote text, speaker text, speaker entity, rule).
    type Row<'t> = (
        QuoteKind,
        &'t str,
        Option<&'t str>,
        Option<u32>,
        &'static str,
    );

    /// Every quote of the case, as rows.
    fn summary(case: &Case) -> Vec<Row<'_>> {
        quotes(case)
            .into_iter()
            .map(|q| {
                let speaker = q.speaker.as_ref();
                (
                    q.kind,
                    q.span.slice(case.text),
                    speaker.map(|s| s.span.slice(case.text)),
                    speaker.and_then(|s| s.entity),
                    q.rule,
                )
            })
            .collect()
    }

    const PERSON: EntityType = EntityType::Person;

    #[test]
    fn cue_after_the_quote_names_the_speaker() {
        let c = case(
            "\"We will not give up,\" Mr Kerry said.",
            &[("Kerry", PERSON, Gender::Male)],
        );
        assert_eq!(
            summary(&c),
            [(
                QuoteKind::Direct,
                "We will not give up,",
                Some("Kerry"),
                Some(0),
                "cue-after"
            )]
        );
    }

    #[test]
    fn inverted_verb_with_role_noun_resolves_to_last_person() {
        let c = case(
            "Anna Berg arrived in Oslo. “The talks are over,” said the minister.",
            &[("Anna Berg", PERSON, Gender::Female)],
        );
        let q = summary(&c);
        assert_eq!(
            q[0],
            (
                QuoteKind::Direct,
                "The talks are over,",
                Some("the minister"),
                Some(0),
                "inverted"
            )
        );
    }

    #[test]
    fn appositive_between_speaker_and_verb() {
        let c = case(
            "“We are ready for the worst,” Hugh Hill, a doctor at the clinic, said.",
            &[],
        );
        let q = summary(&c);
        assert_eq!(q[0].2, Some("Hugh Hill"));
        assert_eq!(q[0].4, "cue-after");
    }

    #[test]
    fn quoted_as_saying() {
        let c = case(
            "\"I saw no point in it,\" Khamenei was quoted as saying by the agency.",
            &[("Khamenei", PERSON, Gender::Male)],
        );
        let q = summary(&c);
        assert_eq!(q[0].2, Some("Khamenei"));
        assert_eq!(q[0].3, Some(0));
        assert_eq!(q[0].4, "quoted-as-saying");
    }

    #[test]
    fn statements_name_their_organisation() {
        let c = case(
            "Acme Corp issued a statement: \"We will appeal.\" Later, \"We regret the ruling,\" \
             Acme Corp said in a statement.",
            &[("Acme Corp", EntityType::Org, Gender::Unknown)],
        );
        let q = summary(&c);
        assert_eq!(
            q.iter().map(|q| (q.1, q.2, q.4)).collect::<Vec<_>>(),
            [
                ("We will appeal.", Some("Acme Corp"), "colon"),
                ("We regret the ruling,", Some("Acme Corp"), "cue-after"),
            ]
        );
    }

    #[test]
    fn colon_lead_in_with_pronoun() {
        let c = case(
            "Omar Diaz spoke first. He added: \"There is a role for every country.\"",
            &[("Omar Diaz", PERSON, Gender::Male)],
        );
        let q = summary(&c);
        assert_eq!(
            q[0],
            (
                QuoteKind::Direct,
                "There is a role for every country.",
                Some("He"),
                Some(0),
                "colon"
            )
        );
    }

    #[test]
    fn pronoun_resolves_by_gender() {
        let c = case(
            "Maria Lopez met Paul Grant. \"We agreed on nothing at all,\" she said.",
            &[
                ("Maria Lopez", PERSON, Gender::Female),
                ("Paul Grant", PERSON, Gender::Male),
            ],
        );
        let q = summary(&c);
        assert_eq!(q[0].2, Some("she"));
        assert_eq!(q[0].3, Some(0));
    }

    #[test]
    fn according_to_an_organisation() {
        let c = case(
            "Acme Corp cut prices. “Demand has collapsed this year,” according to the company.",
            &[("Acme Corp", EntityType::Org, Gender::Unknown)],
        );
        let q = summary(&c);
        assert_eq!(q[0].2, Some("the company"));
        assert_eq!(q[0].3, Some(0));
        assert_eq!(q[0].4, "according-to");
    }

    #[test]
    fn follow_on_paragraph_inherits_the_speaker() {
        let c = case(
            "“It was a long night,” Lee Chan said.\n\n“We will be back next week with more.”",
            &[("Lee Chan", PERSON, Gender::Unknown)],
        );
        let q = summary(&c);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].1, "We will be back next week with more.");
        assert_eq!(
            (q[1].2, q[1].3, q[1].4),
            (Some("Lee Chan"), Some(0), "follow-on")
        );
    }

    #[test]
    fn multi_paragraph_quote_is_one_quote() {
        let c = case(
            "Ines Ford said:\n\n“We will go on to the end of this.\n\n“We shall never surrender.”",
            &[("Ines Ford", PERSON, Gender::Female)],
        );
        let direct: Vec<_> = summary(&c)
            .into_iter()
            .filter(|q| q.0 != QuoteKind::Indirect)
            .collect();
        assert_eq!(direct.len(), 1);
        assert!(direct[0].1.ends_with("We shall never surrender."));
        assert_eq!(direct[0].2, Some("Ines Ford"));
    }

    #[test]
    fn partial_quote_takes_the_cue_of_its_sentence() {
        let c = case(
            "Mohammad Zarif warned that the \"dangerous phenomenon\" would spread.",
            &[("Mohammad Zarif", PERSON, Gender::Male)],
        );
        let q = summary(&c);
        let partial = q.iter().find(|q| q.0 == QuoteKind::Partial);
        assert_eq!(
            partial.map(|q| (q.1, q.2, q.3)),
            Some(("dangerous phenomenon", Some("Mohammad Zarif"), Some(0)))
        );
    }

    #[test]
    fn scare_quotes_titles_and_nicknames_are_not_speech() {
        for text in [
            "The so-called \"experts\" were wrong again.",
            "She watched \"Saturday Night Live With Friends\" on Sunday.",
            "Dwayne \"The Rock\" Johnson arrived late.",
        ] {
            let c = case(text, &[]);
            assert_eq!(summary(&c), [], "{text}");
        }
    }

    #[test]
    fn unknown_speakers_keep_their_words() {
        let c = case(
            "\"We are watching very closely,\" a senior official said.",
            &[],
        );
        let q = summary(&c);
        assert_eq!((q[0].2, q[0].3), (Some("a senior official"), None));
    }

    #[test]
    fn nearest_person_is_the_last_resort() {
        let c = case(
            "Tom Reed spoke in Paris. “This is a long quote without any cue word.”",
            &[("Tom Reed", PERSON, Gender::Male)],
        );
        let q = summary(&c);
        assert_eq!((q[0].2, q[0].4), (Some("Tom Reed"), "nearest"));
    }

    #[test]
    fn indirect_speech_after_said_that() {
        let c = case(
            "John Kerry said that Iran could help defeat the militants.",
            &[("John Kerry", PERSON, Gender::Male)],
        );
        assert_eq!(
            summary(&c),
            [(
                QuoteKind::Indirect,
                "that Iran could help defeat the militants",
                Some("John Kerry"),
                Some(0),
                "cue-before"
            )]
        );
    }

    #[test]
    fn indirect_speech_after_told_skips_the_hearer() {
        let c = case("Smith told reporters the talks had failed.", &[]);
        let q = summary(&c);
        assert_eq!((q[0].1, q[0].2), ("the talks had failed", Some("Smith")));
    }

    #[test]
    fn indirect_speech_before_trailing_attribution() {
        let c = case("The talks had failed after a week, the ministry said.", &[]);
        let q = summary(&c);
        assert_eq!(
            (q[0].0, q[0].1, q[0].2, q[0].4),
            (
                QuoteKind::Indirect,
                "The talks had failed after a week",
                Some("the ministry"),
                "cue-after"
            )
        );
    }

    #[test]
    fn indirect_speech_before_inverted_attribution_with_appositive() {
        let c = case(
            "The bridge would open next spring, said Ann Lee, a planner at the city office.",
            &[("Ann Lee", PERSON, Gender::Female)],
        );
        let q = summary(&c);
        assert_eq!(
            (q[0].1, q[0].2, q[0].4),
            (
                "The bridge would open next spring",
                Some("Ann Lee"),
                "inverted"
            )
        );
    }

    #[test]
    fn indirect_speech_around_parenthetical_attribution() {
        let c = case(
            "The plan for the bridge, he said, would cost far more than promised.",
            &[],
        );
        let q = summary(&c);
        assert_eq!(
            (q[0].1, q[0].2, q[0].4),
            (
                "The plan for the bridge, he said, would cost far more than promised",
                Some("he"),
                "cue-after"
            )
        );
    }

    #[test]
    fn indirect_speech_according_to() {
        let c = case(
            "According to the ministry, the talks failed on Monday.",
            &[],
        );
        let q = summary(&c);
        assert_eq!(
            (q[0].1, q[0].2, q[0].4),
            (
                "the talks failed on Monday",
                Some("the ministry"),
                "according-to"
            )
        );
    }

    #[test]
    fn a_cue_inside_reported_content_is_not_a_second_report() {
        let c = case(
            "Dr Fowler said he expects Ann Lee to recover within a week.",
            &[("Ann Lee", PERSON, Gender::Female)],
        );
        let q = summary(&c);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "he expects Ann Lee to recover within a week");
    }

    #[test]
    fn a_second_cue_joined_by_and_starts_its_own_report() {
        let c = case(
            "Smith said the bridge would reopen and warned that repairs could take a year.",
            &[],
        );
        let q = summary(&c);
        assert_eq!(
            q.iter().map(|q| q.1).collect::<Vec<_>>(),
            ["the bridge would reopen", "that repairs could take a year"]
        );
    }

    #[test]
    fn a_verb_after_a_leading_phrase_reports_what_follows() {
        for (text, content) in [
            (
                "On Sunday night in Ohio, Clinton said the crisis had deep roots.",
                "the crisis had deep roots",
            ),
            (
                "Smith said there had been a change in tone.",
                "there had been a change in tone",
            ),
            (
                "Ann Lee, a planner who has worked for the city, said the bridge was safe.",
                "the bridge was safe",
            ),
        ] {
            let c = case(text, &[]);
            let q = summary(&c);
            assert_eq!(
                q.iter().map(|q| (q.1, q.4)).collect::<Vec<_>>(),
                [(content, "cue-before")],
                "{text}"
            );
        }
    }

    #[test]
    fn narration_verbs_report_nothing_of_their_own() {
        let c = case(
            "Prices continued to fall. Smith began raising money for the clinic.",
            &[],
        );
        assert_eq!(summary(&c), []);
    }

    #[test]
    fn abbreviations_inside_attributions_end_nothing() {
        let c = case(
            "The plan failed, Gov. Mike Pence said. The plan failed, said Sen. Ann Lee.",
            &[
                ("Mike Pence", PERSON, Gender::Male),
                ("Ann Lee", PERSON, Gender::Female),
            ],
        );
        let q = summary(&c);
        assert_eq!(
            q.iter().map(|q| (q.1, q.2, q.4)).collect::<Vec<_>>(),
            [
                ("The plan failed", Some("Mike Pence"), "cue-after"),
                ("The plan failed", Some("Ann Lee"), "inverted"),
            ]
        );
    }

    #[test]
    fn the_subject_after_whom_is_the_speaker() {
        let c = case(
            "Tom Reed spoke. He backed Ann Lee, whom he called \u{201c}a decent candidate\u{201d}.",
            &[
                ("Tom Reed", PERSON, Gender::Male),
                ("Ann Lee", PERSON, Gender::Female),
            ],
        );
        let q = summary(&c);
        assert_eq!(
            (q[0].1, q[0].2, q[0].3),
            ("a decent candidate", Some("he"), Some(0))
        );
    }

    #[test]
    fn a_report_in_a_leading_subordinate_clause_ends_with_it() {
        let c = case(
            "While Smith acknowledged the budget was tight, the council approved the plan.",
            &[],
        );
        let q = summary(&c);
        assert_eq!((q[0].1, q[0].2), ("the budget was tight", Some("Smith")));
    }

    #[test]
    fn cue_lists_beyond_plain_letters_still_work() {
        let lexicon =
            CueLexicon::from_tsv("word\tlemma\tkind\nre-stated\trestate\tspeech\n").unwrap();
        assert!(!lexicon.letters_only());
        let text = "Smith re-stated the plan was dead.";
        let words = crate::text::words(text);
        let cx = QuoteContext {
            text,
            words: &words,
            mentions: &[],
            entities: &[],
            genders: &[],
        };
        let quotes = find(&lexicon, &cx);
        assert_eq!(
            quotes
                .iter()
                .map(|q| q.span.slice(text))
                .collect::<Vec<_>>(),
            ["the plan was dead"]
        );
    }

    #[test]
    fn odd_inputs_never_panic() {
        let lexicon = CueLexicon::builtin();
        for text in [
            "",
            "\"",
            "“",
            "'",
            "''",
            "«»",
            "\" \" \" said",
            "said",
            ", said.",
            "\"a\" said \"b\" told \"c",
            "«Erdoğan» a dit: « non »\n\n„ja“, sagte er.",
            "‘’‘’ ’twas ’90s don’t",
            "He said: \"\n\n\"\n\n\"",
        ] {
            let words = crate::text::words(text);
            let cx = QuoteContext {
                text,
                words: &words,
                mentions: &[],
                entities: &[],
                genders: &[],
            };
            for q in find(&lexicon, &cx) {
                assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "[a-zA-Z .,:;\"'“”‘’«»\n—éğ]{0,200}") {
            let words = crate::text::words(&text);
            let cx = QuoteContext { text: &text, words: &words, mentions: &[], entities: &[], genders: &[] };
            for q in find(&CueLexicon::builtin(), &cx) {
                proptest::prop_assert!(q.span.start <= q.span.end && q.span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(q.span.start));
                proptest::prop_assert!(text.is_char_boundary(q.span.end));
            }
        }
    }

    #[test]
    fn long_text_stays_linear() {
        let paragraph =
            "“We will see what happens,” Mr Kerry said. He said the talks would go on. ";
        let text = paragraph.repeat(20_000);
        let words = crate::text::words(&text);
        let cx = QuoteContext {
            text: &text,
            words: &words,
            mentions: &[],
            entities: &[],
            genders: &[],
        };
        let found = find(&CueLexicon::builtin(), &cx);
        assert_eq!(found.len(), 40_000);
    }
}

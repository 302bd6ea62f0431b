//! Output is byte-identical whatever the number of threads.

use crate::harness::{assert_same_text, sample_articles, Scratch, FILES};

/// A few hundred documents cut from the sample articles, with varied ids; over 4 MiB in all,
/// so the batch runner works through more than one chunk.
fn generated_corpus() -> Vec<(String, String)> {
    let articles = sample_articles();
    let paragraphs: Vec<Vec<&str>> = articles
        .iter()
        .map(|(_, text)| text.split("\n\n").collect())
        .collect();
    (0..480)
        .map(|i| {
            let id = match i % 4 {
                0 => format!("batch-{:02}/wire-{i:04}", i / 50),
                1 => format!("{}", 100_000 + i * 7),
                2 => format!("dépêche n°{i}"),
                _ => format!("{}-{i}", articles[i % articles.len()].0),
            };
            // Articles whole and rotated by paragraph, one to three of them per document.
            let mut text = String::new();
            for k in 0..1 + i % 3 {
                let article = &paragraphs[(i + k) % paragraphs.len()];
                let shift = (i / 5) % article.len();
                let rotated: Vec<&str> = article[shift..]
                    .iter()
                    .chain(&article[..shift])
                    .copied()
                    .collect();
                text.push_str(&rotated.join("\n\n"));
                text.push_str("\n\n");
            }
            (id, text)
        })
        .collect()
}

#[test]
fn outputs_are_identical_for_any_thread_count() {
    let scratch = Scratch::new();
    let corpus = generated_corpus();
    let docs: Vec<(&str, &str)> = corpus
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str()))
        .collect();
    let bytes: usize = corpus.iter().map(|(_, text)| text.len()).sum();
    assert!(bytes > 4 << 20, "corpus of {bytes} bytes");
    scratch.write_jsonl("corpus.jsonl", &docs);

    let (run, one) = scratch.extract_to("t1", &["corpus.jsonl", "--threads", "1"]);
    run.assert_code(0);
    let (run, two) = scratch.extract_to("t2", &["corpus.jsonl", "--threads", "2"]);
    run.assert_code(0);
    let (run, auto) = scratch.extract_to("t0", &["corpus.jsonl"]);
    run.assert_code(0);

    assert_eq!(one.documents().rows.len(), corpus.len());
    assert!(one.quotes().rows.len() > corpus.len(), "quotes were found");
    for name in FILES {
        let expected = one.text(name);
        assert_same_text(&format!("{name}, 2 threads"), &expected, &two.text(name));
        assert_same_text(
            &format!("{name}, default threads"),
            &expected,
            &auto.text(name),
        );
    }
}

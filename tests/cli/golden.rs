//! Golden outputs: `whosaid extract samples/articles --threads 1` must write exactly the files in
//! `samples/expected/`. With `WHOSAID_BLESS=1` the test rewrites them instead; review the change
//! with `git diff samples/expected` like any code change.

use std::fs;

use crate::harness::{first_difference, root, Cmd, Output, Scratch, FILES};

fn blessing() -> bool {
    std::env::var_os("WHOSAID_BLESS").is_some_and(|value| value == "1")
}

#[test]
fn sample_articles_match_expected_csv_files() {
    let scratch = Scratch::new();
    let out = scratch.join("out");
    // Run from the crate root with a relative input, so the `source` column is stable.
    Cmd::new(root())
        .arg("extract")
        .arg("samples/articles")
        .arg("-o")
        .arg(&out)
        .args(["--threads", "1", "--quiet"])
        .run()
        .assert_code(0);
    let actual = Output::new(out);
    let expected_dir = root().join("samples/expected");

    if blessing() {
        fs::create_dir_all(&expected_dir).expect("create samples/expected");
        for name in FILES {
            fs::write(expected_dir.join(name), actual.bytes(name)).expect("write expected file");
        }
        eprintln!("blessed {}", expected_dir.display());
        return;
    }

    let mut failures = Vec::new();
    for name in FILES {
        let path = expected_dir.join(name);
        let expected = match fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).expect("expected file is UTF-8"),
            Err(error) => {
                failures.push(format!("{name}: cannot read {}: {error}", path.display()));
                continue;
            }
        };
        if let Some(diff) = first_difference(&expected, &actual.text(name)) {
            failures.push(format!("{name} (- expected, + actual): {diff}"));
        }
    }
    assert!(
        failures.is_empty(),
        "the outputs on samples/articles changed:\n\n{}\n\
         If the change is intended, rewrite the expected files with\n  \
         WHOSAID_BLESS=1 cargo test --release --test tests golden\n\
         and review `git diff samples/expected`.",
        failures.join("\n")
    );
}

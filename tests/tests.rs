//! Integration tests, compiled into one test binary.
//!
//! - `cli`: runs the built `whosaid` binary on small corpora written to temporary directories
//!   and reads what it wrote; `cli::golden` compares the outputs on `samples/` byte for byte
//!   with `samples/expected/` (rewrite them with `WHOSAID_BLESS=1`).
//! - `library`: property tests of the library API, and inputs the fuzzers once broke.

mod harness;

mod cli {
    mod eval;
    mod excel;
    mod exit_codes;
    mod gazetteer;
    mod golden;
    mod inputs;
    mod records;
    mod schema;
    mod shard;
    mod stream;
    mod threads;
}

mod library {
    mod fuzz_regressions;
    mod properties;
}

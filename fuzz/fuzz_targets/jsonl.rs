//! Any bytes read as `jsonl`: the reader must not panic, and every record must come out with
//! an id and a clean text (or an error).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| whosaid_fuzz::check_reader("input.jsonl", data));

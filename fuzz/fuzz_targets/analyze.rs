//! Any text: `analyze` must not panic, and every span must slice the text on char boundaries.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whosaid::{Pipeline, Span};

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fn check(text: &str, span: Span) {
    assert!(span.start <= span.end && span.end <= text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pipeline = PIPELINE.get_or_init(|| Pipeline::builtin().expect("built-in gazetteers"));
    let analysis = pipeline.analyze(&text);
    let mut last_end = 0;
    for mention in &analysis.mentions {
        check(&text, mention.span);
        assert!(mention.span.start >= last_end, "mentions overlap");
        last_end = mention.span.end;
        assert!((mention.entity as usize) < analysis.entities.len());
    }
    for quote in &analysis.quotes {
        check(&text, quote.span);
        if let Some(speaker) = &quote.speaker {
            check(&text, speaker.span);
        }
        if let Some(cue) = quote.cue {
            check(&text, cue);
        }
    }
});

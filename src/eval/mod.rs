//! Scoring against gold files (the protocol of DESIGN §6).
//!
//! Gold files are JSONL, one document per line:
//! `{"id", "text", "entities": [{"start","end","type","demonym"?}], "quotes": [{"start","end","kind",
//! "speaker"?, "speaker_start"?, "speaker_end"?, "ignore"?}]}` with code point offsets.
//!
//! - Entities: a mention is correct when start, end and type equal a gold mention's. Demonyms
//!   are scored apart, and only against documents whose gold marks demonyms.
//! - Quotes: a predicted quote matches a gold one when their overlap covers at least half of
//!   the longer span; direct and partial are scored together, indirect apart; gold quotes marked
//!   `ignore` are neither credited nor penalised.
//! - Attribution: a matched quote is attributed correctly when the predicted speaker span
//!   overlaps the gold speaker span, or, where the gold gives a name only, when the names agree
//!   (case, accents and titles aside).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Deserialize;

use crate::analysis::{Analysis, EntityType, Form, QuoteKind};
use crate::document::{CharOffsets, Span};
use crate::gazetteer::fold_key;
use crate::pipeline::Pipeline;

/// A problem reading a gold file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A line is not a gold document.
    #[error("line {line}: {message}")]
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

#[derive(Debug, Deserialize)]
struct GoldDoc {
    text: String,
    #[serde(default)]
    entities: Vec<GoldEntity>,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
}

#[derive(Debug, Deserialize)]
struct GoldEntity {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    demonym: bool,
}

#[derive(Debug, Deserialize)]
struct GoldQuote {
    start: usize,
    end: usize,
    kind: String,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    speaker_start: Option<usize>,
    #[serde(default)]
    speaker_end: Option<usize>,
    #[serde(default)]
    ignore: bool,
}

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and in the gold.
    pub tp: usize,
    /// Predicted, not in the gold.
    pub fp: usize,
    /// In the gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        percent(self.tp, self.tp + self.fp)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        percent(self.tp, self.tp + self.fn_)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// The scores of one gold file.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Documents scored.
    pub documents: usize,
    /// Entity counts per type label, and `micro` over the three types.
    pub entities: BTreeMap<String, Counts>,
    /// Demonym mentions, where the gold marks them.
    pub demonyms: Counts,
    /// Direct and partial quotes: detection.
    pub direct_detection: Counts,
    /// Direct and partial quotes: (quote, speaker) pairs.
    pub direct_attribution: Counts,
    /// Indirect quotes: detection.
    pub indirect_detection: Counts,
    /// Indirect quotes: (quote, speaker) pairs.
    pub indirect_attribution: Counts,
    has_entities: bool,
    has_quotes: bool,
}

/// Scores the pipeline on a gold JSONL text.
pub fn evaluate(pipeline: &Pipeline, gold_jsonl: &str) -> Result<Scores, EvalError> {
    let docs: Vec<GoldDoc> = gold_jsonl
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| EvalError::BadLine {
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect::<Result<_, _>>()?;
    let per_doc: Vec<Scores> = docs
        .par_iter()
        .map(|doc| score_document(doc, &pipeline.analyze(&doc.text), pipeline))
        .collect();
    let mut total = Scores::default();
    for scores in per_doc {
        total.documents += 1;
        for (kind, counts) in scores.entities {
            total.entities.entry(kind).or_default().add(counts);
        }
        total.demonyms.add(scores.demonyms);
        total.direct_detection.add(scores.direct_detection);
        total.direct_attribution.add(scores.direct_attribution);
        total.indirect_detection.add(scores.indirect_detection);
        total.indirect_attribution.add(scores.indirect_attribution);
        total.has_entities |= scores.has_entities;
        total.has_quotes |= scores.has_quotes;
    }
    Ok(total)
}

fn score_document(gold: &GoldDoc, analysis: &Analysis, pipeline: &Pipeline) -> Scores {
    let mut scores = Scores {
        has_entities: !gold.entities.is_empty(),
        has_quotes: !gold.quotes.is_empty(),
        ..Scores::default()
    };
    let text = &gold.text;
    let mut chars = CharOffsets::new(text);
    let to_chars = |span: Span, chars: &mut CharOffsets| {
        (chars.char_offset(span.start), chars.char_offset(span.end))
    };

    // Entities.
    let marks_demonyms = gold.entities.iter().any(|e| e.demonym);
    let mut predicted: Vec<(usize, usize, EntityType, bool)> = Vec::new();
    for m in &analysis.mentions {
        let (start, end) = to_chars(m.span, &mut chars);
        predicted.push((
            start,
            end,
            analysis.entity(m.entity).kind,
            m.form == Form::Demonym,
        ));
    }
    for kind in [EntityType::Person, EntityType::Org, EntityType::Country] {
        let gold_set: Vec<(usize, usize)> = gold
            .entities
            .iter()
            .filter(|e| !e.demonym && EntityType::parse(&e.kind) == Some(kind))
            .map(|e| (e.start, e.end))
            .collect();
        let pred_set: Vec<(usize, usize)> = predicted
            .iter()
            .filter(|p| p.2 == kind && !p.3)
            .map(|p| (p.0, p.1))
            .collect();
        let counts = exact_counts(&gold_set, &pred_set);
        scores
            .entities
            .entry(kind.as_str().to_string())
            .or_default()
            .add(counts);
        scores
            .entities
            .entry("micro".to_string())
            .or_default()
            .add(counts);
    }
    if marks_demonyms {
        let gold_set: Vec<(usize, usize)> = gold
            .entities
            .iter()
            .filter(|e| e.demonym)
            .map(|e| (e.start, e.end))
            .collect();
        let pred_set: Vec<(usize, usize)> = predicted
            .iter()
            .filter(|p| p.3)
            .map(|p| (p.0, p.1))
            .collect();
        scores.demonyms = exact_counts(&gold_set, &pred_set);
    }
    if !scores.has_entities {
        scores.entities.clear();
    }

    // Quotes.
    if scores.has_quotes {
        for indirect in [false, true] {
            let golds: Vec<&GoldQuote> = gold
                .quotes
                .iter()
                .filter(|q| (q.kind == "indirect") == indirect)
                .collect();
            let preds: Vec<_> = analysis
                .quotes
                .iter()
                .filter(|q| (q.kind == QuoteKind::Indirect) == indirect)
                .collect();
            let mut detection = Counts::default();
            let mut attribution = Counts::default();
            let mut used = vec![false; golds.len()];
            for quote in &preds {
                let (start, end) = to_chars(quote.span, &mut chars);
                let speaker = quote.speaker.as_ref().map(|s| {
                    let span = to_chars(s.span, &mut chars);
                    let name = match s.entity {
                        Some(e) => analysis.entity(e).canonical.to_string(),
                        None => s.span.slice(text).to_string(),
                    };
                    (span, name)
                });
                let matched = golds
                    .iter()
                    .enumerate()
                    .filter(|(g, q)| !used[*g] || q.ignore)
                    .filter(|(_, q)| half_overlap((start, end), (q.start, q.end)))
                    .max_by_key(|(_, q)| overlap((start, end), (q.start, q.end)));
                match matched {
                    Some((_, q)) if q.ignore => {}
                    Some((g, q)) => {
                        used[g] = true;
                        detection.tp += 1;
                        if let Some((span, name)) = &speaker {
                            if speaker_agrees(q, *span, name, text, pipeline) {
                                attribution.tp += 1;
                            } else {
                                attribution.fp += 1;
                            }
                        }
                    }
                    None => {
                        detection.fp += 1;
                        if speaker.is_some() {
                            attribution.fp += 1;
                        }
                    }
                }
            }
            for (g, q) in golds.iter().enumerate() {
                if q.ignore {
                    continue;
                }
                let has_speaker = q.speaker.is_some() || q.speaker_start.is_some();
                if !used[g] {
                    detection.fn_ += 1;
                }
                if has_speaker {
                    // Gold pairs not found: count what attribution did not credit.
                    attribution.fn_ += 1;
                }
            }
            // Every credited pair is also a gold pair: move it out of the misses.
            attribution.fn_ -= attribution.tp;
            if indirect {
                scores.indirect_detection = detection;
                scores.indirect_attribution = attribution;
            } else {
                scores.direct_detection = detection;
                scores.direct_attribution = attribution;
            }
        }
    }
    scores
}

/// Counts for exact span matches between two sets.
fn exact_counts(gold: &[(usize, usize)], predicted: &[(usize, usize)]) -> Counts {
    let gold_set: std::collections::HashSet<_> = gold.iter().collect();
    let pred_set: std::collections::HashSet<_> = predicted.iter().collect();
    let tp = pred_set.intersection(&gold_set).count();
    Counts {
        tp,
        fp: pred_set.len() - tp,
        fn_: gold_set.len() - tp,
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn half_overlap(a: (usize, usize), b: (usize, usize)) -> bool {
    let longer = (a.1 - a.0).max(b.1 - b.0);
    longer > 0 && 2 * overlap(a, b) >= longer
}

fn speaker_agrees(
    gold: &GoldQuote,
    span: (usize, usize),
    name: &str,
    _text: &str,
    pipeline: &Pipeline,
) -> bool {
    if let (Some(start), Some(end)) = (gold.speaker_start, gold.speaker_end) {
        return overlap(span, (start, end)) > 0;
    }
    match &gold.speaker {
        Some(gold_name) => plain_name(gold_name, pipeline) == plain_name(name, pipeline),
        None => false,
    }
}

/// A name folded for comparison: no case, no accents, no leading titles.
fn plain_name(name: &str, pipeline: &Pipeline) -> String {
    let key = fold_key(name);
    let lexicon = pipeline.recognizer().lexicon();
    let words: Vec<&str> = key.split(' ').collect();
    let skip = words
        .iter()
        .take_while(|w| lexicon.title(w).is_some())
        .count();
    words[skip.min(words.len().saturating_sub(1))..].join(" ")
}

impl Scores {
    /// A human-readable table.
    pub fn table(&self, name: &str) -> String {
        let mut out = String::new();
        let row = |out: &mut String, label: &str, c: &Counts| {
            let _ = writeln!(
                out,
                "{label:<28} {:>6.1} {:>6.1} {:>6.1}   tp={} fp={} fn={}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        };
        let _ = writeln!(out, "{name}: {} documents", self.documents);
        let _ = writeln!(out, "{:<28} {:>6} {:>6} {:>6}", "", "P", "R", "F1");
        if self.has_entities {
            for key in ["PERSON", "ORG", "COUNTRY", "micro"] {
                if let Some(c) = self.entities.get(key) {
                    row(&mut out, &format!("entities {key}"), c);
                }
            }
            if self.demonyms != Counts::default() {
                row(&mut out, "entities demonyms", &self.demonyms);
            }
        }
        if self.has_quotes {
            row(
                &mut out,
                "quotes direct+partial detect",
                &self.direct_detection,
            );
            row(
                &mut out,
                "quotes direct+partial attrib",
                &self.direct_attribution,
            );
            row(&mut out, "quotes indirect detect", &self.indirect_detection);
            row(
                &mut out,
                "quotes indirect attrib",
                &self.indirect_attribution,
            );
        }
        out
    }

    /// One JSON object with every figure (P, R, F1 in percent).
    pub fn json(&self, name: &str) -> serde_json::Value {
        let figures = |c: &Counts| {
            serde_json::json!({
                "p": round(c.precision()), "r": round(c.recall()), "f1": round(c.f1()),
                "tp": c.tp, "fp": c.fp, "fn": c.fn_,
            })
        };
        let mut value = serde_json::json!({ "gold": name, "documents": self.documents });
        if self.has_entities {
            let entities: serde_json::Map<String, serde_json::Value> = self
                .entities
                .iter()
                .map(|(k, c)| (k.clone(), figures(c)))
                .collect();
            value["entities"] = entities.into();
            if self.demonyms != Counts::default() {
                value["demonyms"] = figures(&self.demonyms);
            }
        }
        if self.has_quotes {
            value["quotes"] = serde_json::json!({
                "direct_detection": figures(&self.direct_detection),
                "direct_attribution": figures(&self.direct_attribution),
                "indirect_detection": figures(&self.indirect_detection),
                "indirect_attribution": figures(&self.indirect_attribution),
            });
        }
        value
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_overlap_is_relative_to_the_longer_span() {
        assert!(half_overlap((0, 10), (0, 5)));
        assert!(!half_overlap((0, 10), (0, 4)));
        assert!(!half_overlap((0, 0), (0, 0)));
    }

    #[test]
    fn counts_give_precision_recall_f1() {
        let c = exact_counts(&[(0, 1), (2, 3)], &[(0, 1), (4, 5)]);
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(c.f1(), 50.0);
    }
}

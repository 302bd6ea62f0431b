//! Readers for the tab- and comma-separated source files, with line numbers for errors.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};

/// One data row, addressed by header name. The fields are kept as ranges of one string, which
/// keeps reading the 200,000-line people files fast.
pub struct Row {
    pub line: usize,
    header: Arc<HashMap<String, usize>>,
    text: String,
    fields: Vec<(usize, usize)>,
}

impl Row {
    fn new(line: usize, header: &Arc<HashMap<String, usize>>, fields: &[&str]) -> Row {
        let mut text = String::with_capacity(fields.iter().map(|f| f.len()).sum());
        let mut ranges = Vec::with_capacity(fields.len());
        for f in fields {
            let start = text.len();
            text.push_str(f);
            ranges.push((start, text.len()));
        }
        Row {
            line,
            header: Arc::clone(header),
            text,
            fields: ranges,
        }
    }

    /// The named field, or "" when the column or field is missing.
    pub fn get(&self, column: &str) -> &str {
        self.header
            .get(column)
            .and_then(|&i| self.fields.get(i))
            .map_or("", |&(a, b)| self.text[a..b].trim())
    }
}

/// Reads a TSV with a header line; blank lines and lines starting with '#' are skipped.
/// Quotes are not special: several sources contain bare '"' inside fields.
pub fn read_tsv(path: &Path) -> Result<Vec<Row>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut header: Option<Arc<HashMap<String, usize>>> = None;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || (line.starts_with('#') && header.is_some()) {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match &header {
            None => {
                // A header may itself start with '#' ("#name\tgender..."); a lone comment line
                // before it has no tab.
                if line.starts_with('#') && !line.contains('\t') {
                    continue;
                }
                let names = fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.trim_start_matches('#').trim().to_string(), i))
                    .collect();
                header = Some(Arc::new(names));
            }
            Some(h) => rows.push(Row::new(i + 1, h, &fields)),
        }
    }
    Ok(rows)
}

/// Reads a CSV with a header line into the same row type.
pub fn read_csv(path: &Path) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("opening {}", path.display()))?;
    let header: HashMap<String, usize> = reader
        .headers()
        .with_context(|| format!("reading header of {}", path.display()))?
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_string(), i))
        .collect();
    let header = Arc::new(header);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("parsing {}", path.display()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let fields: Vec<&str> = record.iter().collect();
        rows.push(Row::new(line, &header, &fields));
    }
    Ok(rows)
}

/// Reads a plain word list, one entry a line.
pub fn read_lines(path: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

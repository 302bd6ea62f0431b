//! JSONL: one JSON object per line, read line by line as bytes.

use std::fmt;
use std::io::{self, BufRead};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::clean::{self, decode_slice, invalid_utf8_message, too_big_message};
use super::{Origin, ReadOptions, Record, Severity};

/// The records of a JSONL stream.
pub(super) struct JsonlRecords {
    reader: Box<dyn BufRead + Send>,
    origin: Origin,
    id_field: String,
    text_field: String,
    max_line_bytes: usize,
    /// The line being read, counting from 1.
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlRecords {
    pub(super) fn new(
        reader: Box<dyn BufRead + Send>,
        origin: Origin,
        options: &ReadOptions,
    ) -> JsonlRecords {
        JsonlRecords {
            reader,
            origin,
            id_field: options.id_field.clone(),
            text_field: options.text_field.clone(),
            max_line_bytes: options.max_doc_bytes,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn fallback_id(&self) -> String {
        format!("{}:{}", self.origin.stem, self.line)
    }

    fn source(&self) -> String {
        format!("{}:{}", self.origin.name, self.line)
    }

    fn error(&self, message: String) -> Record {
        Record::error(self.fallback_id(), self.source(), message)
    }

    /// Turns one non-blank line into a record.
    fn parse(&self, bytes: &[u8]) -> Record {
        let line = self.line;
        let (json, invalid_at) = decode_slice(bytes);
        let fields = match parse_fields(&json, &self.id_field, &self.text_field) {
            Ok(fields) => fields,
            Err(error) => return self.error(json_error_message(line, &error)),
        };
        let mut record = Record::new(self.fallback_id(), self.source(), String::new());
        if let Some(at) = invalid_at {
            let place = format!("line {line}: ");
            record.note(Severity::Warning, invalid_utf8_message(&place, at));
        }
        match fields.id {
            None | Some(Value::Null) => {}
            Some(Value::String(id)) if !id.is_empty() => record.id = id,
            Some(Value::Number(id)) => record.id = id.to_string(),
            Some(other) => record.note(
                Severity::Warning,
                format!(
                    "line {line}: field {:?} is {}, using {:?} as the id",
                    self.id_field,
                    describe(&other),
                    record.id
                ),
            ),
        }
        match fields.text {
            Some(Value::String(text)) if text.len() > self.max_line_bytes => record.note(
                Severity::Error,
                format!(
                    "line {line}: {}",
                    too_big_message(text.len(), self.max_line_bytes)
                ),
            ),
            Some(Value::String(text)) => clean::set_text(&mut record, text),
            Some(other) => record.note(
                Severity::Error,
                format!(
                    "line {line}: field {:?} is not a string ({})",
                    self.text_field,
                    type_name(&other)
                ),
            ),
            None => record.note(
                Severity::Error,
                format!("line {line}: field {:?} is missing", self.text_field),
            ),
        }
        record
    }
}

impl Iterator for JsonlRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            self.line += 1;
            let mut buf = std::mem::take(&mut self.buf);
            let read = read_line_capped(&mut self.reader, &mut buf, self.max_line_bytes);
            let record = match read {
                Err(error) => {
                    self.done = true;
                    let place = format!("line {}", self.line);
                    Some(self.error(self.origin.read_failure(&place, &error)))
                }
                Ok(Line::Eof) => {
                    self.done = true;
                    None
                }
                Ok(Line::TooLong(size)) => Some(self.error(format!(
                    "line {}: {}",
                    self.line,
                    too_big_message(size, self.max_line_bytes)
                ))),
                Ok(Line::Read) => {
                    let mut bytes = buf.strip_suffix(b"\n").unwrap_or(&buf);
                    bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
                    if self.line == 1 {
                        bytes = clean::without_bom(bytes);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        None
                    } else {
                        Some(self.parse(bytes))
                    }
                }
            };
            self.buf = buf;
            if record.is_some() {
                return record;
            }
        }
        None
    }
}

/// What [`read_line_capped`] found.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// The end of the stream, with nothing read.
    Eof,
    /// A line, in the buffer, with its newline if it had one.
    Read,
    /// A line longer than the cap, skipped; its length without the newline.
    TooLong(u64),
}

/// Reads one line into `buf`, but never more than `cap` bytes of it: a longer line is skipped
/// up to its newline in chunks, so one huge line cannot exhaust memory.
fn read_line_capped(reader: &mut impl BufRead, buf: &mut Vec<u8>, cap: usize) -> io::Result<Line> {
    buf.clear();
    let mut length: u64 = 0;
    let mut over = false;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (used, newline) = match memchr::memchr(b'\n', chunk) {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        let content = used - usize::from(newline);
        length += content as u64;
        if !over && buf.len() + content > cap {
            over = true;
            buf.clear();
        }
        if !over {
            buf.extend_from_slice(&chunk[..used]);
        }
        reader.consume(used);
        if newline {
            break;
        }
    }
    Ok(match (any, over) {
        (false, _) => Line::Eof,
        (true, false) => Line::Read,
        (true, true) => Line::TooLong(length),
    })
}

/// The two fields of a line that matter; the others are skipped unparsed.
#[derive(Debug, Default)]
struct Fields {
    id: Option<Value>,
    text: Option<Value>,
}

/// Parses one line as a JSON object, keeping only the id and text fields (the last occurrence
/// of each wins, as in most JSON libraries).
fn parse_fields(json: &str, id: &str, text: &str) -> serde_json::Result<Fields> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let fields = FieldsSeed { id, text }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(fields)
}

#[derive(Clone, Copy)]
struct FieldsSeed<'a> {
    id: &'a str,
    text: &'a str,
}

impl<'de> DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = Fields;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Fields, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsSeed<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key_seed(KeySeed(self))? {
            match key {
                Key::Id => fields.id = Some(map.next_value()?),
                Key::Text => fields.text = Some(map.next_value()?),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }
}

/// Which field a key names.
enum Key {
    Id,
    Text,
    Other,
}

/// Keys are compared as they are parsed, without allocating.
struct KeySeed<'a>(FieldsSeed<'a>);

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.0.text {
            Key::Text
        } else if key == self.0.id {
            Key::Id
        } else {
            Key::Other
        })
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

/// `line 17: invalid JSON: expected value at column 3`, without serde_json's `line 1` (each
/// line is parsed alone).
fn json_error_message(line: u64, error: &serde_json::Error) -> String {
    let full = error.to_string();
    let message = full.rfind(" at line ").map_or(&full[..], |at| &full[..at]);
    format!(
        "line {line}: invalid JSON: {message} at column {}",
        error.column()
    )
}

/// The JSON type of a value, for messages.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Why an id value is unusable, for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::String(_) => "empty".to_owned(),
        other => format!("not a string or number ({})", type_name(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_line_capped_skips_long_lines_in_chunks() {
        let data = format!("{}\nshort\nlast", "y".repeat(50));
        let mut reader = io::BufReader::with_capacity(8, data.as_bytes());
        let mut buf = Vec::new();
        let mut next = |buf: &mut Vec<u8>| read_line_capped(&mut reader, buf, 10).unwrap();
        assert_eq!(next(&mut buf), Line::TooLong(50));
        assert_eq!(next(&mut buf), Line::Read);
        assert_eq!(buf, b"short\n");
        assert_eq!(next(&mut buf), Line::Read);
        assert_eq!(buf, b"last");
        assert_eq!(next(&mut buf), Line::Eof);
        assert!(buf.capacity() < 50);
    }

    #[test]
    fn line_of_exactly_the_cap_is_read() {
        let mut reader = io::BufReader::with_capacity(4, &b"0123456789\r\n"[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut reader, &mut buf, 11).unwrap(),
            Line::Read
        );
        assert_eq!(buf, b"0123456789\r\n");
    }
}

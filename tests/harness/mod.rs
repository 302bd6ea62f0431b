//! A tiny harness: scratch directories, running the built binary, reading the CSV files it
//! writes, and readable diffs.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_whosaid");

/// The crate root, where `samples/` lives.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample articles as `(id, text)`, sorted by id.
pub fn sample_articles() -> Vec<(String, String)> {
    let dir = root().join("samples/articles");
    let mut articles: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension() == Some(OsStr::new("txt")))
        .map(|path| {
            let id = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).expect("sample article");
            (id, text)
        })
        .collect();
    articles.sort();
    assert!(articles.len() >= 5, "samples/articles has too few articles");
    articles
}

/// A temporary directory that the binary runs in; removed when dropped.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::Builder::new()
                .prefix("whosaid-test-")
                .tempdir()
                .expect("temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, relative: &str) -> PathBuf {
        self.path().join(relative)
    }

    /// Writes a file (creating its folders) and returns its path.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(&path, contents).expect("write file");
        path
    }

    /// Writes `{"id","text"}` lines.
    pub fn write_jsonl(&self, relative: &str, docs: &[(&str, &str)]) -> PathBuf {
        self.write(relative, jsonl(docs))
    }

    /// A command running the binary in this directory.
    pub fn cmd(&self) -> Cmd {
        Cmd::new(self.path())
    }

    /// Runs `whosaid extract ARGS -o out --quiet` here and returns the run and the output.
    pub fn extract(&self, args: &[&str]) -> (Run, Output) {
        self.extract_to("out", args)
    }

    /// Like [`Scratch::extract`] into another output folder.
    pub fn extract_to(&self, out: &str, args: &[&str]) -> (Run, Output) {
        let run = self
            .cmd()
            .arg("extract")
            .args(args)
            .args(["-o", out, "--quiet"])
            .run();
        (run, Output::new(self.join(out)))
    }
}

/// JSONL text of `{"id","text"}` documents.
pub fn jsonl(docs: &[(&str, &str)]) -> String {
    docs.iter()
        .map(|(id, text)| format!("{}\n", serde_json::json!({ "id": id, "text": text })))
        .collect()
}

/// A command line for the binary.
pub struct Cmd {
    command: Command,
    stdin: Vec<u8>,
}

impl Cmd {
    pub fn new(cwd: &Path) -> Cmd {
        let mut command = Command::new(BIN);
        command.current_dir(cwd);
        Cmd {
            command,
            stdin: Vec::new(),
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Cmd {
        self.command.arg(arg);
        self
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Cmd {
        self.command.args(args);
        self
    }

    /// Bytes fed to standard input (empty by default).
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Cmd {
        self.stdin = bytes.into();
        self
    }

    pub fn run(mut self) -> Run {
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run whosaid");
        let mut input = child.stdin.take().expect("stdin");
        let bytes = std::mem::take(&mut self.stdin);
        // Written from a thread so a large input cannot deadlock against a full stdout pipe.
        let feeder = std::thread::spawn(move || {
            let _ = input.write_all(&bytes);
        });
        let output = child.wait_with_output().expect("wait for whosaid");
        feeder.join().expect("stdin feeder");
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing stderr when it is not the expected one.
    #[track_caller]
    pub fn assert_code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code; stderr:\n{}\nstdout:\n{}",
            self.stderr,
            truncate(&self.stdout, 2000)
        );
        self
    }
}

fn truncate(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// The four files of an `extract` run.
pub const FILES: [&str; 4] = [
    "mentions.csv",
    "quotes.csv",
    "documents.csv",
    "entities.csv",
];

/// An output folder of `extract`.
pub struct Output {
    pub dir: PathBuf,
}

impl Output {
    pub fn new(dir: PathBuf) -> Output {
        Output { dir }
    }

    /// A file's bytes.
    pub fn bytes(&self, name: &str) -> Vec<u8> {
        let path = self.dir.join(name);
        fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// A file as text.
    pub fn text(&self, name: &str) -> String {
        String::from_utf8(self.bytes(name)).expect("output is UTF-8")
    }

    pub fn table(&self, name: &str) -> Table {
        Table::parse(&self.bytes(name))
    }

    pub fn mentions(&self) -> Table {
        self.table("mentions.csv")
    }

    pub fn quotes(&self) -> Table {
        self.table("quotes.csv")
    }

    pub fn documents(&self) -> Table {
        self.table("documents.csv")
    }

    pub fn entities(&self) -> Table {
        self.table("entities.csv")
    }
}

/// A CSV file read with the csv crate: its header and rows, every row as long as the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn parse(bytes: &[u8]) -> Table {
        let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
        let header = reader
            .headers()
            .expect("CSV header")
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|row| row.expect("CSV row").iter().map(str::to_owned).collect())
            .collect();
        Table { header, rows }
    }

    /// The position of a column.
    #[track_caller]
    pub fn index(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|name| name == column)
            .unwrap_or_else(|| panic!("no column {column:?} in {:?}", self.header))
    }

    /// Every cell of a column.
    pub fn column(&self, column: &str) -> Vec<String> {
        let at = self.index(column);
        self.rows.iter().map(|row| row[at].clone()).collect()
    }

    /// The rows whose `column` is `value`.
    pub fn rows_where(&self, column: &str, value: &str) -> Vec<Row<'_>> {
        let at = self.index(column);
        self.rows
            .iter()
            .filter(|row| row[at] == value)
            .map(|cells| Row { table: self, cells })
            .collect()
    }

    /// The single row whose `column` is `value`.
    #[track_caller]
    pub fn row_where(&self, column: &str, value: &str) -> Row<'_> {
        let mut rows = self.rows_where(column, value);
        assert_eq!(rows.len(), 1, "rows with {column} = {value:?} in {self:#?}");
        rows.remove(0)
    }

    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|cells| Row { table: self, cells })
    }
}

/// One row of a [`Table`], read by column name.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    cells: &'a [String],
}

impl<'a> Row<'a> {
    #[track_caller]
    pub fn get(&self, column: &str) -> &'a str {
        &self.cells[self.table.index(column)]
    }

    /// A numeric cell.
    #[track_caller]
    pub fn num(&self, column: &str) -> usize {
        let cell = self.get(column);
        cell.parse()
            .unwrap_or_else(|_| panic!("{column} = {cell:?} is not a number"))
    }
}

impl std::fmt::Debug for Row<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.table.header.iter().zip(self.cells))
            .finish()
    }
}

/// Python's `text[start:end]`: code points, end exclusive; `None` when out of range.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<String> {
    let count = text.chars().count();
    (start <= end && end <= count).then(|| text.chars().skip(start).take(end - start).collect())
}

/// Where two texts first differ, as a few numbered lines of each; `None` when they are equal.
pub fn first_difference(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let old: Vec<&str> = expected.split_inclusive('\n').collect();
    let new: Vec<&str> = actual.split_inclusive('\n').collect();
    let at = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    let from = at.saturating_sub(2);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "first difference at line {} ({} lines expected, {} actual)",
        at + 1,
        old.len(),
        new.len()
    );
    for (sign, lines) in [("-", &old), ("+", &new)] {
        for (n, line) in lines.iter().enumerate().skip(from).take(at - from + 3) {
            let mark = if n == at { sign } else { " " };
            let _ = writeln!(out, "{mark}{:>5} | {:?}", n + 1, line);
        }
        if sign == "-" {
            out.push_str("       ----\n");
        }
    }
    Some(out)
}

/// Asserts two texts are equal, showing where they first differ.
#[track_caller]
pub fn assert_same_text(what: &str, expected: &str, actual: &str) {
    if let Some(diff) = first_difference(expected, actual) {
        panic!("{what} differs (- expected, + actual):\n{diff}");
    }
}

#[test]
fn first_difference_points_at_the_changed_line() {
    assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
    let diff = first_difference("a\nb\nc\n", "a\nB\nc\n").unwrap();
    assert!(diff.starts_with("first difference at line 2 "), "{diff}");
    assert!(diff.contains("-    2 | \"b\\n\""), "{diff}");
    assert!(diff.contains("+    2 | \"B\\n\""), "{diff}");
    let shorter = first_difference("a\nb\n", "a\n").unwrap();
    assert!(
        shorter.contains("line 2 (2 lines expected, 1 actual)"),
        "{shorter}"
    );
}

#[test]
fn char_slice_counts_code_points() {
    assert_eq!(char_slice("Zürich «x»", 7, 10).as_deref(), Some("«x»"));
    assert_eq!(char_slice("ab", 1, 3), None);
}

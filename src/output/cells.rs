//! A CSV writer fed cell by cell, with the spreadsheet options applied.
//!
//! It writes what the csv crate's writer would (a test holds the two to the same bytes), but
//! into a buffer of its own: a row of the output files has up to 14 cells, most of them short
//! and in need of no quotes, and a cell costs here little more than the copy of its bytes.

use std::io::{self, Write};

/// How much output is gathered before it is handed to the file.
const BUFFER: usize = 1 << 16;

/// Writes CSV rows one cell at a time, without a `String` per cell.
pub(crate) struct Cells<W: Write> {
    out: W,
    /// Output not yet handed to `out`.
    buffer: Vec<u8>,
    /// Prefix `'` to cells a spreadsheet would take for a formula.
    guard: bool,
    /// The line end: `\n`, or `\r\n` for spreadsheets.
    line_end: &'static [u8],
    /// The next cell is the first of its row: no comma before it.
    row_start: bool,
}

impl<W: Write> Cells<W> {
    /// A writer with `\n` line ends, or CRLF and the formula guard for spreadsheets. It
    /// buffers its output itself, in 64 KB.
    pub(crate) fn new(out: W, excel: bool) -> Cells<W> {
        Cells {
            out,
            buffer: Vec::with_capacity(BUFFER + 1024),
            guard: excel,
            line_end: if excel { b"\r\n" } else { b"\n" },
            row_start: true,
        }
    }

    /// Writes a whole row of fixed cells (a header).
    pub(crate) fn row(&mut self, cells: &[&str]) -> io::Result<()> {
        for cell in cells {
            self.text(cell)?;
        }
        self.end()
    }

    /// Writes a text cell, in quotes when it holds a comma, a quote or a line break.
    pub(crate) fn text(&mut self, cell: &str) -> io::Result<()> {
        let bytes = cell.as_bytes();
        self.separate();
        let quote = needs_quotes(bytes);
        if quote {
            self.buffer.push(b'"');
        }
        // The guard goes inside the quotes, as a spreadsheet reads it.
        if self.guard && needs_guard(bytes) {
            self.buffer.push(b'\'');
        }
        if quote {
            push_escaped(&mut self.buffer, bytes);
            self.buffer.push(b'"');
        } else {
            self.buffer.extend_from_slice(bytes);
        }
        // A long cell (a quote can be pages long) is handed on at once, mid-row.
        self.spill()
    }

    /// Writes a text cell, empty for `None`.
    pub(crate) fn opt_text(&mut self, cell: Option<&str>) -> io::Result<()> {
        self.text(cell.unwrap_or(""))
    }

    /// Writes a number cell.
    pub(crate) fn num(&mut self, n: u64) -> io::Result<()> {
        let mut buf = [0; 20];
        self.separate();
        self.buffer.extend_from_slice(format_u64(n, &mut buf));
        Ok(())
    }

    /// Writes a number cell, empty for `None`.
    pub(crate) fn opt_num(&mut self, n: Option<usize>) -> io::Result<()> {
        match n {
            Some(n) => self.num(n as u64),
            None => self.text(""),
        }
    }

    /// Ends the row.
    pub(crate) fn end(&mut self) -> io::Result<()> {
        self.buffer.extend_from_slice(self.line_end);
        self.row_start = true;
        self.spill()
    }

    /// Flushes and returns the inner writer.
    pub(crate) fn into_inner(mut self) -> io::Result<W> {
        self.out.write_all(&self.buffer)?;
        self.out.flush()?;
        Ok(self.out)
    }

    /// Hands the output to the file once there is enough of it.
    fn spill(&mut self) -> io::Result<()> {
        if self.buffer.len() >= BUFFER {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    /// Puts the comma before every cell but a row's first.
    fn separate(&mut self) {
        if !self.row_start {
            self.buffer.push(b',');
        }
        self.row_start = false;
    }
}

/// Cells starting with these are formulas to a spreadsheet, even when quoted.
fn needs_guard(cell: &[u8]) -> bool {
    matches!(
        cell.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Does the cell need quotes: does it hold a delimiter, a quote or a line break? A
/// carriage return alone counts, since readers take it for a line end. Cells are mostly a few
/// bytes long, too short for a vector search to pay: eight bytes are tested at a time.
fn needs_quotes(cell: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Nonzero when `x` has a zero byte: the borrow out of a zero byte sets its high bit.
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let special = |chunk: u64| {
        has_zero(chunk ^ (ONES * u64::from(b',')))
            | has_zero(chunk ^ (ONES * u64::from(b'"')))
            | has_zero(chunk ^ (ONES * u64::from(b'\n')))
            | has_zero(chunk ^ (ONES * u64::from(b'\r')))
    };
    let mut chunks = cell.chunks_exact(8);
    // A short last chunk is padded with zero bytes, which are none of the four.
    chunks.any(|chunk| special(crate::text::load_u64(chunk)))
        || special(crate::text::load_u64(chunks.remainder()))
}

/// Appends the cell with each quote doubled.
fn push_escaped(out: &mut Vec<u8>, cell: &[u8]) {
    let mut from = 0;
    for at in memchr::memchr_iter(b'"', cell) {
        out.extend_from_slice(&cell[from..=at]);
        out.push(b'"');
        from = at + 1;
    }
    out.extend_from_slice(&cell[from..]);
}

/// Formats a number into a stack buffer.
fn format_u64(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_format_like_display() {
        let mut buf = [0; 20];
        for n in [0, 7, 10, 99, 1234567890, u64::MAX] {
            assert_eq!(format_u64(n, &mut buf), n.to_string().as_bytes());
        }
    }

    #[test]
    fn excel_guards_formulas_and_uses_crlf() {
        let mut cells = Cells::new(Vec::new(), true);
        for cell in ["=1+1", "+x", "-3", "@SUM", "\tx", "a=b", "'q"] {
            cells.text(cell).unwrap();
        }
        cells.num(5).unwrap();
        cells.end().unwrap();
        let out = String::from_utf8(cells.into_inner().unwrap()).unwrap();
        assert_eq!(out, "'=1+1,'+x,'-3,'@SUM,'\tx,a=b,'q,5\r\n");
    }

    #[test]
    fn plain_mode_keeps_cells_and_quotes_when_needed() {
        let mut cells = Cells::new(Vec::new(), false);
        cells.text("=1").unwrap();
        cells.text("a \"b\", c\nd").unwrap();
        cells.opt_num(None).unwrap();
        cells.end().unwrap();
        let out = String::from_utf8(cells.into_inner().unwrap()).unwrap();
        assert_eq!(out, "=1,\"a \"\"b\"\", c\nd\",\n");
    }

    #[test]
    fn cells_longer_than_the_buffer_are_written_whole() {
        let long = "say \"no\", ".repeat(BUFFER / 4);
        let mut cells = Cells::new(Vec::new(), false);
        cells.text("a").unwrap();
        cells.text(&long).unwrap();
        cells.end().unwrap();
        let mut expected = csv::Writer::from_writer(Vec::new());
        expected.write_record(["a", long.as_str()]).unwrap();
        assert_eq!(cells.into_inner().unwrap(), expected.into_inner().unwrap());
    }

    proptest::proptest! {
        /// Cells quoted here come out as the csv crate would quote them itself.
        #[test]
        fn quoting_matches_the_csv_crate(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-c,\"\r\n =+@'é-]{0,8}", 3),
                1..4,
            ),
            excel: bool,
        ) {
            let mut cells = Cells::new(Vec::new(), excel);
            let mut builder = csv::WriterBuilder::new();
            if excel {
                builder.terminator(csv::Terminator::CRLF);
            }
            let mut expected = builder.from_writer(Vec::new());
            for row in &rows {
                for cell in row {
                    cells.text(cell).unwrap();
                }
                cells.num(42).unwrap();
                cells.end().unwrap();
                let guarded = row.iter().map(|cell| {
                    if excel && needs_guard(cell.as_bytes()) {
                        format!("'{cell}")
                    } else {
                        cell.clone()
                    }
                });
                expected
                    .write_record(guarded.chain(["42".to_string()]))
                    .unwrap();
            }
            proptest::prop_assert_eq!(
                cells.into_inner().unwrap(),
                expected.into_inner().unwrap()
            );
        }
    }
}

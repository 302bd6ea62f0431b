//! A CSV writer fed cell by cell, with the spreadsheet options applied.

use std::io::{self, Write};

/// Writes CSV rows one cell at a time, without a `String` per cell.
pub(crate) struct Cells<W: Write> {
    csv: csv::Writer<W>,
    /// Prefix `'` to cells a spreadsheet would take for a formula.
    guard: bool,
    /// Reused for guarded cells.
    scratch: Vec<u8>,
}

impl<W: Write> Cells<W> {
    /// A writer with `\n` line ends, or CRLF and the formula guard for spreadsheets. It
    /// buffers its output itself, in 64 KB.
    pub(crate) fn new(out: W, excel: bool) -> Cells<W> {
        let mut builder = csv::WriterBuilder::new();
        builder.buffer_capacity(1 << 16);
        if excel {
            builder.terminator(csv::Terminator::CRLF);
        }
        Cells {
            csv: builder.from_writer(out),
            guard: excel,
            scratch: Vec::new(),
        }
    }

    /// Writes a whole row of fixed cells (a header).
    pub(crate) fn row(&mut self, cells: &[&str]) -> io::Result<()> {
        self.csv.write_record(cells).map_err(into_io)
    }

    /// Writes a text cell.
    pub(crate) fn text(&mut self, cell: &str) -> io::Result<()> {
        let bytes = cell.as_bytes();
        let result = if self.guard && needs_guard(bytes) {
            self.scratch.clear();
            self.scratch.push(b'\'');
            self.scratch.extend_from_slice(bytes);
            self.csv.write_field(&self.scratch)
        } else {
            self.csv.write_field(bytes)
        };
        result.map_err(into_io)
    }

    /// Writes a text cell, empty for `None`.
    pub(crate) fn opt_text(&mut self, cell: Option<&str>) -> io::Result<()> {
        self.text(cell.unwrap_or(""))
    }

    /// Writes a number cell.
    pub(crate) fn num(&mut self, n: u64) -> io::Result<()> {
        let mut buf = [0; 20];
        self.csv
            .write_field(format_u64(n, &mut buf))
            .map_err(into_io)
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
        self.csv.write_record(None::<&[u8]>).map_err(into_io)
    }

    /// Flushes and returns the inner writer.
    pub(crate) fn into_inner(self) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// Cells starting with these are formulas to a spreadsheet, even when quoted.
fn needs_guard(cell: &[u8]) -> bool {
    matches!(
        cell.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
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

/// The csv writer fails only on I/O; keep that error as it is.
fn into_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        kind => io::Error::other(format!("{kind:?}")),
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
}

//! Writing tables for spreadsheets (CSV): every cell that a spreadsheet could execute as a
//! formula is neutralised, and everything else is written exactly as typed.

use crate::error::{Error, Result};

/// Prefixes a cell that starts like a formula (`=`, `+`, `-`, `@`, tab, CR, or their
/// full-width forms) with an apostrophe, which spreadsheets show as text.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    const TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];
    match cell.chars().next() {
        Some(c) if TRIGGERS.contains(&c) => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A CSV file as bytes: UTF-8 with a byte-order mark (so spreadsheet programs read Arabic right),
/// CRLF line ends, every cell neutralised.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| Error::internal(format!("cannot write CSV: {e}"));
    writer.write_record(header.iter().map(|h| neutralise(h).into_owned())).map_err(fail)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| neutralise(cell).into_owned())).map_err(fail)?;
    }
    writer.into_inner().map_err(|e| Error::internal(format!("cannot write CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_names_kept() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("＝1", "'＝1"),
            ("null", "null"),
            ("O'Brien", "O'Brien"),
            ("van der Berg", "van der Berg"),
            ("دولة قطر", "دولة قطر"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn csv_quotes_and_marks_utf8() {
        let bytes =
            csv(&["a", "b"], &[vec!["x, y".into(), "=1".into()], vec!["line\nbreak".into(), "\"q\"".into()]]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{FEFF}a,b\r\n\"x, y\",'=1\r\n\"line\nbreak\",\"\"\"q\"\"\"\r\n");
    }
}

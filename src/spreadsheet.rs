//! Writing tables for spreadsheets (CSV): every cell that a spreadsheet could execute as a
//! formula is neutralised, and everything else is written exactly as typed.

use crate::error::{Error, Result};

/// Prefixes a cell that a spreadsheet could run as a formula with an apostrophe, which
/// spreadsheets show as text. What counts is the first character that is not blank: spreadsheets
/// skip leading spaces (ASCII, no-break, ideographic…) and line breaks before `=`, so " =1+1" and
/// "\n@SUM(A1)" are formulas too. Triggers: `=`, `+`, `-`, `@` and their full-width forms; a
/// cell starting with a tab, CR or LF is also prefixed, as some importers treat those as field
/// breaks.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    const TRIGGERS: &[char] = &['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];
    let starts_with_break = cell.starts_with(['\t', '\r', '\n']);
    let first_visible = cell.chars().find(|c| !c.is_whitespace());
    if starts_with_break || first_visible.is_some_and(|c| TRIGGERS.contains(&c)) {
        format!("'{cell}").into()
    } else {
        cell.into()
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

    /// One case: the cell as typed and as written.
    fn check(cell: &str, expected: &str) {
        assert_eq!(neutralise(cell), expected, "{cell:?}");
    }

    #[test]
    fn formulas_are_neutralised_and_names_kept() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\nx", "'\nx"),
            ("＝1", "'＝1"),
            ("＋1", "'＋1"),
            ("－1", "'－1"),
            ("＠A1", "'＠A1"),
            // Blanks before the trigger: spreadsheets skip them and run the formula.
            (" =1+1", "' =1+1"),
            ("   +1", "'   +1"),
            ("\u{A0}=1", "'\u{A0}=1"),
            ("\u{3000}=1+1", "'\u{3000}=1+1"),
            ("\u{3000}＝1", "'\u{3000}＝1"),
            ("\u{2003}@x", "'\u{2003}@x"),
            ("\n=1", "'\n=1"),
            (" \r\n -2", "' \r\n -2"),
            // Text that merely contains a trigger, or blanks before ordinary text, stays as typed.
            (" Doha", " Doha"),
            ("\u{3000}", "\u{3000}"),
            ("   ", "   "),
            ("a=b", "a=b"),
            ("Al-Thani", "Al-Thani"),
            ("null", "null"),
            ("O'Brien", "O'Brien"),
            ("van der Berg", "van der Berg"),
            ("دولة قطر", "دولة قطر"),
            (" دولة قطر", " دولة قطر"),
            ("", ""),
        ] {
            check(cell, expected);
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

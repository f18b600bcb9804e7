//! The rich text of outcome sections: paragraphs of bold/italic spans, bulleted and numbered
//! lists. Stored as JSON of this tree, never as HTML: nothing in it can run or link, and both
//! the app and the PDF engine draw it from the same shape.
//!
//! People type it in the CLI as light markup (see [`RichText::from_markup`]); the app sends
//! the tree. Either way [`RichText::validate`] is the gate.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};

/// Most characters in one language of one section.
pub const MAX_CHARS: usize = 50_000;
/// Most blocks (paragraphs and lists) in one language of one section.
pub const MAX_BLOCKS: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct RichText(pub Vec<RichBlock>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum RichBlock {
    Paragraph { spans: Vec<Span> },
    Bullets { items: Vec<Vec<Span>> },
    Numbered { items: Vec<Vec<Span>> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span { text: text.into(), bold: false, italic: false }
    }
}

impl RichText {
    pub fn is_empty(&self) -> bool {
        self.plain().trim().is_empty()
    }

    /// Parses and validates the stored (or sent) JSON form.
    pub fn from_json(field: &str, json: &str) -> Result<RichText> {
        let text: RichText = serde_json::from_str(json)
            .map_err(|e| Error::invalid(field, Reason::InvalidValue, format!("not valid rich text: {e}")))?;
        text.validate(field)?;
        Ok(text)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("rich text always serialises")
    }

    /// Checks the limits and that no text carries control characters (a line feed is allowed
    /// inside a span: a line break within the paragraph). Empty spans and items are refused so
    /// that what is stored is what is seen.
    pub fn validate(&self, field: &str) -> Result<()> {
        if self.0.len() > MAX_BLOCKS {
            return Err(Error::invalid(field, Reason::TooLong, format!("more than {MAX_BLOCKS} paragraphs and lists")));
        }
        let mut chars = 0;
        for block in &self.0 {
            let lines: Vec<&Vec<Span>> = match block {
                RichBlock::Paragraph { spans } => vec![spans],
                RichBlock::Bullets { items } | RichBlock::Numbered { items } => {
                    if items.is_empty() {
                        return Err(Error::invalid(field, Reason::InvalidValue, "a list has no items"));
                    }
                    items.iter().collect()
                }
            };
            for spans in lines {
                if spans.iter().all(|s| s.text.trim().is_empty()) {
                    return Err(Error::invalid(field, Reason::InvalidValue, "an empty paragraph or list item"));
                }
                for span in spans {
                    if span.text.chars().any(|c| c.is_control() && c != '\n') {
                        return Err(Error::invalid(field, Reason::ControlCharacters, "contains control characters"));
                    }
                    chars += span.text.chars().count();
                }
            }
        }
        if chars > MAX_CHARS {
            return Err(Error::invalid(field, Reason::TooLong, format!("longer than {MAX_CHARS} characters")));
        }
        Ok(())
    }

    /// The text without styles: paragraphs and items on lines of their own, list items with
    /// "• " or "1. " (for comparisons and the CLI).
    pub fn plain(&self) -> String {
        let join = |spans: &[Span]| spans.iter().map(|s| s.text.as_str()).collect::<String>();
        let mut out = Vec::new();
        for block in &self.0 {
            match block {
                RichBlock::Paragraph { spans } => out.push(join(spans)),
                RichBlock::Bullets { items } => out.extend(items.iter().map(|i| format!("• {}", join(i)))),
                RichBlock::Numbered { items } => {
                    out.extend(items.iter().enumerate().map(|(n, i)| format!("{}. {}", n + 1, join(i))))
                }
            }
        }
        out.join("\n")
    }

    /// Light markup as typed in a terminal: paragraphs separated by a blank line; lines
    /// starting with "- " or "* " make a bulleted list, "1. " (any number) a numbered one;
    /// `**bold**` and `_italic_` inside a line. A marker without its closing twin is kept as
    /// typed. The result is validated.
    pub fn from_markup(field: &str, markup: &str) -> Result<RichText> {
        let markup = markup.replace("\r\n", "\n");
        let mut blocks = Vec::new();
        let mut paragraph: Vec<&str> = Vec::new();
        let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<RichBlock>| {
            if !paragraph.is_empty() {
                blocks.push(RichBlock::Paragraph { spans: spans(&paragraph.join("\n")) });
                paragraph.clear();
            }
        };
        for line in markup.lines() {
            let trimmed = line.trim();
            let bullet = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* "));
            let number = numbered_item(trimmed);
            if trimmed.is_empty() {
                flush(&mut paragraph, &mut blocks);
            } else if let Some(item) = bullet {
                flush(&mut paragraph, &mut blocks);
                match blocks.last_mut() {
                    Some(RichBlock::Bullets { items }) => items.push(spans(item.trim())),
                    _ => blocks.push(RichBlock::Bullets { items: vec![spans(item.trim())] }),
                }
            } else if let Some(item) = number {
                flush(&mut paragraph, &mut blocks);
                match blocks.last_mut() {
                    Some(RichBlock::Numbered { items }) => items.push(spans(item.trim())),
                    _ => blocks.push(RichBlock::Numbered { items: vec![spans(item.trim())] }),
                }
            } else {
                paragraph.push(trimmed);
            }
        }
        flush(&mut paragraph, &mut blocks);
        let text = RichText(blocks);
        text.validate(field)?;
        Ok(text)
    }
}

/// "12. text" → "text".
fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    line[digits..].strip_prefix(". ")
}

/// Splits a line at `**` and `_` markers into styled spans.
fn spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut rest = text;
    let mut current = String::new();
    let push = |out: &mut Vec<Span>, current: &mut String, bold, italic| {
        if !current.is_empty() {
            out.push(Span { text: std::mem::take(current), bold, italic });
        }
    };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("**") {
            if bold || after.contains("**") {
                push(&mut out, &mut current, bold, italic);
                bold = !bold;
                rest = after;
                continue;
            }
        } else if let Some(after) = rest.strip_prefix('_') {
            if italic || after.contains('_') {
                push(&mut out, &mut current, bold, italic);
                italic = !italic;
                rest = after;
                continue;
            }
        }
        let ch = rest.chars().next().expect("not empty");
        current.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    push(&mut out, &mut current, bold, italic);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span { text: text.into(), bold, italic }
    }

    #[test]
    fn markup() {
        let check = |markup: &str, expected: Vec<RichBlock>| {
            assert_eq!(RichText::from_markup("body", markup).unwrap(), RichText(expected), "{markup:?}");
        };
        check(
            "One.\nStill one.\n\nTwo.",
            vec![
                RichBlock::Paragraph { spans: vec![Span::plain("One.\nStill one.")] },
                RichBlock::Paragraph { spans: vec![Span::plain("Two.")] },
            ],
        );
        check(
            "The **forum** _agreed_:\n- a\n* b\n1. c\n2. d",
            vec![
                RichBlock::Paragraph {
                    spans: vec![
                        span("The ", false, false),
                        span("forum", true, false),
                        span(" ", false, false),
                        span("agreed", false, true),
                        span(":", false, false),
                    ],
                },
                RichBlock::Bullets { items: vec![vec![Span::plain("a")], vec![Span::plain("b")]] },
                RichBlock::Numbered { items: vec![vec![Span::plain("c")], vec![Span::plain("d")]] },
            ],
        );
        // Unpaired markers stay as typed; a year is not a list item.
        check(
            "snake_case and 2 ** 3",
            vec![RichBlock::Paragraph { spans: vec![Span::plain("snake_case and 2 ** 3")] }],
        );
        check("2024. A year", vec![RichBlock::Paragraph { spans: vec![Span::plain("2024. A year")] }]);
        check(
            "**أكد** المشاركون",
            vec![RichBlock::Paragraph {
                spans: vec![span("أكد", true, false), span(" المشاركون", false, false)]
            }],
        );
        check("", vec![]);
    }

    #[test]
    fn json_is_validated() {
        let ok = r#"[{"type":"paragraph","spans":[{"text":"Hi","bold":true}]},{"type":"numbered","items":[[{"text":"one"}]]}]"#;
        let text = RichText::from_json("body", ok).unwrap();
        assert_eq!(RichText::from_json("body", &text.to_json()).unwrap(), text, "round trip");
        for (json, reason) in [
            (r#"[{"type":"html","html":"<script>"}]"#, Reason::InvalidValue),
            (r#"[{"type":"paragraph","spans":[{"text":"x","href":"http://e"}]}]"#, Reason::InvalidValue),
            (r#"[{"type":"paragraph","spans":[]}]"#, Reason::InvalidValue),
            (r#"[{"type":"bullets","items":[]}]"#, Reason::InvalidValue),
            (r#"[{"type":"paragraph","spans":[{"text":"a\u0007"}]}]"#, Reason::ControlCharacters),
            ("not json", Reason::InvalidValue),
        ] {
            let e = RichText::from_json("bodyEn", json).unwrap_err();
            assert_eq!((e.field.as_deref(), e.reason), (Some("bodyEn"), reason), "{json}");
        }
        let long = RichText(vec![RichBlock::Paragraph { spans: vec![Span::plain("x".repeat(MAX_CHARS + 1))] }]);
        assert_eq!(long.validate("b").unwrap_err().reason, Reason::TooLong);
    }

    #[test]
    fn plain_text() {
        let text = RichText::from_markup("b", "Intro **bold**\n\n- a\n- b\n\n1. x").unwrap();
        assert_eq!(text.plain(), "Intro bold\n• a\n• b\n1. x");
    }
}

//! Styled text → measured, line-broken lines of glyph runs in visual order.
//!
//! For one paragraph: remove control characters → split into hard lines at line feeds →
//! bidi embedding levels (UAX #9, `unicode-bidi`) → items of one level, font and style →
//! break opportunities (UAX #14, `unicode-linebreak`, kept only at spaces and at hyphens in
//! words: see `break_allowed`) cut items into atoms → each atom is
//! shaped by harfrust in its own direction (results cached by text, face and direction) →
//! greedy line filling by shaped advances, words wider than a line broken by force →
//! atoms of each line reordered for display (UAX #9 rule L2).
//!
//! Widths are always shaped advances, never character counts.

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use harfrust::{Buffer, ClusterLevel, Direction, ShapeOptions, ShaperFont};
use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_linebreak::linebreaks;

use super::fonts::{family_for, Face, Family};
use super::model::Digits;
use crate::money::digit_value;

/// The style of a span of input text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Style {
    pub(crate) bold: bool,
    pub(crate) italic: bool,
}

impl Style {
    /// Upright, bold or not.
    pub(crate) fn weight(bold: bool) -> Style {
        Style { bold, italic: false }
    }
}

/// A paragraph laid out into lines.
#[derive(Debug)]
pub(crate) struct Laid {
    /// The cleaned text the atoms' ranges point into.
    pub(crate) text: String,
    pub(crate) lines: Vec<Line>,
    /// Characters (clusters) no shipped font could draw.
    pub(crate) missing: usize,
}

/// One line, its atoms in visual order (left to right).
#[derive(Debug, Default)]
pub(crate) struct Line {
    pub(crate) atoms: Vec<Atom>,
    /// Width in points.
    pub(crate) width: f32,
}

/// The smallest unit of layout: text of one level, font and style between two break
/// opportunities.
#[derive(Clone, Debug)]
pub(crate) struct Atom {
    pub(crate) range: Range<usize>,
    pub(crate) kind: AtomKind,
    /// Width in points.
    pub(crate) width: f32,
    pub(crate) level: u8,
    pub(crate) italic: bool,
    /// Breakable white space (dropped at the end of a line).
    pub(crate) space: bool,
}

#[derive(Clone, Debug)]
pub(crate) enum AtomKind {
    Glyphs {
        face: Face,
        shaped: Rc<Shaped>,
    },
    /// One character (with its combining marks, joiners, selectors) that no font covers:
    /// drawn as an empty box.
    Missing,
}

impl Atom {
    pub(crate) fn rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// Width of the box drawn for a missing character, in em.
pub(crate) const MISSING_BOX_EM: f32 = 0.6;

/// Atoms longer than this are cut before shaping: no line can hold them whole, and shaping
/// (and caching) megabytes in one piece would only cost memory.
const MAX_ATOM_BYTES: usize = 1024;

/// Lay out `spans` at `size` points into lines at most `max_width` points wide.
///
/// The base direction comes from the first strong character, or `default_rtl` when there is
/// none. Text laid out in Arabic (`default_rtl`) writes its digits as `digits` says.
pub(crate) fn layout(
    shaper: &mut Shaper,
    spans: &[(&str, Style)],
    size: f32,
    max_width: f32,
    default_rtl: bool,
    digits: Digits,
) -> Laid {
    let (text, styles) = prepare(spans, default_rtl.then_some(digits));
    let rtl = base_rtl(&text, default_rtl);
    let mut laid = Laid { text: String::new(), lines: Vec::new(), missing: 0 };
    let max_width = if max_width.is_finite() { max_width.max(0.0) } else { f32::MAX };
    let mut lines = Vec::new();
    laid.missing = each_hard_line(shaper, &text, &styles, rtl, size, |shaper, segments| {
        fill_lines(shaper, &text, segments, size, max_width, &mut lines);
    });
    laid.lines = lines;
    laid.text = text;
    laid
}

/// How narrow and how wide a text can be set, in points: what a table column needs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Extent {
    /// The widest piece that is never broken: a word, a number with its separators, a date
    /// range, a code, an amount with its currency code.
    pub(crate) min: f32,
    /// The widest of those pieces that holds a digit: kept whole even when a table is too
    /// narrow for its words.
    pub(crate) firm: f32,
    /// The width of its widest line when nothing wraps.
    pub(crate) max: f32,
}

impl Extent {
    /// The larger of each measure: what a column holding both texts needs.
    pub(crate) fn union(self, other: Extent) -> Extent {
        Extent { min: self.min.max(other.min), firm: self.firm.max(other.firm), max: self.max.max(other.max) }
    }

    pub(crate) fn scaled(self, k: f32) -> Extent {
        Extent { min: self.min * k, firm: self.firm * k, max: self.max * k }
    }
}

/// Measure `spans` at `size` points as [`layout`] would break them: the same pieces, the same
/// shaped widths, so a box `max` wide holds each hard line on one line and a box `min` wide
/// breaks no piece.
pub(crate) fn measure(
    shaper: &mut Shaper,
    spans: &[(&str, Style)],
    size: f32,
    default_rtl: bool,
    digits: Digits,
) -> Extent {
    let (text, styles) = prepare(spans, default_rtl.then_some(digits));
    let rtl = base_rtl(&text, default_rtl);
    let mut extent = Extent::default();
    each_hard_line(shaper, &text, &styles, rtl, size, |_, segments| {
        let mut line = 0.0;
        let mut pending = 0.0;
        for segment in &segments {
            let split = segment.iter().rposition(|a| !a.space).map_or(0, |last| last + 1);
            let content: f32 = segment[..split].iter().map(|a| a.width).sum();
            let trailing: f32 = segment[split..].iter().map(|a| a.width).sum();
            if split == 0 {
                // White space only: it counts when words follow it on the line.
                if line > 0.0 {
                    pending += trailing;
                }
                continue;
            }
            let piece_start = segment[0].range.start;
            let piece_end = segment[split - 1].range.end;
            let numeric = text[piece_start..piece_end].chars().any(char::is_numeric);
            extent.min = extent.min.max(content);
            if numeric {
                extent.firm = extent.firm.max(content);
            }
            line += pending + content;
            pending = trailing;
        }
        extent.max = extent.max.max(line);
    });
    extent
}

fn base_rtl(text: &str, default_rtl: bool) -> bool {
    match unicode_bidi::get_base_direction_full(text) {
        unicode_bidi::Direction::Rtl => true,
        unicode_bidi::Direction::Ltr => false,
        unicode_bidi::Direction::Mixed => default_rtl,
    }
}

/// Itemize and cut each hard line of `text` into its unbreakable segments for `f`; returns
/// the number of missing characters.
fn each_hard_line(
    shaper: &mut Shaper,
    text: &str,
    styles: &[(Range<usize>, Style)],
    rtl: bool,
    size: f32,
    mut f: impl FnMut(&mut Shaper, Vec<Vec<Atom>>),
) -> usize {
    let mut missing = 0;
    let mut start = 0;
    for hard_line in text.split('\n') {
        let range = start..start + hard_line.len();
        start = range.end + 1;
        let items = itemize(text, range.clone(), styles, rtl, &mut missing);
        let segments = atomize(shaper, text, range, &items, size);
        f(shaper, segments);
    }
    missing
}

/// Shapes text with harfrust, remembering every result for the rest of the render so
/// repeated strings (countries, categories, headers) are shaped once.
#[derive(Default)]
pub(crate) struct Shaper {
    cache: HashMap<(Face, bool), HashMap<Box<str>, Rc<Shaped>>>,
    /// Entries in `cache`: emptied when it reaches [`SHAPED_KEPT`], so that a list of
    /// 100,000 names does not keep every name's glyphs to the end.
    cached: usize,
    spare: Option<Buffer>,
}

/// The shaped form of one piece of text, in font units.
#[derive(Debug)]
pub(crate) struct Shaped {
    pub(crate) text: Box<str>,
    /// In visual order (left to right), as the shaper returns them.
    pub(crate) glyphs: Vec<Glyph>,
    pub(crate) advance: i32,
    /// Which ways of drawing (plain, on a mixed line, as a marked space) have recorded their
    /// glyphs' texts for the PDF's /ToUnicode: bits 0, 1, 2.
    pub(crate) registered: Cell<u8>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Glyph {
    pub(crate) gid: u16,
    /// The characters this glyph stands for: `text[cluster..cluster + len]`; `len` is 0 for
    /// the second and later glyphs of one cluster.
    pub(crate) cluster: u32,
    pub(crate) len: u32,
    pub(crate) advance: i32,
    pub(crate) dx: i32,
    pub(crate) dy: i32,
}

impl Shaped {
    /// The logical characters glyph `g` stands for (empty for the second and later glyphs of
    /// a cluster).
    pub(crate) fn cluster_text(&self, g: &Glyph) -> &str {
        &self.text[g.cluster as usize..(g.cluster + g.len) as usize]
    }

    /// The characters glyph `g` stands for, as a PDF's text extraction must see them.
    ///
    /// Extractors (poppler, pdf.js, Acrobat) rebuild logical order from the glyphs' visual
    /// positions, reversing every right-to-left section they find. So in a right-to-left run
    /// a glyph standing for several characters (a ligature) stores them reversed, and a
    /// mirrored bracket stores the character typed, not the mirrored shape drawn. The caller
    /// keeps right-to-left glyphs in a font resource of their own, since a PDF font maps each
    /// glyph to one text and the same bracket glyph means ")" in one direction, "(" in the
    /// other.
    ///
    /// With `marked`, a neutral (bracket, dash, colon) is wrapped in invisible marks of its
    /// run's direction (RLM or LRM). Poppler's reordering is not the Unicode algorithm: it
    /// glues a neutral to whatever section precedes it on the line, so on a line mixing
    /// directions "(2024–2026)" after Arabic would come out as ")(2026–2024" without them.
    pub(crate) fn glyph_text(&self, g: &Glyph, rtl: bool, marked: bool) -> String {
        let s = self.cluster_text(g);
        let mut out = String::with_capacity(s.len() + 6);
        let mark = if rtl { '\u{200F}' } else { '\u{200E}' };
        if marked {
            out.push(mark);
        }
        if rtl {
            out.extend(s.chars().rev());
        } else {
            out.push_str(s);
        }
        if marked {
            out.push(mark);
        }
        out
    }
}

/// Whether a cluster is punctuation or a symbol without a direction of its own (digits and
/// combining marks excluded): such a glyph takes the direction of its neighbours.
pub(crate) fn is_neutral(s: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, AN, B, CS, EN, ES, ET, L, ON, R, S, WS};
    let classes = || s.chars().map(unicode_bidi::bidi_class);
    classes().any(|c| matches!(c, ON | CS | ES | ET | WS | S | B))
        && !classes().any(|c| matches!(c, L | R | AL | EN | AN))
}

/// How many shaped words the [`Shaper`] keeps: far more than a page's, and the words that
/// repeat through a document (countries, organisations) come back at once when it is emptied.
const SHAPED_KEPT: usize = 16_384;

impl Shaper {
    pub(crate) fn shape(&mut self, text: &str, face: Face, rtl: bool) -> Rc<Shaped> {
        if let Some(shaped) = self.cache.get(&(face, rtl)).and_then(|by_text| by_text.get(text)) {
            return shaped.clone();
        }
        if self.cached >= SHAPED_KEPT {
            self.cache.clear();
            self.cached = 0;
        }
        let mut out = self.spare.take().unwrap_or_default();
        out.push_str(text);
        out.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
        out.guess_segment_properties();
        // One cluster per character where the font allows it, so a base letter and its
        // vowel marks keep their own text for extraction.
        out.set_cluster_level(ClusterLevel::MonotoneCharacters);
        if harfrust::shape(&ShaperFont::new(face.shaping()), &mut out, ShapeOptions::new()).is_err() {
            // Only a buffer already shaped or without a direction fails, and neither is
            // possible here; an empty result is drawn as nothing rather than panicking.
            out.clear();
        }

        let infos = out.glyph_infos();
        let positions = out.glyph_positions();
        let mut clusters: Vec<u32> = infos.iter().map(|i| i.cluster).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let end_of = |c: u32| -> u32 {
            match clusters.binary_search(&c) {
                Ok(i) if i + 1 < clusters.len() => clusters[i + 1],
                _ => text.len() as u32,
            }
        };
        let mut seen: Vec<bool> = vec![false; clusters.len()];
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut advance = 0;
        for (info, pos) in infos.iter().zip(positions) {
            let slot = clusters.binary_search(&info.cluster).unwrap_or(0);
            let len = if seen[slot] {
                0
            } else {
                seen[slot] = true;
                end_of(info.cluster) - info.cluster
            };
            glyphs.push(Glyph {
                gid: info.glyph_id as u16,
                cluster: info.cluster,
                len,
                advance: pos.x_advance,
                dx: pos.x_offset,
                dy: pos.y_offset,
            });
            advance += pos.x_advance;
        }
        out.clear();
        self.spare = Some(out);
        let shaped = Rc::new(Shaped { text: text.into(), glyphs, advance, registered: Cell::new(0) });
        self.cache.entry((face, rtl)).or_default().insert(text.into(), shaped.clone());
        self.cached += 1;
        shaped
    }
}

/// Width of `shaped` in points at `size`.
fn width_of(shaped: &Shaped, face: Face, size: f32) -> f32 {
    shaped.advance as f32 * size / face.units_per_em()
}

/// The text as it is drawn: [`clean`], then, in Arabic (`arabic`: the text is laid out in a
/// right-to-left document or part, with the document's rule), its digits as [`arabic_digits`]
/// writes them.
fn prepare(spans: &[(&str, Style)], arabic: Option<Digits>) -> (String, Vec<(Range<usize>, Style)>) {
    let (text, styles) = clean(spans);
    let Some(rule) = arabic.filter(|_| text.chars().any(|c| digit_value(c).is_some())) else {
        return (text, styles);
    };
    let (text, moved) = arabic_digits(&text, rule);
    let styles = styles.into_iter().map(|(r, style)| (moved[r.start]..moved[r.end], style)).collect();
    (text, styles)
}

/// One rule for the digits of Arabic text, the document's [`Digits`] (the event's setting), so
/// that a document has one kind of digit whatever was typed (Latin, Arabic-Indic or Eastern
/// Arabic-Indic ۰-۹):
///
/// - `ArabicIndic`: a number is written in Arabic-Indic digits (with the Arabic thousands and
///   decimal separators, ٤٥٬٠٠٠٬٠٠٠٫٠٠) unless it belongs to Latin text: its line's last strong
///   letter before it is Latin, or, before any letter, the line starts with Latin. So
///   "صفحة ٣ من ٦", "٢١ مايو ٢٠٢٤" and a table's amounts change, while a badge code, an e-mail
///   address, "USD 15,000,000" or an English name's "Room 3" stay as they are.
/// - `Latin`: every number is written in Latin digits with the Latin separators, those typed in
///   Arabic-Indic too ("٤٥٬٠٠٠" → "45,000").
///
/// Returns the text and, for each byte offset of the input (and its end), the offset in the
/// output.
pub(crate) fn arabic_digits(text: &str, rule: Digits) -> (String, Vec<usize>) {
    use unicode_bidi::BidiClass::{AL, L, R};
    let (zero, thousands, decimal) = match rule {
        Digits::ArabicIndic => ('\u{0660}', '\u{066C}', '\u{066B}'),
        Digits::Latin => ('0', ',', '.'),
    };
    let mut out = String::with_capacity(text.len() * 2);
    let mut moved = vec![0; text.len() + 1];
    let mut latin: Option<bool> = None;
    let mut converted_digit_before = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if latin.is_none() || c == '\n' {
            // The line's own start: its first strong letter, Arabic when it has none.
            let line = &text[if c == '\n' { i + 1 } else { i }..];
            let line = line.split('\n').next().unwrap_or("");
            latin = Some(line.chars().map(unicode_bidi::bidi_class).find(|b| matches!(b, L | R | AL)) == Some(L));
        }
        let next_is_digit = chars.get(k + 1).is_some_and(|&(_, n)| digit_value(n).is_some());
        // Under the Latin rule every digit is the rule's; under the Arabic-Indic one, those of
        // Arabic text.
        let digit = digit_value(c).filter(|_| rule == Digits::Latin || latin == Some(false));
        let drawn = match digit {
            Some(d) => char::from_u32(zero as u32 + d).unwrap_or(c),
            None => match c {
                ',' | '\u{066C}' if converted_digit_before && next_is_digit => thousands,
                '.' | '\u{066B}' if converted_digit_before && next_is_digit => decimal,
                c => c,
            },
        };
        converted_digit_before = digit.is_some();
        match unicode_bidi::bidi_class(c) {
            L => latin = Some(true),
            R | AL => latin = Some(false),
            _ => {}
        }
        for b in 0..c.len_utf8() {
            moved[i + b] = out.len();
        }
        out.push(drawn);
    }
    moved[text.len()] = out.len();
    (out, moved)
}

/// Characters that are never drawn: explicit bidi embeddings, overrides and isolates (they
/// could make a name display as something else) and other control characters. Line
/// separators become `\n`, tabs spaces.
fn clean(spans: &[(&str, Style)]) -> (String, Vec<(Range<usize>, Style)>) {
    let mut text = String::with_capacity(spans.iter().map(|(s, _)| s.len()).sum());
    let mut styles = Vec::with_capacity(spans.len());
    for (s, style) in spans {
        let start = text.len();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    text.push('\n');
                }
                '\n' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}' => text.push('\n'),
                '\t' => text.push(' '),
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
                c if c.is_control() => {}
                c => text.push(c),
            }
        }
        if text.len() > start {
            styles.push((start..text.len(), *style));
        }
    }
    (text, styles)
}

/// What a character is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ink {
    Face(Face),
    Missing,
}

#[derive(Clone, Debug)]
struct Item {
    range: Range<usize>,
    level: u8,
    ink: Ink,
    italic: bool,
    space: bool,
}

/// Characters that belong to the character before them: combining marks, joiners,
/// variation selectors, emoji modifiers and tags.
fn is_continuation(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

/// Split one hard line into items of equal level, font, style and spacing.
fn itemize(
    text: &str,
    line: Range<usize>,
    styles: &[(Range<usize>, Style)],
    rtl: bool,
    missing: &mut usize,
) -> Vec<Item> {
    let s = &text[line.clone()];
    if s.is_empty() {
        return Vec::new();
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let bidi = ParagraphBidiInfo::new(s, Some(base));
    let mut items: Vec<Item> = Vec::new();
    let mut style_ix = 0;
    let mut prev_family: Option<Family> = None;
    let mut prev_char: Option<char> = None;
    let mut prev_ink: Option<Ink> = None;
    for (i, c) in s.char_indices() {
        let at = line.start + i;
        while style_ix + 1 < styles.len() && styles[style_ix].0.end <= at {
            style_ix += 1;
        }
        let style = styles.get(style_ix).map(|s| s.1).unwrap_or_default();
        let level = bidi.levels[i].number();
        let joined = is_continuation(c) || prev_char == Some('\u{200D}');
        // Arabic has no italic: emphasis asked of Arabic letters is drawn upright in the bold
        // face, never slanted (a slanted Naskh reads as a mistake).
        let upright = |family: Family| family == Family::Naskh && style.italic;
        let (ink, new_cluster) = match (prev_ink, joined) {
            (Some(Ink::Missing), true) => (Ink::Missing, false),
            _ => match family_for(c, prev_family) {
                Some(family) => {
                    prev_family = Some(family);
                    (Ink::Face(Face::new(family, style.bold || upright(family))), false)
                }
                None => (Ink::Missing, true),
            },
        };
        let italic = style.italic && !prev_family.is_some_and(upright);
        if new_cluster {
            *missing += 1;
        }
        prev_ink = Some(ink);
        prev_char = Some(c);
        let space = is_space(c);
        let end = at + c.len_utf8();
        let extend = !new_cluster
            && items
                .last()
                .is_some_and(|it| it.level == level && it.ink == ink && it.italic == italic && it.space == space);
        if extend {
            items.last_mut().expect("checked").range.end = end;
        } else {
            items.push(Item { range: at..end, level, ink, italic, space });
        }
    }
    items
}

/// Cut items at break opportunities and shape them. Returns segments: the atoms between two
/// break opportunities.
fn atomize(shaper: &mut Shaper, text: &str, line: Range<usize>, items: &[Item], size: f32) -> Vec<Vec<Atom>> {
    let s = &text[line.clone()];
    let mut segments = Vec::new();
    let mut item_ix = 0;
    let mut seg_start = line.start;
    for (pos, _) in linebreaks(s).filter(|&(pos, _)| pos == s.len() || break_allowed(s, pos)) {
        let seg_end = line.start + pos;
        if seg_end == seg_start {
            continue;
        }
        let mut atoms = Vec::new();
        while item_ix < items.len() && items[item_ix].range.start < seg_end {
            let item = &items[item_ix];
            let from = item.range.start.max(seg_start);
            let to = item.range.end.min(seg_end);
            push_atoms(shaper, text, from..to, item, size, &mut atoms);
            if item.range.end <= seg_end {
                item_ix += 1;
            } else {
                break;
            }
        }
        segments.push(atoms);
        seg_start = seg_end;
    }
    segments
}

/// Whether a line may break before byte `pos` of `s`, among the places UAX #14 allows. Only
/// after white space, and after a hyphen between words ("Jean-Pierre", "well-known"):
/// never inside a number, an amount, a date or date range ("2024–2026", "10/12/2024"), a time
/// range, a code ("QA-2024-17") or a word, and never between an amount and its currency code
/// ("USD 45,000,000.00"). A delegate reads "45,000,000.0" over "0" as two numbers.
fn break_allowed(s: &str, pos: usize) -> bool {
    let before = &s[..pos];
    let mut back = before.chars().rev();
    let Some(prev) = back.next() else {
        return false;
    };
    if prev == '\u{200B}' {
        return true;
    }
    if is_space(prev) {
        let word_before = before.trim_end_matches(is_space).rsplit(is_space).next().unwrap_or("");
        let word_after = s[pos..].split(is_space).next().unwrap_or("");
        let digit_at = |c: Option<char>| c.is_some_and(|c| c.is_numeric());
        let amount_and_code = is_currency_code(word_before) && digit_at(word_after.chars().next())
            || digit_at(word_before.chars().next_back()) && is_currency_code(word_after);
        return !amount_and_code;
    }
    if matches!(prev, '-' | '\u{2010}') {
        // Three letters on each side, as TeX's hyphenation minimums: "Al-" or "co-" does not
        // end a line, so a name such as "Al-Muraikhi" stays whole.
        let letters_before = back.take_while(|c| c.is_alphabetic()).take(3).count();
        let letters_after = s[pos..].chars().take_while(|c| c.is_alphabetic()).take(3).count();
        return letters_before == 3 && letters_after == 3;
    }
    false
}

/// Three capital Latin letters, as ISO 4217 writes currencies ("USD", "QAR").
fn is_currency_code(word: &str) -> bool {
    let word = word.trim_matches(|c: char| c.is_ascii_punctuation());
    word.len() == 3 && word.bytes().all(|b| b.is_ascii_uppercase())
}

fn push_atoms(shaper: &mut Shaper, text: &str, range: Range<usize>, item: &Item, size: f32, out: &mut Vec<Atom>) {
    let mut start = range.start;
    while start < range.end {
        let mut end = range.end;
        if end - start > MAX_ATOM_BYTES {
            end = start + MAX_ATOM_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            // Keep a base character with the marks and joiners that follow it.
            while let Some(c) = text[end..range.end].chars().next() {
                if is_continuation(c) || end == start {
                    break;
                }
                let prev = text[..end].chars().next_back().expect("end > start");
                if !is_continuation(prev) {
                    break;
                }
                end -= prev.len_utf8();
            }
            if end <= start {
                end = start + MAX_ATOM_BYTES;
                while !text.is_char_boundary(end) {
                    end += 1;
                }
            }
        }
        out.push(make_atom(shaper, text, start..end, item, size));
        start = end;
    }
}

fn make_atom(shaper: &mut Shaper, text: &str, range: Range<usize>, item: &Item, size: f32) -> Atom {
    let rtl = item.level % 2 == 1;
    let (kind, width) = match item.ink {
        Ink::Face(face) => {
            let shaped = shaper.shape(&text[range.clone()], face, rtl);
            let width = width_of(&shaped, face, size);
            (AtomKind::Glyphs { face, shaped }, width)
        }
        Ink::Missing => (AtomKind::Missing, MISSING_BOX_EM * size),
    };
    Atom { range, kind, width, level: item.level, italic: item.italic, space: item.space }
}

/// Tolerance for float comparisons of widths, in points.
const EPSILON: f32 = 0.01;

/// Greedy line filling over segments; appends finished lines to `lines`.
fn fill_lines(
    shaper: &mut Shaper,
    text: &str,
    segments: Vec<Vec<Atom>>,
    size: f32,
    max_width: f32,
    lines: &mut Vec<Line>,
) {
    let mut current: Vec<Atom> = Vec::new();
    let mut current_width = 0.0;
    let mut pending_space: Vec<Atom> = Vec::new();
    let mut pending_width = 0.0;
    for mut segment in segments {
        let split = segment.iter().rposition(|a| !a.space).map_or(0, |last| last + 1);
        let trailing = segment.split_off(split);
        let content = segment;
        let content_width: f32 = content.iter().map(|a| a.width).sum();
        if content.is_empty() {
            // Only white space: it waits to see whether the line continues.
            if !current.is_empty() {
                pending_space.extend(trailing);
                pending_width = pending_space.iter().map(|a| a.width).sum();
            }
            continue;
        }
        if !current.is_empty() && current_width + pending_width + content_width <= max_width + EPSILON {
            current.append(&mut pending_space);
            current.extend(content);
            current_width += pending_width + content_width;
        } else {
            if !current.is_empty() {
                lines.push(finish_line(std::mem::take(&mut current)));
            }
            if content_width <= max_width + EPSILON {
                current = content;
                current_width = content_width;
            } else {
                let mut pieces = force_split(shaper, text, content, size, max_width);
                let last = pieces.pop().unwrap_or_default();
                lines.extend(pieces.into_iter().map(finish_line));
                current_width = last.iter().map(|a| a.width).sum();
                current = last;
            }
        }
        pending_space = trailing;
        pending_width = pending_space.iter().map(|a| a.width).sum();
    }
    // An empty hard line still takes a line's height.
    lines.push(finish_line(current));
}

/// Break atoms that are together wider than `max_width` into lines, cutting inside atoms
/// between clusters where needed. Every returned line holds at least one cluster.
fn force_split(shaper: &mut Shaper, text: &str, atoms: Vec<Atom>, size: f32, max_width: f32) -> Vec<Vec<Atom>> {
    let mut lines: Vec<Vec<Atom>> = Vec::new();
    let mut line: Vec<Atom> = Vec::new();
    let mut width = 0.0;
    let mut queue: std::collections::VecDeque<Atom> = atoms.into();
    while let Some(atom) = queue.pop_front() {
        if width + atom.width <= max_width + EPSILON {
            width += atom.width;
            line.push(atom);
            continue;
        }
        let room = max_width - width;
        match cut_atom(shaper, text, &atom, size, room, max_width, line.is_empty()) {
            Some(pieces) => {
                // The first piece ends this line, the middle ones fill lines of their own,
                // the last one starts the next line.
                let count = pieces.len();
                for (i, piece) in pieces.into_iter().enumerate() {
                    if i + 1 < count {
                        line.push(piece);
                        lines.push(std::mem::take(&mut line));
                    } else {
                        width = piece.width;
                        line.push(piece);
                    }
                }
            }
            None if line.is_empty() => {
                // Nothing can be cut off (a box, or one cluster wider than the line): it
                // overflows alone rather than loop forever.
                lines.push(vec![atom]);
                width = 0.0;
            }
            None => {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
                queue.push_front(atom);
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cut `atom` at cluster boundaries into pieces: the first at most `room` wide, the others at
/// most `max_width`. `None` when not even one cluster fits `room` and `must` is false, or
/// when the atom cannot be cut. The cut points come from the atom's own shaping; each piece
/// is then shaped alone (an Arabic letter at a cut takes another form, which can make the
/// piece wider: its last character then moves to the next piece).
fn cut_atom(
    shaper: &mut Shaper,
    text: &str,
    atom: &Atom,
    size: f32,
    room: f32,
    max_width: f32,
    must: bool,
) -> Option<Vec<Atom>> {
    let AtomKind::Glyphs { face, shaped } = &atom.kind else {
        return None;
    };
    let face = *face;
    let scale = size / face.units_per_em();
    // Advance of every cluster, keyed by its start, in logical order.
    let mut clusters: Vec<(usize, f32)> = Vec::new();
    let mut by_cluster: Vec<&Glyph> = shaped.glyphs.iter().collect();
    by_cluster.sort_by_key(|g| g.cluster);
    for g in by_cluster {
        let advance = g.advance as f32 * scale;
        match clusters.last_mut() {
            Some((c, adv)) if *c == g.cluster as usize => *adv += advance,
            _ => clusters.push((g.cluster as usize, advance)),
        }
    }
    let local = &text[atom.range.clone()];
    let cuttable = |c: usize| c > 0 && !local[c..].chars().next().is_some_and(is_continuation);
    // Greedy cut points, in bytes from the atom's start.
    let mut cuts: Vec<usize> = Vec::new();
    let mut acc = 0.0;
    let mut limit = room;
    let mut start = 0;
    for &(c, advance) in &clusters {
        if acc + advance > limit + EPSILON && c > start && cuttable(c) {
            cuts.push(c);
            start = c;
            acc = 0.0;
            limit = max_width;
        }
        acc += advance;
    }
    if cuts.is_empty() {
        return None;
    }
    let first_fits = clusters.first().is_some_and(|&(_, advance)| advance <= room + EPSILON);
    if !first_fits && !must {
        return None;
    }
    let item = Item {
        range: atom.range.clone(),
        level: atom.level,
        ink: Ink::Face(face),
        italic: atom.italic,
        space: atom.space,
    };
    let mut bounds: Vec<usize> = std::iter::once(0).chain(cuts).chain(std::iter::once(local.len())).collect();
    let mut pieces = Vec::with_capacity(bounds.len() - 1);
    let mut i = 0;
    while i + 1 < bounds.len() {
        let limit = if i == 0 { room } else { max_width };
        let (from, mut to) = (bounds[i], bounds[i + 1]);
        let mut piece = make_atom(shaper, text, atom.range.start + from..atom.range.start + to, &item, size);
        while piece.width > limit + EPSILON {
            let Some((last, _)) = local[from..to].char_indices().next_back() else {
                break;
            };
            if last == 0 {
                break;
            }
            to = from + last;
            piece = make_atom(shaper, text, atom.range.start + from..atom.range.start + to, &item, size);
        }
        if i == 0 && !must && piece.width > limit + EPSILON {
            // Even one character, shaped alone, is too wide for what is left of the line.
            return None;
        }
        if to != bounds[i + 1] {
            // What no longer fits goes to the start of the next piece.
            if i + 2 < bounds.len() {
                bounds[i + 1] = to;
            } else {
                bounds.insert(i + 1, to);
            }
        }
        pieces.push(piece);
        i += 1;
    }
    Some(pieces)
}

/// Drop trailing white space and put the atoms in visual order.
fn finish_line(mut atoms: Vec<Atom>) -> Line {
    while atoms.last().is_some_and(|a| a.space) {
        atoms.pop();
    }
    reorder(&mut atoms);
    let width = atoms.iter().map(|a| a.width).sum();
    Line { atoms, width }
}

/// UAX #9 rule L2 at atom granularity (each atom has one level): from the highest level down
/// to the lowest odd one, reverse every run of atoms at that level or higher.
fn reorder(atoms: &mut [Atom]) {
    let Some(max) = atoms.iter().map(|a| a.level).max() else {
        return;
    };
    let Some(min_odd) = atoms.iter().map(|a| a.level | 1).min() else {
        return;
    };
    let mut level = max;
    while level >= min_odd {
        let mut i = 0;
        while i < atoms.len() {
            if atoms[i].level >= level {
                let start = i;
                while i < atoms.len() && atoms[i].level >= level {
                    i += 1;
                }
                atoms[start..i].reverse();
            } else {
                i += 1;
            }
        }
        if level == 0 {
            break;
        }
        level -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of `text` laid out at 10 pt in `width` points, each as its atoms in visual
    /// order: `R:` / `L:` for direction, `a` / `s` for Naskh / Sans, `?` for a missing box.
    fn render(text: &str, width: f32, default_rtl: bool) -> Vec<String> {
        let mut shaper = Shaper::default();
        let laid = layout(&mut shaper, &[(text, Style::default())], 10.0, width, default_rtl, AI);
        laid.lines
            .iter()
            .map(|line| {
                line.atoms
                    .iter()
                    .map(|a| {
                        let dir = if a.rtl() { 'R' } else { 'L' };
                        let ink = match &a.kind {
                            AtomKind::Glyphs { face, .. } => match face {
                                Face::Naskh | Face::NaskhBold => 'a',
                                Face::Sans | Face::SansBold => 's',
                            },
                            AtomKind::Missing => '?',
                        };
                        format!("{dir}{ink}[{}]", &laid.text[a.range.clone()])
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    fn check(text: &str, width: f32, default_rtl: bool, expected: &[&str]) {
        let got = render(text, width, default_rtl);
        assert_eq!(got, expected, "layout of {text:?} in {width} pt");
    }

    const WIDE: f32 = 10_000.0;
    /// The default rule for digits in Arabic.
    const AI: Digits = Digits::ArabicIndic;

    #[test]
    fn emphasis_slants_latin_and_sets_arabic_upright_in_bold() {
        let mut shaper = Shaper::default();
        let style = Style { bold: false, italic: true };
        let laid = layout(&mut shaper, &[("Session: الجلسة الافتتاحية", style)], 10.0, WIDE, false, AI);
        let atoms: Vec<(String, Option<Face>, bool)> = laid.lines[0]
            .atoms
            .iter()
            .filter(|a| !a.space)
            .map(|a| {
                let face = match &a.kind {
                    AtomKind::Glyphs { face, .. } => Some(*face),
                    AtomKind::Missing => None,
                };
                (laid.text[a.range.clone()].to_owned(), face, a.italic)
            })
            .collect();
        assert!(atoms.iter().any(|(t, face, italic)| t.contains("Session") && *face == Some(Face::Sans) && *italic));
        let arabic: Vec<_> = atoms.iter().filter(|(t, _, _)| t.contains("ال")).collect();
        assert_eq!(arabic.len(), 2, "{atoms:?}");
        assert!(arabic.iter().all(|(_, face, italic)| *face == Some(Face::NaskhBold) && !*italic), "{atoms:?}");
    }

    #[test]
    fn runs_of_mixed_text() {
        check("Hello world", WIDE, false, &["Ls[Hello] Ls[ ] Ls[world]"]);
        // Arabic; digits at level 2 in Naskh (they follow the Arabic before them); brackets
        // and the en dash from Noto Sans (Naskh lacks them), at the right-to-left level since
        // they sit between numbers (rules N0, N1); the line can break after the dash.
        check(
            "أعلنت قطر 15 مليون (2024–2026)",
            WIDE,
            false,
            &["Rs[)] Ls[2026] Rs[–] Ls[2024] Rs[(] Ra[ ] Ra[مليون] Ra[ ] La[15] Ra[ ] Ra[قطر] Ra[ ] Ra[أعلنت]"],
        );
        // Latin inside an Arabic paragraph keeps its own order (level 2, reversed twice).
        check("مؤتمر Doha Forum السنوي", WIDE, false, &["Ra[السنوي] Rs[ ] Ls[Doha] Ls[ ] Ls[Forum] Ra[ ] Ra[مؤتمر]"]);
        // Arabic inside an English paragraph.
        check(
            "The word سلام means peace.",
            WIDE,
            false,
            &["Ls[The] Ls[ ] Ls[word] Ls[ ] Ra[سلام] La[ ] Ls[means] Ls[ ] Ls[peace.]"],
        );
    }

    #[test]
    fn base_direction() {
        // No strong character: the document direction decides (and, in Arabic, the digits
        // are Arabic-Indic, drawn with the Naskh face).
        check("123 (45)", WIDE, true, &["Rs[)] La[٤٥] Rs[(] Ra[ ] La[١٢٣]"]);
        check("123 (45)", WIDE, false, &["Ls[123] Ls[ ] Ls[(45)]"]);
        // The first strong character wins over the document direction.
        check("2024 Doha", WIDE, true, &["Ls[2024] Ls[ ] Ls[Doha]"]);
    }

    #[test]
    fn vocalised_arabic_stays_one_atom() {
        check("بِسْمِ ٱللَّٰهِ", WIDE, false, &["Ra[ٱللَّٰهِ] Ra[ ] Ra[بِسْمِ]"]);
    }

    #[test]
    fn empty_and_blank() {
        check("", WIDE, false, &[""]);
        check("   ", WIDE, false, &[""]);
        check("a\n\nb", WIDE, false, &["Ls[a]", "", "Ls[b]"]);
    }

    #[test]
    fn controls_are_removed() {
        // RLO would display "abc" as "cba"; it is dropped, as are isolates.
        check("\u{202E}abc\u{202C} \u{2067}def\u{2069}", WIDE, false, &["Ls[abc] Ls[ ] Ls[def]"]);
        check("a\tb\u{0007}c", WIDE, false, &["Ls[a] Ls[ ] Ls[bc]"]);
    }

    #[test]
    fn missing_glyphs_are_boxes() {
        check("ok 😀 中文", WIDE, false, &["Ls[ok] Ls[ ] L?[😀] Ls[ ] L?[中] L?[文]"]);
        // A ZWJ sequence with a skin tone is one box.
        check("👩🏽\u{200D}💻", WIDE, false, &["L?[👩🏽\u{200D}💻]"]);
        let mut shaper = Shaper::default();
        let laid = layout(&mut shaper, &[("a😀b👩🏽\u{200D}💻", Style::default())], 10.0, WIDE, false, AI);
        assert_eq!(laid.missing, 2);
    }

    #[test]
    fn greedy_line_breaking() {
        let text = "one two three four five six";
        check(text, 60.0, false, &["Ls[one] Ls[ ] Ls[two]", "Ls[three] Ls[ ] Ls[four]", "Ls[five] Ls[ ] Ls[six]"]);
        // Right-to-left lines break in logical order: the first words on the first line.
        check("واحد اثنان ثلاثة أربعة", 60.0, false, &["Ra[ثلاثة] Ra[ ] Ra[اثنان] Ra[ ] Ra[واحد]", "Ra[أربعة]"]);
    }

    #[test]
    fn long_words_are_broken_by_force() {
        let word = "x".repeat(10_000);
        let mut shaper = Shaper::default();
        let laid = layout(&mut shaper, &[(&word, Style::default())], 10.0, 100.0, false, AI);
        assert!(laid.lines.len() > 50);
        let total: usize = laid.lines.iter().flat_map(|l| &l.atoms).map(|a| a.range.len()).sum();
        assert_eq!(total, 10_000, "no character lost");
        for line in &laid.lines {
            assert!(line.width <= 100.0 + EPSILON, "line of {} pt", line.width);
            assert!(line.width > 80.0 || std::ptr::eq(line, laid.lines.last().unwrap()));
        }
        // Arabic too, and a line narrower than one glyph still terminates.
        let arabic = "ب".repeat(3000);
        let laid = layout(&mut shaper, &[(&arabic, Style::default())], 10.0, 50.0, false, AI);
        for line in &laid.lines {
            assert!(line.width <= 50.0 + EPSILON, "line of {} pt", line.width);
        }
        let laid = layout(&mut shaper, &[("abc", Style::default())], 10.0, 0.5, false, AI);
        assert_eq!(laid.lines.len(), 3);
        check("ab verylongword", 40.0, false, &["Ls[ab]", "Ls[verylon]", "Ls[gword]"]);
    }

    #[test]
    fn arabic_text_gets_arabic_indic_digits_and_latin_text_keeps_its_own() {
        let drawn = |s: &str| arabic_digits(s, AI).0;
        assert_eq!(drawn("صفحة 3 من 6"), "صفحة ٣ من ٦");
        assert_eq!(drawn("21–22 مايو 2024"), "٢١–٢٢ مايو ٢٠٢٤");
        assert_eq!(drawn("45,000,000.00"), "٤٥٬٠٠٠٬٠٠٠٫٠٠");
        assert_eq!(drawn("09:30–10:30"), "٠٩:٣٠–١٠:٣٠");
        assert_eq!(drawn("في عام 2025، ثم 2026."), "في عام ٢٠٢٥، ثم ٢٠٢٦.");
        // Latin text keeps its digits: codes, addresses, amounts after a currency code, an
        // English name, a code that starts with digits.
        assert_eq!(drawn("56MGG6ZRG7"), "56MGG6ZRG7");
        assert_eq!(drawn("p1@example.org"), "p1@example.org");
        assert_eq!(drawn("USD 15,000,000"), "USD 15,000,000");
        assert_eq!(drawn("القاعة Room 3"), "القاعة Room 3");
        // Each line starts afresh.
        assert_eq!(drawn("Room 3\n4 قاعات"), "Room 3\n٤ قاعات");
        // The offsets follow the longer characters.
        let (text, moved) = arabic_digits("a 1 ب 2", AI);
        assert_eq!(text, "a 1 ب ٢");
        assert_eq!(&text[moved[7]..moved[8]], "٢");
        assert_eq!(moved[8], text.len());
    }

    #[test]
    fn one_document_has_one_kind_of_digit() {
        let indic = |s: &str| arabic_digits(s, AI).0;
        let latin = |s: &str| arabic_digits(s, Digits::Latin).0;
        // Under the default rule, Eastern digits (a Persian keyboard) become Arabic-Indic too.
        assert_eq!(indic("القاعة ۳ و 4"), "القاعة ٣ و ٤");
        assert_eq!(indic("المبلغ ٤٥,000"), "المبلغ ٤٥٬٠٠٠");
        // Under the Latin rule, every digit is Latin, with the Latin separators.
        assert_eq!(latin("صفحة 3 من 6"), "صفحة 3 من 6");
        assert_eq!(latin("صفحة ٣ من ۶"), "صفحة 3 من 6");
        assert_eq!(latin("المبلغ ٤٥٬٠٠٠٫٥٠"), "المبلغ 45,000.50");
        assert_eq!(latin("٢١–٢٢ مايو ٢٠٢٤"), "21–22 مايو 2024");
        // A separator not between two digits is punctuation, and stays.
        assert_eq!(latin("٣٬ ثم"), "3٬ ثم");
        let (text, moved) = arabic_digits("ب ٢ a", Digits::Latin);
        assert_eq!(text, "ب 2 a");
        assert_eq!(&text[moved[3]..moved[5]], "2");
        // Only text laid out in Arabic follows the rule.
        let mut shaper = Shaper::default();
        let typed = [("صفحة ٣", Style::default())];
        assert_eq!(layout(&mut shaper, &typed, 10.0, WIDE, true, Digits::Latin).text, "صفحة 3");
        assert_eq!(layout(&mut shaper, &typed, 10.0, WIDE, false, Digits::Latin).text, "صفحة ٣");
    }

    #[test]
    fn only_text_laid_out_in_arabic_changes_its_digits() {
        let mut shaper = Shaper::default();
        let arabic = layout(&mut shaper, &[("صفحة 3 من 6", Style::default())], 10.0, WIDE, true, AI);
        assert_eq!(arabic.text, "صفحة ٣ من ٦");
        let english = layout(&mut shaper, &[("صفحة 3 من 6", Style::default())], 10.0, WIDE, false, AI);
        assert_eq!(english.text, "صفحة 3 من 6");
        // Styles stay on their characters.
        let spans = [("المبلغ ", Style::default()), ("1,200", Style::weight(true))];
        let (text, styles) = prepare(&spans, Some(AI));
        assert_eq!(&text[styles[1].0.clone()], "١٬٢٠٠");
    }

    #[test]
    fn numbers_dates_and_codes_never_break() {
        let pieces = |s: &str| -> Vec<String> {
            let mut out = Vec::new();
            let mut from = 0;
            for (pos, _) in linebreaks(s).filter(|&(pos, _)| pos == s.len() || break_allowed(s, pos)) {
                out.push(s[from..pos].to_owned());
                from = pos;
            }
            out
        };
        for (text, expected) in [
            ("USD 45,000,000.00 a year", &["USD 45,000,000.00 ", "a ", "year"][..]),
            ("45,000,000.00 QAR, paid", &["45,000,000.00 QAR, ", "paid"]),
            ("2024–2026 (2024–2026)", &["2024–2026 ", "(2024–2026)"]),
            ("Jean-Pierre co-operation Al-Muraikhi", &["Jean-", "Pierre ", "co-operation ", "Al-Muraikhi"]),
            ("QA-2024-17 10/12/2024 09:00–10:30 -5", &["QA-2024-17 ", "10/12/2024 ", "09:00–10:30 ", "-5"]),
            ("www.example.org/a/b", &["www.example.org/a/b"]),
            ("صفحة 4 من 4", &["صفحة ", "4 ", "من ", "4"]),
        ] {
            assert_eq!(pieces(text), expected, "{text:?}");
        }
        // The amount with its code is one piece, and a digit makes it firm.
        let mut shaper = Shaper::default();
        let amount = measure(&mut shaper, &[("USD 45,000,000.00", Style::default())], 9.0, false, AI);
        assert!(amount.min == amount.max && amount.firm == amount.min && amount.min > 0.0, "{amount:?}");
        let laid = layout(&mut shaper, &[("USD 45,000,000.00 a year", Style::default())], 9.0, amount.min, false, AI);
        assert_eq!(laid.lines.len(), 2);
    }

    #[test]
    fn measures_agree_with_the_layout() {
        let mut shaper = Shaper::default();
        for (text, rtl) in [
            ("State of Qatar, Ministry of Foreign Affairs", false),
            ("دولة قطر، وزارة الخارجية 45,000,000.00", true),
            ("Two\nhard lines of text", false),
            ("  leading and trailing  ", false),
            ("", true),
        ] {
            let e = measure(&mut shaper, &[(text, Style::default())], 9.0, rtl, AI);
            assert!(e.firm <= e.min && e.min <= e.max, "{text:?}: {e:?}");
            let hard_lines = text.split('\n').count();
            let wide = layout(&mut shaper, &[(text, Style::default())], 9.0, e.max, rtl, AI);
            assert_eq!(wide.lines.len(), hard_lines, "{text:?} on one line per hard line at {e:?}");
            let narrow = layout(&mut shaper, &[(text, Style::default())], 9.0, e.min, rtl, AI);
            assert!(narrow.lines.iter().all(|l| l.width <= e.min + EPSILON), "{text:?} unbroken at {e:?}");
        }
    }

    #[test]
    fn styles_split_atoms() {
        let mut shaper = Shaper::default();
        let bold = Style::weight(true);
        let laid = layout(&mut shaper, &[("Name: ", Style::default()), ("علي", bold)], 10.0, WIDE, false, AI);
        let faces: Vec<String> = laid.lines[0]
            .atoms
            .iter()
            .map(|a| match &a.kind {
                AtomKind::Glyphs { face, .. } => {
                    format!("{face:?}:{}", &laid.text[a.range.clone()])
                }
                AtomKind::Missing => "?".into(),
            })
            .collect();
        assert_eq!(faces, ["Sans:Name:", "Sans: ", "NaskhBold:علي"]);
    }

    #[test]
    fn neutral_clusters() {
        for (s, neutral) in [
            ("(", true),
            ("–", true),
            ("،", true),
            (":", true),
            ("15", false),
            ("%", true),
            ("a", false),
            ("ب", false),
            ("لا", false),
            ("\u{0650}", false),
            ("", false),
        ] {
            assert_eq!(is_neutral(s), neutral, "{s:?}");
        }
    }

    #[test]
    fn shaping_joins_and_ligates() {
        let mut shaper = Shaper::default();
        // Noto Naskh draws lam-alef as a ligature lam plus a zero-width alef piece, each
        // glyph keeping its own letter; read right to left they give the word back.
        let isolated_lam = shaper.shape("ل", Face::Naskh, true).glyphs[0].gid;
        let shaped = shaper.shape("لا", Face::Naskh, true);
        assert_eq!(shaped.glyphs.len(), 2, "{shaped:?}");
        assert!(shaped.glyphs.iter().all(|g| g.gid != isolated_lam));
        let visual: String = shaped.glyphs.iter().map(|g| shaped.glyph_text(g, true, false)).collect();
        assert_eq!(visual.chars().rev().collect::<String>(), "لا");
        // A glyph standing for several characters in a right-to-left run records them
        // reversed, as extraction reverses the run again.
        let ligature = Shaped {
            text: "لا".into(),
            glyphs: vec![Glyph { gid: 1, cluster: 0, len: 4, advance: 500, dx: 0, dy: 0 }],
            advance: 500,
            registered: Cell::new(0),
        };
        assert_eq!(ligature.glyph_text(&ligature.glyphs[0], true, false), "ال");
        assert_eq!(ligature.glyph_text(&ligature.glyphs[0], false, false), "لا");
        // Joined letters use contextual forms, not the isolated ones.
        let isolated = shaper.shape("ب", Face::Naskh, true).glyphs[0].gid;
        let joined = shaper.shape("بب", Face::Naskh, true);
        assert!(joined.glyphs.iter().all(|g| g.gid != isolated));
        // Vowel marks are their own glyphs, positioned on their letter, with their own text.
        let vocalised = shaper.shape("بِ", Face::Naskh, true);
        assert_eq!(vocalised.glyphs.len(), 2);
        assert!(vocalised.glyphs.iter().any(|g| g.advance == 0 && g.dy != 0));
        let texts: Vec<String> = vocalised.glyphs.iter().map(|g| vocalised.glyph_text(g, true, false)).collect();
        assert_eq!(texts, ["\u{0650}", "ب"]);
        // A bracket in a right-to-left run is drawn mirrored but recorded as typed; marked,
        // a neutral is wrapped in marks of its run's direction.
        let paren = shaper.shape("(", Face::Sans, true);
        let close = shaper.shape(")", Face::Sans, false);
        assert_eq!(paren.glyphs[0].gid, close.glyphs[0].gid);
        assert_eq!(paren.glyph_text(&paren.glyphs[0], true, false), "(");
        assert_eq!(paren.glyph_text(&paren.glyphs[0], true, true), "\u{200F}(\u{200F}");
        assert_eq!(close.glyph_text(&close.glyphs[0], false, false), ")");
        assert_eq!(close.glyph_text(&close.glyphs[0], false, true), "\u{200E})\u{200E}");
        // The cache hands back the same result.
        let again = shaper.shape("لا", Face::Naskh, true);
        assert!(Rc::ptr_eq(&shaped, &again));
    }
}

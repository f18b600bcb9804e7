//! The fonts compiled (deflated) into the binary and the per-character choice between them.
//!
//! Two families: Noto Sans (Latin, digits, punctuation, brackets, dashes) and Noto Naskh
//! Arabic (Arabic script), each in Regular and Bold. Naskh lacks Latin letters, parentheses
//! and dashes, so every character is matched to a family that has a glyph for it; a character
//! neither family covers (emoji, CJK, …) is "missing" and drawn as a box by the caller.

use std::{io::Read, sync::OnceLock};

use harfrust::font::Font as ShapingFont;
use read_fonts::{types::GlyphId, FontRef, TableProvider};

/// One concrete font file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    Sans,
    SansBold,
    Naskh,
    NaskhBold,
}

/// A family: which script set a character is drawn with. Bold is chosen separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Family {
    Sans,
    Naskh,
}

impl Face {
    pub(crate) const ALL: [Face; 4] = [Face::Sans, Face::SansBold, Face::Naskh, Face::NaskhBold];

    pub(crate) fn new(family: Family, bold: bool) -> Face {
        match (family, bold) {
            (Family::Sans, false) => Face::Sans,
            (Family::Sans, true) => Face::SansBold,
            (Family::Naskh, false) => Face::Naskh,
            (Family::Naskh, true) => Face::NaskhBold,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The raw font file, for embedding. The binary holds it deflated (build.rs): half the
    /// size, for ~2 ms of inflating per face the first time a process needs it.
    pub(crate) fn data(self) -> &'static [u8] {
        static DATA: [OnceLock<Vec<u8>>; 4] = [const { OnceLock::new() }; 4];
        DATA[self.index()].get_or_init(|| {
            let deflated: &[u8] = match self {
                Face::Sans => include_bytes!(concat!(env!("OUT_DIR"), "/NotoSans-Regular.ttf.deflate")),
                Face::SansBold => include_bytes!(concat!(env!("OUT_DIR"), "/NotoSans-Bold.ttf.deflate")),
                Face::Naskh => include_bytes!(concat!(env!("OUT_DIR"), "/NotoNaskhArabic-Regular.ttf.deflate")),
                Face::NaskhBold => include_bytes!(concat!(env!("OUT_DIR"), "/NotoNaskhArabic-Bold.ttf.deflate")),
            };
            let mut ttf = Vec::with_capacity(deflated.len() * 2);
            flate2::read::DeflateDecoder::new(deflated).read_to_end(&mut ttf).expect("embedded font files inflate");
            ttf
        })
    }

    /// The PostScript name from the font's name table ("NotoSans-Regular"), as a PDF names it.
    pub(crate) fn postscript_name(self) -> String {
        self.shaping()
            .names()
            .get(read_fonts::types::NameId::POSTSCRIPT_NAME)
            .and_then(|name| name.english_or_first())
            .map(|name| name.name().chars().collect())
            .unwrap_or_else(|| format!("{self:?}"))
    }

    /// The font as harfrust shapes with it, built once per process and each face on its own:
    /// a document without bold text never inflates a bold font.
    pub(crate) fn shaping(self) -> &'static ShapingFont {
        static FONTS: [OnceLock<ShapingFont>; 4] = [const { OnceLock::new() }; 4];
        FONTS[self.index()].get_or_init(|| ShapingFont::new(self.data(), 0).expect("embedded font files are valid"))
    }

    /// The font's tables, for metrics.
    fn tables(self) -> &'static Tables {
        static TABLES: [OnceLock<Tables>; 4] = [const { OnceLock::new() }; 4];
        TABLES[self.index()].get_or_init(|| Tables::new(self.data()).expect("embedded font files are valid"))
    }

    pub(crate) fn units_per_em(self) -> f32 {
        f32::from(self.tables().units_per_em)
    }

    /// Whether this face has a glyph for `c`.
    pub(crate) fn covers(self, c: char) -> bool {
        self.tables().font.cmap().ok().and_then(|cmap| cmap.map_codepoint(c)).is_some_and(|g| g.to_u32() != 0)
    }

    /// Advance width of glyph `gid` in the integer thousandths of an em that printpdf writes
    /// into the PDF's `/W` array (truncated, exactly as printpdf computes it), so that the
    /// kerning numbers we emit reproduce the shaper's positions in every viewer.
    pub(crate) fn pdf_width(self, gid: u16) -> f32 {
        let tables = self.tables();
        let advance = tables.hmtx.as_ref().and_then(|h| h.advance(GlyphId::new(u32::from(gid)))).unwrap_or(0);
        ((f32::from(advance) * 1000.0 / self.units_per_em()) as i64) as f32
    }
}

/// What a PDF font descriptor says of a face (ISO 32000-1 §9.8), in thousandths of an em.
pub(crate) struct Descriptor {
    pub(crate) ascent: i64,
    pub(crate) descent: i64,
    /// x min, y min, x max, y max.
    pub(crate) bbox: [i64; 4],
    /// Degrees counter-clockwise from vertical: negative for an italic face.
    pub(crate) italic_angle: i64,
    /// Vertical stem thickness, estimated from the weight class as PDF producers do.
    pub(crate) stem_v: i64,
}

impl Face {
    pub(crate) fn descriptor(self) -> Descriptor {
        let font = &self.tables().font;
        let scale = 1000.0 / self.units_per_em();
        let em = |v: i16| (f32::from(v) * scale).round() as i64;
        let (mut d, mut slope) =
            (Descriptor { ascent: 0, descent: 0, bbox: [0; 4], italic_angle: 0, stem_v: 80 }, (1, 0));
        if let Ok(hhea) = font.hhea() {
            (d.ascent, d.descent) = (em(hhea.ascender().to_i16()), em(hhea.descender().to_i16()));
            slope = (hhea.caret_slope_rise(), hhea.caret_slope_run());
        }
        if let Ok(head) = font.head() {
            d.bbox = [em(head.x_min()), em(head.y_min()), em(head.x_max()), em(head.y_max())];
        }
        if slope.0 != 0 {
            d.italic_angle = (-f32::from(slope.1).atan2(f32::from(slope.0)).to_degrees()).round() as i64;
        }
        if let Ok(os2) = font.os2() {
            let weight = f32::from(os2.us_weight_class());
            if weight > 0.0 {
                d.stem_v = 50 + (weight / 65.0).powi(2).round() as i64;
            }
        }
        d
    }
}

/// The parsed tables a face's metrics come from.
struct Tables {
    font: FontRef<'static>,
    hmtx: Option<read_fonts::tables::hmtx::Hmtx<'static>>,
    units_per_em: u16,
    /// Ascender and descender in font units (descender negative): the OS/2 typographic values
    /// when the font asks for them (USE_TYPO_METRICS), else hhea's, as HarfBuzz and
    /// ttf-parser take them.
    ascender: i16,
    descender: i16,
}

impl Tables {
    fn new(data: &'static [u8]) -> Option<Tables> {
        let font = FontRef::new(data).ok()?;
        let hhea = font.hhea().ok()?;
        let (mut ascender, mut descender) = (hhea.ascender().to_i16(), hhea.descender().to_i16());
        if let Ok(os2) = font.os2() {
            if os2.fs_selection().contains(read_fonts::tables::os2::SelectionFlags::USE_TYPO_METRICS) {
                (ascender, descender) = (os2.s_typo_ascender(), os2.s_typo_descender());
            }
        }
        let units_per_em = font.head().ok()?.units_per_em();
        Some(Tables { hmtx: font.hmtx().ok(), font, units_per_em, ascender, descender })
    }
}

/// Vertical metrics shared by both families, in em: the larger ascender and descender of
/// the two, so mixed Arabic/Latin lines never collide.
pub(crate) struct VerticalMetrics {
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
}

pub(crate) fn vertical_metrics() -> &'static VerticalMetrics {
    static METRICS: OnceLock<VerticalMetrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let mut ascent: f32 = 0.0;
        let mut descent: f32 = 0.0;
        for face in [Face::Sans, Face::Naskh] {
            let t = face.tables();
            let upm = face.units_per_em();
            ascent = ascent.max(f32::from(t.ascender) / upm);
            descent = descent.max(-f32::from(t.descender) / upm);
        }
        VerticalMetrics { ascent, descent }
    })
}

/// The family that should draw `c`, or `None` when no shipped font covers it.
///
/// `prev` is the family of the preceding character: characters common to both scripts
/// (spaces, digits, punctuation) stay in the surrounding family when it covers them, so a
/// run of Arabic words is not fragmented at every space.
pub(crate) fn family_for(c: char, prev: Option<Family>) -> Option<Family> {
    let (sans, naskh) = coverage(c);
    if is_arabic(c) {
        return if naskh {
            Some(Family::Naskh)
        } else if sans {
            Some(Family::Sans)
        } else {
            None
        };
    }
    if !c.is_alphabetic() {
        match prev {
            Some(Family::Naskh) if naskh => return Some(Family::Naskh),
            Some(Family::Sans) if sans => return Some(Family::Sans),
            _ => {}
        }
    }
    if sans {
        Some(Family::Sans)
    } else if naskh {
        Some(Family::Naskh)
    } else {
        None
    }
}

/// Whether Noto Sans and Noto Naskh have a glyph for `c` (the bold faces cover the same).
/// The first 2,048 code points (Latin, Greek, Cyrillic, Hebrew, Arabic) come from a table
/// built once: a cmap lookup per character was a tenth of the time of a long list.
fn coverage(c: char) -> (bool, bool) {
    const TABLE_SIZE: u32 = 0x800;
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    if (c as u32) < TABLE_SIZE {
        let table = TABLE.get_or_init(|| {
            (0..TABLE_SIZE)
                .map(|u| match char::from_u32(u) {
                    Some(c) => u8::from(Face::Sans.covers(c)) | u8::from(Face::Naskh.covers(c)) << 1,
                    None => 0,
                })
                .collect()
        });
        let bits = table[c as usize];
        (bits & 1 != 0, bits & 2 != 0)
    } else {
        (Face::Sans.covers(c), Face::Naskh.covers(c))
    }
}

/// Arabic-script blocks (letters, marks, presentation forms).
pub(crate) fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(c: char, prev: Option<Family>, expected: Option<Family>) {
        assert_eq!(family_for(c, prev), expected, "char {c:?} U+{:04X}", c as u32);
    }

    #[test]
    fn family_choice() {
        use Family::*;
        check('a', None, Some(Sans));
        check('a', Some(Naskh), Some(Sans));
        check('ب', None, Some(Naskh));
        check('ب', Some(Sans), Some(Naskh));
        // Common characters follow the surrounding family when it has them ...
        check(' ', Some(Naskh), Some(Naskh));
        check('5', Some(Naskh), Some(Naskh));
        check('5', Some(Sans), Some(Sans));
        check('5', None, Some(Sans));
        // ... and fall back when it does not: Naskh has no brackets or en dash.
        check('(', Some(Naskh), Some(Sans));
        check('–', Some(Naskh), Some(Sans));
        check('،', Some(Sans), Some(Naskh));
        // Nothing shipped covers emoji or CJK.
        check('😀', None, None);
        check('中', Some(Sans), None);
    }

    #[test]
    fn metrics_are_sane() {
        let m = vertical_metrics();
        assert!(m.ascent > 0.8 && m.ascent < 2.0, "ascent {}", m.ascent);
        assert!(m.descent > 0.1 && m.descent < 1.0, "descent {}", m.descent);
        for face in Face::ALL {
            assert!(face.units_per_em() >= 1000.0);
        }
    }
}

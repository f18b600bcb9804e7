//! Pagination: the blocks of a [`Document`] → pages of printpdf drawing operations.
//!
//! Each page goes to a [`PageSink`] as soon as it is finished; the footers ("Page 3 of 12")
//! follow once the page count is known, one a page, in order. Coordinates are points, `y` measured down from the top of the page while laying
//! out and converted to PDF's bottom-up space only when an operation is emitted.

mod chart;
mod watermark;

use std::collections::HashMap;
use std::rc::Rc;

use printpdf::{
    Codepoint, Color, FontId, Greyscale, Op, PaintMode, PdfFontHandle, Pt, Rect, Rgb, TextItem, TextMatrix, XObjectId,
    XObjectTransform,
};

use super::fonts::{vertical_metrics, Face};
use super::model::{
    Align, Block, Digits, Document, KeyValue, Language, List, Paragraph, Placed, PlacedText, Row, Table,
};
use super::text::{self, Atom, AtomKind, Extent, Glyph, Laid, Line, Shaper, Style, MISSING_BOX_EM};
use super::writer::{PageSink, Part};
use super::PdfError;

/// What laying out a document found, besides the pages it handed over.
pub(crate) struct Summary {
    pub(crate) pages: usize,
    /// The text each glyph stands for, per font resource (one per glyph: /ToUnicode).
    pub(crate) glyph_texts: HashMap<(FontResource, u16), String>,
    pub(crate) missing_glyphs: usize,
    /// The page (from 1) of each heading, in block order.
    pub(crate) heading_pages: Vec<usize>,
    /// Tables too wide for the page even at the smallest type: see [`plan_columns`].
    pub(crate) squeezed_tables: usize,
}

/// The document's logo image: on the first page, or where [`Placed::Logo`] puts it.
pub(crate) struct Logo {
    pub(crate) id: XObjectId,
    pub(crate) width_px: usize,
    pub(crate) height_px: usize,
}

/// A font as the PDF sees it: a face for left-to-right or right-to-left runs, plain or with
/// direction marks. A PDF font maps each glyph to one text, and the same glyph needs
/// different texts depending on the direction of its run and on whether its line mixes
/// directions (see `Shaped::glyph_text`); so each combination gets a resource of its own.
/// Only the combinations a document uses are embedded, each subset to its glyphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct FontResource {
    pub(crate) face: Face,
    pub(crate) rtl: bool,
    pub(crate) marked: bool,
}

pub(crate) const FONT_RESOURCES: usize = 16;

impl FontResource {
    pub(crate) fn index(self) -> usize {
        self.face.index() * 4 + usize::from(self.rtl) * 2 + usize::from(self.marked)
    }

    pub(crate) fn from_index(i: usize) -> FontResource {
        FontResource { face: Face::ALL[i / 4], rtl: i % 4 >= 2, marked: i % 2 == 1 }
    }

    pub(crate) fn by_name(name: &str) -> Option<FontResource> {
        (0..FONT_RESOURCES).map(FontResource::from_index).find(|f| f.name() == name)
    }

    /// The resource name; its six capitals double as the subset tag that marks an embedded
    /// subset (ISO 32000-1 §9.6.4).
    pub(crate) fn name(self) -> &'static str {
        const NAMES: [&str; FONT_RESOURCES] = [
            "MUNSLP", "MUNSLM", "MUNSRP", "MUNSRM", "MUNTLP", "MUNTLM", "MUNTRP", "MUNTRM", "MUNALP", "MUNALM",
            "MUNARP", "MUNARM", "MUNBLP", "MUNBLM", "MUNBRP", "MUNBRM",
        ];
        NAMES[self.index()]
    }

    pub(crate) fn id(self) -> FontId {
        FontId(self.name().to_owned())
    }
}

pub(crate) const MM: f32 = 72.0 / 25.4;

/// Type sizes and spacing, in points.
const BODY_SIZE: f32 = 10.0;
const TABLE_SIZE: f32 = 9.0;
/// The smallest type a table steps down to when its columns' minimums do not fit, and the
/// step: below 7 pt a printed list is hard to read.
const TABLE_MIN_SIZE: f32 = 7.0;
const TABLE_SIZE_STEP: f32 = 0.5;
/// The narrowest a column of words gets when a table is squeezed, in em.
const WRAP_MIN_EM: f32 = 2.5;
const BAND_SIZE: f32 = 8.0;
const HEADING_SIZES: [f32; 3] = [17.0, 13.5, 11.0];
const LINE_FACTOR: f32 = 1.5;
const PARAGRAPH_GAP: f32 = 6.0;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 2.5;
const BAND_GAP: f32 = 8.0;
const LOGO_MAX_HEIGHT: f32 = 18.0 * MM;
const LOGO_MAX_WIDTH: f32 = 60.0 * MM;
/// Shear of synthesised italics (tan 12°).
const ITALIC_SHEAR: f32 = 0.2126;

const INK: f32 = 0.0;
const BAND_INK: f32 = 0.35;
const RULE_INK: f32 = 0.75;
const HEADER_FILL: f32 = 0.88;
const GROUP_FILL: f32 = 0.94;

/// Lay out `doc`, handing each finished page (and the watermark, and at the end the footers)
/// to `sink`; the first error of the sink stops the writing and is returned.
pub(crate) fn layout(doc: &Document, logo: Option<&Logo>, sink: &mut dyn PageSink) -> Result<Summary, PdfError> {
    let geometry = Geometry::new(doc)?;
    let page_height = geometry.page_height;
    let mut layouter = Layouter {
        rtl: doc.language.is_rtl(),
        digits: doc.arabic_digits,
        geometry,
        shaper: Shaper::default(),
        page: Canvas::new(page_height),
        pages: 0,
        sink,
        failed: None,
        y: 0.0,
        glyph_texts: HashMap::new(),
        missing: 0,
        header: None,
        laid_cache: HashMap::new(),
        laid_cached: 0,
        extent_cache: HashMap::new(),
        extent_cached: 0,
        heading_pages: Vec::new(),
        squeezed_tables: 0,
        logo: logo.map(|l| Logo { id: l.id.clone(), width_px: l.width_px, height_px: l.height_px }),
    };
    if let Some(header) = &doc.header {
        let laid = layouter.lay(header, Style::default(), BAND_SIZE, layouter.geometry.width());
        layouter.header = Some(laid);
    }
    if let Some(text) = &doc.watermark {
        layouter.watermark(text);
    }
    layouter.new_page();
    let placed_logo = doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Placed(items) if items.iter().any(|i| matches!(i, Placed::Logo { .. }))));
    if let Some(logo) = logo.filter(|_| !placed_logo) {
        layouter.logo(logo);
    }
    for block in &doc.blocks {
        layouter.block(block);
    }
    let last = std::mem::replace(&mut layouter.page, Canvas::new(page_height));
    layouter.emit(Part::Body, last);
    layouter.rtl = doc.language.is_rtl();
    if doc.page_numbers {
        layouter.footers(doc.language);
    }
    if let Some(e) = layouter.failed.take() {
        return Err(e);
    }
    let Layouter { pages, glyph_texts, missing, heading_pages, squeezed_tables, .. } = layouter;
    Ok(Summary { pages, glyph_texts, missing_glyphs: missing, heading_pages, squeezed_tables })
}

/// Page and content box, in points.
struct Geometry {
    page_width: f32,
    page_height: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    /// The body (between header and footer bands).
    body_top: f32,
    body_bottom: f32,
}

impl Geometry {
    fn new(doc: &Document) -> Result<Geometry, PdfError> {
        let (w, h) = doc.page.size.mm();
        let m = doc.page.margins;
        for (name, value) in [("top", m.top), ("right", m.right), ("bottom", m.bottom), ("left", m.left)] {
            if !value.is_finite() || value < 0.0 {
                return Err(PdfError::PageSetup(format!(
                    "{name} margin must be a non-negative number of mm, not {value}"
                )));
            }
        }
        let band = BAND_SIZE * LINE_FACTOR + BAND_GAP;
        let g = Geometry {
            page_width: w * MM,
            page_height: h * MM,
            left: m.left * MM,
            right: (w - m.right) * MM,
            top: m.top * MM,
            bottom: (h - m.bottom) * MM,
            body_top: m.top * MM + if doc.header.is_some() { band } else { 0.0 },
            body_bottom: (h - m.bottom) * MM - band,
        };
        let min_height = 3.0 * HEADING_SIZES[0] * LINE_FACTOR;
        if g.width() < 72.0 || g.body_bottom - g.body_top < min_height {
            return Err(PdfError::PageSetup(format!(
                "margins leave {:.0} × {:.0} mm for the text; at least 26 × {:.0} mm are needed",
                g.width() / MM,
                (g.body_bottom - g.body_top).max(0.0) / MM,
                min_height / MM,
            )));
        }
        Ok(g)
    }

    fn width(&self) -> f32 {
        self.right - self.left
    }
}

/// Where a line's baseline sits below the top of its line box.
fn baseline_offset(size: f32) -> f32 {
    let m = vertical_metrics();
    let line = size * LINE_FACTOR;
    let ink = (m.ascent + m.descent) * size;
    ((line - ink) / 2.0).max(0.0) + m.ascent * size
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Left,
    Right,
    Center,
}

/// Size and width (as bits), bold, italic, right-to-left base direction.
type LaidKey = (u32, u32, bool, bool, bool);

/// Single-span layouts (and cell measures) kept by [`Layouter::lay`] before it starts afresh: as for the shaper's
/// words, a long list's names are not all kept to the end.
const LAID_KEPT: usize = 8_192;

struct Layouter<'s> {
    rtl: bool,
    /// How the text laid out in Arabic writes its digits: the document's rule, for all of it.
    digits: Digits,
    geometry: Geometry,
    shaper: Shaper,
    /// The page being drawn, and how many pages were started.
    page: Canvas,
    pages: usize,
    sink: &'s mut dyn PageSink,
    /// The sink's first error: nothing more is written after it.
    failed: Option<PdfError>,
    /// Top of the free space on the current page.
    y: f32,
    /// The text each glyph stands for, per font resource (one per glyph: /ToUnicode).
    glyph_texts: HashMap<(FontResource, u16), String>,
    missing: usize,
    header: Option<Rc<Laid>>,
    /// Single-span layouts by (size, width, bold, italic) and text.
    laid_cache: HashMap<LaidKey, HashMap<Box<str>, Rc<Laid>>>,
    laid_cached: usize,
    /// Cell measures at [`TABLE_SIZE`] by (bold, right-to-left base direction) and text.
    extent_cache: HashMap<(bool, bool), HashMap<Box<str>, Extent>>,
    extent_cached: usize,
    heading_pages: Vec<usize>,
    squeezed_tables: usize,
    /// The document's logo, for [`Placed::Logo`].
    logo: Option<Logo>,
}

impl Layouter<'_> {
    fn side(&self, align: Align) -> Side {
        match (align, self.rtl) {
            (Align::Center, _) => Side::Center,
            (Align::Start, false) | (Align::End, true) => Side::Left,
            (Align::Start, true) | (Align::End, false) => Side::Right,
        }
    }

    /// Lay out one span of text; the same text, style, size and width is laid out once
    /// per render (table cells repeat: countries, categories, organisations).
    fn lay(&mut self, text: &str, style: Style, size: f32, width: f32) -> Rc<Laid> {
        let key = (size.to_bits(), width.to_bits(), style.bold, style.italic, self.rtl);
        let laid = match self.laid_cache.get(&key).and_then(|m| m.get(text)) {
            Some(laid) => laid.clone(),
            None => {
                let laid =
                    Rc::new(text::layout(&mut self.shaper, &[(text, style)], size, width, self.rtl, self.digits));
                if self.laid_cached >= LAID_KEPT {
                    self.laid_cache.clear();
                    self.laid_cached = 0;
                }
                self.laid_cache.entry(key).or_default().insert(text.into(), laid.clone());
                self.laid_cached += 1;
                laid
            }
        };
        self.missing += laid.missing;
        laid
    }

    fn canvas(&mut self) -> &mut Canvas {
        &mut self.page
    }

    /// Hand `canvas` to the sink, unless it has already failed.
    fn emit(&mut self, part: Part, canvas: Canvas) {
        if self.failed.is_none() {
            if let Err(e) = self.sink.stream(part, &canvas.finish()) {
                self.failed = Some(e);
            }
        }
    }

    fn new_page(&mut self) {
        let mut canvas = Canvas::new(self.geometry.page_height);
        if self.pages > 0 {
            let done = std::mem::replace(&mut self.page, Canvas::new(self.geometry.page_height));
            self.emit(Part::Body, done);
        }
        if let Some(header) = self.header.take() {
            if let Some(line) = header.lines.first() {
                let x = self.line_x(line, self.side(Align::Start), self.geometry.left, self.geometry.width());
                let baseline = self.geometry.top + baseline_offset(BAND_SIZE);
                canvas.fill = BAND_INK;
                self.draw_line_on(&mut canvas, line, x, baseline, BAND_SIZE);
                canvas.fill = INK;
            }
            let rule_y = self.geometry.top + BAND_SIZE * LINE_FACTOR + BAND_GAP / 2.0;
            canvas.rule(self.geometry.left, self.geometry.right, rule_y, 0.5, RULE_INK);
            self.header = Some(header);
        }
        self.page = canvas;
        self.pages += 1;
        self.y = self.geometry.body_top;
    }

    fn room(&self) -> f32 {
        self.geometry.body_bottom - self.y
    }

    fn at_page_top(&self) -> bool {
        self.y <= self.geometry.body_top + 0.01
    }

    /// Make sure `height` points are free, starting a page if needed (unless this page is
    /// still empty: then the content would not fit anywhere and overflows by line).
    fn ensure(&mut self, height: f32) {
        if height > self.room() && !self.at_page_top() {
            self.new_page();
        }
    }

    fn logo(&mut self, logo: &Logo) {
        if logo.width_px == 0 || logo.height_px == 0 {
            return;
        }
        let aspect = logo.width_px as f32 / logo.height_px as f32;
        let mut height = LOGO_MAX_HEIGHT;
        let mut width = height * aspect;
        let max_width = LOGO_MAX_WIDTH.min(self.geometry.width());
        if width > max_width {
            width = max_width;
            height = width / aspect;
        }
        let x = match self.side(Align::Start) {
            Side::Right => self.geometry.right - width,
            _ => self.geometry.left,
        };
        let y_bottom = self.y + height;
        let page_height = self.geometry.page_height;
        let canvas = self.canvas();
        canvas.end_text();
        canvas.ops.push(Op::UseXobject {
            id: logo.id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(page_height - y_bottom)),
                dpi: Some(logo.width_px as f32 * 72.0 / width),
                ..Default::default()
            },
        });
        self.y = y_bottom + PARAGRAPH_GAP * 1.5;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Paragraph(p) => {
                let width = self.geometry.width();
                let laid = self.lay_paragraph(p, BODY_SIZE, width);
                let side = self.side(p.align);
                self.flow(&laid, BODY_SIZE, self.geometry.left, width, side, None);
                self.y += PARAGRAPH_GAP;
            }
            Block::List(list) => self.list(list),
            Block::Table(table) => self.table(table),
            Block::KeyValues(rows) => self.key_values(rows),
            Block::BarChart(chart) => self.bar_chart(chart),
            Block::Direction(language) => self.rtl = language.is_rtl(),
            Block::Spacer(mm) => {
                if mm.is_finite() && *mm > 0.0 {
                    self.y = (self.y + mm * MM).min(self.geometry.body_bottom);
                }
            }
            Block::PageBreak => {
                if !self.at_page_top() {
                    self.new_page();
                }
            }
            Block::Placed(items) => {
                items.iter().for_each(|item| self.placed(item));
                // The page is no longer empty: a page break after the shapes starts a new one.
                self.y = self.y.max(self.geometry.body_top + 0.02);
            }
        }
    }

    fn placed(&mut self, item: &Placed) {
        match item {
            Placed::Rect { x, y, width, height, rgb } => {
                if ![x, y, width, height].iter().all(|v| v.is_finite()) {
                    return;
                }
                let channel = |shift: u32| ((rgb >> shift) & 0xFF) as f32 / 255.0;
                let colour = Color::Rgb(Rgb { r: channel(16), g: channel(8), b: channel(0), icc_profile: None });
                let canvas = self.canvas();
                canvas.end_text();
                canvas.ops.push(Op::SetFillColor { col: colour });
                canvas.text_fill = None;
                canvas.rect(x * MM, y * MM, width * MM, height * MM, PaintMode::Fill);
            }
            Placed::Text(t) => self.placed_text(t),
            Placed::Logo { x, y, width, height } => self.placed_logo(*x, *y, *width, *height),
        }
    }

    /// The logo fitted in a box (millimetres from the page's top-left corner), centred in it.
    fn placed_logo(&mut self, x: f32, y: f32, width: f32, height: f32) {
        let Some(logo) = &self.logo else { return };
        if logo.width_px == 0
            || logo.height_px == 0
            || ![x, y, width, height].iter().all(|v| v.is_finite() && *v >= 0.0)
        {
            return;
        }
        let (box_w, box_h) = (width * MM, height * MM);
        let scale = (box_w / logo.width_px as f32).min(box_h / logo.height_px as f32);
        if scale <= 0.0 {
            return;
        }
        let (w, h) = (logo.width_px as f32 * scale, logo.height_px as f32 * scale);
        let left = x * MM + (box_w - w) / 2.0;
        let bottom = y * MM + (box_h + h) / 2.0;
        let (id, dpi) = (logo.id.clone(), logo.width_px as f32 * 72.0 / w);
        let page_height = self.geometry.page_height;
        let canvas = self.canvas();
        canvas.end_text();
        canvas.ops.push(Op::UseXobject {
            id,
            transform: XObjectTransform {
                translate_x: Some(Pt(left)),
                translate_y: Some(Pt(page_height - bottom)),
                dpi: Some(dpi),
                ..Default::default()
            },
        });
    }

    fn placed_text(&mut self, t: &PlacedText) {
        let (width, min_size) = (t.width * MM, t.min_size.max(1.0));
        if !(width.is_finite() && width > 0.0 && t.size.is_finite() && t.x.is_finite() && t.y.is_finite()) {
            return;
        }
        let style = Style::weight(t.bold);
        let mut size = t.size.max(min_size);
        // One line as wide as it needs, shrunk in proportion until it fits (a few steps:
        // shaping is not exactly linear in the size).
        let mut laid = self.lay(&t.text, style, size, f32::MAX / 4.0);
        for _ in 0..4 {
            let wide = laid.lines.first().map_or(0.0, |l| l.width);
            if wide <= width || size <= min_size {
                break;
            }
            size = (size * width / wide * 0.98).max(min_size);
            laid = self.lay(&t.text, style, size, f32::MAX / 4.0);
        }
        if laid.lines.first().is_some_and(|l| l.width > width) {
            laid = self.lay(&t.text, style, size, width);
        }
        let (x0, top) = (t.x * MM, t.y * MM);
        for (i, line) in laid.lines.iter().take(2).enumerate() {
            let x = x0 + (width - line.width).max(0.0) / 2.0;
            let baseline = top + i as f32 * size * LINE_FACTOR + baseline_offset(size);
            self.draw_line(line, x, baseline, size);
        }
    }

    fn lay_paragraph(&mut self, p: &Paragraph, size: f32, width: f32) -> Laid {
        let spans: Vec<(&str, Style)> =
            p.runs.iter().map(|r| (r.text.as_str(), Style { bold: r.bold, italic: r.italic })).collect();
        let laid = text::layout(&mut self.shaper, &spans, size, width, self.rtl, self.digits);
        self.missing += laid.missing;
        laid
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = HEADING_SIZES[usize::from(level.clamp(1, 3)) - 1];
        let width = self.geometry.width();
        let laid = self.lay(text, Style::weight(true), size, width);
        if !self.at_page_top() {
            self.y += size * 0.5;
        }
        // Keep the heading with the first lines of what follows.
        let lines = laid.lines.len().min(3) as f32;
        self.ensure(lines * size * LINE_FACTOR + 2.0 * BODY_SIZE * LINE_FACTOR);
        let side = self.side(Align::Start);
        self.heading_pages.push(self.pages);
        self.flow(&laid, size, self.geometry.left, width, side, None);
        self.y += size * 0.3;
    }

    fn list(&mut self, list: &List) {
        let markers: Vec<String> =
            (1..=list.items.len()).map(|n| if list.ordered { format!("{n}.") } else { "•".to_owned() }).collect();
        let laid_markers: Vec<Rc<Laid>> =
            markers.iter().map(|m| self.lay(m, Style::default(), BODY_SIZE, f32::INFINITY)).collect();
        let widest = laid_markers.iter().filter_map(|l| l.lines.first()).map(|l| l.width).fold(0.0, f32::max);
        let gap = BODY_SIZE * 0.6;
        let indent = (widest + gap).max(BODY_SIZE * 1.8);
        let width = self.geometry.width() - indent;
        for (item, marker) in list.items.iter().zip(laid_markers) {
            let laid = self.lay_paragraph(item, BODY_SIZE, width);
            let (x0, marker_box, marker_side) = if self.rtl {
                (self.geometry.left, self.geometry.right - indent + gap, Side::Left)
            } else {
                (self.geometry.left + indent, self.geometry.left, Side::Right)
            };
            let side = self.side(item.align);
            self.flow(
                &laid,
                BODY_SIZE,
                x0,
                width,
                side,
                marker.lines.first().map(|l| (l, marker_box, indent - gap, marker_side)),
            );
            self.y += PARAGRAPH_GAP / 2.0;
        }
        self.y += PARAGRAPH_GAP / 2.0;
    }

    /// Draw the lines of `laid` from the current position, continuing on new pages. A
    /// marker (line, box start, box width, side) is drawn beside the first line.
    fn flow(
        &mut self,
        laid: &Laid,
        size: f32,
        x0: f32,
        width: f32,
        side: Side,
        marker: Option<(&Line, f32, f32, Side)>,
    ) {
        let line_height = size * LINE_FACTOR;
        for (i, line) in laid.lines.iter().enumerate() {
            self.ensure(line_height);
            let baseline = self.y + baseline_offset(size);
            let x = self.line_x(line, side, x0, width);
            self.draw_line(line, x, baseline, size);
            if i == 0 {
                if let Some((m, mx, mw, mside)) = &marker {
                    let x = self.line_x(m, *mside, *mx, *mw);
                    self.draw_line(m, x, baseline, size);
                }
            }
            self.y += line_height;
        }
    }

    fn line_x(&self, line: &Line, side: Side, x0: f32, width: f32) -> f32 {
        let x = match side {
            Side::Left => x0,
            Side::Right => x0 + width - line.width,
            Side::Center => x0 + (width - line.width) / 2.0,
        };
        // A line can be wider than its box only when one character is (a column narrower
        // than a letter): it may spill into the neighbouring cell, never off the text area.
        x.min(self.geometry.right - line.width).max(self.geometry.left)
    }

    fn draw_line(&mut self, line: &Line, x: f32, baseline: f32, size: f32) {
        let mut canvas = std::mem::replace(&mut self.page, Canvas::new(0.0));
        self.draw_line_on(&mut canvas, line, x, baseline, size);
        self.page = canvas;
    }

    fn draw_line_on(&mut self, canvas: &mut Canvas, line: &Line, x: f32, baseline: f32, size: f32) {
        let drawn = || line.atoms.iter().filter(|a| !a.space);
        // Lines mixing directions get direction marks on their neutrals (see glyph_text).
        let mixed = drawn().any(|a| a.rtl()) && drawn().any(|a| !a.rtl());
        let mut pen = x;
        // Spaces are drawn too, as the font's space glyph: an extractor then copies the space
        // that is there instead of guessing one from the gap, which poppler got wrong beside
        // a number in right-to-left lines ("صفحة 4من 4"). A space where the direction changes
        // is marked as the other neutrals are, or poppler glues it to the number before it;
        // the spaces inside a run need no marks.
        for (i, atom) in line.atoms.iter().enumerate() {
            match &atom.kind {
                AtomKind::Glyphs { face, shaped } => {
                    let rtl = atom.rtl();
                    let turn = || {
                        let before = line.atoms[..i].iter().rev().find(|a| !a.space).map(Atom::rtl);
                        let after = line.atoms[i + 1..].iter().find(|a| !a.space).map(Atom::rtl);
                        before != after || before != Some(rtl)
                    };
                    let mark = mixed && (!atom.space || turn());
                    let resource = |g: &Glyph| FontResource {
                        face: *face,
                        rtl,
                        marked: mark && g.len > 0 && text::is_neutral(shaped.cluster_text(g)),
                    };
                    // Bit 0: drawn plain; 1: on a mixed line; 2: a marked space.
                    let mode = if !mixed {
                        1
                    } else if atom.space && mark {
                        4
                    } else {
                        2
                    };
                    if shaped.registered.get() & mode == 0 {
                        shaped.registered.set(shaped.registered.get() | mode);
                        for g in shaped.glyphs.iter().filter(|g| g.len > 0) {
                            let font = resource(g);
                            self.glyph_texts
                                .entry((font, g.gid))
                                .or_insert_with(|| shaped.glyph_text(g, rtl, font.marked));
                        }
                    }
                    canvas.glyphs(resource, size, pen, baseline, shaped, atom.italic);
                }
                AtomKind::Missing => {
                    let m = vertical_metrics();
                    let w = MISSING_BOX_EM * size;
                    let h = m.ascent.min(0.75) * size;
                    canvas.stroke_box(pen + w * 0.12, baseline - h, w * 0.76, h, 0.5);
                }
            }
            pen += atom.width;
        }
    }

    /// Each page's footer, now that the page count is known, as a stream of its own.
    fn footers(&mut self, language: Language) {
        let total = self.pages;
        let width = self.geometry.width();
        let baseline = self.geometry.bottom - BAND_SIZE * LINE_FACTOR + baseline_offset(BAND_SIZE);
        for page in 1..=total {
            let text = match language {
                Language::En => format!("Page {page} of {total}"),
                Language::Ar => format!("صفحة {page} من {total}"),
            };
            let laid = self.lay(&text, Style::default(), BAND_SIZE, width);
            let mut canvas = Canvas::new(self.geometry.page_height);
            if let Some(line) = laid.lines.first() {
                let x = self.line_x(line, Side::Center, self.geometry.left, width);
                canvas.fill = BAND_INK;
                self.draw_line_on(&mut canvas, line, x, baseline, BAND_SIZE);
            }
            self.emit(Part::Footer, canvas);
        }
    }

    fn key_values(&mut self, rows: &[KeyValue]) {
        let full = self.geometry.width();
        let grid = Grid {
            columns: vec![(0.35 * full, Align::Start), (0.65 * full, Align::Start)],
            header: None,
            repeat_header: false,
            borders: false,
            size: BODY_SIZE,
        };
        let rows = rows.iter().map(|kv| GridRow {
            cells: vec![(kv.label.as_str(), true), (kv.value.as_str(), false)],
            kind: RowKind::Plain,
        });
        self.grid(&grid, rows);
        self.y += PARAGRAPH_GAP;
    }

    fn table(&mut self, table: &Table) {
        if table.columns.is_empty() {
            return;
        }
        let n = table.columns.len();
        let weights: Vec<f32> =
            table.columns.iter().map(|c| if c.width.is_finite() && c.width > 0.0 { c.width } else { 1.0 }).collect();
        let extents = self.column_extents(table);
        let plan = plan_columns(&extents, &weights, self.geometry.width());
        if !plan.wrapped.is_empty() {
            self.squeezed_tables += 1;
        }
        let grid = Grid {
            columns: plan.widths.iter().zip(&table.columns).map(|(&w, c)| (w, c.align)).collect(),
            header: Some(table.columns.iter().map(|c| c.header.as_str()).collect()),
            repeat_header: table.repeat_header,
            borders: true,
            size: plan.size,
        };
        let rows = table.rows.iter().map(|row| match row {
            Row::Cells(cells) => GridRow { cells: cells_of(cells, n, false), kind: RowKind::Plain },
            Row::Total(cells) => GridRow { cells: cells_of(cells, n, true), kind: RowKind::Total },
            Row::Group(title) => GridRow { cells: vec![(title.as_str(), true)], kind: RowKind::Group },
        });
        self.grid(&grid, rows);
        self.y += PARAGRAPH_GAP;
    }

    /// What each column of `table` needs at [`TABLE_SIZE`]: the union of its header's (bold)
    /// and its cells' measures. Group titles span the table and take no part.
    fn column_extents(&mut self, table: &Table) -> Vec<Extent> {
        let mut extents: Vec<Extent> = table.columns.iter().map(|c| self.extent(&c.header, true)).collect();
        for row in &table.rows {
            let (cells, bold) = match row {
                Row::Cells(cells) => (cells, false),
                Row::Total(cells) => (cells, true),
                Row::Group(_) => continue,
            };
            for (extent, cell) in extents.iter_mut().zip(cells) {
                *extent = extent.union(self.extent(cell, bold));
            }
        }
        extents
    }

    /// One cell's measure at [`TABLE_SIZE`], cached by text: lists repeat their countries,
    /// organisations and categories.
    fn extent(&mut self, text: &str, bold: bool) -> Extent {
        if let Some(extent) = self.extent_cache.get(&(bold, self.rtl)).and_then(|by_text| by_text.get(text)) {
            return *extent;
        }
        let extent = text::measure(&mut self.shaper, &[(text, Style::weight(bold))], TABLE_SIZE, self.rtl, self.digits);
        if self.extent_cached >= LAID_KEPT {
            self.extent_cache.clear();
            self.extent_cached = 0;
        }
        self.extent_cache.entry((bold, self.rtl)).or_default().insert(text.into(), extent);
        self.extent_cached += 1;
        extent
    }

    /// Lay out and draw a grid of cells, breaking rows across pages.
    fn grid<'a>(&mut self, grid: &Grid<'a>, rows: impl Iterator<Item = GridRow<'a>>) {
        // Column boxes in reading order: (x, width), starting at the right in Arabic.
        let mut columns = Vec::with_capacity(grid.columns.len());
        let mut offset = 0.0;
        for &(width, _) in &grid.columns {
            let x = if self.rtl { self.geometry.right - offset - width } else { self.geometry.left + offset };
            columns.push((x, width));
            offset += width;
        }
        let header = grid.header.as_ref().map(|h| {
            let row = GridRow { cells: h.iter().map(|t| (*t, true)).collect(), kind: RowKind::Header };
            self.lay_row(grid, &columns, &row)
        });
        let line_height = grid.size * LINE_FACTOR;
        let header_height = header.as_ref().map_or(0.0, |h| h.height(line_height));
        let body = self.geometry.body_bottom - self.geometry.body_top;
        let mut first = true;
        for row in rows {
            let laid = self.lay_row(grid, &columns, &row);
            let mut need = laid.height(line_height);
            if row.kind == RowKind::Group {
                // Never leave a group title alone at the bottom of a page.
                need += line_height + 2.0 * CELL_PAD_Y;
            }
            let header_here = if first { header_height } else { 0.0 };
            let header_fresh = if first || grid.repeat_header { header_height } else { 0.0 };
            if header_here + need > self.room() {
                let fits_fresh = header_fresh + need <= body;
                let one_line_here = header_here + line_height + 2.0 * CELL_PAD_Y <= self.room();
                if (fits_fresh || !one_line_here) && !self.at_page_top() {
                    self.new_page();
                    if !first && grid.repeat_header {
                        self.draw_header(grid, header.as_ref(), line_height);
                    }
                }
            }
            if first {
                self.draw_header(grid, header.as_ref(), line_height);
                first = false;
            }
            // Draw the row, split by lines over pages when it is taller than what is left.
            let total = laid.max_lines();
            let mut from = 0;
            while from < total {
                let fit = ((self.room() - 2.0 * CELL_PAD_Y) / line_height).floor().max(0.0) as usize;
                if fit == 0 && !self.at_page_top() {
                    self.new_page();
                    if grid.repeat_header {
                        self.draw_header(grid, header.as_ref(), line_height);
                    }
                    continue;
                }
                let to = (from + fit.max(1)).min(total);
                self.draw_row(grid, &laid, from, to, line_height);
                from = to;
            }
        }
        if first {
            // No rows: the header alone.
            self.ensure(header_height);
            self.draw_header(grid, header.as_ref(), line_height);
        }
    }

    fn draw_header(&mut self, grid: &Grid, header: Option<&LaidRow>, line_height: f32) {
        if let Some(h) = header {
            self.draw_row(grid, h, 0, usize::MAX, line_height);
        }
    }

    fn lay_row(&mut self, grid: &Grid, columns: &[(f32, f32)], row: &GridRow) -> LaidRow {
        let size = grid.size;
        let cells = if row.kind == RowKind::Group {
            let width = self.geometry.width() - 2.0 * CELL_PAD_X;
            let (text, _) = row.cells.first().copied().unwrap_or(("", true));
            let laid = self.lay(text, Style::weight(true), size, width);
            vec![(laid, self.geometry.left + CELL_PAD_X, width, self.side(Align::Start))]
        } else {
            columns
                .iter()
                .zip(&grid.columns)
                .zip(&row.cells)
                .map(|((&(x, w), &(_, align)), &(text, bold))| {
                    let inner = (w - 2.0 * CELL_PAD_X).max(1.0);
                    let laid = self.lay(text, Style::weight(bold), size, inner);
                    (laid, x + CELL_PAD_X, inner, self.side(align))
                })
                .collect()
        };
        LaidRow { cells, kind: row.kind }
    }

    /// Draw lines `from..to` of every cell of a row at the current position.
    fn draw_row(&mut self, grid: &Grid, row: &LaidRow, from: usize, to: usize, line_height: f32) {
        let to = to.min(row.max_lines());
        let lines = to.saturating_sub(from).max(1);
        let height = lines as f32 * line_height + 2.0 * CELL_PAD_Y;
        let (left, right) = (self.geometry.left, self.geometry.right);
        let top = self.y;
        let fill = match row.kind {
            RowKind::Header => Some(HEADER_FILL),
            RowKind::Group => Some(GROUP_FILL),
            _ => None,
        };
        if let Some(gray) = fill {
            self.canvas().fill_rect(left, top, right - left, height, gray);
        }
        if row.kind == RowKind::Total {
            self.canvas().rule(left, right, top, 0.8, INK);
        }
        let size = grid.size;
        for (laid, x0, width, side) in &row.cells {
            for (k, line) in laid.lines.iter().enumerate().take(to).skip(from) {
                let baseline = top + CELL_PAD_Y + (k - from) as f32 * line_height + baseline_offset(size);
                let x = self.line_x(line, *side, *x0, *width);
                self.draw_line(line, x, baseline, size);
            }
        }
        if grid.borders {
            let (weight, ink) = if row.kind == RowKind::Header { (0.8, INK) } else { (0.4, RULE_INK) };
            self.canvas().rule(left, right, top + height, weight, ink);
        }
        self.y = top + height;
    }
}

fn cells_of(cells: &[String], n: usize, bold: bool) -> Vec<(&str, bool)> {
    (0..n).map(|i| (cells.get(i).map_or("", String::as_str), bold)).collect()
}

struct Grid<'a> {
    /// Width in points and alignment of each column, in reading order.
    columns: Vec<(f32, Align)>,
    header: Option<Vec<&'a str>>,
    repeat_header: bool,
    borders: bool,
    size: f32,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RowKind {
    Header,
    Plain,
    Group,
    Total,
}

struct GridRow<'a> {
    /// Text and boldness of each cell.
    cells: Vec<(&'a str, bool)>,
    kind: RowKind,
}

struct LaidRow {
    /// Laid text, x of the text box, its width, and the side lines align to.
    cells: Vec<(Rc<Laid>, f32, f32, Side)>,
    kind: RowKind,
}

impl LaidRow {
    fn max_lines(&self) -> usize {
        self.cells.iter().map(|c| c.0.lines.len()).max().unwrap_or(1).max(1)
    }

    fn height(&self, line_height: f32) -> f32 {
        self.max_lines() as f32 * line_height + 2.0 * CELL_PAD_Y
    }
}

/// The type size and column widths of a table.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ColumnPlan {
    pub(crate) size: f32,
    /// Widths in points, cell padding included, in reading order; they add up to the measure.
    pub(crate) widths: Vec<f32>,
    /// Columns given less than their longest word, even at [`TABLE_MIN_SIZE`]: their words
    /// are cut where the column ends (numbers never are, unless even they cannot fit).
    pub(crate) wrapped: Vec<usize>,
}

/// Share `measure` points between columns as browsers do for automatic table layout (CSS 2.1
/// §17.5.2.2, and TeX's and LibreOffice's tables alike): each column gets its minimum (its
/// longest unbreakable piece), then the space left goes to the columns in proportion to how
/// much wider they would like to be (natural width − minimum). When every column fits at its
/// natural width the rest is shared by the columns' weights. `extents` are measured at
/// [`TABLE_SIZE`].
///
/// When the minimums do not fit, the type steps down to [`TABLE_MIN_SIZE`]; if they still do
/// not, the widest columns of words give way together (a column never below its widest number
/// nor [`WRAP_MIN_EM`]), and those are `wrapped`; only if that is not enough either are the
/// numbers cut too, every column then shrinking in proportion.
pub(crate) fn plan_columns(extents: &[Extent], weights: &[f32], measure: f32) -> ColumnPlan {
    let pad = 2.0 * CELL_PAD_X;
    let mut size = TABLE_SIZE;
    loop {
        let k = size / TABLE_SIZE;
        let min_sum: f32 = extents.iter().map(|e| e.min * k + pad).sum();
        if min_sum <= measure || size <= TABLE_MIN_SIZE {
            break;
        }
        size = (size - TABLE_SIZE_STEP).max(TABLE_MIN_SIZE);
    }
    let k = size / TABLE_SIZE;
    let scaled: Vec<Extent> = extents.iter().map(|e| e.scaled(k)).collect();
    let mut mins: Vec<f32> = scaled.iter().map(|e| e.min + pad).collect();
    let maxes: Vec<f32> = scaled.iter().zip(&mins).map(|(e, &min)| (e.max + pad).max(min)).collect();
    // Too wide even so: the widest columns of words give way together, down to a common
    // width (found by bisection), none below its floor.
    let floors: Vec<f32> = scaled.iter().map(|&e| wrap_floor(e, size) + pad).collect();
    let over = mins.iter().sum::<f32>() - measure;
    let mut wrapped = Vec::new();
    if over > 0.0 {
        let given = |level: f32| -> f32 { mins.iter().zip(&floors).map(|(&m, &f)| (m - level.max(f)).max(0.0)).sum() };
        let (mut low, mut high) = (0.0f32, mins.iter().copied().fold(0.0, f32::max));
        for _ in 0..40 {
            let mid = (low + high) / 2.0;
            if given(mid) >= over {
                low = mid;
            } else {
                high = mid;
            }
        }
        for (i, (m, &f)) in mins.iter_mut().zip(&floors).enumerate() {
            let narrowed = m.min(low.max(f));
            if narrowed < *m - 0.01 {
                wrapped.push(i);
            }
            *m = narrowed;
        }
    }
    let min_sum: f32 = mins.iter().sum();
    let max_sum: f32 = maxes.iter().sum();
    let widths = if min_sum >= measure {
        // Even the numbers do not fit: every column in proportion to its minimum.
        if min_sum > measure + 0.01 {
            wrapped = (0..mins.len()).collect();
        }
        mins.iter().map(|m| measure * m / min_sum.max(f32::MIN_POSITIVE)).collect()
    } else if max_sum <= measure {
        let total: f32 = weights.iter().sum();
        let spare = measure - max_sum;
        maxes.iter().zip(weights).map(|(max, w)| max + spare * w / total).collect()
    } else {
        let stretch = max_sum - min_sum;
        let spare = measure - min_sum;
        mins.iter().zip(&maxes).map(|(min, max)| min + spare * (max - min) / stretch).collect()
    };
    ColumnPlan { size, widths, wrapped }
}

/// How narrow a column of `extent` may get when its words give way: its numbers whole, and
/// room for a few letters a line (a narrower column would spill even single letters).
fn wrap_floor(extent: Extent, size: f32) -> f32 {
    extent.firm.max(extent.min.min(WRAP_MIN_EM * size))
}

/// The operations of one page, with the little text state needed to avoid redundant ones.
struct Canvas {
    ops: Vec<Op>,
    page_height: f32,
    in_text: bool,
    font: Option<(FontResource, f32)>,
    /// Fill colour for the next text (grey level).
    fill: f32,
    text_fill: Option<f32>,
    /// Glyphs not yet emitted: consecutive glyphs of one font, size, baseline and slant
    /// become one positioned `TJ`, across atoms.
    run: Option<GlyphRun>,
}

struct GlyphRun {
    x: f32,
    y: f32,
    italic: bool,
    glyphs: Vec<Codepoint>,
    /// Where the viewer draws the last glyph, and its width in /W units, for the next
    /// kerning number.
    last_x: f32,
    last_width: f32,
}

impl Canvas {
    fn new(page_height: f32) -> Canvas {
        Canvas { ops: Vec::new(), page_height, in_text: false, font: None, fill: INK, text_fill: None, run: None }
    }

    fn finish(mut self) -> Vec<Op> {
        self.end_text();
        self.ops
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
            // Tf is part of the graphics state and survives ET/BT, but be explicit.
            self.font = None;
        }
    }

    fn end_text(&mut self) {
        self.flush_run();
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    /// Draw shaped glyphs with their origin at `x` on the baseline `baseline` (from the top),
    /// each in the font resource `font_of` picks for it.
    fn glyphs(
        &mut self,
        font_of: impl Fn(&Glyph) -> FontResource,
        size: f32,
        x: f32,
        baseline: f32,
        shaped: &text::Shaped,
        italic: bool,
    ) {
        if shaped.glyphs.is_empty() {
            return;
        }
        self.begin_text();
        if self.text_fill != Some(self.fill) {
            self.flush_run();
            self.ops.push(Op::SetFillColor { col: gray(self.fill) });
            self.text_fill = Some(self.fill);
        }
        let y = self.page_height - baseline;
        let mut pen = 0i32;
        for g in &shaped.glyphs {
            let font = font_of(g);
            let face = font.face;
            let scale = size / face.units_per_em();
            let gx = x + (pen + g.dx) as f32 * scale;
            let gy = y + g.dy as f32 * scale;
            pen += g.advance;
            let same_font = self.font == Some((font, size));
            match &mut self.run {
                Some(run) if same_font && run.y == gy && run.italic == italic => {
                    // The viewer advances the previous glyph by its /W width; the kerning
                    // number moves the pen from there to where the shaper put this glyph.
                    // Whole thousandths of an em are plenty (0.01 pt at 10 pt), and most
                    // become zero and vanish from the file; the error does not accumulate
                    // since `last_x` is where the viewer actually puts each glyph.
                    let natural = run.last_x + run.last_width * size / 1000.0;
                    let kern = ((natural - gx) * 1000.0 / size).round();
                    if let Some(prev) = run.glyphs.last_mut() {
                        prev.offset = kern;
                    }
                    run.last_x = natural - kern * size / 1000.0;
                }
                _ => {
                    self.flush_run();
                    if !same_font {
                        self.ops.push(Op::SetFont { font: PdfFontHandle::External(font.id()), size: Pt(size) });
                        self.font = Some((font, size));
                    }
                    self.run = Some(GlyphRun { x: gx, y: gy, italic, glyphs: Vec::new(), last_x: gx, last_width: 0.0 });
                }
            }
            let run = self.run.as_mut().expect("a run was just ensured");
            run.glyphs.push(Codepoint { gid: g.gid, offset: 0.0, cid: None });
            run.last_width = face.pdf_width(g.gid);
        }
    }

    fn flush_run(&mut self) {
        let Some(run) = self.run.take() else {
            return;
        };
        // printpdf re-merges `Tm` + glyph `TJ` pairs with an identity scale into longer runs,
        // looking up every glyph's width again (a tenth of the time of a long list). Our runs
        // are already merged, so the scale is set a ten-millionth off identity, which its
        // merger skips and no viewer can show.
        let (shear, scale) = if run.italic { (ITALIC_SHEAR, 1.0) } else { (0.0, 1.0 + f32::EPSILON) };
        let matrix = TextMatrix::Raw([1.0, 0.0, shear, scale, run.x, run.y]);
        self.ops.push(Op::SetTextMatrix { matrix });
        self.ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(run.glyphs)] });
    }

    fn fill_rect(&mut self, x: f32, top: f32, width: f32, height: f32, grey: f32) {
        self.end_text();
        self.ops.push(Op::SetFillColor { col: gray(grey) });
        self.text_fill = None;
        self.rect(x, top, width, height, PaintMode::Fill);
    }

    /// A horizontal rule of `weight` points centred on `y`.
    fn rule(&mut self, x0: f32, x1: f32, y: f32, weight: f32, grey: f32) {
        self.fill_rect(x0, y - weight / 2.0, x1 - x0, weight, grey);
    }

    fn stroke_box(&mut self, x: f32, top: f32, width: f32, height: f32, weight: f32) {
        self.end_text();
        self.ops.push(Op::SetOutlineColor { col: gray(INK) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(weight) });
        self.rect(x, top, width, height, PaintMode::Stroke);
    }

    /// A rectangle whose top edge is `top` points below the top of the page.
    fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, mode: PaintMode) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.page_height - top - height),
                width: Pt(width),
                height: Pt(height),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }
}

fn gray(level: f32) -> Color {
    Color::Greyscale(Greyscale { percent: level, icc_profile: None })
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::*;
    use proptest::prelude::*;

    /// The text width of A4 with 20 mm margins.
    const MEASURE: f32 = 170.0 * MM;

    fn extents(shaper: &mut Shaper, header: &[String], rows: &[Vec<String>], rtl: bool) -> Vec<Extent> {
        (0..header.len())
            .map(|i| {
                let head =
                    text::measure(shaper, &[(&header[i], Style::weight(true))], TABLE_SIZE, rtl, Digits::ArabicIndic);
                rows.iter().fold(head, |e, row| {
                    e.union(text::measure(shaper, &[(&row[i], Style::default())], TABLE_SIZE, rtl, Digits::ArabicIndic))
                })
            })
            .collect()
    }

    fn plan(header: &[&str], rows: &[&[&str]], rtl: bool) -> ColumnPlan {
        plan_with_extents(header, rows, rtl).0
    }

    fn plan_with_extents(header: &[&str], rows: &[&[&str]], rtl: bool) -> (ColumnPlan, Vec<Extent>) {
        let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        let extents = extents(&mut Shaper::default(), &header, &rows, rtl);
        (plan_columns(&extents, &vec![1.0; header.len()], MEASURE), extents)
    }

    #[test]
    fn columns_share_the_measure_by_their_content() {
        let header = ["Donor", "Years", "Currency", "Pledged", "Committed", "Paid", "Stage", "USD equivalent"];
        let row: &[&str] = &[
            "State of Qatar, Ministry of Foreign Affairs",
            "2024–2026",
            "USD",
            "45,000,000.00",
            "45,000,000.00",
            "45,000,000.00",
            "announced",
            "45,000,000.00",
        ];
        for rtl in [false, true] {
            let (p, extents) = plan_with_extents(&header, &[row], rtl);
            assert_eq!(p.size, TABLE_SIZE, "{p:?}");
            assert!(p.wrapped.is_empty());
            assert!((p.widths.iter().sum::<f32>() - MEASURE).abs() < 0.01, "{p:?}");
            // Only the donor and the header "USD equivalent" can wrap; the donor, much the
            // longer, takes most of what the others leave, and the amounts have their width.
            let pad = 2.0 * CELL_PAD_X;
            assert!(p.widths[0] > extents[0].min + pad + 0.8 * (p.widths[7] - extents[7].min - pad), "{p:?}");
            for i in 1..7 {
                assert!((p.widths[i] - extents[i].max - pad).abs() < 0.01, "column {i}: {p:?} {extents:?}");
            }
        }
        // Narrow content on a wide page: every column at its natural width and more.
        let p = plan(&["#", "Name"], &[&["1", "Ann"]], false);
        assert!((p.widths[0] - p.widths[1]).abs() < 30.0, "the spare space shared by weight: {p:?}");
    }

    #[test]
    fn too_wide_tables_step_down_then_wrap_a_column_of_words() {
        let amount = "999,999,999,999,999.99";
        // Eight amounts fit at a smaller size.
        let header = ["A"; 5];
        let p = plan(&header, &[&[amount; 5]], false);
        assert!(p.size < TABLE_SIZE && p.size >= TABLE_MIN_SIZE, "{p:?}");
        assert!(p.wrapped.is_empty());
        // A word longer than the page: its column gives way, the amounts stay whole.
        let word = "Donaudampfschifffahrtsgesellschaftskapitänskajüte".repeat(3);
        let p = plan(&["Name", "Amount", "Amount"], &[&[&word, amount, amount]], false);
        assert_eq!((p.size, p.wrapped.clone()), (TABLE_MIN_SIZE, vec![0]), "{p:?}");
        assert!((p.widths.iter().sum::<f32>() - MEASURE).abs() < 0.01);
        // Numbers alone too wide: everything shrinks in proportion, nothing panics.
        let p = plan(&["A"; 12], &[&[amount; 12]], true);
        assert_eq!(p.wrapped.len(), 12);
        assert!((p.widths.iter().sum::<f32>() - MEASURE).abs() < 0.01);
        // Degenerate input.
        let p = plan(&["", ""], &[&["", ""]], false);
        assert!(p.widths.iter().all(|w| w.is_finite() && *w > 0.0), "{p:?}");
    }

    /// A cell: words of random length in either script, or an amount up to 10^15 (maybe with
    /// its currency code), a year range, a time range, a date.
    fn cell() -> impl Strategy<Value = String> {
        let word = prop_oneof!["[a-z]{1,16}", "[a-z]{2,6}-[a-z]{2,8}", "[\u{0628}-\u{064A}]{1,12}"];
        let words = proptest::collection::vec(word, 1..8).prop_map(|w| w.join(" "));
        let amount = (0u64..=1_000_000_000_000_000, 0u8..100, any::<bool>()).prop_map(|(n, cents, code)| {
            let digits = n.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            let amount = format!("{grouped}.{cents:02}");
            if code {
                format!("USD {amount}")
            } else {
                amount
            }
        });
        let dates = prop_oneof![
            (2000u32..2100, 0u32..5).prop_map(|(y, n)| format!("{y}–{}", y + n)),
            (0u32..24, 0u32..24).prop_map(|(a, b)| format!("{a:02}:00–{b:02}:30")),
            (1u32..29, 1u32..13).prop_map(|(d, m)| format!("2025-{m:02}-{d:02}")),
        ];
        prop_oneof![3 => words, 2 => amount, 1 => dates]
    }

    /// The pieces of `text` that hold a digit, between spaces: none may be split.
    fn number_tokens(text: &str) -> Vec<Range<usize>> {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (c == ' ', start) {
                (true, Some(s)) => {
                    if text[s..i].chars().any(|c| c.is_ascii_digit()) {
                        tokens.push(s..i);
                    }
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        tokens
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn no_number_split_and_no_text_outside_its_cell(
            columns in 1usize..7,
            cells in proptest::collection::vec(cell(), 42),
            rtl in any::<bool>(),
        ) {
            // At most four amounts a row: four of 10^15 fit A4 at 7 pt; more cannot fit whole.
            let header: Vec<String> = (0..columns).map(|i| ["Amount", "المبلغ", "Name of the donor", "السنوات"][i % 4].to_owned()).collect();
            let mut rows: Vec<Vec<String>> = cells.chunks(columns).take(6).map(<[String]>::to_vec).collect();
            for row in &mut rows {
                for (i, cell) in row.iter_mut().enumerate() {
                    if i >= 4 && cell.chars().any(|c| c.is_ascii_digit()) {
                        *cell = "word".to_owned();
                    }
                }
            }
            let mut shaper = Shaper::default();
            let extents = extents(&mut shaper, &header, &rows, rtl);
            let plan = plan_columns(&extents, &vec![1.0; columns], MEASURE);
            prop_assert!((plan.widths.iter().sum::<f32>() - MEASURE).abs() < 0.05, "{:?}", plan);
            let all = std::iter::once((&header, true)).chain(rows.iter().map(|r| (r, false)));
            for (row, bold) in all {
                for (i, cell) in row.iter().enumerate() {
                    let inner = plan.widths[i] - 2.0 * CELL_PAD_X;
                    let laid = text::layout(&mut shaper, &[(cell, Style::weight(bold))], plan.size, inner, rtl, Digits::ArabicIndic);
                    for line in &laid.lines {
                        prop_assert!(line.width <= inner + 0.05, "{cell:?}: a line of {} pt in {inner} pt ({plan:?})", line.width);
                    }
                    // Where each line after the first starts, in the text.
                    let starts: Vec<usize> = laid.lines.iter().skip(1)
                        .filter_map(|l| l.atoms.iter().map(|a| a.range.start).min())
                        .collect();
                    for token in number_tokens(&laid.text) {
                        prop_assert!(
                            !starts.iter().any(|&s| token.start < s && s < token.end),
                            "{:?} split in {cell:?} ({plan:?})", &laid.text[token.clone()]
                        );
                    }
                }
            }
        }
    }
}

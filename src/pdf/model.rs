//! The document model that callers fill: plain data, no layout knowledge.
//!
//! This is the API boundary of the PDF engine. Reports (participant lists, programmes,
//! pledges, outcome documents, badges, certificates) build a [`Document`] out of
//! [`Block`]s and hand it to [`crate::pdf::render`]; everything about fonts, shaping,
//! bidi and pagination stays behind it.
//!
//! Directions: "start" and "end" are relative to the *document* language: in an Arabic
//! document `Align::Start` is the right edge and tables begin at the right. The reading
//! direction of each paragraph's text is found from its own first strong character
//! (Arabic → right-to-left, Latin → left-to-right), or the document's when it has none.

/// A document to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub meta: Meta,
    /// The document language: sets the page direction (Arabic = right to left), the default
    /// alignment, the column order of tables and the wording of the page numbers.
    pub language: Language,
    pub page: PageSetup,
    /// Running header: one line at the top of every page, at the start side, in small grey
    /// type. Text that does not fit on the line is left out.
    pub header: Option<String>,
    /// PNG or JPEG bytes, drawn at the start side of the top of the first page, 18 mm high
    /// (narrower if it would be wider than 60 mm); when a block places it ([`Placed::Logo`]),
    /// only where the blocks place it.
    pub logo: Option<Vec<u8>>,
    /// Words drawn large, light and diagonal behind the content of every page (e.g. "DRAFT").
    pub watermark: Option<String>,
    /// "Page 3 of 12" at the foot of every page; off for pages that stand alone (certificates).
    pub page_numbers: bool,
    /// How the text laid out in Arabic (an Arabic document, an Arabic part of another) writes
    /// its digits, whatever digits were typed: the event's setting.
    pub arabic_digits: Digits,
    pub blocks: Vec<Block>,
}

impl Document {
    /// An empty A4 document with 20 mm margins, page numbers, no header and no logo.
    pub fn new(language: Language, title: impl Into<String>) -> Document {
        Document {
            meta: Meta { title: title.into(), author: String::new(), language: None, created: None },
            language,
            page: PageSetup::default(),
            header: None,
            logo: None,
            watermark: None,
            page_numbers: true,
            arabic_digits: Digits::default(),
            blocks: Vec::new(),
        }
    }
}

/// Document information written into the PDF.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    pub author: String,
    /// BCP 47 tag for the PDF's `/Lang` (e.g. `"ar-QA"`); `None` = `"ar"` or `"en"` from
    /// [`Document::language`].
    pub language: Option<String>,
    /// When the document was made, in seconds since 1970 (UTC), for its creation and
    /// modification dates; `None`: the moment it is written. Tests that compare whole files
    /// give a fixed one.
    pub created: Option<i64>,
}

/// How text laid out in Arabic writes its digits (see `arabic_digits` in `text.rs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Digits {
    /// ٠١٢٣٤٥٦٧٨٩ and the Arabic separators, except in Latin text.
    #[default]
    ArabicIndic,
    /// 0123456789 and the Latin separators, throughout.
    Latin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    Ar,
}

impl Language {
    pub fn is_rtl(self) -> bool {
        self == Language::Ar
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ar => "ar",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSetup {
    pub size: PageSize,
    pub margins: Margins,
}

impl Default for PageSetup {
    fn default() -> PageSetup {
        PageSetup { size: PageSize::A4, margins: Margins::uniform(20.0) }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageSize {
    /// 210 × 297 mm.
    A4,
    /// 297 × 210 mm: A4 turned on its side (certificates).
    A4Landscape,
    /// 8.5 × 11 in.
    Letter,
    /// 105 × 148 mm: one badge per page, for badge printers.
    A6,
}

impl PageSize {
    /// Width and height in millimetres.
    pub fn mm(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (210.0, 297.0),
            PageSize::A4Landscape => (297.0, 210.0),
            PageSize::A6 => (105.0, 148.0),
            PageSize::Letter => (215.9, 279.4),
        }
    }
}

/// Page margins in millimetres. `left` and `right` are physical sides whatever the language.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Margins {
    pub fn uniform(mm: f32) -> Margins {
        Margins { top: mm, right: mm, bottom: mm, left: mm }
    }
}

/// One element of the document flow, laid out top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A bold title; `level` 1 is the largest, values outside 1..=3 are clamped.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Paragraph),
    List(List),
    Table(Table),
    /// Label–value rows without borders (e.g. an event summary): the label, bold, at the
    /// start side, the value after it.
    KeyValues(Vec<KeyValue>),
    /// Vertical space in millimetres.
    Spacer(f32),
    /// A bar chart with its legend, across the text width (see [`BarChart`]).
    BarChart(BarChart),
    /// Lay out what follows as in a document of this language (direction, alignment, table
    /// column order), e.g. the Arabic text of a section in a bilingual document. The page
    /// numbers keep the document's language.
    Direction(Language),
    /// Continue on a new page.
    PageBreak,
    /// Shapes at fixed places on the current page (badges, cards), measured in millimetres
    /// from the page's top-left corner whatever the language; the flow does not move.
    Placed(Vec<Placed>),
}

/// A shape of [`Block::Placed`].
#[derive(Clone, Debug, PartialEq)]
pub enum Placed {
    /// A filled rectangle; `rgb` as 0xRRGGBB.
    Rect { x: f32, y: f32, width: f32, height: f32, rgb: u32 },
    /// One line of text centred in `width`, its top at `y`.
    Text(PlacedText),
    /// The document's [`Document::logo`], as large as fits in the box and centred in it;
    /// nothing when the document has none.
    Logo { x: f32, y: f32, width: f32, height: f32 },
}

/// Text of [`Placed::Text`]: drawn at `size` points, or smaller (down to `min_size`) when it
/// would be wider than `width`; if it is still too wide then, it wraps onto at most two lines.
/// It never spills out of its width.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedText {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub min_size: f32,
    pub bold: bool,
    pub text: String,
}

/// Wrapped text made of styled runs.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub align: Align,
}

impl Paragraph {
    /// A paragraph of one plain run.
    pub fn text(text: impl Into<String>) -> Paragraph {
        Paragraph { runs: vec![Run::plain(text)], align: Align::Start }
    }

    pub fn runs(runs: Vec<Run>) -> Paragraph {
        Paragraph { runs, align: Align::Start }
    }

    pub fn align(mut self, align: Align) -> Paragraph {
        self.align = align;
        self
    }
}

/// A piece of text with one style. Any mix of Arabic, Latin, digits and punctuation; a line
/// feed starts a new line. Bidi control characters are ignored (removed before layout).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    /// Drawn slanted (the shipped fonts have no italic design).
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: false, italic: false }
    }

    pub fn bold(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: true, italic: false }
    }

    pub fn italic(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: false, italic: true }
    }
}

/// Horizontal alignment, relative to the document direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    /// Left in an English document, right in an Arabic one.
    #[default]
    Start,
    /// Right in an English document, left in an Arabic one.
    End,
    Center,
}

/// A bulleted (`ordered: false`) or numbered list; the marker sits at the start side.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct List {
    pub ordered: bool,
    pub items: Vec<Paragraph>,
}

/// A table with a header row, drawn across the full text width. Columns are laid out in
/// reading order: in an Arabic document the first column is at the right. Their widths come
/// from their content: each is at least as wide as its longest word, number, amount, date or
/// code (never broken), and the rest of the width goes to the columns with the most text to
/// wrap. A table too wide for the page is set in smaller type (down to 7 pt), then its widest
/// columns of words wrap inside their words ([`crate::pdf::Warnings::squeezed_tables`]).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Repeat the header row at the top of every page the table continues on.
    pub repeat_header: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    /// Relative share of the space left once every column has its natural width (a column of
    /// weight 2 gets twice as much of it as one of weight 1); it does not set the width
    /// otherwise.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(header: impl Into<String>, width: f32) -> Column {
        Column { header: header.into(), width, align: Align::Start }
    }

    pub fn align(mut self, align: Align) -> Column {
        self.align = align;
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// One text per column; missing cells are blank, extra cells are ignored.
    Cells(Vec<String>),
    /// A group title spanning all columns, bold on a shaded band (e.g. a category). It is
    /// never left alone at the bottom of a page.
    Group(String),
    /// Like `Cells`, in bold with a rule above (e.g. a subtotal).
    Total(Vec<String>),
}

impl Row {
    pub fn cells<S: Into<String>>(cells: impl IntoIterator<Item = S>) -> Row {
        Row::Cells(cells.into_iter().map(Into::into).collect())
    }

    pub fn group(title: impl Into<String>) -> Row {
        Row::Group(title.into())
    }

    pub fn total<S: Into<String>>(cells: impl IntoIterator<Item = S>) -> Row {
        Row::Total(cells.into_iter().map(Into::into).collect())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyValue {
    pub label: String,
    pub value: String,
}

impl KeyValue {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> KeyValue {
        KeyValue { label: label.into(), value: value.into() }
    }
}

/// A bar chart: one group of bars per category along the bottom, a value axis with grid lines
/// at the start side (left in English, right in Arabic), and a legend below. Categories run
/// in reading order: in an Arabic document the first is at the right.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BarChart {
    /// Labels under the groups of bars (e.g. years).
    pub categories: Vec<String>,
    /// One entry per series, each with one value per category (missing values are 0;
    /// negative, infinite and NaN values are drawn as 0).
    pub series: Vec<Series>,
    /// Stack the series of a category in one bar (their sum is the height) instead of
    /// drawing them side by side.
    pub stacked: bool,
    /// What the values measure (e.g. "USD millions"), written above the value axis.
    pub value_label: String,
    /// What the categories are (e.g. "Year"), written under the category labels.
    pub category_label: String,
    /// Height of the plot area in millimetres; 0 or less means 60 mm.
    pub height_mm: f32,
}

/// One series of a bar chart, named in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub colour: Colour,
    pub values: Vec<f64>,
}

/// An RGB colour, 0–255 per channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }
}

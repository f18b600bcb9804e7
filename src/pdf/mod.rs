//! The PDF engine: bilingual (Arabic + English) documents with embedded, subset fonts.
//!
//! API boundary: the model types (from `model.rs`, re-exported here) and [`render`]. Reports fill a
//! [`Document`]; `render` lays it out and returns the bytes, and the caller writes the file.
//! Behind the boundary, free to change: `text` (bidi, font choice, shaping, line breaking),
//! `fonts` (the embedded font files), `layout` (pagination into printpdf operations) and the
//! writer below.
//!
//! Why not printpdf's own text: its `ShowText` with plain text does no shaping (Arabic comes
//! out as isolated letters, reversed) and its HTML path drops glyphs in right-to-left text.
//! We shape with harfrust (the HarfBuzz project's Rust port) and hand printpdf positioned glyph ids, each carrying the text it
//! stands for so the PDF gets a /ToUnicode map and text extraction works.
//!
//! Checks: `cargo test` (unit tests of bidi, runs and line breaking in `text`; integration
//! tests in `tests/it/pdf.rs` read the PDFs back with poppler, so `poppler-utils` must be
//! installed; `MUNTADA_UPDATE_GOLDEN=1 cargo test --test it golden_pages` rewrites the
//! reference images). Speed: `cargo bench --bench pdf_participants`.

mod fonts;
mod layout;
mod model;
mod text;

use std::fmt;

use printpdf::{
    Mm, ParsedFont, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, RawImage, RawImageData, RawImageFormat, XObject,
    XObjectId,
};

pub use model::*;

/// A rendered document.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The PDF file.
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// The page (from 1) each [`Block::Heading`] starts on, in the order of the blocks: for a
    /// table of contents, filled in by rendering a second time.
    pub heading_pages: Vec<usize>,
    pub warnings: Warnings,
}

/// Things that went wrong without preventing the document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Warnings {
    /// Characters no shipped font covers (emoji, CJK, …), drawn as empty boxes.
    pub missing_glyphs: usize,
    /// Tables whose columns did not fit the page even in the smallest table type (7 pt): a
    /// column of words was narrowed below its longest word, whose letters then wrap.
    pub squeezed_tables: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// The logo bytes are not a PNG or JPEG image we can decode.
    InvalidLogo(String),
    /// The margins are invalid or leave too little room for text.
    PageSetup(String),
    /// Writing the PDF failed (a bug, not an input problem).
    Write(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::InvalidLogo(m) => {
                write!(f, "the logo is not a usable PNG or JPEG image: {m}")
            }
            PdfError::PageSetup(m) => write!(f, "invalid page setup: {m}"),
            PdfError::Write(m) => write!(f, "could not write the PDF: {m}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Lay out `doc` and write it as a PDF. Pure: no file or font is read from the system.
pub fn render(doc: &Document) -> Result<Rendered, PdfError> {
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let logo = match decode_logo(doc)? {
        Some((logo, image)) => {
            pdf.resources.xobjects.map.insert(logo.id.clone(), XObject::Image(image));
            Some(logo)
        }
        None => None,
    };
    let laid = layout::layout(doc, logo)?;
    let pages = laid.pages.len();
    let heading_pages = laid.heading_pages.clone();
    let warnings = Warnings { missing_glyphs: laid.missing_glyphs, squeezed_tables: laid.squeezed_tables };
    let bytes = write(doc, pdf, laid)?;
    Ok(Rendered { bytes, pages, heading_pages, warnings })
}

/// The page (from 1) each [`Block::Heading`] of `doc` starts on, as [`render`] would place
/// it, without writing the PDF: the cheap first pass of a table of contents.
pub fn heading_pages(doc: &Document) -> Result<Vec<usize>, PdfError> {
    let logo = decode_logo(doc)?.map(|(logo, _)| logo);
    Ok(layout::layout(doc, logo)?.heading_pages)
}

/// The width and height in pixels that PNG or JPEG `bytes` declare in their header, read
/// without decoding the pixels: to refuse an image too large before [`image_size`] decodes it.
pub fn declared_image_size(bytes: &[u8]) -> Result<(u32, u32), PdfError> {
    let invalid = |e: image::ImageError| PdfError::InvalidLogo(e.to_string());
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PdfError::InvalidLogo(e.to_string()))?
        .into_dimensions()
        .map_err(invalid)
}

/// The width and height in pixels of PNG or JPEG `bytes`, decoded as [`render`] decodes a
/// logo: bytes accepted here are a logo `render` can draw.
pub fn image_size(bytes: &[u8]) -> Result<(usize, usize), PdfError> {
    let image = decode_image(bytes)?;
    Ok((image.width, image.height))
}

/// Decodes PNG or JPEG bytes to 8 bits a channel: printpdf writes 16-bit images with an
/// alpha channel (common from image editors) as empty, so the logo would not show.
fn decode_image(bytes: &[u8]) -> Result<RawImage, PdfError> {
    let mut image = RawImage::decode_from_bytes(bytes, &mut Vec::new()).map_err(PdfError::InvalidLogo)?;
    if let RawImageData::U16(pixels) = &image.pixels {
        let format = match image.data_format {
            RawImageFormat::R16 => RawImageFormat::R8,
            RawImageFormat::RG16 => RawImageFormat::RG8,
            RawImageFormat::RGB16 => RawImageFormat::RGB8,
            RawImageFormat::RGBA16 => RawImageFormat::RGBA8,
            other => return Err(PdfError::InvalidLogo(format!("unexpected 16-bit pixel format {other:?}"))),
        };
        image.pixels = RawImageData::U8(pixels.iter().map(|&p| (p >> 8) as u8).collect());
        image.data_format = format;
    }
    if matches!(image.pixels, RawImageData::F32(_)) {
        return Err(PdfError::InvalidLogo("floating-point pixels are not supported".to_owned()));
    }
    Ok(image)
}

fn decode_logo(doc: &Document) -> Result<Option<(layout::Logo, RawImage)>, PdfError> {
    let Some(bytes) = &doc.logo else { return Ok(None) };
    let image = decode_image(bytes)?;
    let logo = layout::Logo { id: XObjectId("MuntadaLogo".to_owned()), width_px: image.width, height_px: image.height };
    Ok(Some((logo, image)))
}

fn write(doc: &Document, mut pdf: PdfDocument, mut laid: layout::Pages) -> Result<Vec<u8>, PdfError> {
    let mut warnings = Vec::new();
    for (font, program) in subset_fonts(&mut laid.pages, &laid.fonts_used)? {
        let mut font_warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&program, 0, &mut font_warnings)
            .ok_or_else(|| PdfError::Write(format!("cannot parse the subset of font {font:?}")))?;
        // The resource name's six capitals are the subset tag (ISO 32000-1, 9.6.4).
        parsed.font_name = Some(format!("{}+{}", font.name(), font.face.postscript_name()));
        pdf.resources.fonts.map.insert(font.id(), PdfFont::new(parsed));
    }
    let info = &mut pdf.metadata.info;
    info.author = doc.meta.author.clone();
    info.creator = "Muntada".to_owned();
    info.producer = "Muntada (printpdf, harfrust)".to_owned();
    // printpdf leaves 1970 in both dates unless told: a reader's "Created" would show it.
    let created = doc.meta.created.unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    if let Ok(at) = printpdf::OffsetDateTime::from_unix_timestamp(created) {
        info.creation_date = at;
        info.modification_date = at;
        info.metadata_date = at;
    }
    let (w, h) = doc.page.size.mm();
    pdf.pages = laid.pages.into_iter().map(|ops| PdfPage::new(Mm(w), Mm(h), ops)).collect();
    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    drop(pdf);
    let lang = doc.meta.language.clone().unwrap_or_else(|| doc.language.tag().to_owned());
    let catalog = lo.catalog_mut().map_err(|e| PdfError::Write(format!("no catalog: {e}")))?;
    catalog.set("Lang", lopdf::Object::string_literal(lang));
    if doc.language.is_rtl() {
        let mut prefs = lopdf::Dictionary::new();
        prefs.set("Direction", lopdf::Object::Name(b"R2L".to_vec()));
        catalog.set("ViewerPreferences", prefs);
    }
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

/// Each used font cut down to the glyphs the pages draw, with the pages' glyph ids renumbered to
/// the subset's. printpdf subsets only with its `text_layout` feature, which brings a whole
/// layout engine (azul-layout, taffy, rust-fontconfig) into the binary for this one step; the
/// subsetter is allsorts either way.
fn subset_fonts(
    pages: &mut [Vec<printpdf::Op>],
    fonts: &[layout::FontResource],
) -> Result<Vec<(layout::FontResource, Vec<u8>)>, PdfError> {
    use allsorts::{binary::read::ReadScope, font_data::FontData, subset};
    use std::collections::{BTreeSet, HashMap};

    let mut used: HashMap<layout::FontResource, BTreeSet<u16>> = HashMap::new();
    layout::each_glyph(pages, |font, glyph| {
        used.entry(font).or_default().insert(glyph.gid);
    });
    let mut renumber: HashMap<(layout::FontResource, u16), u16> = HashMap::new();
    let mut programs = Vec::with_capacity(fonts.len());
    for &font in fonts {
        // .notdef stays glyph 0, as allsorts requires; every other glyph takes its position in
        // this list (composite glyphs' parts are appended after it).
        let ids: Vec<u16> =
            std::iter::once(0).chain(used.get(&font).into_iter().flatten().copied().filter(|&g| g != 0)).collect();
        let fail = |e: String| PdfError::Write(format!("cannot subset font {font:?}: {e}"));
        let data = ReadScope::new(font.face.data()).read::<FontData<'_>>().map_err(|e| fail(e.to_string()))?;
        let provider = data.table_provider(0).map_err(|e| fail(e.to_string()))?;
        let program = subset::subset(&provider, &ids, &subset::SubsetProfile::Pdf, subset::CmapTarget::Unicode)
            .map_err(|e| fail(e.to_string()))?;
        for (new, &old) in ids.iter().enumerate() {
            renumber.insert((font, old), new as u16);
        }
        programs.push((font, program));
    }
    layout::each_glyph(pages, |font, glyph| {
        if let Some(&new) = renumber.get(&(font, glyph.gid)) {
            glyph.gid = new;
        }
    });
    Ok(programs)
}

/// Deflate every stream not yet filtered. lopdf's own `compress` uses the best (slowest)
/// level, which was a third of the time of a long list; the fast level costs a few percent
/// of file size.
fn compress(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::with_capacity(stream.content.len() / 3), flate2::Compression::fast());
        let compressed = encoder.write_all(&stream.content).and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed {
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

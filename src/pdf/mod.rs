//! The PDF engine: bilingual (Arabic + English) documents with embedded, subset fonts.
//!
//! API boundary: the model types (from `model.rs`, re-exported here), [`render_into`] and
//! [`render`]. Reports fill a [`Document`]; `render_into` lays it out and writes the PDF to a
//! file (or any writer) as the pages are finished, `render` returns the bytes in memory.
//! Behind the boundary, free to change: `text` (bidi, font choice, shaping, line breaking),
//! `fonts` (the embedded font files), `layout` (pagination into printpdf operations) and
//! `writer` (the file, written page by page as the layout finishes them: memory is bounded by
//! the page, not the document).
//!
//! Why not printpdf's own text: its `ShowText` with plain text does no shaping (Arabic comes
//! out as isolated letters, reversed) and its HTML path drops glyphs in right-to-left text.
//! We shape with harfrust (the HarfBuzz project's Rust port) and draw positioned glyph ids,
//! recording the text each stands for so the PDF gets a /ToUnicode map and text extraction
//! works. printpdf's document model keeps every page until it saves, so we keep only its
//! drawing operations and image decoding, and write the file ourselves.
//!
//! Checks: `cargo test` (unit tests of bidi, runs and line breaking in `text`; integration
//! tests in `tests/it/pdf.rs` read the PDFs back with poppler, so `poppler-utils` must be
//! installed; `MUNTADA_UPDATE_GOLDEN=1 cargo test --test it golden_pages` rewrites the
//! reference images). Speed: `cargo bench --bench pdf_participants`.

mod fonts;
mod layout;
mod model;
mod text;
mod writer;

use std::fmt;
use std::io::Write;

use printpdf::{RawImage, RawImageData, RawImageFormat, XObjectId};

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
    let mut bytes = Vec::new();
    let written = render_into(doc, &mut bytes)?;
    Ok(Rendered { bytes, pages: written.pages, heading_pages: written.heading_pages, warnings: written.warnings })
}

/// What [`render_into`] wrote.
#[derive(Clone, Debug)]
pub struct Written {
    pub pages: usize,
    /// As [`Rendered::heading_pages`].
    pub heading_pages: Vec<usize>,
    pub warnings: Warnings,
}

/// Lay out `doc` and write the PDF to `out` as the pages are finished: the memory it takes is
/// bounded by the largest page, not by the document (the caller's `out` aside).
pub fn render_into(doc: &Document, out: impl Write) -> Result<Written, PdfError> {
    let mut writer = writer::Writer::new(out)?;
    let logo = match decode_logo(doc)? {
        Some((logo, image)) => {
            writer.logo(&logo, image)?;
            Some(logo)
        }
        None => None,
    };
    let laid = layout::layout(doc, logo.as_ref(), &mut writer)?;
    debug_assert_eq!(writer.pages(), laid.pages);
    let lang = doc.meta.language.clone().unwrap_or_else(|| doc.language.tag().to_owned());
    let created = doc.meta.created.unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    let (w, h) = doc.page.size.mm();
    writer.finish(&writer::Trailer {
        title: &doc.meta.title,
        author: &doc.meta.author,
        created,
        lang: &lang,
        rtl: doc.language.is_rtl(),
        page: (w * layout::MM, h * layout::MM),
        glyph_texts: &laid.glyph_texts,
    })?;
    Ok(Written {
        pages: laid.pages,
        heading_pages: laid.heading_pages,
        warnings: Warnings { missing_glyphs: laid.missing_glyphs, squeezed_tables: laid.squeezed_tables },
    })
}

/// The page (from 1) each [`Block::Heading`] of `doc` starts on, as [`render`] would place
/// it, without writing the PDF: the cheap first pass of a table of contents.
pub fn heading_pages(doc: &Document) -> Result<Vec<usize>, PdfError> {
    let logo = decode_logo(doc)?.map(|(logo, _)| logo);
    Ok(layout::layout(doc, logo.as_ref(), &mut writer::Discard)?.heading_pages)
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

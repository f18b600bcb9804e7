//! The PDF file, written while the document is laid out: each page's content stream goes to
//! the output, compressed, as soon as the page is finished, so memory holds a page, not the
//! document.
//!
//! What waits for the end is small and does not grow with the text: an object number per page,
//! each font's glyphs used so far (a code per glyph id) and the text each glyph stands for. At
//! the end come each page's footer ("Page 3 of 57", now that 57 is known: a second content
//! stream of the page, which a viewer reads as the continuation of the first), the fonts
//! subset to the glyphs used, with their /ToUnicode maps, the page tree, the catalog and the
//! cross-reference table.
//!
//! Glyph codes: a glyph gets the next code of its font the first time a page draws it, and the
//! subset lists the glyphs in that order, so a code is the glyph's id in the subset and no page
//! is rewritten. Everything written depends on the document alone (no hash-map order, no
//! clock unless the document leaves its date open), so the same data gives the same bytes.

use std::collections::HashMap;
use std::io::Write;

use printpdf::{Color, Op, PaintMode, PdfFontHandle, RawImage, RawImageData, RawImageFormat, TextItem};

use super::fonts::Face;
use super::layout::{FontResource, Logo, FONT_RESOURCES};
use super::PdfError;

/// What a content stream is to its page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Drawn first on every page: one stream, shared.
    Watermark,
    /// The next page's content.
    Body,
    /// The footer of the next page, in page order, once every body is written.
    Footer,
}

/// Where the layout hands each finished stream; [`Discard`] for a pass that only counts.
pub(crate) trait PageSink {
    fn stream(&mut self, part: Part, ops: &[Op]) -> Result<(), PdfError>;
}

pub(crate) struct Discard;

impl PageSink for Discard {
    fn stream(&mut self, _: Part, _: &[Op]) -> Result<(), PdfError> {
        Ok(())
    }
}

/// The document-wide facts the end of the file needs.
pub(crate) struct Trailer<'a> {
    pub(crate) title: &'a str,
    pub(crate) author: &'a str,
    /// Seconds since 1970, UTC.
    pub(crate) created: i64,
    pub(crate) lang: &'a str,
    pub(crate) rtl: bool,
    /// Page size in points.
    pub(crate) page: (f32, f32),
    /// The text each glyph stands for, per font resource.
    pub(crate) glyph_texts: &'a HashMap<(FontResource, u16), String>,
}

const PAGES: u32 = 1;
const RESOURCES: u32 = 2;
const LOGO: &str = "MuntadaLogo";

pub(crate) struct Writer<W: Write> {
    out: W,
    /// Bytes written so far, and a hash of them for the file's /ID.
    at: u64,
    hash: [u64; 2],
    /// File offset of each object, by number − 1.
    offsets: Vec<u64>,
    watermark: Option<u32>,
    bodies: Vec<u32>,
    footers: Vec<u32>,
    subsets: Vec<Option<Subset>>,
    logo: Option<(u32, usize, usize)>,
    /// One deflate state for the whole file, reset for each stream, and the buffers of the
    /// last stream's operators and their deflated bytes, reused by the next: see [`deflate`].
    deflater: flate2::Compress,
    content: Vec<u8>,
    deflated: Vec<u8>,
}

/// The glyphs of one font resource drawn so far.
struct Subset {
    /// Original glyph id of each code; code 0 is .notdef.
    glyphs: Vec<u16>,
    /// Code of each original glyph id; 0 = not drawn yet.
    codes: Vec<u16>,
}

impl Subset {
    fn new() -> Subset {
        Subset { glyphs: vec![0], codes: vec![0; usize::from(u16::MAX) + 1] }
    }

    fn code(&mut self, gid: u16) -> u16 {
        if gid == 0 {
            return 0;
        }
        let code = &mut self.codes[usize::from(gid)];
        if *code == 0 {
            // At most 65,535 glyphs a font, so the next code always fits.
            *code = self.glyphs.len() as u16;
            self.glyphs.push(gid);
        }
        *code
    }
}

impl<W: Write> Writer<W> {
    pub(crate) fn new(out: W) -> Result<Writer<W>, PdfError> {
        let mut w = Writer {
            out,
            at: 0,
            hash: [0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4],
            offsets: vec![0; RESOURCES as usize],
            watermark: None,
            bodies: Vec::new(),
            footers: Vec::new(),
            subsets: (0..FONT_RESOURCES).map(|_| None).collect(),
            logo: None,
            deflater: flate2::Compress::new(flate2::Compression::fast(), true),
            content: Vec::new(),
            deflated: Vec::new(),
        };
        // The second line's bytes above 127 tell transfer programs the file is binary.
        w.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(w)
    }

    /// The logo as an image XObject, written at once: decoded pixels are the largest thing a
    /// document holds.
    pub(crate) fn logo(&mut self, logo: &Logo, image: RawImage) -> Result<(), PdfError> {
        let (colour, alpha, space) = split_pixels(image)?;
        let smask = match alpha {
            Some(alpha) => {
                let dict = image_dict(logo, "DeviceGray");
                Some(self.stream_object(&dict, &alpha, true)?)
            }
            None => None,
        };
        let mut dict = image_dict(logo, space);
        if let Some(id) = smask {
            dict.push_str(&format!("/SMask {id} 0 R"));
        }
        let id = self.stream_object(&dict, &colour, true)?;
        self.logo = Some((id, logo.width_px, logo.height_px));
        Ok(())
    }

    /// The page count so far.
    pub(crate) fn pages(&self) -> usize {
        self.bodies.len()
    }

    /// Subset and write the fonts, then the pages, the catalog, the information dictionary
    /// and the cross-reference table.
    pub(crate) fn finish(mut self, t: &Trailer) -> Result<W, PdfError> {
        let mut fonts = String::new();
        for i in 0..FONT_RESOURCES {
            let Some(subset) = self.subsets[i].take() else { continue };
            let resource = FontResource::from_index(i);
            let id = self.font(resource, &subset, t.glyph_texts)?;
            fonts.push_str(&format!("/{} {id} 0 R", resource.name()));
        }
        let xobjects = match self.logo {
            Some((id, ..)) => format!("/XObject<</{LOGO} {id} 0 R>>"),
            None => String::new(),
        };
        self.object(RESOURCES, &format!("<</Font<<{fonts}>>{xobjects}>>"))?;
        let (w, h) = t.page;
        let mut kids = String::with_capacity(self.bodies.len() * 10);
        for i in 0..self.bodies.len() {
            let mut contents = String::new();
            let streams = [self.watermark, Some(self.bodies[i]), self.footers.get(i).copied()];
            for id in streams.into_iter().flatten() {
                contents.push_str(&format!("{id} 0 R "));
            }
            let page = format!(
                "<</Type/Page/Parent {PAGES} 0 R/MediaBox[0 0 {} {}]/Resources {RESOURCES} 0 R/Contents[{}]>>",
                real(w),
                real(h),
                contents.trim_end()
            );
            let id = self.reserve();
            self.object(id, &page)?;
            kids.push_str(&format!("{id} 0 R "));
        }
        let count = self.bodies.len();
        self.object(PAGES, &format!("<</Type/Pages/Count {count}/Kids[{}]>>", kids.trim_end()))?;
        let mut catalog =
            format!("<</Type/Catalog/Pages {PAGES} 0 R/PageLayout/OneColumn/PageMode/UseNone/Lang{}", literal(t.lang));
        if t.rtl {
            catalog.push_str("/ViewerPreferences<</Direction/R2L>>");
        }
        catalog.push_str(">>");
        let root = self.reserve();
        self.object(root, &catalog)?;
        let date = pdf_date(t.created);
        let info = format!(
            "<</Title{}/Author{}/Creator{}/Producer{}/CreationDate{date}/ModDate{date}/Trapped/False>>",
            text_string(t.title),
            text_string(t.author),
            text_string("Muntada"),
            text_string("Muntada (harfrust, allsorts)"),
        );
        let info_id = self.reserve();
        self.object(info_id, &info)?;
        let xref = self.at;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len() + 1);
        for offset in &self.offsets {
            table.push_str(&format!("{offset:010} 00000 n \n"));
        }
        let id = format!("{:016x}{:016x}", self.hash[0], self.hash[1]);
        table.push_str(&format!(
            "trailer\n<</Size {}/Root {root} 0 R/Info {info_id} 0 R/ID[<{id}><{id}>]>>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len() + 1
        ));
        self.put(table.as_bytes())?;
        Ok(self.out)
    }

    fn reserve(&mut self) -> u32 {
        self.offsets.push(0);
        self.offsets.len() as u32
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), PdfError> {
        self.out.write_all(bytes).map_err(|e| PdfError::Write(e.to_string()))?;
        self.at += bytes.len() as u64;
        // FNV-1a, twice with different starts: the file's identifier, from its content.
        for &b in bytes {
            self.hash[0] = (self.hash[0] ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.hash[1] = (self.hash[1] ^ self.hash[0]).wrapping_mul(0x0100_0000_01b3) ^ bytes.len() as u64;
        Ok(())
    }

    fn object(&mut self, id: u32, body: &str) -> Result<(), PdfError> {
        self.offsets[id as usize - 1] = self.at;
        self.put(format!("{id} 0 obj\n{body}\nendobj\n").as_bytes())
    }

    /// A stream object with `dict` (the entries, without << >>), deflated at the fast level
    /// when that makes it smaller: lopdf's best level was a third of the time of a long list,
    /// for a few percent of size.
    fn stream_object(&mut self, dict: &str, content: &[u8], compress: bool) -> Result<u32, PdfError> {
        let mut deflated = std::mem::take(&mut self.deflated);
        let compressed = compress && deflate(&mut self.deflater, content, &mut deflated);
        let (data, filter) = match compressed {
            true if deflated.len() + 19 < content.len() => (deflated.as_slice(), "/Filter/FlateDecode"),
            _ => (content, ""),
        };
        let id = self.reserve();
        self.offsets[id as usize - 1] = self.at;
        let written = self
            .put(format!("{id} 0 obj\n<<{dict}{filter}/Length {}>>stream\n", data.len()).as_bytes())
            .and_then(|()| self.put(data))
            .and_then(|()| self.put(b"\nendstream\nendobj\n"));
        self.deflated = deflated;
        written.map(|()| id)
    }

    /// Content-stream operators for `ops`, each glyph by its code in its font's subset.
    fn encode(&mut self, ops: &[Op], out: &mut Vec<u8>) {
        out.clear();
        out.reserve(ops.len() * 24);
        let mut font: Option<usize> = None;
        let put = |out: &mut Vec<u8>, numbers: &[f32], operator: &str| {
            for n in numbers {
                out.extend_from_slice(real(*n).as_bytes());
                out.push(b' ');
            }
            out.extend_from_slice(operator.as_bytes());
            out.push(b'\n');
        };
        for op in ops {
            match op {
                Op::StartTextSection => put(out, &[], "BT"),
                Op::EndTextSection => put(out, &[], "ET"),
                Op::SaveGraphicsState => put(out, &[], "q"),
                Op::RestoreGraphicsState => put(out, &[], "Q"),
                Op::SetFont { font: PdfFontHandle::External(id), size } => {
                    font = FontResource::by_name(&id.0).map(FontResource::index);
                    out.extend_from_slice(format!("/{} ", id.0).as_bytes());
                    put(out, &[size.0], "Tf");
                }
                Op::SetTextMatrix { matrix } => put(out, &matrix.as_array(), "Tm"),
                Op::SetTransformationMatrix { matrix } => put(out, &matrix.as_array(), "cm"),
                Op::ShowText { items } => {
                    let Some(subset) = font.map(|i| self.subsets[i].get_or_insert_with(Subset::new)) else {
                        continue;
                    };
                    out.push(b'[');
                    for item in items {
                        let TextItem::GlyphIds(glyphs) = item else { continue };
                        for g in glyphs {
                            out.extend_from_slice(format!("<{:04X}>", subset.code(g.gid)).as_bytes());
                            if g.offset != 0.0 {
                                out.extend_from_slice(real(g.offset).as_bytes());
                            }
                        }
                    }
                    out.extend_from_slice(b"]TJ\n");
                }
                Op::SetFillColor { col } => colour(out, col, false),
                Op::SetOutlineColor { col } => colour(out, col, true),
                Op::SetOutlineThickness { pt } => put(out, &[pt.0], "w"),
                Op::DrawRectangle { rectangle: r } => {
                    put(out, &[r.x.0, r.y.0, r.width.0, r.height.0], "re");
                    put(out, &[], if r.mode == Some(PaintMode::Stroke) { "S" } else { "f" });
                }
                Op::UseXobject { transform, .. } => {
                    let Some((_, wpx, hpx)) = self.logo else { continue };
                    let dpi = transform.dpi.unwrap_or(300.0);
                    let (x, y) =
                        (transform.translate_x.map_or(0.0, |p| p.0), transform.translate_y.map_or(0.0, |p| p.0));
                    let (w, h) = (wpx as f32 * 72.0 / dpi, hpx as f32 * 72.0 / dpi);
                    put(out, &[], "q");
                    put(out, &[w, 0.0, 0.0, h, x, y], "cm");
                    out.extend_from_slice(format!("/{LOGO} Do\nQ\n").as_bytes());
                }
                // The layout emits no other operation.
                _ => {}
            }
        }
    }

    /// One font resource: the subset program, its descriptor, widths and /ToUnicode map, and
    /// the Type 0 font (Identity-H) that pages name. Returns the Type 0 font's object number.
    fn font(
        &mut self,
        resource: FontResource,
        subset: &Subset,
        texts: &HashMap<(FontResource, u16), String>,
    ) -> Result<u32, PdfError> {
        use allsorts::{binary::read::ReadScope, subset as cut, tables::OpenTypeFont};
        let face: Face = resource.face;
        let fail = |e: String| PdfError::Write(format!("cannot subset font {resource:?}: {e}"));
        // The embedded faces are TrueType files: read as such, not as allsorts' `FontData`, which
        // would also link its WOFF2 reader and a second Brotli decoder with its 120 KB dictionary.
        let data = ReadScope::new(face.data()).read::<OpenTypeFont<'_>>().map_err(|e| fail(e.to_string()))?;
        let provider = data.table_provider(0).map_err(|e| fail(e.to_string()))?;
        // allsorts keeps the order it is given (composite glyphs' parts go after): code = new id.
        let program = cut::subset(&provider, &subset.glyphs, &cut::SubsetProfile::Pdf, cut::CmapTarget::Unicode)
            .map_err(|e| fail(e.to_string()))?;
        let file = self.stream_object(&format!("/Length1 {}", program.len()), &program, true)?;
        // The resource name's six capitals are the subset tag (ISO 32000-1, 9.6.4).
        let name = format!("{}+{}", resource.name(), face.postscript_name());
        let d = face.descriptor();
        let flags = 32 | if d.italic_angle != 0 { 64 } else { 0 };
        let descriptor = format!(
            "<</Type/FontDescriptor/FontName/{name}/Ascent {}/Descent {}/CapHeight {}/ItalicAngle {}/Flags {flags}/StemV {}/FontBBox[{} {} {} {}]/FontFile2 {file} 0 R>>",
            d.ascent, d.descent, d.ascent, d.italic_angle, d.stem_v, d.bbox[0], d.bbox[1], d.bbox[2], d.bbox[3]
        );
        let descriptor_id = self.reserve();
        self.object(descriptor_id, &descriptor)?;
        // Codes run from 1 without gaps: one run of widths.
        let widths: Vec<String> =
            subset.glyphs[1..].iter().map(|&gid| (face.pdf_width(gid) as i64).to_string()).collect();
        let widths = if widths.is_empty() { String::new() } else { format!("1[{}]", widths.join(" ")) };
        let cmap = to_unicode(resource, subset, texts);
        let cmap_id = self.stream_object("", cmap.as_bytes(), true)?;
        let font = format!(
            "<</Type/Font/Subtype/Type0/BaseFont/{name}/Encoding/Identity-H/ToUnicode {cmap_id} 0 R/DescendantFonts[<</Type/Font/Subtype/CIDFontType2/BaseFont/{name}/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/W[{widths}]/DW 1000/FontDescriptor {descriptor_id} 0 R/CIDToGIDMap/Identity>>]>>"
        );
        let id = self.reserve();
        self.object(id, &font)?;
        Ok(id)
    }
}

impl<W: Write> PageSink for Writer<W> {
    fn stream(&mut self, part: Part, ops: &[Op]) -> Result<(), PdfError> {
        let mut content = std::mem::take(&mut self.content);
        self.encode(ops, &mut content);
        let id = self.stream_object("", &content, true);
        self.content = content;
        let id = id?;
        match part {
            Part::Watermark => self.watermark = Some(id),
            Part::Body => self.bodies.push(id),
            Part::Footer => self.footers.push(id),
        }
        Ok(())
    }
}

/// The /ToUnicode CMap of a font resource: each code to the text its glyph stands for
/// (glyphs standing for nothing, the second glyph of a cluster, get no entry).
fn to_unicode(resource: FontResource, subset: &Subset, texts: &HashMap<(FontResource, u16), String>) -> String {
    let name = resource.name();
    let mut out = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>> def\n/CMapName /{name}-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    );
    let entries: Vec<(usize, &String)> = subset
        .glyphs
        .iter()
        .enumerate()
        .filter_map(|(code, &gid)| texts.get(&(resource, gid)).filter(|t| !t.is_empty()).map(|t| (code, t)))
        .collect();
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (code, text) in chunk {
            out.push_str(&format!("<{code:04X}> <"));
            for unit in text.encode_utf16() {
                out.push_str(&format!("{unit:04X}"));
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

fn colour(out: &mut Vec<u8>, col: &Color, stroke: bool) {
    let (values, operator) = match col {
        Color::Greyscale(g) => (vec![g.percent], if stroke { "G" } else { "g" }),
        Color::Rgb(c) => (vec![c.r, c.g, c.b], if stroke { "RG" } else { "rg" }),
        Color::Cmyk(c) => (vec![c.c, c.m, c.y, c.k], if stroke { "K" } else { "k" }),
        Color::SpotColor(_) => return,
    };
    for v in values {
        out.extend_from_slice(real(v).as_bytes());
        out.push(b' ');
    }
    out.extend_from_slice(operator.as_bytes());
    out.push(b'\n');
}

/// A PDF number: the shortest decimal that reads back as the same `f32`, never an exponent.
fn real(n: f32) -> String {
    if n.is_finite() {
        format!("{n}")
    } else {
        "0".to_owned()
    }
}

/// A literal string of ASCII text (the /Lang tag), escaped.
fn literal(s: &str) -> String {
    let mut out = String::from("(");
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            _ => {}
        }
    }
    out.push(')');
    out
}

/// A text string (ISO 32000-1 §7.9.2.2) in UTF-16BE with its byte-order mark, as hex.
fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

fn pdf_date(seconds: i64) -> String {
    let at = chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    format!("({})", at.format("D:%Y%m%d%H%M%S+00'00'"))
}

/// `content` deflated (zlib format, the fast level) into `out`, by `state` reset for it; false
/// if that failed. The state is kept for the whole file: a fresh one is a few hundred KB, and
/// made and dropped once a stream, with a few small allocations kept between (a footer's
/// shaped page number), glibc put each new one above the last and kept every hole: 430 MB of
/// heap for 30 MB in use after the 2,778 footers of a 100,000-row list (`malloc_stats`).
fn deflate(state: &mut flate2::Compress, content: &[u8], out: &mut Vec<u8>) -> bool {
    state.reset();
    out.clear();
    out.reserve(content.len() / 3 + 64);
    loop {
        let read = state.total_in() as usize;
        match state.compress_vec(&content[read..], out, flate2::FlushCompress::Finish) {
            Ok(flate2::Status::StreamEnd) => return true,
            // Out of room: deflate writes only into the vector's spare capacity.
            Ok(flate2::Status::Ok | flate2::Status::BufError) => out.reserve(out.capacity().max(64)),
            Err(_) => return false,
        }
    }
}

fn image_dict(logo: &Logo, space: &str) -> String {
    format!(
        "/Type/XObject/Subtype/Image/Width {}/Height {}/BitsPerComponent 8/ColorSpace/{space}/Interpolate false",
        logo.width_px, logo.height_px
    )
}

/// Colour channels, the alpha channel if any, and the colour space of 8-bit pixels.
type Split = (Vec<u8>, Option<Vec<u8>>, &'static str);

/// The colour channels, the alpha channel if any, and the colour space of 8-bit pixels.
fn split_pixels(image: RawImage) -> Result<Split, PdfError> {
    let RawImageData::U8(pixels) = image.pixels else {
        return Err(PdfError::InvalidLogo("the pixels are not 8-bit".to_owned()));
    };
    let (channels, alpha, space, bgr) = match image.data_format {
        RawImageFormat::R8 => (1, false, "DeviceGray", false),
        RawImageFormat::RG8 => (2, true, "DeviceGray", false),
        RawImageFormat::RGB8 => (3, false, "DeviceRGB", false),
        RawImageFormat::RGBA8 => (4, true, "DeviceRGB", false),
        RawImageFormat::BGR8 => (3, false, "DeviceRGB", true),
        RawImageFormat::BGRA8 => (4, true, "DeviceRGB", true),
        other => return Err(PdfError::InvalidLogo(format!("unexpected pixel format {other:?}"))),
    };
    if !alpha && !bgr {
        return Ok((pixels, None, space));
    }
    let colours = if alpha { channels - 1 } else { channels };
    let mut colour = Vec::with_capacity(pixels.len() / channels * colours);
    let mut mask = Vec::with_capacity(if alpha { pixels.len() / channels } else { 0 });
    for px in pixels.chunks_exact(channels) {
        if bgr {
            colour.extend_from_slice(&[px[2], px[1], px[0]]);
        } else {
            colour.extend_from_slice(&px[..colours]);
        }
        if alpha {
            mask.push(px[channels - 1]);
        }
    }
    Ok((colour, alpha.then_some(mask), space))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_take_codes_in_the_order_they_are_first_drawn() {
        let mut subset = Subset::new();
        let codes: Vec<u16> = [500, 7, 500, 0, 65_535, 7].iter().map(|&g| subset.code(g)).collect();
        assert_eq!(codes, [1, 2, 1, 0, 3, 2]);
        assert_eq!(subset.glyphs, [0, 500, 7, 65_535], "the subset's order: code = new glyph id");
    }

    #[test]
    fn to_unicode_maps_each_code_to_its_text() {
        let font = FontResource::from_index(0);
        let mut subset = Subset::new();
        let mut texts = HashMap::new();
        for gid in 1..=150u16 {
            subset.code(gid);
            texts.insert((font, gid), if gid == 3 { String::new() } else { "A".to_owned() });
        }
        texts.insert((font, 1), "لا😀".to_owned());
        let cmap = to_unicode(font, &subset, &texts);
        // Both halves of the surrogate pair, and no entry for a glyph standing for nothing.
        assert!(cmap.contains("<0001> <06440627D83DDE00>\n"), "{cmap}");
        assert!(!cmap.contains("<0003>"));
        assert!(cmap.contains("<0096> <0041>\n"));
        // At most 100 entries a block (149 here).
        assert!(cmap.contains("100 beginbfchar") && cmap.contains("49 beginbfchar"), "{cmap}");
    }

    #[test]
    fn one_deflate_state_serves_every_stream() {
        use std::io::Read;
        let mut state = flate2::Compress::new(flate2::Compression::fast(), true);
        let mut out = Vec::new();
        // Larger than any first guess of the output's size, and not compressible: it grows.
        let noise: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for content in [&b"BT /MUNSLP 9 Tf [<0001>]TJ ET\n".repeat(500)[..], &noise[..], b"", b"q Q\n"] {
            assert!(deflate(&mut state, content, &mut out));
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(out.as_slice()).read_to_end(&mut back).unwrap();
            assert_eq!(back, content, "each stream inflates to its own content alone");
        }
    }

    #[test]
    fn strings_and_dates() {
        assert_eq!(literal("en-GB"), "(en-GB)");
        assert_eq!(literal("a(b)\\"), "(a\\(b\\)\\\\)");
        assert_eq!(text_string("Aب"), "<FEFF00410628>");
        assert_eq!(pdf_date(1_747_735_200), "(D:20250520100000+00'00')");
        assert_eq!(real(1.0), "1");
        assert_eq!(real(-0.25), "-0.25");
        assert_eq!(real(f32::NAN), "0");
    }
}

//! A small page-layout layer over printpdf: positioned text measured with the embedded font's
//! own advance widths, wrapped paragraphs, lines and boxes. Coordinates are millimetres from
//! the page's top-left corner, as people measure paper.
//!
//! Document metadata holds only a generic title and the program's name: never a person's name.

use chrono::{DateTime, Utc};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem,
};
use std::sync::OnceLock;

pub const A4_WIDTH: f32 = 210.0;
pub const A4_HEIGHT: f32 = 297.0;
const PT_PER_MM: f32 = 72.0 / 25.4;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
static MONO_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Mono,
}

/// Fonts are parsed once per process: parsing is the slow part of making a PDF.
fn parsed(face: Face) -> &'static ParsedFont {
    static FONTS: OnceLock<[ParsedFont; 3]> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let parse = |bytes: &[u8]| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("the shipped fonts parse")
        };
        [parse(REGULAR_TTF), parse(BOLD_TTF), parse(MONO_TTF)]
    });
    &fonts[face as usize]
}

/// The width of `text` in millimetres at `size` points.
pub fn text_width(face: Face, size: f32, text: &str) -> f32 {
    let font = parsed(face);
    let units_per_em = f32::from(font.font_metrics.units_per_em.max(1));
    let units: u32 = text
        .chars()
        .map(|c| {
            font.lookup_glyph_index(c as u32)
                .map_or(0, |g| u32::from(font.get_horizontal_advance(g)))
        })
        .sum();
    units as f32 / units_per_em * size / PT_PER_MM
}

/// Splits `text` into lines no wider than `width` millimetres, breaking between words.
pub fn wrap(face: Face, size: f32, width: f32, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && text_width(face, size, &candidate) > width {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    lines
}

/// The size in pixels of an image the PDF can embed (PNG), if it can be read.
pub fn image_size(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut warnings = Vec::new();
    printpdf::RawImage::decode_from_bytes(bytes, &mut warnings)
        .ok()
        .map(|i| (i.width, i.height))
}

/// A document being laid out, page by page.
pub struct Pdf {
    doc: PdfDocument,
    fonts: [FontId; 3],
    /// The characters each face has drawn: the font each embeds is its subset for them.
    used: [std::collections::BTreeSet<char>; 3],
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
}

/// A face's subset for a set of characters, made once per process and kept: a month's invoices
/// draw the same characters again and again, and subsetting was a quarter of an invoice's time
/// (issue 23). The subset is what printpdf itself would have made for that document, so the
/// same invoice gives the same bytes.
fn subset(face: Face, chars: &std::collections::BTreeSet<char>) -> ParsedFont {
    use std::collections::{BTreeMap, HashMap};
    use std::sync::Mutex;
    type Key = (usize, String);
    static SUBSETS: OnceLock<Mutex<HashMap<Key, ParsedFont>>> = OnceLock::new();
    let key = (face as usize, chars.iter().collect::<String>());
    let cache = SUBSETS.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(font) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return font.clone();
    }
    let full = parsed(face);
    let glyphs: BTreeMap<u16, String> = chars
        .iter()
        .filter_map(|c| full.lookup_glyph_index(*c as u32).map(|g| (g, c.to_string())))
        .collect();
    let font = printpdf::font::subset_font(full, &glyphs)
        .ok()
        .and_then(|s| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(&s.bytes, 0, &mut warnings)
        })
        .map(|mut font| {
            // The subset tag (ISO 32000-1, 9.6.4) on its name, as printpdf puts it on a subset
            // it makes: six capitals, here from the characters, so that it is the same each time.
            let tag: String = {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                key.hash(&mut h);
                let mut n = h.finish();
                (0..6)
                    .map(|_| {
                        let c = char::from(b'A' + (n % 26) as u8);
                        n /= 26;
                        c
                    })
                    .collect()
            };
            let name = full.font_name.clone().unwrap_or_else(|| "DejaVuSans".into());
            font.font_name = Some(format!("{tag}+{name}"));
            font
        })
        .unwrap_or_else(|| full.clone());
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    // A bound, so that a long run of unusual texts cannot grow it without end: a month of
    // invoices draws some ten sets of characters per face (one per municipality, about).
    if cache.len() >= 64 {
        cache.clear();
    }
    cache.insert(key, font.clone());
    font
}

fn pt(mm: f32) -> Pt {
    Pt(mm * PT_PER_MM)
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(A4_HEIGHT - y_from_top),
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

impl Pdf {
    /// A new A4 document. `title` goes into the metadata and must not name a person.
    pub fn new(title: &str, created: DateTime<Utc>) -> Pdf {
        let mut doc = PdfDocument::new(title);
        let when = printpdf::OffsetDateTime::from_unix_timestamp(created.timestamp())
            .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
        let info = &mut doc.metadata.info;
        info.creator = "Fristad".into();
        info.producer = format!("Fristad {}", env!("CARGO_PKG_VERSION"));
        info.creation_date = when;
        info.modification_date = when;
        info.metadata_date = when;
        // The fonts themselves are put in when the document is saved, each subset for what it drew.
        // Named, not random, so that the same document gives the same bytes.
        let fonts = ["F1", "F2", "F3"].map(|name| FontId(name.to_owned()));
        Pdf {
            doc,
            fonts,
            used: Default::default(),
            pages: Vec::new(),
            ops: Vec::new(),
        }
    }

    /// Text with its baseline at `y` mm from the top.
    pub fn text(&mut self, x: f32, y: f32, size: f32, face: Face, text: &str) {
        self.used[face as usize].extend(text.chars());
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(self.fonts[face as usize].clone()),
                size: Pt(size),
            },
            Op::SetTextCursor { pos: point(x, y) },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Text ending at `x_right`: for amounts in columns.
    pub fn text_right(&mut self, x_right: f32, y: f32, size: f32, face: Face, text: &str) {
        let w = text_width(face, size, text);
        self.text(x_right - w, y, size, face, text);
    }

    /// A paragraph wrapped to `width`; returns the baseline below its last line.
    pub fn paragraph(&mut self, x: f32, y: f32, width: f32, size: f32, face: Face, text: &str) -> f32 {
        let leading = size * 1.45 / PT_PER_MM;
        let mut y = y;
        for line in wrap(face, size, width, text) {
            self.text(x, y, size, face, &line);
            y += leading;
        }
        y
    }

    /// A horizontal line; `level` 0 is black, 1 white.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness_pt: f32, level: f32) {
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: grey(level) },
            Op::SetOutlineThickness { pt: Pt(thickness_pt) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: point(x1, y),
                            bezier: false,
                        },
                        LinePoint {
                            p: point(x2, y),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// A box with its top-left corner at (`x`, `y`), filled with grey `fill` or only outlined.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<f32>, outline: Option<f32>) {
        let mode = match (fill, outline) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            _ => PaintMode::Stroke,
        };
        self.ops.push(Op::SaveGraphicsState);
        if let Some(f) = fill {
            self.ops.push(Op::SetFillColor { col: grey(f) });
        }
        if let Some(o) = outline {
            self.ops.push(Op::SetOutlineColor { col: grey(o) });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(0.8) });
        }
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: pt(x),
                y: pt(A4_HEIGHT - y - h),
                width: pt(w),
                height: pt(h),
                mode: Some(mode),
                winding_order: None,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// An image fitted into a box `max_w` × `max_h` mm with its top-left corner at (`x`, `y`),
    /// keeping its proportions. Returns its width in mm (0 if it cannot be read).
    pub fn image(&mut self, bytes: &[u8], x: f32, y: f32, max_w: f32, max_h: f32) -> f32 {
        let mut warnings = Vec::new();
        let Ok(image) = printpdf::RawImage::decode_from_bytes(bytes, &mut warnings) else {
            return 0.0;
        };
        let (w_px, h_px) = (image.width as f32, image.height as f32);
        if w_px <= 0.0 || h_px <= 0.0 {
            return 0.0;
        }
        let scale = (max_w / w_px).min(max_h / h_px);
        let (w, h) = (w_px * scale, h_px * scale);
        let id = self.doc.add_image(&image);
        // At 72 dpi one pixel is one point; scale from there to the wanted size in millimetres.
        let to_pt = scale * PT_PER_MM;
        self.ops.push(Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(pt(x)),
                translate_y: Some(pt(A4_HEIGHT - y - h)),
                scale_x: Some(to_pt),
                scale_y: Some(to_pt),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
        w
    }

    /// A box filled with a colour (`rgb` from 0 to 1), top-left corner at (`x`, `y`).
    pub fn fill_rgb(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: (f32, f32, f32)) {
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetFillColor {
            col: Color::Rgb(printpdf::Rgb::new(rgb.0, rgb.1, rgb.2, None)),
        });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: pt(x),
                y: pt(A4_HEIGHT - y - h),
                width: pt(w),
                height: pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// Text centred on `x`.
    pub fn text_center(&mut self, x: f32, y: f32, size: f32, face: Face, text: &str) {
        let w = text_width(face, size, text);
        self.text(x - w / 2.0, y, size, face, text);
    }

    /// Ends the current page and starts a new one.
    pub fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(PdfPage::new(Mm(A4_WIDTH), Mm(A4_HEIGHT), ops));
    }

    /// The finished PDF's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.save(true)
    }

    /// The finished PDF's bytes with its streams not yet compressed, for a document that is
    /// signed next: `signing::sign_pdf` compresses them once, at a quicker level than printpdf's
    /// best (which took a third of an invoice's time).
    pub fn finish_for_signing(self) -> Vec<u8> {
        self.save(false)
    }

    fn save(mut self, compress: bool) -> Vec<u8> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        for face in [Face::Regular, Face::Bold, Face::Mono] {
            let chars = &self.used[face as usize];
            if chars.is_empty() {
                continue;
            }
            let meta = printpdf::PrintpdfFontMeta {
                embedding_mode: printpdf::FontEmbeddingMode::Full,
                requires_subsetting: false,
                ..Default::default()
            };
            self.doc.resources.fonts.map.insert(
                self.fonts[face as usize].clone(),
                printpdf::PdfFont::with_meta(subset(face, chars), meta),
            );
        }
        let mut warnings = Vec::new();
        let options = PdfSaveOptions {
            optimize: compress,
            ..PdfSaveOptions::default()
        };
        self.doc.with_pages(self.pages).save(&options, &mut warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same document gives the same bytes (but for the file identifier printpdf draws at
    /// random for the trailer), its fonts subset once and then kept: each face embedded only if
    /// drawn, and marked as a subset.
    #[test]
    fn the_same_document_gives_the_same_bytes_and_embeds_subsets_of_what_it_drew() {
        let at: DateTime<Utc> = "2026-03-01T09:00:00Z".parse().unwrap();
        let make = || {
            let mut pdf = Pdf::new("Faktura", at);
            pdf.text(20.0, 20.0, 12.0, Face::Bold, "Faktura 2026-0001");
            pdf.text(20.0, 30.0, 10.0, Face::Regular, "Borås Stad, Box 1, 501 80 Borås");
            pdf.finish_for_signing()
        };
        let without_id = |pdf: Vec<u8>| {
            let text = String::from_utf8_lossy(&pdf).into_owned();
            let at = text.rfind("/ID[").expect("a trailer identifier");
            let end = at + text[at..].find(']').expect("its end");
            format!("{}{}", &text[..at], &text[end..])
        };
        let (a, b) = (without_id(make()), without_id(make()));
        assert!(a == b, "the same document, other bytes");
        let text = a;
        assert!(text.matches("+DejaVuSans").count() >= 2, "subset tags on both faces");
        assert!(!text.contains("DejaVuSansMono"), "the face not drawn is not embedded");
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = text_width(Face::Regular, 10.0, "Borås");
        assert!(a > 5.0 && a < 15.0, "{a}");
        assert!(text_width(Face::Regular, 20.0, "Borås") > 1.9 * a);
        assert!(text_width(Face::Bold, 10.0, "Borås") > a);
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let text = "Med den här nyckeln kan databasen öppnas även om nyckelringen eller lösenfrasen går förlorad.";
        let lines = wrap(Face::Regular, 11.0, 60.0, text);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(text_width(Face::Regular, 11.0, l) <= 60.0, "{l}");
        }
    }
}

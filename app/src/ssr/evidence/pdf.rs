//! A small document writer over printpdf: A4 pages of wrapped text in DejaVu Sans, flowing onto
//! new pages as needed. Enough for certificates and CPD logs, which are text.

use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem,
};

const REGULAR: &[u8] = include_bytes!("../../../fonts/DejaVuSans-Latin.ttf");
const BOLD: &[u8] = include_bytes!("../../../fonts/DejaVuSans-Bold-Latin.ttf");

const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.7;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// The fonts, parsed once per process.
fn fonts() -> &'static Option<(ParsedFont, ParsedFont)> {
    static FONTS: OnceLock<Option<(ParsedFont, ParsedFont)>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let parse = |bytes| ParsedFont::from_bytes(bytes, 0, &mut Vec::new());
        Some((parse(REGULAR)?, parse(BOLD)?))
    })
}

/// A kind of text, with its font, size and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Title,
    Heading,
    Body,
    Strong,
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 24.0,
            Style::Heading => 15.0,
            Style::Body | Style::Strong => 11.0,
            Style::Small => 9.0,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Style::Title | Style::Heading | Style::Strong)
    }

    fn grey(self) -> f32 {
        if self == Style::Small { 0.3 } else { 0.13 }
    }
}

pub struct Writer {
    document: PdfDocument,
    regular: FontId,
    bold: FontId,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
    /// Distance of the next line's top from the bottom of the page, in points.
    y: f32,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the PDF fonts could not be read")]
pub struct FontsMissing;

impl Writer {
    pub fn new(title: &str) -> Result<Self, FontsMissing> {
        let (regular, bold) = fonts().as_ref().ok_or(FontsMissing)?;
        let mut document = PdfDocument::new(title);
        let (regular, bold) = (document.add_font(regular), document.add_font(bold));
        Ok(Writer { document, regular, bold, pages: Vec::new(), ops: Vec::new(), y: PAGE_HEIGHT - MARGIN })
    }

    /// Text in `style`, wrapped to the page width; a line break in `text` starts a new line.
    pub fn text(&mut self, style: Style, text: &str) {
        self.text_indented(style, text, 0.0);
    }

    /// An item of a bulleted list.
    pub fn bullet(&mut self, text: &str) {
        let size = Style::Body.size();
        self.ensure_room(size * 1.4);
        self.show(Style::Body, "•", MARGIN + 4.0, self.y - size);
        self.text_indented(Style::Body, text, 18.0);
    }

    /// Vertical space, in points.
    pub fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// A thin horizontal line across the text width.
    pub fn rule(&mut self) {
        self.ensure_room(12.0);
        self.y -= 6.0;
        let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(self.y) }, bezier: false };
        self.ops.extend([
            Op::SetOutlineColor { col: grey(0.6) },
            Op::SetOutlineThickness { pt: Pt(0.75) },
            Op::DrawLine {
                line: Line { points: vec![point(MARGIN), point(PAGE_WIDTH - MARGIN)], is_closed: false },
            },
        ]);
        self.y -= 6.0;
    }

    /// The finished PDF.
    pub fn finish(mut self) -> Vec<u8> {
        self.break_page();
        let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
        self.document.with_pages(self.pages).save(&options, &mut Vec::new())
    }

    fn text_indented(&mut self, style: Style, text: &str, indent: f32) {
        let size = style.size();
        let leading = size * 1.35;
        for paragraph in text.lines() {
            for line in wrap(&printable(paragraph, style), style, TEXT_WIDTH - indent) {
                self.ensure_room(leading);
                self.show(style, &line, MARGIN + indent, self.y - size);
                self.y -= leading;
            }
        }
        self.y -= size * 0.5;
    }

    fn show(&mut self, style: Style, text: &str, x: f32, baseline: f32) {
        let font = if style.bold() { self.bold.clone() } else { self.regular.clone() };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: grey(style.grey()) },
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(style.size()) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ]);
    }

    fn ensure_room(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.break_page();
        }
    }

    fn break_page(&mut self) {
        if !self.ops.is_empty() {
            let ops = std::mem::take(&mut self.ops);
            self.pages.push(PdfPage::new(Mm::from(Pt(PAGE_WIDTH)), Mm::from(Pt(PAGE_HEIGHT)), ops));
        }
        self.y = PAGE_HEIGHT - MARGIN;
    }
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb { r: level, g: level, b: level, icc_profile: None })
}

fn font_for(style: Style) -> Option<&'static ParsedFont> {
    fonts().as_ref().map(|(regular, bold)| if style.bold() { bold } else { regular })
}

/// The text with every character the font lacks replaced by "?".
fn printable(text: &str, style: Style) -> String {
    let Some(font) = font_for(style) else { return text.to_owned() };
    text.chars().map(|c| if font.lookup_glyph_index(c as u32).is_some() { c } else { '?' }).collect()
}

/// The width of `text` in points.
fn width(text: &str, style: Style) -> f32 {
    let Some(font) = font_for(style) else { return 0.0 };
    let units = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    let advance: u32 = text
        .chars()
        .filter_map(|c| font.lookup_glyph_index(c as u32))
        .map(|gid| u32::from(font.get_glyph_width(gid).unwrap_or(0)))
        .sum();
    advance as f32 / units * style.size()
}

/// Breaks a paragraph into lines no wider than `max` points, at spaces where it can and inside
/// words longer than a line.
fn wrap(paragraph: &str, style: Style, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in paragraph.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if width(&candidate, style) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if width(&format!("{line}{c}"), style) > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_never_run_past_the_margin() {
        let text = "Reduce the dose by about an eighth every two weeks, slowing down if withdrawal symptoms \
                    become hard to bear. "
            .repeat(5);
        let lines = wrap(&text, Style::Body, TEXT_WIDTH);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| width(l, Style::Body) <= TEXT_WIDTH), "{lines:#?}");
        assert_eq!(
            lines.join(" ").split_whitespace().count(),
            text.split_whitespace().count(),
            "no word lost"
        );
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken_inside() {
        let long = "x".repeat(400);
        let lines = wrap(&long, Style::Body, TEXT_WIDTH);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), long);
    }

    #[test]
    fn characters_the_font_lacks_become_question_marks() {
        assert_eq!(printable("Łukasz Ștefan Gül", Style::Body), "Łukasz Ștefan Gül");
        assert_eq!(printable("王 😀", Style::Body), "? ?");
    }

    #[test]
    fn a_long_document_flows_onto_more_pages_and_its_text_can_be_read_back() -> Result<(), FontsMissing> {
        let mut writer = Writer::new("Test")?;
        writer.text(Style::Title, "Certificate for Dr Łukasz Nowak");
        for n in 0..120 {
            writer.bullet(&format!("Outcome number {n}"));
        }
        let bytes = writer.finish();
        let document = lopdf::Document::load_mem(&bytes).expect("a PDF");
        let pages: Vec<u32> = document.get_pages().keys().copied().collect();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let text = document.extract_text(&pages).expect("text");
        assert!(text.contains("Dr Łukasz Nowak"), "{text}");
        assert!(text.contains("Outcome number 119"));
        Ok(())
    }
}

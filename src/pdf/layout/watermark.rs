//! Watermarks: a few words, large, light grey and diagonal, behind each page's content
//! (drawn first, so text and tables stay fully legible over them).

use printpdf::{CurTransMat, Op};

use super::{vertical_metrics, Canvas, Layouter, Part};
use crate::pdf::text::Style;

const SIZE: f32 = 64.0;
const INK: f32 = 0.86;
/// From bottom left to top right.
const ANGLE_DEGREES: f32 = 45.0;

impl Layouter<'_> {
    /// The watermark, one stream that every page draws first.
    pub(super) fn watermark(&mut self, text: &str) {
        let laid = self.lay(text, Style::weight(true), SIZE, f32::INFINITY);
        let Some(line) = laid.lines.first() else { return };
        let (page_width, page_height) = (self.geometry.page_width, self.geometry.page_height);
        // Shrink to fit the page's diagonal with a margin.
        let diagonal = (page_width * page_width + page_height * page_height).sqrt();
        let scale = (diagonal * 0.6 / line.width.max(1.0)).min(1.0);
        let size = SIZE * scale;
        let laid = self.lay(text, Style::weight(true), size, f32::INFINITY);
        let Some(line) = laid.lines.first() else { return };
        let m = vertical_metrics();
        let (sin, cos) = ANGLE_DEGREES.to_radians().sin_cos();
        // Drawn with its centre at the origin, which the matrix puts at the page centre.
        let mut canvas = Canvas::new(0.0);
        canvas.fill = INK;
        let baseline = (m.ascent - m.descent) * size / 2.0;
        self.draw_line_on(&mut canvas, line, -line.width / 2.0, baseline, size);
        let mut wrapped = Canvas::new(0.0);
        wrapped.ops = vec![
            Op::SaveGraphicsState,
            Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw([cos, sin, -sin, cos, page_width / 2.0, page_height / 2.0]),
            },
        ];
        wrapped.ops.extend(canvas.finish());
        wrapped.ops.push(Op::RestoreGraphicsState);
        self.emit(Part::Watermark, wrapped);
    }
}

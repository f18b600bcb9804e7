"""ReportLab on the rows of the participant-list bench, for comparison (benches/pdf_participants.rs).

Usage: python3 reportlab_list.py ROWS.csv OUT.pdf FONT_DIR
Prints: seconds, peak RSS in KiB, pages. The same table as Muntada's: four columns, category
rows spanning the table, the header repeated on each page, "Page N of M" at the foot (the
usual two-pass canvas, which keeps every page until the total is known). Noto Sans, embedded
and subset as Muntada's fonts are; ReportLab does not shape Arabic, so the Arabic cells come
out as unjoined, reversed or missing letters: the figures are for a plain table.
"""

import csv
import resource
import sys
import time

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle


class NumberedCanvas(canvas.Canvas):
    """Keeps each page's state and writes "Page N of M" once M is known."""

    def __init__(self, *args, **kwargs):
        canvas.Canvas.__init__(self, *args, **kwargs)
        self._saved = []

    def showPage(self):
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self.setFont("Noto", 8)
            self.drawCentredString(A4[0] / 2, 12 * mm, f"Page {self._pageNumber} of {total}")
            canvas.Canvas.showPage(self)
        canvas.Canvas.save(self)


def main():
    rows_path, out_path, font_dir = sys.argv[1:4]
    start = time.perf_counter()
    pdfmetrics.registerFont(TTFont("Noto", f"{font_dir}/NotoSans-Regular.ttf"))
    pdfmetrics.registerFont(TTFont("Noto-Bold", f"{font_dir}/NotoSans-Bold.ttf"))
    with open(rows_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    width = len(rows[0])
    data, style = [], [
        ("FONT", (0, 0), (-1, -1), "Noto", 9),
        ("FONT", (0, 0), (-1, 0), "Noto-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.Color(0.75, 0.75, 0.75)),
    ]
    for i, row in enumerate(rows):
        if len(row) == 1 and i > 0:
            style.append(("SPAN", (0, i), (-1, i)))
            style.append(("FONT", (0, i), (-1, i), "Noto-Bold", 9))
            style.append(("BACKGROUND", (0, i), (-1, i), colors.Color(0.94, 0.94, 0.94)))
        data.append(row + [""] * (width - len(row)))
    table = LongTable(data, colWidths=[52 * mm, 62 * mm, 28 * mm, 28 * mm], repeatRows=1)
    table.setStyle(TableStyle(style))
    doc = SimpleDocTemplate(out_path, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm)
    doc.build([table], canvasmaker=NumberedCanvas)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{seconds} {peak_kib} {doc.page}")


if __name__ == "__main__":
    main()

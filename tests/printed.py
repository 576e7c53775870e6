"""Output sheets as printed: rendered to PDF by LibreOffice, read back page by page with poppler.

What a page says is taken from its extracted text (pdftotext -layout), where each word
sits from pdftotext -bbox and at what size its text was printed from pdftohtml, so a test
can check that a footer is inside its band, that no two words overprint each other, that
no page was scaled too small to read, and how far down a page its content reaches.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from libreoffice import probe


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]
    text: str  # the layout text of the page
    type_size: float = 0.0  # the median size its text was printed at, points (type_sizes)

    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    def overprinted(self) -> list[tuple[str, str]]:
        """Pairs of words whose boxes overlap by more than a sliver: text printed over text."""
        out = []
        words = sorted(self.words, key=lambda w: w.y0)
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b.y0 >= a.y1 - 1.0:
                    break
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.y1, b.y1) - max(a.y0, b.y0)
                # Lines of one wrapped text touch (tight leading); text over text covers much more.
                if dx > 1.0 and dy > 0.4 * min(a.y1 - a.y0, b.y1 - b.y0):
                    out.append((a.text, b.text))
        return out


def render(book: Path, sheets: list[str], folder: Path) -> dict[str, list[Page]]:
    """Each sheet of `book` printed to PDF by LibreOffice (one start for all), as pages."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) not installed")
    args: list[str] = []
    pdfs = {}
    for sheet in sheets:
        pdfs[sheet] = folder / (re.sub(r"\W+", "_", sheet) + ".pdf")
        args += ["--pdf", sheet, str(pdfs[sheet])]
    probe(book, *args)
    return {sheet: pages(pdf) for sheet, pdf in pdfs.items()}


def pages(pdf: Path) -> list[Page]:
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out: list[Page] = []
    for n, chunk in enumerate(re.split(r"<page ", bbox)[1:], start=1):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        words = [Word(float(a), float(b), float(c), float(d), _unescape(t)) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', chunk)]
        text = subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        out.append(Page(n, float(size[1]), float(size[2]), words, text))
    for page, type_size in zip(out, type_sizes(pdf)):
        page.type_size = type_size
    return out


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def footer_problems(pages: list[Page], bottom: float, footer: float) -> list[str]:
    """Pages whose 'Halaman N dari M' is missing, wrong, or not inside the footer band that the
    sheet's margins (inches) define: from `bottom` above the page's lower edge down to `footer`."""
    problems = []
    for page in pages:
        expected = f"Halaman {page.number} dari {len(pages)}"
        if expected not in " ".join(page.lines()[-2:]):
            problems.append(f"page {page.number}: no '{expected}' at its foot")
            continue
        word = max((w for w in page.words if w.text == "Halaman"), key=lambda w: w.y0)
        top, low = page.height - bottom * 72, page.height - footer * 72
        if word.y0 < top - 1.5 or word.y1 > low + 1.5:
            problems.append(f"page {page.number}: footer at {word.y0:.1f}-{word.y1:.1f} pt, band {top:.1f}-{low:.1f}")
    return problems


def body_reach(page: Page, bottom: float) -> float:
    """How far down the printable body the page's content reaches (0..1), footer left out."""
    limit = page.height - bottom * 72
    body = [w for w in page.words if w.y1 <= limit]
    top = min(w.y0 for w in body)
    return (max(w.y1 for w in body) - top) / (limit - top)


def margins(book: Path, sheet: str) -> tuple[float, float]:
    """(bottom, footer) page margins in inches, as the file sets them for `sheet`."""
    import openpyxl

    ws = openpyxl.load_workbook(book, read_only=False, keep_vba=False)[sheet]
    return ws.page_margins.bottom, ws.page_margins.footer


ZOOM = 3  # pdftohtml rounds font sizes to whole units of its zoomed page: a third of a point here


def type_sizes(pdf: Path) -> list[float]:
    """The median type size (points, by character) of each page of `pdf`: the size its text was
    printed at after the page was scaled to fit."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-zoom", str(ZOOM), "-stdout", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    sizes = {i: int(s) / ZOOM for i, s in re.findall(r'<fontspec id="(\d+)" size="(\d+)"', xml)}
    out = []
    for page in re.split(r"<page ", xml)[1:]:
        chars = sorted(size for font, text in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', page)
                       for size in [sizes[font]] * len(re.sub(r"<[^>]+>", "", text).strip()))
        out.append(chars[len(chars) // 2] if chars else 0.0)
    return out


def sheet_font_size(book: Path) -> float:
    """The size of the workbook's default font, the one the output sheets' cells use."""
    import openpyxl

    return float(openpyxl.load_workbook(book, read_only=True)._fonts[0].sz)


READABLE = 0.8  # of the sheet's own font: the smallest print a page may scale to


def too_small(pages: list[Page], font: float) -> list[str]:
    """Pages whose text was printed below READABLE of the sheet's font size (pdftohtml gives sizes
    to a third of a point: allowed for)."""
    return [f"page {p.number}: {p.type_size:.2f} pt for a {font:g} pt font" for p in pages
            if p.type_size < READABLE * font - 0.5 / ZOOM]

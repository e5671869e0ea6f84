#!/usr/bin/env python3
"""The Typst anchor of bench/run.sh: one .typ file per built HTML copy.

    bench/typst_paper.py OUT_DIR BUILD_DIR/*/ema-update.html

Each trust's HTML copy (the same content as its PDF: front sheet,
governance table with its nested alignment table, body, callouts, closing
list, appendix) is turned into Typst markup: headings at their level,
paragraphs, nested lists, tables with their header cells (table.header
for a header row, the governance labels as a first column), links,
strong and emphasis. Page: A4, Liberation Sans 11 pt, running header and
page numbers, as boardpaper sets them. Only the standard library.
"""

import html.parser
import os
import sys

VOID = {"br", "img", "meta", "link", "hr", "input", "wbr"}
SPECIAL = set('\\*_#$@<>[]`~=-+/"\'')


def esc(text):
    return "".join("\\" + c if c in SPECIAL else c for c in text)


class ToTypst(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []          # finished blocks
        self.buf = []          # current inline text
        self.lists = []        # stack of "-" / "+"
        self.skip = 0          # inside <style>, <script>, <nav>, <title>
        self.tables = []       # stack of [rows]; a row is [(is_th, text)]
        self.cell = None       # (is_th, buf) of the open cell
        self.link = []

    # blocks -------------------------------------------------------------
    def flush(self, prefix=""):
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if text:
            self.emit(prefix + text)

    def emit(self, block):
        if self.cell is not None:
            self.cell[1].append(block)
        else:
            self.out.append(block)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.skip:
            self.skip += tag not in VOID
        elif tag in ("style", "script", "title", "nav") or a.get("class") == "skip-link":
            self.skip = 1
        elif tag in ("p", "div", "blockquote", "section", "header", "footer"):
            self.flush(self.item_prefix())
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush(self.item_prefix())
            self.lists.append("-" if tag == "ul" else "+")
        elif tag == "li":
            self.flush(self.item_prefix())
        elif tag == "table":
            self.flush()
            self.tables.append({"rows": [], "cell": self.cell})
            self.cell = None
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = (tag == "th", [])
        elif tag == "br":
            self.buf.append(" \\\n")
        elif tag in ("strong", "b"):
            self.buf.append("#strong[")
        elif tag in ("em", "i"):
            self.buf.append("#emph[")
        elif tag == "a" and a.get("href", "").startswith("http"):
            self.buf.append('#link("%s")[' % a["href"].replace('"', "%22"))
            self.link.append(True)
        elif tag == "a":
            self.link.append(False)

    def item_prefix(self):
        return ""

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush("=" * int(tag[1]) + " ")
        elif tag == "li":
            self.flush("  " * (len(self.lists) - 1) + (self.lists[-1] if self.lists else "-") + " ")
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag in ("p", "div", "blockquote"):
            self.flush()
        elif tag in ("td", "th") and self.cell is not None:
            self.flush()
            is_th, parts = self.cell
            self.cell = None
            self.tables[-1]["rows"][-1].append((is_th, "\n".join(parts)))
        elif tag == "table" and self.tables:
            t = self.tables.pop()
            self.cell = t["cell"]
            self.emit(table(t["rows"]))
        elif tag in ("strong", "b", "em", "i"):
            self.buf.append("]")
        elif tag == "a" and self.link:
            if self.link.pop():
                self.buf.append("]")

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(esc(data))


def table(rows):
    rows = [r for r in rows if r]
    if not rows:
        return ""
    cols = max(len(r) for r in rows)
    lines = ["#table(", "  columns: %d," % cols]
    for i, row in enumerate(rows):
        cells = ", ".join("[%s]" % text for _, text in row)
        if i == 0 and all(th for th, _ in row) and len(rows) > 1:
            lines.append("  table.header(%s)," % cells)
        else:
            lines.append("  %s," % cells)
    lines.append(")")
    return "\n".join(lines)


PREAMBLE = """#set document(title: "%s", author: "East Midlands Alliance")
#set text(font: "Liberation Sans", size: 11pt, lang: "en", region: "gb")
#set page(paper: "a4", margin: 2cm,
  header: [%s #h(1fr) East Midlands Alliance Common Board Paper],
  footer: context [#h(1fr) Page #counter(page).display() of #counter(page).final().first()])
#set heading(numbering: none)
"""


def main():
    out_dir, pages = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    for path in pages:
        trust = os.path.basename(os.path.dirname(path))
        parser = ToTypst()
        with open(path, encoding="utf-8") as f:
            parser.feed(f.read())
        parser.flush()
        body = "\n\n".join(b for b in parser.out if b)
        with open(os.path.join(out_dir, trust + ".typ"), "w", encoding="utf-8") as f:
            f.write(PREAMBLE % ("East Midlands Alliance Common Board Paper", trust.upper()))
            f.write(body + "\n")


if __name__ == "__main__":
    main()

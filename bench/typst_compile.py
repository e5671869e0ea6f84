#!/usr/bin/env python3
"""Compiles every .typ file in a folder to PDF with Typst (PyPI `typst`),
in one process, as Typst tags by default: the anchor of bench/run.sh.

    typst_compile.py TYP_DIR FONT_DIR
"""

import pathlib
import sys

import typst

src, fonts = pathlib.Path(sys.argv[1]), sys.argv[2]
for typ in sorted(src.glob("*.typ")):
    typst.compile(str(typ), output=str(typ.with_suffix(".pdf")), font_paths=[fonts])

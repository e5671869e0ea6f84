#!/usr/bin/env python3
"""Writes the Markdown of a 40-page board paper (seeded, the same every
time) for timing `boardpaper import`: a cover-sheet table, 20 sections of
paragraphs, nested lists, a table and footnotes. Convert it to Word with
Pandoc and time the import (see README, Benchmarks):

    python3 bench/word40.py > /tmp/word40.md
    pandoc /tmp/word40.md -o /tmp/word40.docx
    /usr/bin/time -v boardpaper --project PROJECT import /tmp/word40.docx --paper word40
"""
import random

random.seed(40)
WORDS = ("board assurance quality safety workforce finance estates patients "
         "services community inpatient capacity demand recovery plan risk "
         "governance partnership delivery improvement performance staff "
         "vacancy agency budget capital programme review committee").split()


def sentence(n):
    w = [random.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def paragraph():
    return " ".join(sentence(random.randint(10, 20)) for _ in range(5))


print("---\ntitle: Annual Operating Plan 2024/25\n---\n")
print("| Executive lead: | Director of Strategy |\n|---|---|")
print("| Author: | Head of Planning |\n| Date submitted: | 12 March 2024 |")
print("| Assurance: | Assured |\n| Purpose | To approve the operating plan. |\n")
note = 0
for s in range(1, 21):
    print(f"# Section {s}: {sentence(4)[:-1]}\n")
    for _ in range(5):
        note += 1
        print(paragraph() + f"[^{note}]\n")
        print(f"[^{note}]: {sentence(8)}\n")
    print("- " + sentence(6) + "\n    - " + sentence(6) + "\n- " + sentence(6) + "\n")
    print("| Measure | Q1 | Q2 | Q3 | Q4 |\n|---|---|---|---|---|")
    for _ in range(6):
        print("| " + sentence(3)[:-1] + " | " + " | ".join(str(random.randint(1, 999)) for _ in range(4)) + " |")
    print()

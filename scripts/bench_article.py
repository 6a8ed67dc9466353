#!/usr/bin/env python3
"""Writes benches/data/germeval-10k.txt: 10,000 words of GermEval 2014 sentences the tagger never
trained on (the held-out every 5th sentence, see `germeval_to_brat.py`), four sentences to a
paragraph. `cargo bench --bench analysis` times the whole analysis on it next to the seeds
repeated to the same length.

GermEval sentences come from many different news and Wikipedia articles, so this text has far
more distinct words and names than one real article: a pessimistic stand-in, where the repeated
seeds are an optimistic one.

GermEval 2014 NER data: CC BY 4.0, Benikova, Biemann, Kisselew, Padó (2014).

    python3 scripts/bench_article.py ../shared/data/germeval2014
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from germeval_to_brat import render, sentences  # noqa: E402

WORDS = 10_000
OUTPUT = os.path.join(os.path.dirname(__file__), "..", "benches", "data", "germeval-10k.txt")


def main(data):
    paragraphs, paragraph, words = [], [], 0
    for index, tokens in enumerate(sentences(os.path.join(data, "NER-de-test.tsv"))):
        if index % 5 != 4:
            continue
        text, _ = render(tokens)
        paragraph.append(text)
        words += len(text.split())
        if len(paragraph) == 4:
            paragraphs.append(" ".join(paragraph))
            paragraph = []
        if words >= WORDS:
            break
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    with open(OUTPUT, "w", encoding="utf-8") as out:
        out.write("\n\n".join(paragraphs) + "\n")
    print(f"{words} words in {len(paragraphs)} paragraphs → {os.path.normpath(OUTPUT)}")


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""Convert SpkAtt-2023 JSON documents into brat `.txt` + gold `.ann` pairs for claim evaluation.

SpkAtt is CC BY-NC-SA and evaluation-only: write the output OUTSIDE the repository
(default /tmp/spkatt). Nothing produced here may be committed.

Each annotation becomes `Message`, `Source` and `Cue` T lines (discontinuous spans as brat
fragments `start end;start end`), an `R` line `Source Arg1:<message> Arg2:<source>`, an `R`
line `Cue Arg1:<message> Arg2:<cue>` and an `A` line `Form <message> <form>`. Offsets are in
code points, as brat expects. The text is re-joined from the tokens with the spacing a
German newspaper would use, one sentence after another separated by a space.

Usage: scripts/spkatt_to_brat.py [--input DIR] [--output DIR] [--split all|dev|heldout]

`--split` keeps rules honest: look at misses only in `dev`; `heldout` (articles whose numeric id,
the number that starts the file name, is divisible by 4) is for figures only.
"""

import argparse
import json
import pathlib
import sys

NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "“", "”", "«", "‘", "%", "…"}
NO_SPACE_AFTER = {"(", "[", "{", "„", "»", "‚"}
STRAIGHT_QUOTES = {'"', "'"}


def join_tokens(sentences):
    """Returns the text and, per sentence, the (start, end) code-point offsets of each token."""
    parts = []
    offsets = []
    length = 0
    previous = None
    straight_open = False
    for sentence in sentences:
        token_offsets = []
        for token in sentence["Tokens"]:
            space = previous is not None
            if token in NO_SPACE_BEFORE:
                space = False
            if previous in NO_SPACE_AFTER:
                space = False
            if token in STRAIGHT_QUOTES:
                # An opening straight quote takes a space before it, a closing one does not.
                if straight_open:
                    space = False
                straight_open = not straight_open
            elif previous in STRAIGHT_QUOTES and straight_open:
                space = False
            if space:
                parts.append(" ")
                length += 1
            token_offsets.append((length, length + len(token)))
            parts.append(token)
            length += len(token)
            previous = token
        offsets.append(token_offsets)
    return "".join(parts), offsets


def fragments(references, offsets):
    """Merges token references "S:T" into contiguous code-point fragments."""
    spans = []
    for reference in references:
        sentence, token = (int(x) for x in reference.split(":"))
        if sentence < len(offsets) and token < len(offsets[sentence]):
            spans.append(offsets[sentence][token])
    spans.sort()
    merged = []
    for start, end in spans:
        # Tokens separated only by a space (or nothing) join one fragment.
        if merged and start - merged[-1][1] <= 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def convert(document):
    text, offsets = join_tokens(document["Sentences"])
    lines = []
    next_t = 1
    next_r = 1
    next_a = 1

    def add_span(label, references):
        nonlocal next_t
        spans = fragments(references, offsets)
        if not spans:
            return None
        tid = f"T{next_t}"
        next_t += 1
        location = ";".join(f"{s} {e}" for s, e in spans)
        covered = " ".join(text[s:e] for s, e in spans)
        lines.append(f"{tid}\t{label} {location}\t{covered}")
        return tid

    for annotation in document["Annotations"]:
        message = add_span("Message", annotation["Message"])
        if message is None:
            continue
        source = add_span("Source", annotation["Source"])
        cue = add_span("Cue", annotation["Cue"])
        if source:
            lines.append(f"R{next_r}\tSource Arg1:{message} Arg2:{source}")
            next_r += 1
        if cue:
            lines.append(f"R{next_r}\tCue Arg1:{message} Arg2:{cue}")
            next_r += 1
        lines.append(f"A{next_a}\tForm {message} {annotation['Form']}")
        next_a += 1
    return text, lines


def in_split(stem, split):
    """Held-out articles are those whose numeric id is divisible by 4; dev is the rest."""
    if split == "all":
        return True
    heldout = int(stem) % 4 == 0
    return heldout == (split == "heldout")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default="/work/shared/data/spkatt2023")
    parser.add_argument("--output", default="/tmp/spkatt")
    parser.add_argument("--split", choices=("all", "dev", "heldout"), default="all")
    args = parser.parse_args()
    output = pathlib.Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(pathlib.Path(args.input).glob("*.json")):
        stem = path.stem.split(" ", 1)[0]
        if not in_split(stem, args.split):
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        text, lines = convert(document)
        (output / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
        (output / f"{stem}.ann").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        count += 1
    print(f"wrote {count} documents to {output}", file=sys.stderr)


if __name__ == "__main__":
    main()

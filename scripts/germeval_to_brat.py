#!/usr/bin/env python3
"""Writes the GermEval 2014 sentences the tagger never trained on (every 5th sentence of the
dev and test files, as `examples/train_ner.rs` holds them out) as .txt + gold .ann pairs, so
`dossier eval` can score the whole pipeline (tagger, gazetteers, linking) on them:

    python3 scripts/germeval_to_brat.py ../shared/data/germeval2014 /tmp/germeval-heldout
    cargo run --release -- eval --gold /tmp/germeval-heldout /tmp/germeval-heldout

Outer labels only; `deriv` and `part` labels are not names and are left out; OTH → MISC.
Sentences are joined 50 to a file (GermEval sentences are independent, so a file is not an
article; it only keeps the number of files small).
"""
import os
import sys

NO_SPACE_BEFORE = set(".,;:!?)]}»“\"'")
NO_SPACE_AFTER = set("([{„«")


def sentences(path):
    tokens = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if tokens:
                yield tokens
                tokens = []
            continue
        parts = line.split("\t")
        tokens.append((parts[1], parts[2]))
    if tokens:
        yield tokens


def render(tokens):
    text, spans, current = "", [], None
    for token, label in tokens:
        if text and token not in NO_SPACE_BEFORE and text[-1] not in NO_SPACE_AFTER:
            text += " "
        start = len(text)
        text += token
        kind = label[2:] if label != "O" else None
        if kind and (kind.endswith("deriv") or kind.endswith("part")):
            kind = None
        if kind == "OTH":
            kind = "MISC"
        if label.startswith("B-") and kind:
            current = [kind, start, len(text)]
            spans.append(current)
        elif label.startswith("I-") and kind and current and current[0] == kind:
            current[2] = len(text)
        else:
            current = None if not kind else current
    return text, spans


def main(data, out):
    os.makedirs(out, exist_ok=True)
    held_out = []
    for name in ("NER-de-dev.tsv", "NER-de-test.tsv"):
        for index, tokens in enumerate(sentences(os.path.join(data, name))):
            if index % 5 == 4:
                held_out.append(tokens)
    for chunk in range(0, len(held_out), 50):
        text, lines, count = "", [], 0
        for tokens in held_out[chunk:chunk + 50]:
            sentence, spans = render(tokens)
            offset = len(text)
            for kind, start, end in spans:
                count += 1
                lines.append(f"T{count}\t{kind} {offset + start} {offset + end}\t{sentence[start:end]}")
            text += sentence + "\n\n"
        base = os.path.join(out, f"heldout-{chunk // 50:03d}")
        open(base + ".txt", "w", encoding="utf-8").write(text)
        open(base + ".ann", "w", encoding="utf-8").write("\n".join(lines) + ("\n" if lines else ""))
    print(f"{len(held_out)} sentences in {(len(held_out) + 49) // 50} files under {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

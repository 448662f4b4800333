#!/usr/bin/env python3
"""Checks the hand-annotated development corpus (data/dev/) for form, not content.

Every annotation row's text must occur verbatim in its article, rows in
article order, and together they must cover the article: between two rows
only whitespace. Labels must be those of ../shared/codebook.md.

    python3 scripts/check_dev_corpus.py [data/dev]
"""
import csv
import glob
import os
import sys

LABELS = {
    "is_heading": {"yes", "no"},
    "is_claim": {"yes", "no"},
    "stance": {"pro", "critical", "neutral"},
    "speaker_kind": {"author", "person", "anonymous", "organization"},
}


def main(root):
    problems = []
    metas = {}
    for path in sorted(glob.glob(os.path.join(root, "articles*.csv"))):
        for row in csv.DictReader(open(path, encoding="utf-8")):
            metas[row["article_id"]] = (path, row)
    rows_by_article = {}
    for path in sorted(glob.glob(os.path.join(root, "annotations*.csv"))):
        with open(path, encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                rows_by_article.setdefault(row["article_id"], []).append((path, line, row))
    for aid, (mpath, meta) in sorted(metas.items()):
        text_path = os.path.join(root, "articles", meta["file"])
        if not os.path.exists(text_path):
            problems.append(f"{mpath}: {aid}: file {text_path} missing")
            continue
        text = open(text_path, encoding="utf-8").read()
        rows = rows_by_article.get(aid, [])
        if not rows:
            problems.append(f"{aid}: no annotation rows")
            continue
        cursor = 0
        for path, line, row in rows:
            for col, allowed in LABELS.items():
                if row.get(col) not in allowed:
                    problems.append(f"{path}:{line}: {col}={row.get(col)!r} not in {sorted(allowed)}")
            if row["is_claim"] == "no" and row["stance"] != "neutral":
                problems.append(f"{path}:{line}: a non-claim must be neutral")
            if (row["attribution"] == "author") != (row["speaker_kind"] == "author"):
                problems.append(f"{path}:{line}: attribution 'author' goes with speaker_kind 'author' and only with it")
            at = text.find(row["text"], cursor)
            if at < 0:
                problems.append(f"{path}:{line}: text not found in {meta['file']} after offset {cursor}: {row['text'][:60]!r}")
                continue
            gap = text[cursor:at]
            if gap.strip():
                problems.append(f"{path}:{line}: text not covered by any row before this one: {gap.strip()[:80]!r}")
            cursor = at + len(row["text"])
        if text[cursor:].strip():
            problems.append(f"{aid}: text after the last row is not covered: {text[cursor:].strip()[:80]!r}")
    for aid in rows_by_article:
        if aid not in metas:
            problems.append(f"annotations for {aid} but no row in any articles*.csv")
    n_rows = sum(len(v) for v in rows_by_article.values())
    for p in problems:
        print(p)
    print(f"{len(metas)} articles, {n_rows} rows, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "data/dev"))

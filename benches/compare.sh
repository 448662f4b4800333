#!/usr/bin/env bash
# stancemap against the Python baselines on the same text, same machine, same
# run: pySBD for sentence splitting, sentence-transformers for the encoder.
# Makes a throwaway venv under target/ (never part of CI or the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${THREADS:-$(nproc)}
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q torch==2.4.1 "sentence-transformers<6" "transformers<5" pysbd
fi
cargo build --release -q
out=target/bench
mkdir -p "$out"
./target/release/stancemap --quiet bench --threads "$threads" --mb 10 \
  --sentences-out "$out/sentences.txt" --text-out "$out/text.txt" | tee "$out/stancemap.jsonl"
head -c 1000000 "$out/text.txt" > "$out/text-1mb.txt"
"$venv/bin/python" benches/python_baseline.py sbd "$out/text-1mb.txt" 1 | tee "$out/python.jsonl"
"$venv/bin/python" benches/python_baseline.py encode models/all-MiniLM-L6-v2 "$out/sentences.txt" 1,8,32,64 "$threads" | tee -a "$out/python.jsonl"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
ours = [json.loads(l) for l in open(f"{out}/stancemap.jsonl")]
py = [json.loads(l) for l in open(f"{out}/python.jsonl")]
split = next(x for x in ours if x["what"] == "split")
sbd = next(x for x in py if x["tool"] == "pysbd")
print(f"splitting: stancemap {split['mb_per_s']:.1f} MB/s, pySBD {sbd['mb_per_s']:.3f} MB/s -> {split['mb_per_s']/sbd['mb_per_s']:.0f}x")
for x in py:
    if x["tool"] != "sentence-transformers":
        continue
    o = next(y for y in ours if y["what"] == "encoder" and y["sorted"] and y["batch"] == x["batch"])
    print(f"encoder batch {x['batch']:>2}: stancemap {o['sent_per_s']:.1f} sent/s, sentence-transformers {x['sent_per_s']:.1f} sent/s -> {o['sent_per_s']/x['sent_per_s']:.2f}x")
PY

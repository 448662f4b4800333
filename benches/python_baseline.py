"""Python baselines for the closing notes, run by benches/compare.sh in a
throwaway venv (never in CI):

  sbd      pySBD sentence splitting throughput (MB/s) on a text file
  encode   sentence-transformers encoding throughput (sentences/s) on a
           file of sentences, one a line, at the given batch sizes

Prints one JSON object per measurement on stdout.
"""
import json
import os
import sys
import time


def sbd(path, repeats):
    import pysbd

    text = open(path, encoding="utf-8").read()
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    best = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        n = len(seg.segment(text))
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    mb = len(text.encode("utf-8")) / 1e6
    print(json.dumps({"tool": "pysbd", "mb": mb, "sentences": n, "seconds": best, "mb_per_s": mb / best}))


def encode(model_dir, path, batch_sizes, threads):
    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    sents = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
    m = SentenceTransformer(model_dir, device="cpu")
    m.encode(sents[:16], batch_size=16)  # warm-up
    for bs in batch_sizes:
        t0 = time.perf_counter()
        m.encode(sents, batch_size=bs)
        dt = time.perf_counter() - t0
        print(json.dumps({"tool": "sentence-transformers", "batch": bs, "threads": threads,
                          "sentences": len(sents), "seconds": dt, "sent_per_s": len(sents) / dt}))


if __name__ == "__main__":
    if sys.argv[1] == "sbd":
        sbd(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    else:
        encode(sys.argv[2], sys.argv[3], [int(x) for x in sys.argv[4].split(",")], int(sys.argv[5]))

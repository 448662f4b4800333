"""The Python engines of scripts/bench-peers, each run in its own process so
that its peak memory is its own. Never part of CI.

  export  MODEL_DIR OUT.onnx            the encoder's transformer to ONNX (fp32), once
  quantize IN.onnx OUT.onnx             ONNX Runtime's dynamic int8 quantisation
  st      MODEL_DIR SENTS BATCHES THREADS EMB_OUT
  ort     MODEL_DIR ONNX SENTS BATCHES THREADS EMB_OUT NAME
  summary RESULTS.jsonl                 the table and the machine-readable ratio lines

Each engine prints one JSON object per batch size (sentences/s, tokenisation
included), one with its peak RSS, and writes its batch-32 embeddings as raw
little-endian f32 for the agreement check (stancemap compares them).
"""
import json
import os
import resource
import sys
import time


def sentences(path):
    return [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def flops(model_dir, token_counts):
    """Multiply-adds x 2 of the encoder over sentences of these real lengths
    (no padding counted): the linear layers, and the two attention products."""
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    h, i, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
    per_token = 2 * layers * (4 * h * h + 2 * h * i)
    return sum(per_token * t + 2 * layers * 2 * t * t * h for t in token_counts)


def export(model_dir, out):
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(model_dir).eval()
    ids = torch.tensor([[101, 2023, 2003, 102], [101, 2023, 102, 0]])
    mask = (ids != 0).long()
    torch.onnx.export(
        model,
        (ids, mask),
        out,
        input_names=["input_ids", "attention_mask"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "last_hidden_state": {0: "batch", 1: "tokens"},
        },
        opset_version=17,
    )


def quantize(src, out):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(src, out, weight_type=QuantType.QInt8)


def write_emb(path, emb):
    import numpy as np

    np.ascontiguousarray(emb, dtype="<f4").tofile(path)


def run_st(model_dir, sents_path, batches, threads, emb_out):
    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    sents = sentences(sents_path)
    m = SentenceTransformer(model_dir, device="cpu")
    m.encode(sents[:16], batch_size=16)  # warm-up
    tok = m.tokenizer
    lens = [len(x) for x in tok(sents, truncation=True, max_length=m.max_seq_length)["input_ids"]]
    for bs in batches:
        best = 0
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            emb = m.encode(sents, batch_size=bs, normalize_embeddings=True)
            best = max(best, len(sents) / (time.perf_counter() - t0))
        if bs == 32:
            write_emb(emb_out, emb)
        print(json.dumps({"engine": "sentence-transformers", "batch": bs, "sent_per_s": best,
                          "sentences": len(sents), "flops": flops(model_dir, lens)}), flush=True)
    print(json.dumps({"engine": "sentence-transformers", "peak_rss_mb": peak_rss_mb()}), flush=True)


def run_ort(model_dir, onnx_path, sents_path, batches, threads, emb_out, name):
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    sents = sentences(sents_path)
    max_len = json.load(open(os.path.join(model_dir, "sentence_bert_config.json")))["max_seq_length"]
    tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_len)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(onnx_path, opts, providers=["CPUExecutionProvider"])
    pad = json.load(open(os.path.join(model_dir, "config.json"))).get("pad_token_id", 0) or 0

    def encode(bs):
        # the same work as the others: tokenise, sort by length, pad each batch to its longest
        ids = [e.ids for e in tok.encode_batch(sents)]
        order = sorted(range(len(ids)), key=lambda i: (len(ids[i]), i))
        out = np.zeros((len(ids), 0), dtype=np.float32)
        rows = [None] * len(ids)
        for at in range(0, len(order), bs):
            chunk = order[at:at + bs]
            t = max(len(ids[i]) for i in chunk)
            x = np.full((len(chunk), t), pad, dtype=np.int64)
            m = np.zeros((len(chunk), t), dtype=np.int64)
            for r, i in enumerate(chunk):
                x[r, :len(ids[i])] = ids[i]
                m[r, :len(ids[i])] = 1
            hidden = sess.run(None, {"input_ids": x, "attention_mask": m})[0]
            mf = m[:, :, None].astype(np.float32)
            mean = (hidden * mf).sum(1) / np.clip(mf.sum(1), 1e-9, None)
            mean /= np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)
            for r, i in enumerate(chunk):
                rows[i] = mean[r]
        out = np.stack(rows)
        return out, [len(x) for x in ids]

    encode(16)  # warm-up
    for bs in batches:
        best = 0
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            emb, lens = encode(bs)
            best = max(best, len(sents) / (time.perf_counter() - t0))
        if bs == 32:
            write_emb(emb_out, emb)
        print(json.dumps({"engine": name, "batch": bs, "sent_per_s": best,
                          "sentences": len(sents), "flops": flops(model_dir, lens)}), flush=True)
    print(json.dumps({"engine": name, "peak_rss_mb": peak_rss_mb()}), flush=True)


def summary(path):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    peak = next((r["gflops"] for r in rows if r.get("what") == "gemm_peak"), None)
    for model in ["minilm", "mpnet"]:
        mine = [r for r in rows if r.get("model") == model]
        if not mine:
            continue
        speed = {}
        flops_by_batch = {}
        for r in mine:
            if "sent_per_s" in r and r.get("sorted", True):
                speed[(r["engine"], r["batch"])] = r["sent_per_s"]
                if "flops" in r:
                    flops_by_batch[r["batch"]] = (r["flops"], r["sentences"])
        rss = {r["engine"]: r["peak_rss_mb"] for r in mine if r.get("peak_rss_mb")}
        agree = {r["engine"]: r for r in mine if r.get("what") == "agreement"}
        engines = sorted({e for e, _ in speed}, key=lambda e: (e != "stancemap", e))
        batches = sorted({b for _, b in speed})
        print(f"\n{model}: sentences/s (tokenisation included), same sentences, same run")
        print(f"{'engine':<24}" + "".join(f"{'b=' + str(b):>10}" for b in batches)
              + f"{'peak MB':>10}{'%fp32@32':>10}{'min cos':>10}{'labels=':>9}")
        for e in engines:
            line = f"{e:<24}" + "".join(f"{speed.get((e, b), float('nan')):>10.1f}" for b in batches)
            line += f"{rss.get(e, float('nan')):>10.0f}"
            if peak and 32 in flops_by_batch and (e, 32) in speed:
                f, n = flops_by_batch[32]
                line += f"{100 * f / (n / speed[(e, 32)]) / 1e9 / peak:>9.0f}%"
            else:
                line += f"{'':>10}"
            a = agree.get(e)
            if a:
                line += f"{a['min_cos']:>10.6f}{a['stance_labels_equal'] * 100:>8.1f}%"
            elif e == "sentence-transformers":
                line += f"{'(reference)':>19}"
            print(line)
        for other in ["sentence-transformers", "onnxruntime-fp32"]:
            if ("stancemap", 32) in speed and (other, 32) in speed:
                ratios = " ".join(f"b{b}={speed[('stancemap', b)] / speed[(other, b)]:.2f}x"
                                  for b in batches if (other, b) in speed and ("stancemap", b) in speed)
                print(f"stancemap vs {other}: {ratios}")
        vs_st = speed.get(("stancemap", 32), 0) / speed.get(("sentence-transformers", 32), float("nan"))
        vs_ort = speed.get(("stancemap", 32), 0) / speed.get(("onnxruntime-fp32", 32), float("nan"))
        print(f"ratio model={model} batch=32 vs_st={vs_st:.2f} vs_ort={vs_ort:.2f}")
    if peak:
        print(f"\nfp32 limit: {peak:.0f} GFLOP/s (best 1024^3 product through the native kernels on this machine)")


REPEATS = int(os.environ.get("REPEATS", "2"))

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "export":
        export(*args)
    elif cmd == "quantize":
        quantize(*args)
    elif cmd == "st":
        run_st(args[0], args[1], [int(b) for b in args[2].split(",")], int(args[3]), args[4])
    elif cmd == "ort":
        run_ort(args[0], args[1], args[2], [int(b) for b in args[3].split(",")], int(args[4]), args[5], args[6])
    elif cmd == "summary":
        summary(args[0])
    else:
        sys.exit(f"unknown command {cmd}")

"""Leave-one-article-out macro-F1 of a fully fine-tuned all-mpnet-base-v2.

An experiment, not part of the shipped pipeline: the shipped presets keep the
encoder frozen (see README, "Presets"). Each fold fine-tunes every MPNet
weight plus a linear head on four seed articles and the written sentences,
then scores the claims of the fifth article. It prints each fold and the
pooled macro-F1, and saves the held-out probabilities next to --out.

Run it in a throwaway venv outside the repository (about 7 minutes a fold on
two CPU cores; `--seed N` changes the initial head, dropout and batch order):

    python3 -m venv /tmp/ftenv
    /tmp/ftenv/bin/pip install torch==2.4.1 "transformers<5" scikit-learn
    HF_HUB_OFFLINE=1 /tmp/ftenv/bin/python scripts/experiments/finetune_mpnet.py \
        --model-dir models/all-mpnet-base-v2 --out /tmp/ft

The same script fine-tunes all-MiniLM-L6-v2 with `--model-dir
models/all-MiniLM-L6-v2` (about 75 s a fold); README, Presets, has the result.
"""
import argparse, csv, os, time

import numpy as np
import torch
from sklearn.metrics import f1_score
from transformers import AutoModel, AutoTokenizer

LABELS = {"pro": 0, "critical": 1, "neutral": 2}

ap = argparse.ArgumentParser()
ap.add_argument("--model-dir", required=True)
ap.add_argument("--seeds", default="data/seed_annotations.csv")
ap.add_argument("--written", default="data/written_training.csv")
ap.add_argument("--epochs", type=int, default=3)
ap.add_argument("--lr", type=float, default=2e-5)
ap.add_argument("--out", required=True)
ap.add_argument("--seed", type=int, default=0)
args = ap.parse_args()
os.makedirs(args.out, exist_ok=True)
torch.set_num_threads(os.cpu_count() or 2)

texts, y, group = [], [], []
for r in csv.DictReader(open(args.seeds, encoding="utf-8")):
    if r["is_claim"] == "yes":
        texts.append(r["text"]); y.append(LABELS[r["stance"]]); group.append(r["article_id"])
for r in csv.DictReader(open(args.written, encoding="utf-8")):
    texts.append(r["text"]); y.append(LABELS[r["stance"]]); group.append("")
y, group = np.array(y), np.array(group)
is_article = group != ""

tok = AutoTokenizer.from_pretrained(args.model_dir)


def embed(model, idx):
    enc = tok([texts[i] for i in idx], padding=True, truncation=True, max_length=128, return_tensors="pt")
    h = model(**enc).last_hidden_state
    m = enc["attention_mask"].unsqueeze(-1).float()
    return torch.nn.functional.normalize((h * m).sum(1) / m.sum(1), dim=-1)


def fold(train, test):
    torch.manual_seed(args.seed)
    model = AutoModel.from_pretrained(args.model_dir).train()
    head = torch.nn.Linear(model.config.hidden_size, 3)
    weight = torch.tensor(len(train) / (3 * np.bincount(y[train], minlength=3)), dtype=torch.float32)
    steps = args.epochs * ((len(train) + 15) // 16)
    opt = torch.optim.AdamW(
        [{"params": model.parameters(), "lr": args.lr}, {"params": head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    # linear warm-up over the first tenth, then linear decay to zero
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1, (s + 1) / (0.1 * steps)) * max(0, (steps - s) / steps)
    )
    rng = np.random.default_rng(args.seed)
    for epoch in range(args.epochs):
        t0 = time.time()
        order = rng.permutation(train)
        for b in range(0, len(order), 16):
            batch = order[b : b + 16]
            logits = head(embed(model, batch)) * 20  # cosine-scale logits
            loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y[batch]), weight=weight)
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        print(f"  epoch {epoch}: {time.time() - t0:.0f} s", flush=True)
    model.eval()
    with torch.no_grad():
        return torch.cat(
            [torch.softmax(head(embed(model, test[b : b + 32])) * 20, -1) for b in range(0, len(test), 32)]
        ).numpy()


pred = np.full(len(y), -1)
held_out = np.zeros((len(y), 3))
for art in sorted(set(group[is_article])):
    train = np.where(~is_article | (group != art))[0]
    test = np.where(group == art)[0]
    proba = fold(train, test)
    pred[test] = proba.argmax(1)
    held_out[test] = proba
    np.save(os.path.join(args.out, f"proba_{art}.npy"), proba)
    print(art, "macro-F1", round(f1_score(y[test], pred[test], average="macro"), 3), flush=True)
print("pooled leave-one-article-out macro-F1:", round(f1_score(y[is_article], pred[is_article], average="macro"), 3))
# every held-out claim's probabilities, in the order of the seed annotations
np.save(os.path.join(args.out, f"oof_seed{args.seed}.npy"), held_out[is_article])

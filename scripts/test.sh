#!/usr/bin/env bash
# The test command: the Rust test suite, then the notebook executed against a
# fresh report (in a throwaway venv under target/, never part of the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
cargo test 2>&1 | tee target/cargo-test.log
target="${CARGO_TARGET_DIR:-target}"
report=target/notebook-report
"$target/debug/stancemap" --quiet analyze --out "$report"
venv=target/notebook-venv
if [ ! -x "$venv/bin/jupyter" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "polars>=1,<2" "matplotlib>=3.8,<4" "nbconvert>=7,<8" "nbclient>=0.10,<1" "ipykernel>=6,<8"
fi
STANCEMAP_REPORT="$PWD/$report" "$venv/bin/jupyter" nbconvert --to notebook --execute \
  --ExecutePreprocessor.kernel_name=python3 --output-dir target --output framing.executed notebooks/framing.ipynb
echo "notebook: executed without errors (target/framing.executed.ipynb)"
# the Slurm job scripts, run for real on a one-node cluster (docs/cluster.md)
slurm_rc=0
bash scripts/cluster/test-slurm "$target/debug/stancemap" || slurm_rc=$?
case "$slurm_rc" in
  0) echo "slurm: array job and merge ran; report byte-identical to one run" ;;
  2) echo "slurm: not run (no local Slurm cluster could be started on this machine)" ;;
  *) echo "slurm: FAILED"; exit 1 ;;
esac
# the Kubernetes manifest validated against the API's schemas (strict: no unknown field)
k8s=target/k8s-venv
[ -x "$k8s/bin/kubernetes-validate" ] || { python3 -m venv "$k8s" && "$k8s/bin/pip" install -q "kubernetes-validate==1.37.0"; }
"$k8s/bin/kubernetes-validate" --strict -k 1.33.0 docs/k8s/stancemap-shards.yaml
# the rust-bert backend (libtorch from PyPI, about 2.8 GB and 5 GB of disk
# the first time): its parity test against the default backend, both
# presets. Opt-in for now (STANCEMAP_TEST_RUST_BERT=1) until its cost on a
# fresh CI machine is measured.
if [ "${STANCEMAP_TEST_RUST_BERT:-0}" = 1 ]; then
  if bash scripts/setup-libtorch; then
    cargo test --features rust-bert --test rustbert 2>&1 | tee target/cargo-test-rust-bert.log
    grep -q "^test result: ok. 1 passed" target/cargo-test-rust-bert.log
    echo "rust-bert: parity with the default backend holds (both presets)"
  else
    echo "rust-bert: not run (libtorch could not be installed from PyPI on this machine)"
  fi
fi
# the CUDA build must keep compiling (no GPU here: nvcc from PyPI, cargo check)
bash scripts/check-cuda
# one closing line over everything that ran (the notebook and the CUDA check count as one test each)
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p + 2, f }' target/cargo-test.log

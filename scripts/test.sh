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
# the CUDA build must keep compiling (no GPU here: nvcc from PyPI, cargo check)
bash scripts/check-cuda
# the rust-bert backend (libtorch from PyPI: about 2.8 GB to fetch, 5 GB
# installed): its parity test against the default backend, both presets.
# It runs where there is room and time for it: at least 15 GB of free disk
# and less than 60 minutes spent so far (CI's limit is 90); otherwise it
# says why it did not run. STANCEMAP_TEST_RUST_BERT=0 skips it, =1 runs it
# whatever the clock says.
rb="${STANCEMAP_TEST_RUST_BERT:-auto}"
rb_log=
free_gb=$(df -Pk . | awk 'NR == 2 { print int($4 / 1048576) }')
if [ "$rb" = 0 ]; then
  echo "rust-bert: not run (STANCEMAP_TEST_RUST_BERT=0)"
elif [ "$rb" = auto ] && [ "$free_gb" -lt 15 ]; then
  echo "rust-bert: not run (only $free_gb GB of free disk; libtorch and its build need about 15)"
elif [ "$rb" = auto ] && [ "$SECONDS" -gt 3600 ]; then
  echo "rust-bert: not run ($((SECONDS / 60)) minutes spent already; it needs about 20 more)"
else
  rb_start=$SECONDS
  if bash scripts/setup-libtorch; then
    cargo test --features rust-bert --test rustbert 2>&1 | tee target/cargo-test-rust-bert.log
    grep -q "^test result: ok. 1 passed" target/cargo-test-rust-bert.log
    rb_log=target/cargo-test-rust-bert.log
    echo "rust-bert: parity with the default backend holds (both presets; $((SECONDS - rb_start)) s with its setup)"
  else
    echo "rust-bert: not run (libtorch could not be installed from PyPI on this machine)"
  fi
fi
# one closing line over everything that ran (the notebook and the CUDA check count as one test each)
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p + 2, f }' target/cargo-test.log $rb_log

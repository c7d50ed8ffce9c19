#!/usr/bin/env bash
# ADBench (issue 15) in one run: Fluxion's JMH benchmarks, then the JAX and PyTorch peers, then one
# side-by-side table per problem (markdown, printed; BENCHMARKS.md's ADBench sections quote them).
#   BA:   BaBenchmark (the objective and the sparse Jacobian by the per-item map, on test, ba1, ba2,
#         ba3 and ba10); shared/peers/ba_peers.py on test, ba1, ba2 and ba3
#   Hand: HandBenchmark (the objective and the 3N x 26 / 3N x 28 Jacobian, on the two test inputs and
#         simple_small, complicated_small hand1, hand5, hand9); shared/peers/hand_peers.py on the same
#   LSTM: LstmBenchmark (the objective and its gradient, l = 2, 4 and c = 1024, 4096);
#         shared/peers/lstm_peers.py on the same four files
#   GMM:  nets.GmmBenchmark (the objective and the full gradient on 1k d=2 K=5, 1k d=10 K=5,
#         10k d=2 K=5, as bench/run-nets.sh runs it); shared/peers/gmm_peers.py on the same files
#
#   bench/run-adbench.sh                        # everything: about 12 minutes of JMH on 2 cores, then the peers
#   bench/run-adbench.sh 'LstmBenchmark'        # extra JMH arguments: a benchmark pattern narrows the run
#   bench/run-adbench.sh 'HandBenchmark'        # (the hand alone: about 5 minutes)
#   bench/run-adbench.sh -p file=test.txt       # (-p file=... applies to every benchmark class run)
#
# Needs the peers' Python (see shared/peers/README.md; PEERS_PYTHON overrides its path). Without it
# the Fluxion part runs alone and the table quotes the peers' figures recorded in
# shared/peers/ADBENCH.md, marked with *. Logs and the JMH JSON land in bench/target/results-adbench/.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PEERS_PYTHON:-$HOME/.venvs/peers/bin/python}
shared=""
for d in "$PWD" "$PWD/.." "$PWD/../.." "$PWD/../../.."; do
  if [ -d "$d/shared/peers" ]; then shared=$(cd "$d/shared" && pwd); break; fi
done
ba=examples/data/ba
hand=examples/data/hand
lstm=examples/data/lstm
gmm=examples/data/gmm

# NO_BUILD=1 reuses bench/target/benchmarks.jar (built beforehand, so the build's load does not overlap the timing).
if [ -z "${NO_BUILD:-}" ]; then mvn -B -q -ntp -o -pl bench -am package -DskipTests; fi
out=bench/target/results-adbench
rm -rf "$out"
mkdir -p "$out/tmp"
{
  echo "Run started $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1)"
  echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/run.txt"

# JMH patterns: every benchmark of package adbench, and GMM's from package nets; arguments given replace them
patterns=('dev\.fluxion\.bench\.adbench\.' 'dev\.fluxion\.bench\.nets\.GmmBenchmark\.')
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then patterns=(); fi
java -Dfluxion.ba="$ba" -Dfluxion.hand="$hand" -Dfluxion.lstm="$lstm" -Dfluxion.gmm="$gmm" -jar bench/target/benchmarks.jar "${patterns[@]}" \
  -rf json -rff "$out/jmh-adbench.json" "$@" | tee "$out/jmh-adbench.log"
echo "Load average after the Fluxion benchmarks: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/run.txt"

peers_log=()
if [ -n "$shared" ] && [ -x "$python" ]; then
  data="$shared/adbench/data"
  TMPDIR="$out/tmp" "$python" "$shared/peers/ba_peers.py" "$data/ba/test.txt" \
    "$data/ba/ba1_n49_m7776_p31843.txt" "$data/ba/ba2_n21_m11315_p36455.txt" \
    "$data/ba/ba3_n161_m48126_p182072.txt" 2>&1 | tee "$out/ba_peers.log"
  hand_files=("$data/hand/test.txt" "$data/hand/hand_complicated.txt")
  for variant in simple_small complicated_small; do
    for f in hand1_t26_c100 hand5_t26_c800 hand9_t26_c12800; do hand_files+=("$data/hand/$variant/$f.txt"); done
  done
  TMPDIR="$out/tmp" "$python" "$shared/peers/hand_peers.py" "${hand_files[@]}" 2>&1 | tee "$out/hand_peers.log"
  TMPDIR="$out/tmp" "$python" "$shared/peers/lstm_peers.py" "$data/lstm/lstm_l2_c1024.txt" "$data/lstm/lstm_l2_c4096.txt" \
    "$data/lstm/lstm_l4_c1024.txt" "$data/lstm/lstm_l4_c4096.txt" 2>&1 | tee "$out/lstm_peers.log"
  TMPDIR="$out/tmp" "$python" "$shared/peers/gmm_peers.py" "$data/gmm/1k/gmm_d2_K5.txt" "$data/gmm/1k/gmm_d10_K5.txt" \
    "$data/gmm/10k/gmm_d2_K5.txt" 2>&1 | tee "$out/gmm_peers.log"
  peers_log=(--ba "$out/ba_peers.log" --hand "$out/hand_peers.log" --lstm "$out/lstm_peers.log" --gmm "$out/gmm_peers.log")
else
  echo "run-adbench.sh: no peers Python at $python (see shared/peers/README.md): the table quotes ADBENCH.md's figures (*)" \
    | tee -a "$out/run.txt" >&2
fi
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); run finished $(date -u '+%H:%M UTC')" >> "$out/run.txt"
cat "$out/run.txt"
python3 bench/adbench_table.py "$out/jmh-adbench.json" "${peers_log[@]}" | tee "$out/table.md"

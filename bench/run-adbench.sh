#!/usr/bin/env bash
# ADBench's bundle adjustment (issue 15) in one run: Fluxion's BaBenchmark (JMH: the objective and
# the sparse Jacobian by the per-item map, on test, ba1, ba2, ba3 and ba10), then the JAX and
# PyTorch peers (shared/peers/ba_peers.py) on test, ba1, ba2 and ba3, then the side-by-side table
# (markdown, printed; BENCHMARKS.md's "ADBench BA" section quotes it).
#
#   bench/run-adbench.sh                        # everything: about 4 minutes of JMH on 2 cores, then the peers
#   bench/run-adbench.sh -p file=test.txt       # extra JMH arguments, e.g. one file
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

# NO_BUILD=1 reuses bench/target/benchmarks.jar (built beforehand, so the build's load does not overlap the timing).
if [ -z "${NO_BUILD:-}" ]; then mvn -B -q -ntp -o -pl bench -am package -DskipTests; fi
out=bench/target/results-adbench
rm -rf "$out"
mkdir -p "$out/tmp"
{
  echo "Run started $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1)"
  echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/run.txt"

java -Dfluxion.ba="$ba" -jar bench/target/benchmarks.jar 'dev\.fluxion\.bench\.adbench\.' \
  -rf json -rff "$out/jmh-adbench.json" "$@" | tee "$out/jmh-adbench.log"
echo "Load average after the Fluxion benchmarks: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/run.txt"

peers_log=()
if [ -n "$shared" ] && [ -x "$python" ]; then
  TMPDIR="$out/tmp" "$python" "$shared/peers/ba_peers.py" "$shared/adbench/data/ba/test.txt" \
    "$shared/adbench/data/ba/ba1_n49_m7776_p31843.txt" "$shared/adbench/data/ba/ba2_n21_m11315_p36455.txt" \
    "$shared/adbench/data/ba/ba3_n161_m48126_p182072.txt" 2>&1 | tee "$out/ba_peers.log"
  peers_log=("$out/ba_peers.log")
else
  echo "run-adbench.sh: no peers Python at $python (see shared/peers/README.md): the table quotes ADBENCH.md's figures (*)" \
    | tee -a "$out/run.txt" >&2
fi
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); run finished $(date -u '+%H:%M UTC')" >> "$out/run.txt"
cat "$out/run.txt"
python3 bench/adbench_table.py "$out/jmh-adbench.json" "${peers_log[@]}" | tee "$out/table.md"

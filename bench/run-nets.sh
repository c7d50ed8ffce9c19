#!/usr/bin/env bash
# The issue-3 benchmark in one run: Fluxion's MLP step and GMM JMH benchmarks, then the JAX
# and PyTorch peers of shared/peers on the same data, then the side-by-side tables written
# into the "Networks" section of BENCHMARKS.md (between the nets markers).
#
#   bench/run-nets.sh              # everything, writes BENCHMARKS.md; 10-15 minutes on 2 shared cores
#   bench/run-nets.sh -wi 1 -i 1   # extra JMH arguments: a quicker run, tables printed, BENCHMARKS.md left alone
#
# Needs the peers' Python (see shared/peers/README.md); PEERS_PYTHON overrides its path.
# Logs, the JMH JSON and JAX's gradients land in bench/target/results-nets/.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PEERS_PYTHON:-$HOME/.venvs/peers/bin/python}
shared=""
for d in "$PWD" "$PWD/.." "$PWD/../.." "$PWD/../../.."; do
  if [ -d "$d/shared/peers" ]; then shared=$(cd "$d/shared" && pwd); break; fi
done
if [ -z "$shared" ]; then echo "run-nets.sh: no shared/peers directory above $PWD" >&2; exit 2; fi
if [ ! -x "$python" ]; then echo "run-nets.sh: no peers Python at $python (see $shared/peers/README.md)" >&2; exit 2; fi
gmm="$shared/adbench/data/gmm"
files=("$gmm/1k/gmm_d2_K5.txt" "$gmm/1k/gmm_d10_K5.txt" "$gmm/10k/gmm_d2_K5.txt")

mvn -B -q -ntp -pl bench -am package -DskipTests
out=bench/target/results-nets
rm -rf "$out"
mkdir -p "$out/tmp"
{
  echo "Run started $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1)"
  echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/run.txt"

java -Dfluxion.gmm="$gmm" -jar bench/target/benchmarks.jar 'dev\.fluxion\.bench\.nets\.' \
  -rf json -rff "$out/jmh-nets.json" "$@" | tee "$out/jmh-nets.log"
echo "Load average after the Fluxion benchmarks: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/run.txt"
TMPDIR="$out/tmp" "$python" "$shared/peers/mnist_peers.py" examples/data 2>&1 | tee "$out/mnist_peers.log"
TMPDIR="$out/tmp" "$python" "$shared/peers/gmm_peers.py" "${files[@]}" 2>&1 | tee "$out/gmm_peers.log"
{
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); run finished $(date -u '+%H:%M UTC')"
  grep -h "test_acc" "$out/mnist_peers.log" | sed 's/^/PyTorch accuracy anchor: /' || true
} >> "$out/run.txt"

report=(java -Dfluxion.gmm="$gmm" -cp bench/target/benchmarks.jar dev.fluxion.bench.nets.NetsReport
  --jmh "$out/jmh-nets.json" --mnist "$out/mnist_peers.log" --gmm "$out/gmm_peers.log"
  --jax-gradients "$out/tmp" --run "$out/run.txt")
if [ "$#" -eq 0 ]; then
  "${report[@]}" BENCHMARKS.md
else
  "${report[@]}"
fi

#!/usr/bin/env bash
# Runs the whole benchmark in one JMH run and writes its tables into BENCHMARKS.md.
#
#   bench/run.sh                 # everything; 10-15 minutes on 2 shared cores
#   bench/run.sh Corpus          # any JMH arguments: a subset, printed, BENCHMARKS.md left alone
#
# The JSON and the log land in bench/target/results/. Generated classes are compiled once
# per run and shared between JMH forks through a fresh temporary directory (see ClassStore).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl bench -am package -DskipTests
out=bench/target/results
mkdir -p "$out"
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
# The network benchmarks (package nets) and ADBench's (package adbench) have their own runs with their
# peers: bench/run-nets.sh, bench/run-adbench.sh.
args=("$@")
if [ "$#" -eq 0 ]; then args=(-e 'dev\.fluxion\.bench\.(nets|adbench)\.'); fi
java -Dfluxion.bench.classes="$store" -jar bench/target/benchmarks.jar -rf json -rff "$out/jmh.json" "${args[@]}" \
  | tee "$out/jmh.log"
if [ "$#" -eq 0 ]; then
  java -cp bench/target/benchmarks.jar dev.fluxion.bench.report.ReportTable "$out/jmh.json" BENCHMARKS.md
else
  java -cp bench/target/benchmarks.jar dev.fluxion.bench.report.ReportTable "$out/jmh.json"
fi

#!/usr/bin/env python3
"""The ADBench BA table of BENCHMARKS.md from one run of bench/run-adbench.sh.

Usage: adbench_table.py JMH_JSON [PEERS_LOG]

Reads the JMH JSON of dev.fluxion.bench.adbench.BaBenchmark and, when given, the log of
shared/peers/ba_peers.py from the same run; prints a markdown table: per file Fluxion's objective
and Jacobian (JMH mean ± 99.9% error, µs), the ratio, the forward-sweep Jacobian, and JAX jit's
and PyTorch's objective and Jacobian in their better mode (named). Without a peers log the peers'
columns quote the figures recorded in shared/peers/ADBENCH.md (2-core machine, load 2.2-3.6),
marked with *, since they were not measured in this run. Standard library only.
"""
import json
import re
import sys

# shared/peers/ADBENCH.md, "Timings measured here", BA (ba_peers.py at 14:55): (f, J fwd, J rev) in µs.
RECORDED = {
    "test.txt": {"jax_jit": (31, 67, 117), "torch": (143, 3604, 2292)},
    "ba1_n49_m7776_p31843.txt": {"jax_jit": (1367, 14993, 9043), "torch": (2572, 397930, 48418)},
    "ba2_n21_m11315_p36455.txt": {"jax_jit": (1813, 34803, 20838), "torch": (3225, 310391, 38929)},
}
FILES = ["test.txt", "ba1_n49_m7776_p31843.txt", "ba2_n21_m11315_p36455.txt", "ba3_n161_m48126_p182072.txt",
         "ba10_n1197_m126327_p563734.txt"]


def jmh(path):
    out = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 1)[1]
        m = r["primaryMetric"]
        out[(r["params"]["file"], name)] = (float(m["score"]), float(m["scoreError"]))
    return out


def peers(path):
    out = {}
    current = None
    for line in open(path):
        h = re.match(r"^(\S+): n=(\d+) m=(\d+) p=(\d+)", line)
        if h:
            current = h.group(1).rsplit("/", 1)[-1]
            continue
        t = re.match(r"^\s+(jax_jit|torch) (jacfwd|jacrev): f=\s*([\d.]+)us\s+J=\s*([\d.]+)us", line)
        if t and current:
            f, j = float(t.group(3)), float(t.group(4))
            d = out.setdefault(current, {}).setdefault(t.group(1), [f, None, None])
            d[1 if t.group(2) == "jacfwd" else 2] = j
    return {k: {tool: tuple(v) for tool, v in d.items()} for k, d in out.items()}


def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"


def peer_cell(d, tool, marker):
    if tool not in d:
        return "–", "–"
    f, fwd, rev = d[tool]
    mode, j = ("rev", rev) if fwd is None or (rev is not None and rev <= fwd) else ("fwd", fwd)
    return fmt(f) + marker, f"{fmt(j)} ({mode}){marker}"


def main():
    res = jmh(sys.argv[1])
    measured = peers(sys.argv[2]) if len(sys.argv) > 2 else {}
    print("| file | p | Fluxion f | Fluxion J (rev) | J/f | J into a kept array | J/f | Fluxion J (fwd) | JAX jit f | JAX jit J | PyTorch f | PyTorch J |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for file in FILES:
        if (file, "objective") not in res:
            continue
        f, fe = res[(file, "objective")]
        j, je = res.get((file, "jacobian"), (float("nan"), 0))
        jf, jfe = res.get((file, "jacobianForward"), (float("nan"), 0))
        ji, jie = res.get((file, "jacobianInto"), (float("nan"), 0))
        p = re.search(r"_p(\d+)", file)
        p = f"{int(p.group(1)):,}" if p else "10"
        d, marker = (measured[file], "") if file in measured else (RECORDED.get(file, {}), "*")
        jaxf, jaxj = peer_cell(d, "jax_jit", marker)
        tf, tj = peer_cell(d, "torch", marker)
        print(f"| {file.split('_n')[0].replace('.txt', '')} | {p} | {fmt(f)} ± {fmt(fe)} | {fmt(j)} ± {fmt(je)} | "
              f"**{j / f:.2f}** | {fmt(ji)} ± {fmt(jie)} | **{ji / f:.2f}** | {fmt(jf)} ± {fmt(jfe)} | {jaxf} | {jaxj} | {tf} | {tj} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The ADBench tables of BENCHMARKS.md (BA, Hand, LSTM, GMM) from one run of bench/run-adbench.sh.

Usage: adbench_table.py JMH_JSON [--ba BA_PEERS_LOG] [--hand HAND_PEERS_LOG] [--lstm LSTM_PEERS_LOG] [--gmm GMM_PEERS_LOG]

Reads the JMH JSON of dev.fluxion.bench.adbench.BaBenchmark, HandBenchmark, LstmBenchmark and
dev.fluxion.bench.nets.GmmBenchmark and, when given, the logs of shared/peers/ba_peers.py,
hand_peers.py, lstm_peers.py and gmm_peers.py from the same run; prints one markdown table per problem: per file
Fluxion's objective and derivative (JMH mean ± 99.9% error, µs), their ratio, and JAX jit's and
PyTorch's objective and derivative (BA: in their better mode, named). Without a peers log the
peers' columns quote recorded figures (BA, Hand (its two test inputs only) and LSTM: shared/peers/ADBENCH.md, 2-core machine, load
2.2-3.6; GMM: BENCHMARKS.md's run of bench/run-nets.sh, 2026-11-23, torch on 2 threads), marked
with *, since they were not measured in this run. Standard library only.
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
# shared/peers/ADBENCH.md, "Timings measured here", Hand (hand_peers.py at 14:57, all 544 vertices skinned):
# (f, J fwd, J rev) in µs, for the two test inputs (N = 2) only.
HAND_RECORDED = {
    "test.txt": {"jax_jit": (102, 657, 366), "torch": (490, 6124, 4310)},
    "hand_complicated.txt": {"jax_jit": (80, 621, 376), "torch": (363, 5972, 4584)},
}
HAND_FILES = ["test.txt", "hand_complicated.txt", "simple_small/hand1_t26_c100.txt", "simple_small/hand5_t26_c800.txt",
              "simple_small/hand9_t26_c12800.txt", "complicated_small/hand1_t26_c100.txt",
              "complicated_small/hand5_t26_c800.txt", "complicated_small/hand9_t26_c12800.txt"]
# shared/peers/ADBENCH.md, "Timings measured here", LSTM (lstm_peers.py at 14:56): (f, grad) in µs.
LSTM_RECORDED = {"lstm_l2_c1024.txt": {"jax_jit": (2162, 9865), "torch": (79061, 476008)}}
LSTM_FILES = ["lstm_l2_c1024.txt", "lstm_l2_c4096.txt", "lstm_l4_c1024.txt", "lstm_l4_c4096.txt"]
# BENCHMARKS.md, "GMM objective and full gradient" (gmm_peers.py, run of 2026-11-23 23:57): (f, grad) in µs.
GMM_RECORDED = {
    "1k/gmm_d2_K5.txt": {"jax_jit": (365, 840), "torch": (1064, 2032)},
    "1k/gmm_d10_K5.txt": {"jax_jit": (625, 1691), "torch": (894, 2854)},
    "10k/gmm_d2_K5.txt": {"jax_jit": (2140, 5454), "torch": (3378, 6858)},
}
GMM_FILES = ["1k/gmm_d2_K5.txt", "1k/gmm_d10_K5.txt", "10k/gmm_d2_K5.txt"]
FILES = ["test.txt", "ba1_n49_m7776_p31843.txt", "ba2_n21_m11315_p36455.txt", "ba3_n161_m48126_p182072.txt",
         "ba10_n1197_m126327_p563734.txt"]


def jmh(path, cls):
    """(file, method) -> (mean, error) of the benchmarks of class cls (simple name)."""
    out = {}
    for r in json.load(open(path)):
        klass, name = r["benchmark"].rsplit(".", 2)[1:]
        if klass != cls:
            continue
        m = r["primaryMetric"]
        out[(r["params"]["file"], name)] = (float(m["score"]), float(m["scoreError"]))
    return out


def peers(path):
    """file -> tool -> (f, J fwd, J rev) from a log of ba_peers.py (files by name) or hand_peers.py (files as
    HandBenchmark names them: simple_small/hand1_t26_c100.txt, test.txt)."""
    out = {}
    current = None
    for line in open(path):
        h = re.match(r"^(\S+): n=(\d+) m=(\d+) p=(\d+)", line) or re.match(r"^(\S+): (?:simple|complicated), N=", line)
        if h:
            parts = h.group(1).split("/")
            current = "/".join(parts[-2:]) if len(parts) > 1 and parts[-2].endswith("_small") else parts[-1]
            continue
        t = re.match(r"^\s+(jax_jit|torch)\s+(jacfwd|jacrev): f=\s*([\d.]+)us\s+J=\s*([\d.]+)us", line)
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


def two_mode_peers(path, header):
    """file -> tool -> (f, grad) from a log of lstm_peers.py or gmm_peers.py (header: the per-file line's pattern)."""
    out = {}
    current = None
    for line in open(path):
        h = re.match(header, line)
        if h:
            current = h.group(1)
            continue
        t = re.match(r"^\s+(jax_jit|torch)\s+f=\s*([\d.]+)us\s+grad=\s*([\d.]+)us", line)
        if t and current:
            out.setdefault(current, {})[t.group(1)] = (float(t.group(2)), float(t.group(3)))
    return out


def simple_table(title, res, files, measured, recorded, key, columns):
    """One table of objective and gradient per file beside the peers' (f, grad)."""
    rows = [f for f in files if (f, "objective") in res]
    if not rows:
        return
    print()
    print(title)
    print()
    print("| file | " + " | ".join(c for c, _ in columns) + " | Fluxion f | Fluxion grad | grad/f | JAX jit f | JAX jit grad "
          "| JAX grad/f | PyTorch f | PyTorch grad |")
    print("|---|" + "---:|" * (len(columns) + 8))
    for file in rows:
        f, fe = res[(file, "objective")]
        g, ge = res.get((file, "gradient"), (float("nan"), 0))
        d, marker = (measured[key(file)], "") if key(file) in measured else (recorded.get(file, {}), "*")
        cells = []
        for tool in ("jax_jit", "torch"):
            if tool in d:
                pf, pg = d[tool]
                cells += [fmt(pf) + marker, fmt(pg) + marker] + ([f"{pg / pf:.2f}{marker}"] if tool == "jax_jit" else [])
            else:
                cells += ["–", "–"] + (["–"] if tool == "jax_jit" else [])
        print(f"| {file} | " + " | ".join(c(file) for _, c in columns) + f" | {fmt(f)} ± {fmt(fe)} | {fmt(g)} ± {fmt(ge)} | "
              f"**{g / f:.2f}** | " + " | ".join(cells) + " |")


def lstm_shape(file):
    m = re.match(r"lstm_l(\d+)_c(\d+)", file)
    return m.group(1), m.group(2)


def gmm_shape(file):
    m = re.search(r"(\d+k)/gmm_d(\d+)_K(\d+)", file)
    return m.group(2), m.group(3), m.group(1).replace("k", ",000")


def main():
    args = sys.argv[1:]
    logs = {}
    while len(args) > 1 and args[-2] in ("--ba", "--hand", "--lstm", "--gmm"):
        logs[args[-2][2:]] = args[-1]
        args = args[:-2]
    ba_table(jmh(args[0], "BaBenchmark"), peers(logs["ba"]) if "ba" in logs else {})
    hand_table(jmh(args[0], "HandBenchmark"), peers(logs["hand"]) if "hand" in logs else {})
    lstm_measured = two_mode_peers(logs["lstm"], r"^(?:.*/)?(\S+\.txt): l=") if "lstm" in logs else {}
    simple_table("LSTM, objective and gradient (main and extra parameters), µs", jmh(args[0], "LstmBenchmark"), LSTM_FILES,
                 lstm_measured, LSTM_RECORDED, lambda f: f,
                 [("l", lambda f: lstm_shape(f)[0]), ("c", lambda f: lstm_shape(f)[1])])
    gmm_measured = two_mode_peers(logs["gmm"], r"^(?:.*/)?(\d+k/\S+\.txt): d=") if "gmm" in logs else {}
    simple_table("GMM, objective and full gradient (α, μ, icf), µs", jmh(args[0], "GmmBenchmark"), GMM_FILES,
                 gmm_measured, GMM_RECORDED, lambda f: f,
                 [("d", lambda f: gmm_shape(f)[0]), ("K", lambda f: gmm_shape(f)[1]), ("n", lambda f: gmm_shape(f)[2])])


def hand_table(res, measured):
    rows = [f for f in HAND_FILES if (f, "objective") in res]
    if not rows:
        return
    print()
    print("Hand, objective and Jacobian (3N × 26; complicated 3N × 28), µs")
    print()
    print("| input | N | Fluxion f | Fluxion J | J/f | JAX jit f | JAX jit J | PyTorch f | PyTorch J |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for file in rows:
        f, fe = res[(file, "objective")]
        j, je = res.get((file, "jacobian"), (float("nan"), 0))
        n = re.search(r"_c(\d+)", file)
        n = f"{int(n.group(1)):,}" if n else "2"
        d, marker = (measured[file], "") if file in measured else (HAND_RECORDED.get(file, {}), "*")
        jaxf, jaxj = peer_cell(d, "jax_jit", marker)
        tf, tj = peer_cell(d, "torch", marker)
        name = {"test.txt": "simple test", "hand_complicated.txt": "complicated test"}.get(file)
        name = name or file.replace("_small/", " ").split("_t26")[0]
        print(f"| {name} | {n} | {fmt(f)} ± {fmt(fe)} | {fmt(j)} ± {fmt(je)} | **{j / f:.2f}** | {jaxf} | {jaxj} | {tf} | {tj} |")


def ba_table(res, measured):
    if not res:
        return
    print("BA, objective and sparse Jacobian, µs")
    print()
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

#!/usr/bin/env python3
"""Lockstep comparison of Fluxion's MnistCnn with PyTorch (see examples/README.md).

Reads what `dev.fluxion.examples.lockstep.CnnLockstep` exported (initial parameters in
Fluxion's layout, the runtime's minibatch order, the first step's gradients and logits,
every step's loss, each epoch's test accuracy), builds the PyTorch model of
../shared/peers/mnist_peers.py (torch_cnn_train: the same layers, written out here) with
those initial parameters, trains it on the same minibatches in the same order with the same
SGD (lr 0.05, batch 32: MnistCnn's recipe, fixed here), and compares:

  - step 1 at the initial weights: logits, loss and every parameter's gradient (autograd);
  - the loss at steps 1, 2, 5, 10, 50, 100, 250, ... and the largest difference over all steps;
  - the test accuracy after each epoch.

The data are read here from the IDX files, independently of Fluxion (first 8,000 train,
last 2,000 test, pixels * (1/255) as Fluxion's Normalizer computes them, images [1, 28, 28]),
so a difference in the data would show as well.

Usage: ~/.venvs/peers/bin/python examples/tools/cnn_lockstep.py EXPORT_DIR
           [--data examples/data] [--float32]
--float32 runs PyTorch in float32 (as the reference script does) from the same start.
"""
import argparse
import gzip
import struct
import sys
import time

import numpy as np
import torch

REPORTED = [1, 2, 5, 10, 50, 100, 250, 500, 750, 1000, 1250]
LR = 0.05


def load(data_dir):
    with gzip.open(f"{data_dir}/mnist10k-images-idx3-ubyte.gz") as f:
        _, n, r, c = struct.unpack(">IIII", f.read(16))
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, r, c).astype(np.float64) * (1.0 / 255)
    with gzip.open(f"{data_dir}/mnist10k-labels-idx1-ubyte.gz") as f:
        struct.unpack(">II", f.read(8))
        y = np.frombuffer(f.read(), dtype=np.uint8).astype(np.int64)
    return x[:8000], y[:8000], x[8000:], y[8000:]


def build(export, dtype):
    """The reference's model, with Fluxion's initial parameters (W is [256, 10] there: transposed)."""
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(16 * 4 * 4, 10)).to(dtype)
    p = {k: np.load(f"{export}/init_{k}.npy") for k in ["K1", "c1", "K2", "c2", "W", "b"]}
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(p["K1"]))
        model[0].bias.copy_(torch.from_numpy(p["c1"].reshape(8)))
        model[3].weight.copy_(torch.from_numpy(p["K2"]))
        model[3].bias.copy_(torch.from_numpy(p["c2"].reshape(16)))
        model[7].weight.copy_(torch.from_numpy(p["W"].T.copy()))
        model[7].bias.copy_(torch.from_numpy(p["b"]))
    return model


def grads_in_fluxion_layout(model):
    return {"K1": model[0].weight.grad.numpy(), "c1": model[0].bias.grad.numpy().reshape(8, 1, 1),
            "K2": model[3].weight.grad.numpy(), "c2": model[3].bias.grad.numpy().reshape(16, 1, 1),
            "W": model[7].weight.grad.numpy().T, "b": model[7].bias.grad.numpy()}


def rel(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("export")
    ap.add_argument("--data", default="examples/data")
    ap.add_argument("--float32", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(2)
    dtype = torch.float32 if args.float32 else torch.float64
    xtr, ytr, xte, yte = load(args.data)
    X, Y = torch.from_numpy(xtr).to(dtype), torch.from_numpy(ytr)
    Xte = torch.from_numpy(xte).to(dtype)
    order = np.load(f"{args.export}/order.npy")
    flux_losses = np.load(f"{args.export}/losses.npy")
    flux_acc = np.load(f"{args.export}/accuracy.npy")
    epochs, n = order.shape
    batch = 32
    model = build(args.export, dtype)
    print(f"PyTorch {torch.__version__}, {dtype}, {epochs} epoch(s), export {args.export}")

    # Step 1 at the initial weights, before any update.
    idx = torch.from_numpy(order[0, :batch])
    logits = model(X[idx])
    loss = torch.nn.functional.cross_entropy(logits, Y[idx])
    model.zero_grad()
    loss.backward()
    print(f"step 1 logits   max rel diff {rel(logits.detach().numpy(), np.load(f'{args.export}/logits1.npy')):.3e}")
    print(f"step 1 loss     torch {loss.item():.15f} fluxion {np.load(f'{args.export}/loss1.npy')[0]:.15f}")
    for k, g in grads_in_fluxion_layout(model).items():
        print(f"step 1 grad {k:2s}  max rel diff {rel(g, np.load(f'{args.export}/grad1_{k}.npy')):.3e}")

    opt = torch.optim.SGD(model.parameters(), lr=LR)
    losses = []
    t0 = time.perf_counter()
    for ep in range(epochs):
        for i in range(0, n, batch):
            idx = torch.from_numpy(order[ep, i:i + batch])
            loss = torch.nn.functional.cross_entropy(model(X[idx]), Y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        with torch.no_grad():
            acc = (model(Xte).argmax(1).numpy() == yte).mean()
        print(f"epoch {ep + 1}: test accuracy torch {acc:.4f} fluxion {flux_acc[ep]:.4f}"
              f" ({time.perf_counter() - t0:.0f} s)")
    losses = np.array(losses)
    print(f"{'step':>5} {'torch loss':>20} {'fluxion loss':>20} {'difference':>10}")
    for s in REPORTED:
        if s <= len(losses):
            print(f"{s:5d} {losses[s - 1]:20.15f} {flux_losses[s - 1]:20.15f} {losses[s - 1] - flux_losses[s - 1]:10.2e}")
    diff = np.abs(losses - flux_losses)
    first = np.argmax(diff > 1e-8) + 1 if np.any(diff > 1e-8) else None
    print(f"max |loss difference| over {len(losses)} steps: {diff.max():.3e}"
          + (f"; first step above 1e-8: {first}" if first else "; none above 1e-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

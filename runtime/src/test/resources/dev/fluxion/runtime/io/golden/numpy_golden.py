"""Writes the NumPy golden files of Fluxion's parameter-format tests with NumPy itself.

Run from this directory: python3 numpy_golden.py   (written once with NumPy 2.4.6, Python 3.11.7)
The tensors are the ones of the tests (ReferenceFilesTest): b[3], W[2,3], s[] (a scalar).
"""
import numpy as np

b = np.array([0.5, -1.25, 3.0])
W = np.array([[1.0, -2.0, 0.25], [1e-3, -0.0, 6.5e10]])
s = np.array(0.125)

for suffix, dtype in (("f64", np.float64), ("f32", np.float32)):
    for name, a in (("b", b), ("W", W), ("s", s)):
        np.save(f"{name}_{suffix}.npy", a.astype(dtype))
    # Declaration order b, W, s is kept: numpy.savez writes the keywords in order.
    np.savez(f"golden_{suffix}.npz", b=b.astype(dtype), W=W.astype(dtype), s=s.astype(dtype))

# Read-only checks: what other NumPy writers produce.
np.savez_compressed("compressed_f64.npz", b=b, W=W, s=s)
np.save("W_big_endian.npy", W.astype(">f8"))
np.save("W_fortran.npy", np.asfortranarray(W))
np.save("ints.npy", np.arange(3))

# Edge cases, written by both references (see safetensors-writer): a name that is not ASCII
# (zipfile sets the UTF-8 flag), a quote and a backslash in a name, an empty tensor, NaN and
# infinities.
np.savez("edge_f64.npz", **{
    "\u03b1/weights": np.array([[1.0, 2.0], [3.0, 4.0]]),
    "empty": np.zeros((0, 3)),
    "q\"\\": np.array(-0.5),
    "big": np.array([1e300, -1e-300, np.nan, np.inf, -np.inf, 6.0]).reshape(3, 1, 1, 2),
})

# Half precision (read only by Fluxion): 1, -2, 0.25, the smallest normal, the smallest
# subnormal, the largest finite, +inf, -0.
np.save("half_f16.npy", np.array([1, -2, 0.25, 2.0**-14, 2.0**-24, 65504, np.inf, -0.0], dtype=np.float16))

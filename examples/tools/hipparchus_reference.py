"""Data and reference optima of the Hipparchus examples (HipparchusLogistic, HipparchusCurveFit).

Run once from the repository root: python3 examples/tools/hipparchus_reference.py
(NumPy 2.4.6, Python 3.11.7). Writes examples/data/fits/logistic.csv and decay.csv, then prints
each problem's optimum, computed here independently of Fluxion: Newton's method with the
hand-written gradient and Hessian for the logistic regression, Gauss-Newton with the
hand-written Jacobian for the curve fit, both iterated until the step is below 1e-15.
The printed values are the constants of HipparchusExamplesTest.
"""
import numpy as np

rng = np.random.default_rng(17)

# Logistic regression: 200 points in the plane, labels drawn from the model itself, so the
# classes overlap and the maximum-likelihood estimate is finite.
n = 200
X = np.round(rng.normal(size=(n, 2)), 4)
w_true, b_true = np.array([1.5, -2.0]), 0.25
p_true = 1 / (1 + np.exp(-(X @ w_true + b_true)))
y = (rng.uniform(size=n) < p_true).astype(float)
np.savetxt("examples/data/fits/logistic.csv", np.column_stack([X, y]), fmt=["%.4f", "%.4f", "%d"],
           delimiter=",", header="x1,x2,y", comments="")

# Newton on loss(w, b) = mean(softplus(z) - y z), z = X w + b.
A = np.column_stack([X, np.ones(n)])
theta = np.zeros(3)
for _ in range(100):
    z = A @ theta
    p = 1 / (1 + np.exp(-z))
    g = A.T @ (p - y) / n
    H = (A * (p * (1 - p))[:, None]).T @ A / n
    step = np.linalg.solve(H, g)
    theta -= step
    if np.max(np.abs(step)) < 1e-15:
        break
z = A @ theta
loss = np.mean(np.logaddexp(0, z) - y * z)
print("logistic w1, w2, b =", repr(float(theta[0])), repr(float(theta[1])), repr(float(theta[2])))
print("logistic loss      =", repr(float(loss)))

# Curve fit: y = a exp(-k t) + c at 25 times in [0, 4], with noise.
t = np.round(np.linspace(0, 4, 25), 4)
a_true, k_true, c_true = 4.0, 1.3, 0.5
obs = np.round(a_true * np.exp(-k_true * t) + c_true + rng.normal(scale=0.05, size=t.size), 4)
np.savetxt("examples/data/fits/decay.csv", np.column_stack([t, obs]), fmt=["%.4f", "%.4f"],
           delimiter=",", header="t,y", comments="")

# Gauss-Newton on 0.5 * sum((a exp(-k t) + c - obs)^2).
q = np.array([1.0, 1.0, 0.0])
for _ in range(200):
    e = np.exp(-q[1] * t)
    r = q[0] * e + q[2] - obs
    J = np.column_stack([e, -q[0] * t * e, np.ones_like(t)])
    step = np.linalg.lstsq(J, r, rcond=None)[0]
    q -= step
    if np.max(np.abs(step)) < 1e-15:
        break
r = q[0] * np.exp(-q[1] * t) + q[2] - obs
print("decay a, k, c      =", repr(float(q[0])), repr(float(q[1])), repr(float(q[2])))
print("decay sum of squares =", repr(float(np.sum(r * r))))

package dev.fluxion.tests.tensor;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table drives the per-op checks: each row is a small model exercising one tensor op
 * (with broadcasting where it applies). For every row, at batch 1 and a larger batch, the
 * generated loss and gradient equal the reference interpreter, the gradient equals
 * central finite differences, forward mode (JVP) agrees with reverse mode, and the generated
 * SGD step equals the gradient followed by the runtime's SGD, bit for bit.
 */
class TensorOpTest {

    private static final Fluxion FLUXION = Fluxion.create();

    static Stream<Arguments> ops() {
        return Stream.of(
                row("matmul", "input x[B, 3]\n param W[3, 4]\n loss = sum(sin(x @ W))"),
                row("matmul of two parameters", "input x[B, 2]\n param A[2, 3]\n param C[3, 2]\n loss = sum(tanh(x @ (A @ C)))"),
                row("broadcast add of a vector", "input x[B, 4]\n param b[4]\n loss = sum(tanh(x + b) * x)"),
                row("broadcast of a row", "input x[B, 4]\n param b[1, 4]\n loss = sum(sin(x * b))"),
                row("broadcast of a column", "input x[B, 4]\n param c[4]\n param d[3, 1]\n loss = sum(exp(c * d) * 0.1) + sum(x)"),
                row("scalar times tensor", "input x[B, 3]\n param a[1]\n loss = sum(sin(a * x))"),
                row("elementwise divide and power", "input x[B, 3]\n param w[3]\n loss = sum(x / (1 + w * w) + (w * w + 1) ^ 1.5)"),
                row("sigmoid softplus relu", "input x[B, 3]\n param w[3]\n loss = sum(sigmoid(x * w) + softplus(w - x) + relu(x + w))"),
                row("leaky_relu", "input x[B, 3]\n param w[3]\n loss = sum(leaky_relu(x * w, alpha=0.2))"),
                row("sum over an axis", "input x[B, 3]\n param W[3, 2]\n loss = sum(sin(sum(x @ W, axis=1)))"),
                row("mean over the batch", "input x[B, 3]\n param w[3]\n loss = sum(sin(mean(x * w, axis=0)))"),
                row("mean over everything", "input x[B, 3]\n param w[3]\n loss = mean(exp(x * w))"),
                row("max over an axis", "input x[B, 4]\n param w[4]\n loss = sum(max(x * w, axis=1))"),
                row("softmax", "input x[B, 4]\n param w[4]\n loss = sum(softmax(x * w) * x)"),
                row("log_softmax", "input x[B, 4]\n param w[4]\n loss = sum(log_softmax(x + w) * x)"),
                row("logsumexp", "input x[B, 4]\n param w[4]\n loss = sum(logsumexp(x * w, axis=1))"),
                row("softmax over the batch axis", "input x[B, 4]\n param w[4]\n loss = sum(softmax(x * w, axis=0) * x)"),
                row("cross_entropy on labels", "input x[B, 3]\n label y[B] of 4\n param W[3, 4]\n param b[4]\n loss = mean(cross_entropy(x @ W + b, y))"),
                row("cross_entropy on probabilities", "input x[B, 3]\n input t[B, 3]\n param W[3, 3]\n loss = mean(cross_entropy(x @ W, softmax(t)))"),
                row("mse", "input x[B, 3]\n input z[B, 2]\n param W[3, 2]\n loss = mse(x @ W, z)"),
                row("euclidean", "input x[B, 3]\n input z[B, 2]\n param W[3, 2]\n loss = euclidean(x @ W, z)"),
                row("l1 and l2 penalties", "input x[B, 3]\n param W[3, 2]\n loss = sum(x @ W) + 0.1 * l2(W) + 0.01 * l1(W)"),
                row("transpose", "input x[B, 3]\n param W[2, 3]\n loss = sum(sin(x @ transpose(W)))"),
                row("transpose of the batch", "input x[B, 3]\n param W[3, 3]\n loss = sum(sin(transpose(x) @ x @ W))"),
                row("conv2d", "input x[B, 2, 5, 5]\n param K[3, 2, 3, 3]\n loss = sum(sin(conv2d(x, K)))"),
                row("conv2d with stride, padding and bias", "input x[B, 2, 6, 5]\n param K[3, 2, 3, 2]\n param c[3, 1, 1]\n"
                        + " loss = sum(tanh(conv2d(x, K, stride=2, padding=1) + c))"),
                row("maxpool2d", "input x[B, 2, 4, 6]\n param w[6]\n loss = sum(sin(maxpool2d(x * w)))"),
                row("maxpool2d overlapping windows", "input x[B, 1, 5, 5]\n param w[5]\n loss = sum(sin(maxpool2d(x * w, size=3, stride=2)))"),
                row("avgpool2d", "input x[B, 2, 4, 4]\n param w[4]\n loss = sum(sin(avgpool2d(x * w)))"),
                row("conv, relu, pool, linear", "input x[B, 1, 6, 6]\n label y[B] of 3\n param K[2, 1, 3, 3]\n param W[8, 3]\n"
                        + " h = maxpool2d(relu(conv2d(x, K)))\n loss = mean(cross_entropy(flatten(h) @ W, y))"),
                row("slicing", "input x[B, 5]\n param W[4, 3]\n loss = sum(sin(x[:, 1:5] @ W[:, 0:2])) + sum(W[1:, -1] * W[0, :])"),
                row("single index drops the axis", "input x[B, 3]\n param W[3, 2]\n loss = sum(sin(x * W[:, 1]))"),
                row("concat", "input x[B, 3]\n param a[2, 3]\n param c[2, 1]\n loss = sum(sin(x @ transpose(concat(a[0:1, :], a[1:2, :], axis=0)) @ concat(c, c, axis=1)))"),
                row("concat of three operands", "input x[B, 2]\n input a[B, 1]\n param c[2, 2]\n"
                        + " param w[1]\n loss = sum(sin(concat(x, a * w, x @ c, axis=1) * concat(a, x @ c, a, a * w, axis=-1)))"),
                row("prelu", "input x[B, 3]\n param w[3]\n param a[3]\n loss = sum(prelu(x * w, a))"),
                row("elu", "input x[B, 3]\n param w[3]\n loss = sum(elu(x * w + 0.1, alpha=0.7))"),
                row("maxout", "input x[B, 3]\n param W[3, 6]\n loss = sum(sin(maxout(x @ W, pieces=3)))"),
                row("einsum matmul", "input x[B, 3]\n param W[3, 2]\n loss = sum(sin(einsum(\"bi,ij->bj\", x, W)))"),
                row("einsum with a summed-away letter", "input x[B, 3]\n param W[3, 2]\n param v[4]\n"
                        + " loss = sum(sin(einsum(\"bi,ij,k->bj\", x, W, v)))"),
                row("einsum outer product and full contraction", "input x[B, 3]\n param u[3]\n param w[2]\n"
                        + " loss = sum(sin(einsum(\"i,j->ij\", u, w))) + einsum(\"bi,i->\", x, u)"),
                row("einsum products of flattened and transposed views", "input x[B, 3]\n param Q[2, 2, 3]\n param W[2, 3]\n"
                        + " loss = sum(sin(einsum(\"kab,nb->nka\", Q, x))) + sum(cos(einsum(\"bi,ki->kb\", x, W)))"),
                row("einsum batched quadratic form", "input x[B, 3]\n param Q[2, 3, 3]\n"
                        + " loss = sum(exp(-0.1 * einsum(\"bi,kij,bj->bk\", x, Q, x)))"),
                row("reshape", "input x[B, 6]\n param w[2, 3]\n loss = sum(sin(reshape(x, \"B, 2, 3\") * w))"),
                row("mean subtraction", "input x[B, 3]\n param w[3]\n h = x * w - mean(x * w, axis=0)\n loss = sum(sin(h))"),
                row("where with a side undefined where it is not chosen", "input x[B, 3]\n param w[3]\n z = x * w\n"
                        + " loss = sum(where(z > 0, sqrt(z) ^ 4, -(z * z * z)) + where(z < 0, z, 0.5 * sqrt(z) ^ 6))"),
                row("where, a choice per element", "input x[B, 3]\n param w[3]\n z = x * w + 0.05\n"
                        + " loss = sum(where(z > 0 and not (x > 0.9), sin(z) * w, z * z))"),
                row("if on a scalar condition", "input x[B, 3]\n param w[3]\n s = sum(w * w)\n"
                        + " loss = if s > 0.3 then sum(sin(x * w)) else sum(x * w) * s"),
                // values whose shape holds the batch size twice: [B, B] has batch² elements
                row("Gram matrix h @ transpose(h) [B, B]", "input x[B, 3]\n param W[3, 2]\n h = tanh(x @ W)\n"
                        + " G = h @ transpose(h)\n loss = sum(sin(G))"),
                row("einsum bi,ci->bc [B, B]", "input x[B, 3]\n param W[3, 3]\n h = x @ W\n"
                        + " loss = sum(sin(einsum(\"bi,ci->bc\", h, x)))"),
                row("broadcast outer product s * transpose(s) [B, B]", "input x[B, 3]\n param w[3, 1]\n s = x @ w\n"
                        + " loss = sum(sin(s * transpose(s)))"),
                row("[B, B] reduced: mean, sums over each axis, max, logsumexp, softmax", "input x[B, 2]\n param W[2, 2]\n"
                        + " h = x @ W\n G = h @ transpose(x)\n loss = mean(exp(0.1 * G)) + sum(sin(sum(G, axis=0))) + "
                        + "sum(cos(sum(G, axis=1))) + sum(max(G, axis=1)) + sum(logsumexp(G, axis=0)) + sum(softmax(G, axis=1) * G)"),
                row("[B, B] times [B, 3]: attention-like mixing", "input x[B, 3]\n param W[3, 3]\n h = x @ W\n"
                        + " A = softmax(h @ transpose(x), axis=1)\n loss = sum(sin(A @ h))"),
                row("[B, B] input", "input K[B, B]\n input x[B, 3]\n param W[3, 2]\n loss = sum(sin(K @ (x @ W) + transpose(K) @ x @ W))"),
                row("[B, B] broadcast with a row and elementwise ops", "input x[B, 2]\n param w[2]\n param c[1]\n"
                        + " s = sum(x * w, axis=1)\n G = einsum(\"b,c->bc\", s, s)\n loss = sum(tanh(G * c + G / (1 + G * G)))"),
                row("[B, B, 2] batched outer products", "input x[B, 2]\n param W[2, 2]\n h = x @ W\n"
                        + " loss = sum(sin(einsum(\"bi,ci->bci\", h, x)))"),
                row("pooling images whose channels are the batch [B, B, 3, 3]", "input x[B, 3]\n param w[3]\n"
                        + " G = einsum(\"bi,cj->bcij\", x * w, x)\n"
                        + " loss = sum(sin(maxpool2d(G, size=2, stride=1))) + sum(cos(avgpool2d(G, size=2, stride=1)))"));
    }

    private static Arguments row(String name, String body) {
        return Arguments.of(name, "model t {\n " + body + "\n}\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void bothModesAgreeWithFiniteDifferences(String name, String source) {
        CompiledModel cm = FLUXION.compileModel(source);
        ModelHarness.check(cm, 1, 17, 1e-5);
        ModelHarness.check(cm, 5, 18, 1e-5);
        ModelHarness.checkForward(cm, 1, 19);
        ModelHarness.checkForward(cm, 4, 20);
        ModelHarness.checkSgdStep(cm, 1, 21);
        ModelHarness.checkSgdStep(cm, 5, 22);
    }
}

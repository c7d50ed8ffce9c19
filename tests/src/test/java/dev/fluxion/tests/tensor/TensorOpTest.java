package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diff.Forward;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ops.OpTable;
import dev.fluxion.compiler.simplify.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table drives the per-op checks: each row is a small model exercising one tensor op
 * (with broadcasting where it applies). For every row, at batch 1 and a larger batch, the
 * generated loss and gradient equal the reference interpreter, the gradient equals
 * central finite differences, forward mode (JVP) agrees with reverse mode, and the generated
 * SGD step equals the gradient followed by the runtime's SGD, bit for bit. Each row names
 * the ops it exercises; {@link #everyTensorOpOfTheTableHasARow} fails when a tensor op of
 * the table has no row, or a row names an op it does not use.
 */
class TensorOpTest {

    private static final Fluxion FLUXION = Fluxion.create();

    static Stream<Arguments> ops() {
        return Stream.of(
                row("matmul", "matmul", "input x[B, 3]\n param W[3, 4]\n loss = sum(sin(x @ W))"),
                row("matmul", "matmul of two parameters", "input x[B, 2]\n param A[2, 3]\n param C[3, 2]\n loss = sum(tanh(x @ (A @ C)))"),
                row("+", "broadcast add of a vector", "input x[B, 4]\n param b[4]\n loss = sum(tanh(x + b) * x)"),
                row("*", "broadcast of a row", "input x[B, 4]\n param b[1, 4]\n loss = sum(sin(x * b))"),
                row("* broadcast_to", "broadcast of a column", "input x[B, 4]\n param c[4]\n param d[3, 1]\n loss = sum(exp(c * d) * 0.1) + sum(x)"),
                row("*", "scalar times tensor", "input x[B, 3]\n param a[1]\n loss = sum(sin(a * x))"),
                row("/ ^", "elementwise divide and power", "input x[B, 3]\n param w[3]\n loss = sum(x / (1 + w * w) + (w * w + 1) ^ 1.5)"),
                row("sigmoid softplus relu", "sigmoid softplus relu", "input x[B, 3]\n param w[3]\n loss = sum(sigmoid(x * w) + softplus(w - x) + relu(x + w))"),
                row("relu", "leaky_relu", "input x[B, 3]\n param w[3]\n loss = sum(leaky_relu(x * w, alpha=0.2))"),
                row("sum", "sum over an axis", "input x[B, 3]\n param W[3, 2]\n loss = sum(sin(sum(x @ W, axis=1)))"),
                row("divide_count", "mean over the batch", "input x[B, 3]\n param w[3]\n loss = sum(sin(mean(x * w, axis=0)))"),
                row("divide_count", "mean over everything", "input x[B, 3]\n param w[3]\n loss = mean(exp(x * w))"),
                row("max argmax_mask", "max over an axis", "input x[B, 4]\n param w[4]\n loss = sum(max(x * w, axis=1))"),
                row("softmax", "softmax", "input x[B, 4]\n param w[4]\n loss = sum(softmax(x * w) * x)"),
                row("log_softmax", "log_softmax", "input x[B, 4]\n param w[4]\n loss = sum(log_softmax(x + w) * x)"),
                row("logsumexp", "logsumexp", "input x[B, 4]\n param w[4]\n loss = sum(logsumexp(x * w, axis=1))"),
                row("softmax", "softmax over the batch axis", "input x[B, 4]\n param w[4]\n loss = sum(softmax(x * w, axis=0) * x)"),
                row("cross_entropy onehot", "cross_entropy on labels", "input x[B, 3]\n label y[B] of 4\n param W[3, 4]\n param b[4]\n loss = mean(cross_entropy(x @ W + b, y))"),
                row("log_softmax", "cross_entropy on probabilities", "input x[B, 3]\n input t[B, 3]\n param W[3, 3]\n loss = mean(cross_entropy(x @ W, softmax(t)))"),
                row("divide_count", "mse", "input x[B, 3]\n input z[B, 2]\n param W[3, 2]\n loss = mse(x @ W, z)"),
                row("sum", "euclidean", "input x[B, 3]\n input z[B, 2]\n param W[3, 2]\n loss = euclidean(x @ W, z)"),
                row("abs sign", "l1 and l2 penalties", "input x[B, 3]\n param W[3, 2]\n loss = sum(x @ W) + 0.1 * l2(W) + 0.01 * l1(W)"),
                row("transpose", "transpose", "input x[B, 3]\n param W[2, 3]\n loss = sum(sin(x @ transpose(W)))"),
                row("transpose", "transpose of the batch", "input x[B, 3]\n param W[3, 3]\n loss = sum(sin(transpose(x) @ x @ W))"),
                row("conv2d conv2d_filter_grad", "conv2d", "input x[B, 2, 5, 5]\n param K[3, 2, 3, 3]\n loss = sum(sin(conv2d(x, K)))"),
                row("conv2d", "conv2d with stride, padding and bias", "input x[B, 2, 6, 5]\n param K[3, 2, 3, 2]\n param c[3, 1, 1]\n"
                        + " loss = sum(tanh(conv2d(x, K, stride=2, padding=1) + c))"),
                row("conv2d conv2d_input_grad conv2d_filter_grad", "two convolutions: the gradient flows into the first's output",
                        "input x[B, 1, 6, 6]\n param K[2, 1, 3, 3]\n param L[1, 2, 2, 2]\n"
                        + " loss = sum(sin(conv2d(tanh(conv2d(x, K)), L)))"),
                row("maxpool2d maxpool_select maxpool_scatter", "maxpool2d", "input x[B, 2, 4, 6]\n param w[6]\n loss = sum(sin(maxpool2d(x * w)))"),
                row("maxpool2d", "maxpool2d overlapping windows", "input x[B, 1, 5, 5]\n param w[5]\n loss = sum(sin(maxpool2d(x * w, size=3, stride=2)))"),
                row("avgpool2d avgpool2d_transpose", "avgpool2d", "input x[B, 2, 4, 4]\n param w[4]\n loss = sum(sin(avgpool2d(x * w)))"),
                row("conv2d maxpool2d reshape", "conv, relu, pool, linear", "input x[B, 1, 6, 6]\n label y[B] of 3\n param K[2, 1, 3, 3]\n param W[8, 3]\n"
                        + " h = maxpool2d(relu(conv2d(x, K)))\n loss = mean(cross_entropy(flatten(h) @ W, y))"),
                row("slice pad", "slicing", "input x[B, 5]\n param W[4, 3]\n loss = sum(sin(x[:, 1:5] @ W[:, 0:2])) + sum(W[1:, -1] * W[0, :])"),
                row("slice reshape", "single index drops the axis", "input x[B, 3]\n param W[3, 2]\n loss = sum(sin(x * W[:, 1]))"),
                row("concat", "concat", "input x[B, 3]\n param a[2, 3]\n param c[2, 1]\n loss = sum(sin(x @ transpose(concat(a[0:1, :], a[1:2, :], axis=0)) @ concat(c, c, axis=1)))"),
                row("concat", "concat of three operands", "input x[B, 2]\n input a[B, 1]\n param c[2, 2]\n"
                        + " param w[1]\n loss = sum(sin(concat(x, a * w, x @ c, axis=1) * concat(a, x @ c, a, a * w, axis=-1)))"),
                row("relu", "prelu", "input x[B, 3]\n param w[3]\n param a[3]\n loss = sum(prelu(x * w, a))"),
                row("exp min", "elu", "input x[B, 3]\n param w[3]\n loss = sum(elu(x * w + 0.1, alpha=0.7))"),
                row("max reshape", "maxout", "input x[B, 3]\n param W[3, 6]\n loss = sum(sin(maxout(x @ W, pieces=3)))"),
                row("einsum", "einsum matmul", "input x[B, 3]\n param W[3, 2]\n loss = sum(sin(einsum(\"bi,ij->bj\", x, W)))"),
                row("einsum", "einsum with a summed-away letter", "input x[B, 3]\n param W[3, 2]\n param v[4]\n"
                        + " loss = sum(sin(einsum(\"bi,ij,k->bj\", x, W, v)))"),
                row("einsum", "einsum outer product and full contraction", "input x[B, 3]\n param u[3]\n param w[2]\n"
                        + " loss = sum(sin(einsum(\"i,j->ij\", u, w))) + einsum(\"bi,i->\", x, u)"),
                row("einsum", "einsum products of flattened and transposed views", "input x[B, 3]\n param Q[2, 2, 3]\n param W[2, 3]\n"
                        + " loss = sum(sin(einsum(\"kab,nb->nka\", Q, x))) + sum(cos(einsum(\"bi,ki->kb\", x, W)))"),
                row("einsum", "einsum batched quadratic form", "input x[B, 3]\n param Q[2, 3, 3]\n"
                        + " loss = sum(exp(-0.1 * einsum(\"bi,kij,bj->bk\", x, Q, x)))"),
                row("reshape", "reshape", "input x[B, 6]\n param w[2, 3]\n loss = sum(sin(reshape(x, \"B, 2, 3\") * w))"),
                row("divide_count", "mean subtraction", "input x[B, 3]\n param w[3]\n h = x * w - mean(x * w, axis=0)\n loss = sum(sin(h))"),
                row("where > <", "where with a side undefined where it is not chosen", "input x[B, 3]\n param w[3]\n z = x * w\n"
                        + " loss = sum(where(z > 0, sqrt(z) ^ 4, -(z * z * z)) + where(z < 0, z, 0.5 * sqrt(z) ^ 6))"),
                row("where > and not", "where, a choice per element", "input x[B, 3]\n param w[3]\n z = x * w + 0.05\n"
                        + " loss = sum(where(z > 0 and not (x > 0.9), sin(z) * w, z * z))"),
                row("where >", "if on a scalar condition", "input x[B, 3]\n param w[3]\n s = sum(w * w)\n"
                        + " loss = if s > 0.3 then sum(sin(x * w)) else sum(x * w) * s"),
                // values whose shape holds the batch size twice: [B, B] has batch² elements
                row("matmul transpose", "Gram matrix h @ transpose(h) [B, B]", "input x[B, 3]\n param W[3, 2]\n h = tanh(x @ W)\n"
                        + " G = h @ transpose(h)\n loss = sum(sin(G))"),
                row("einsum", "einsum bi,ci->bc [B, B]", "input x[B, 3]\n param W[3, 3]\n h = x @ W\n"
                        + " loss = sum(sin(einsum(\"bi,ci->bc\", h, x)))"),
                row("* transpose", "broadcast outer product s * transpose(s) [B, B]", "input x[B, 3]\n param w[3, 1]\n s = x @ w\n"
                        + " loss = sum(sin(s * transpose(s)))"),
                row("sum divide_count max logsumexp softmax", "[B, B] reduced: mean, sums over each axis, max, logsumexp, softmax", "input x[B, 2]\n param W[2, 2]\n"
                        + " h = x @ W\n G = h @ transpose(x)\n loss = mean(exp(0.1 * G)) + sum(sin(sum(G, axis=0))) + "
                        + "sum(cos(sum(G, axis=1))) + sum(max(G, axis=1)) + sum(logsumexp(G, axis=0)) + sum(softmax(G, axis=1) * G)"),
                row("softmax matmul", "[B, B] times [B, 3]: attention-like mixing", "input x[B, 3]\n param W[3, 3]\n h = x @ W\n"
                        + " A = softmax(h @ transpose(x), axis=1)\n loss = sum(sin(A @ h))"),
                row("matmul transpose", "[B, B] input", "input K[B, B]\n input x[B, 3]\n param W[3, 2]\n loss = sum(sin(K @ (x @ W) + transpose(K) @ x @ W))"),
                row("einsum tanh", "[B, B] broadcast with a row and elementwise ops", "input x[B, 2]\n param w[2]\n param c[1]\n"
                        + " s = sum(x * w, axis=1)\n G = einsum(\"b,c->bc\", s, s)\n loss = sum(tanh(G * c + G / (1 + G * G)))"),
                row("einsum", "[B, B, 2] batched outer products", "input x[B, 2]\n param W[2, 2]\n h = x @ W\n"
                        + " loss = sum(sin(einsum(\"bi,ci->bci\", h, x)))"),
                row("maxpool2d avgpool2d", "pooling images whose channels are the batch [B, B, 3, 3]", "input x[B, 3]\n param w[3]\n"
                        + " G = einsum(\"bi,cj->bcij\", x * w, x)\n"
                        + " loss = sum(sin(maxpool2d(G, size=2, stride=1))) + sum(cos(avgpool2d(G, size=2, stride=1)))"));
    }

    /** A row: the ops it exercises (space-separated names of the op table), a description, the model's body. */
    private static Arguments row(String ops, String name, String body) {
        return Arguments.of(name, "model t {\n " + body + "\n}\n", List.of(ops.split(" ")));
    }

    /**
     * The guard: every tensor op of {@link OpTable} is exercised by a row that names it, and
     * every op a row names is an op of the table that occurs in the row's model, its
     * gradient or its JVP (so a row cannot name an op it does not test, and the list cannot go
     * stale).
     */
    @Test
    void everyTensorOpOfTheTableHasARow() {
        Set<String> table = OpTable.all().stream().map(Op::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> named = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        ops().forEach(a -> {
            Object[] row = a.get();
            @SuppressWarnings("unchecked")
            List<String> ops = (List<String>) row[2];
            Set<String> present = opsIn(FLUXION.translateModel((String) row[1], Options.defaults()));
            for (String op : ops) {
                named.add(op);
                if (!table.contains(op)) {
                    problems.add("row '" + row[0] + "' names '" + op + "', which is not an op of OpTable");
                } else if (!present.contains(op)) {
                    problems.add("row '" + row[0] + "' names '" + op + "', which its model and gradient do not use "
                            + "(they use " + present + ")");
                }
            }
        });
        Set<String> missing = OpTable.tensor().stream().map(Op::name).collect(Collectors.toCollection(TreeSet::new));
        missing.removeAll(named);
        assertTrue(missing.isEmpty(), "tensor ops of OpTable without a row in TensorOpTest: " + missing);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The names of the ops in a model's graph, its gradient graph and its JVP graph (what the checks run). */
    private static Set<String> opsIn(ModelCompilation c) {
        Set<String> names = new TreeSet<>();
        Graph jvp = Forward.jvp(c.program().graph(), RuleSet.standard().newBuilder(), ModelProgram.PARAM_ARRAY, "pdot");
        for (Graph g : List.of(c.program().graph(), c.gradient(), jvp)) {
            for (int i = 0; i < g.size(); i++) {
                names.add(g.node(i).op().name());
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void bothModesAgreeWithFiniteDifferences(String name, String source, List<String> ops) {
        CompiledModel cm = FLUXION.compileModel(source);
        ModelHarness.check(cm, 1, 17, 1e-5);
        ModelHarness.check(cm, 5, 18, 1e-5);
        ModelHarness.checkForward(cm, 1, 19);
        ModelHarness.checkForward(cm, 4, 20);
        ModelHarness.checkSgdStep(cm, 1, 21);
        ModelHarness.checkSgdStep(cm, 5, 22);
    }
}

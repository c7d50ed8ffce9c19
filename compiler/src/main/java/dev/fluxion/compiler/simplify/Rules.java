package dev.fluxion.compiler.simplify;

import static dev.fluxion.compiler.ir.GraphBuilder.NO_MATCH;

import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ops.Activations;
import dev.fluxion.compiler.ops.Arithmetic;
import dev.fluxion.compiler.ops.Axes;
import dev.fluxion.compiler.ops.Elementary;
import dev.fluxion.compiler.ops.Logic;
import dev.fluxion.compiler.ops.Reductions;
import dev.fluxion.compiler.ops.Softmax;
import java.util.List;

/**
 * The rewrite rules, each a small function with its identity. IEEE note: the identities
 * {@code 0*x = 0} and {@code x - x = 0} hold for finite x only; like other symbolic AD
 * systems Fluxion applies them anyway, which is what gives an unused input an exact zero
 * gradient. The derivative product ⊙ ({@link Arithmetic#TIMES}) keeps {@code 0 ⊙ x = 0} true
 * at run time as well.
 */
public final class Rules {

    private Rules() {
    }

    private static boolean is(GraphBuilder b, int id, Op op) {
        return b.node(id).op() == op;
    }

    private static int arg(GraphBuilder b, int id, int k) {
        return b.node(id).arg(k);
    }

    private static boolean c(GraphBuilder b, int id, double v) {
        return b.isConstant(id, v);
    }

    /**
     * Every rule, in the order they are tried.
     *
     * @return the rules
     */
    public static List<Rule> all() {
        return List.of(
            // ---------------------------------------------------------------- FOLD
            new Rule("fold_constants", Phase.FOLD, "op(c1, ..., cn) => c", (b, op, a, attr) -> {
                if (!op.foldable() || a.length == 0) {
                    return NO_MATCH;
                }
                double[] v = new double[a.length];
                for (int k = 0; k < a.length; k++) {
                    if (!b.isConstant(a[k])) {
                        return NO_MATCH;
                    }
                    v[k] = b.constantValue(a[k]);
                }
                return b.constant(op.eval(v, attr));
            }),
            // ---------------------------------------------------------------- CANONICALIZE
            new Rule("add_zero", Phase.CANONICALIZE, "x + 0 => x, 0 + x => x", (b, op, a, attr) -> {
                if (op != Arithmetic.ADD) {
                    return NO_MATCH;
                }
                return c(b, a[1], 0) ? a[0] : c(b, a[0], 0) ? a[1] : NO_MATCH;
            }),
            new Rule("where_constant", Phase.CANONICALIZE, "where(1, a, b) => a, where(0, a, b) => b",
                (b, op, a, attr) -> op != Logic.WHERE || !b.isConstant(a[0]) ? NO_MATCH
                        : b.constantValue(a[0]) != 0 ? a[1] : a[2]),
            new Rule("and_constant", Phase.CANONICALIZE, "1 and c => c, 0 and c => 0 (either side)", (b, op, a, attr) -> {
                if (op != Logic.AND) {
                    return NO_MATCH;
                }
                for (int k = 0; k < 2; k++) {
                    if (b.isConstant(a[k])) {
                        return b.constantValue(a[k]) != 0 ? a[1 - k] : b.constant(0.0);
                    }
                }
                return NO_MATCH;
            }),
            new Rule("or_constant", Phase.CANONICALIZE, "1 or c => 1, 0 or c => c (either side)", (b, op, a, attr) -> {
                if (op != Logic.OR) {
                    return NO_MATCH;
                }
                for (int k = 0; k < 2; k++) {
                    if (b.isConstant(a[k])) {
                        return b.constantValue(a[k]) != 0 ? b.constant(1.0) : a[1 - k];
                    }
                }
                return NO_MATCH;
            }),
            new Rule("where_same", Phase.CANONICALIZE, "where(c, a, a) => a", (b, op, a, attr) ->
                op == Logic.WHERE && a[1] == a[2] ? a[1] : NO_MATCH),
            new Rule("where_decided", Phase.CANONICALIZE,
                "where(c, where(c, a, b), d) => where(c, a, d), where(c, d, where(c, a, b)) => where(c, d, b)",
                (b, op, a, attr) -> {
                    if (op != Logic.WHERE) {
                        return NO_MATCH;
                    }
                    // a side of a choice on c is read only where c already decided it
                    for (int k = 1; k <= 2; k++) {
                        dev.fluxion.compiler.ir.Node inner = b.node(a[k]);
                        if (inner.op() == Logic.WHERE && inner.arg(0) == a[0]) {
                            return k == 1 ? b.apply(Logic.WHERE, a[0], inner.arg(1), a[2])
                                    : b.apply(Logic.WHERE, a[0], a[1], inner.arg(2));
                        }
                    }
                    return NO_MATCH;
                }),
            new Rule("sub_zero", Phase.CANONICALIZE, "x - 0 => x", (b, op, a, attr) ->
                op == Arithmetic.SUB && c(b, a[1], 0) ? a[0] : NO_MATCH),
            new Rule("zero_sub", Phase.CANONICALIZE, "0 - x => -x", (b, op, a, attr) ->
                op == Arithmetic.SUB && c(b, a[0], 0) ? b.apply(Arithmetic.NEG, a[1]) : NO_MATCH),
            new Rule("sub_self", Phase.CANONICALIZE, "x - x => 0", (b, op, a, attr) ->
                op == Arithmetic.SUB && a[0] == a[1] ? b.constant(0.0) : NO_MATCH),
            new Rule("mul_zero", Phase.CANONICALIZE, "0*x => 0, x*0 => 0", (b, op, a, attr) ->
                op == Arithmetic.MUL && (c(b, a[0], 0) || c(b, a[1], 0)) ? b.constant(0.0) : NO_MATCH),
            new Rule("times_zero", Phase.CANONICALIZE, "0 ⊙ x => 0, x ⊙ 0 => 0 (for every x: ⊙ is the derivative product)",
                (b, op, a, attr) -> op == Arithmetic.TIMES && (c(b, a[0], 0) || c(b, a[1], 0)) ? b.constant(0.0) : NO_MATCH),
            new Rule("times_finite_constant", Phase.CANONICALIZE, "c ⊙ x => c*x, x ⊙ c => c*x for finite c ≠ 0",
                (b, op, a, attr) -> {
                if (op != Arithmetic.TIMES) {
                    return NO_MATCH;
                }
                return finiteNonZero(b, a[0]) ? b.apply(Arithmetic.MUL, a[0], a[1])
                        : finiteNonZero(b, a[1]) ? b.apply(Arithmetic.MUL, a[1], a[0]) : NO_MATCH;
            }),
            new Rule("times_neg", Phase.CANONICALIZE, "(-x) ⊙ y => -(x ⊙ y), x ⊙ (-y) => -(x ⊙ y)", (b, op, a, attr) -> {
                if (op != Arithmetic.TIMES) {
                    return NO_MATCH;
                }
                if (is(b, a[0], Arithmetic.NEG)) {
                    return b.apply(Arithmetic.NEG, b.apply(Arithmetic.TIMES, arg(b, a[0], 0), a[1]));
                }
                if (is(b, a[1], Arithmetic.NEG)) {
                    return b.apply(Arithmetic.NEG, b.apply(Arithmetic.TIMES, a[0], arg(b, a[1], 0)));
                }
                return NO_MATCH;
            }),
            new Rule("mul_one", Phase.CANONICALIZE, "1*x => x, x*1 => x", (b, op, a, attr) -> {
                if (op != Arithmetic.MUL) {
                    return NO_MATCH;
                }
                return c(b, a[0], 1) ? a[1] : c(b, a[1], 1) ? a[0] : NO_MATCH;
            }),
            new Rule("mul_minus_one", Phase.CANONICALIZE, "-1*x => -x, x*-1 => -x", (b, op, a, attr) -> {
                if (op != Arithmetic.MUL) {
                    return NO_MATCH;
                }
                return c(b, a[0], -1) ? b.apply(Arithmetic.NEG, a[1])
                        : c(b, a[1], -1) ? b.apply(Arithmetic.NEG, a[0]) : NO_MATCH;
            }),
            new Rule("mul_constant_first", Phase.CANONICALIZE, "x*c => c*x", (b, op, a, attr) ->
                op == Arithmetic.MUL && b.isConstant(a[1]) && !b.isConstant(a[0])
                        ? b.apply(Arithmetic.MUL, a[1], a[0]) : NO_MATCH),
            new Rule("mul_constants", Phase.CANONICALIZE, "c1*(c2*x) => (c1*c2)*x", (b, op, a, attr) ->
                op == Arithmetic.MUL && b.isConstant(a[0]) && is(b, a[1], Arithmetic.MUL) && b.isConstant(arg(b, a[1], 0))
                        ? b.apply(Arithmetic.MUL, b.constant(b.constantValue(a[0]) * b.constantValue(arg(b, a[1], 0))),
                                arg(b, a[1], 1))
                        : NO_MATCH),
            new Rule("mul_reciprocal", Phase.CANONICALIZE, "x*(1/y) => x/y, (1/y)*x => x/y", (b, op, a, attr) -> {
                if (op != Arithmetic.MUL) {
                    return NO_MATCH;
                }
                if (is(b, a[1], Arithmetic.DIV) && c(b, arg(b, a[1], 0), 1)) {
                    return b.apply(Arithmetic.DIV, a[0], arg(b, a[1], 1));
                }
                if (is(b, a[0], Arithmetic.DIV) && c(b, arg(b, a[0], 0), 1)) {
                    return b.apply(Arithmetic.DIV, a[1], arg(b, a[0], 1));
                }
                return NO_MATCH;
            }),
            new Rule("div_one", Phase.CANONICALIZE, "x/1 => x", (b, op, a, attr) ->
                op == Arithmetic.DIV && c(b, a[1], 1) ? a[0] : NO_MATCH),
            new Rule("zero_div", Phase.CANONICALIZE, "0/x => 0", (b, op, a, attr) ->
                op == Arithmetic.DIV && c(b, a[0], 0) && !b.isConstant(a[1]) ? b.constant(0.0) : NO_MATCH),
            new Rule("div_self", Phase.CANONICALIZE, "x/x => 1", (b, op, a, attr) ->
                op == Arithmetic.DIV && a[0] == a[1] && !b.isConstant(a[0]) ? b.constant(1.0) : NO_MATCH),
            new Rule("neg_neg", Phase.CANONICALIZE, "-(-x) => x", (b, op, a, attr) ->
                op == Arithmetic.NEG && is(b, a[0], Arithmetic.NEG) ? arg(b, a[0], 0) : NO_MATCH),
            new Rule("neg_sub", Phase.CANONICALIZE, "-(x - y) => y - x", (b, op, a, attr) ->
                op == Arithmetic.NEG && is(b, a[0], Arithmetic.SUB)
                        ? b.apply(Arithmetic.SUB, arg(b, a[0], 1), arg(b, a[0], 0)) : NO_MATCH),
            new Rule("add_neg", Phase.CANONICALIZE, "x + (-y) => x - y, (-x) + y => y - x", (b, op, a, attr) -> {
                if (op != Arithmetic.ADD) {
                    return NO_MATCH;
                }
                if (is(b, a[1], Arithmetic.NEG)) {
                    return b.apply(Arithmetic.SUB, a[0], arg(b, a[1], 0));
                }
                if (is(b, a[0], Arithmetic.NEG)) {
                    return b.apply(Arithmetic.SUB, a[1], arg(b, a[0], 0));
                }
                return NO_MATCH;
            }),
            new Rule("sub_neg", Phase.CANONICALIZE, "x - (-y) => x + y", (b, op, a, attr) ->
                op == Arithmetic.SUB && is(b, a[1], Arithmetic.NEG)
                        ? b.apply(Arithmetic.ADD, a[0], arg(b, a[1], 0)) : NO_MATCH),
            new Rule("mul_neg", Phase.CANONICALIZE, "(-x)*y => -(x*y), x*(-y) => -(x*y)", (b, op, a, attr) -> {
                if (op != Arithmetic.MUL) {
                    return NO_MATCH;
                }
                if (is(b, a[0], Arithmetic.NEG)) {
                    return b.apply(Arithmetic.NEG, b.apply(Arithmetic.MUL, arg(b, a[0], 0), a[1]));
                }
                if (is(b, a[1], Arithmetic.NEG)) {
                    return b.apply(Arithmetic.NEG, b.apply(Arithmetic.MUL, a[0], arg(b, a[1], 0)));
                }
                return NO_MATCH;
            }),
            new Rule("sub_neg_scaled", Phase.CANONICALIZE, "-(c*x) - y => (-c)*x - y for a constant c (exact: rounding is symmetric)",
                (b, op, a, attr) -> {
                if (op != Arithmetic.SUB || !is(b, a[0], Arithmetic.NEG)) {
                    return NO_MATCH;
                }
                int scaled = arg(b, a[0], 0);
                return is(b, scaled, Arithmetic.MUL) && b.isConstant(arg(b, scaled, 0))
                        ? b.apply(Arithmetic.SUB, b.apply(Arithmetic.MUL, b.constant(-b.constantValue(arg(b, scaled, 0))),
                                arg(b, scaled, 1)), a[1])
                        : NO_MATCH;
            }),
            new Rule("div_neg", Phase.CANONICALIZE, "(-x)/y => -(x/y)", (b, op, a, attr) ->
                op == Arithmetic.DIV && is(b, a[0], Arithmetic.NEG)
                        ? b.apply(Arithmetic.NEG, b.apply(Arithmetic.DIV, arg(b, a[0], 0), a[1])) : NO_MATCH),
            new Rule("add_self", Phase.CANONICALIZE, "x + x => 2*x", (b, op, a, attr) ->
                op == Arithmetic.ADD && a[0] == a[1] ? b.apply(Arithmetic.MUL, b.constant(2.0), a[0]) : NO_MATCH),
            new Rule("pow_one", Phase.CANONICALIZE, "x^1 => x", (b, op, a, attr) ->
                op == Arithmetic.POW && c(b, a[1], 1) ? a[0] : NO_MATCH),
            new Rule("pow_zero", Phase.CANONICALIZE, "x^0 => 1", (b, op, a, attr) ->
                op == Arithmetic.POW && c(b, a[1], 0) ? b.constant(1.0) : NO_MATCH),
            new Rule("ln_exp", Phase.CANONICALIZE, "ln(exp(x)) => x", (b, op, a, attr) ->
                op == Elementary.LN && is(b, a[0], Elementary.EXP) ? arg(b, a[0], 0) : NO_MATCH),
            // ---------------------------------------------------------------- STABILIZE
            new Rule("softplus_from_log", Phase.STABILIZE, "ln(1 + exp(x)) => softplus(x)", (b, op, a, attr) -> {
                if (op != Elementary.LN || !is(b, a[0], Arithmetic.ADD)) {
                    return NO_MATCH;
                }
                int l = arg(b, a[0], 0);
                int r = arg(b, a[0], 1);
                if (c(b, l, 1) && is(b, r, Elementary.EXP)) {
                    return b.apply(Activations.SOFTPLUS, arg(b, r, 0));
                }
                if (c(b, r, 1) && is(b, l, Elementary.EXP)) {
                    return b.apply(Activations.SOFTPLUS, arg(b, l, 0));
                }
                return NO_MATCH;
            }),
            new Rule("log_sigmoid", Phase.STABILIZE, "ln(sigmoid(x)) => -softplus(-x)", (b, op, a, attr) ->
                op == Elementary.LN && is(b, a[0], Activations.SIGMOID)
                        ? b.apply(Arithmetic.NEG, b.apply(Activations.SOFTPLUS, b.apply(Arithmetic.NEG, arg(b, a[0], 0))))
                        : NO_MATCH),
            new Rule("log_one_minus_sigmoid", Phase.STABILIZE, "ln(1 - sigmoid(x)) => -softplus(x)", (b, op, a, attr) ->
                op == Elementary.LN && is(b, a[0], Arithmetic.SUB) && c(b, arg(b, a[0], 0), 1)
                        && is(b, arg(b, a[0], 1), Activations.SIGMOID)
                        ? b.apply(Arithmetic.NEG, b.apply(Activations.SOFTPLUS, arg(b, arg(b, a[0], 1), 0)))
                        : NO_MATCH),
            new Rule("sigmoid_from_exp", Phase.STABILIZE, "1/(1 + exp(-x)) => sigmoid(x)", (b, op, a, attr) -> {
                if (op != Arithmetic.DIV || !c(b, a[0], 1) || !is(b, a[1], Arithmetic.ADD)) {
                    return NO_MATCH;
                }
                int l = arg(b, a[1], 0);
                int r = arg(b, a[1], 1);
                int e = c(b, l, 1) ? r : c(b, r, 1) ? l : -1;
                if (e < 0 || !is(b, e, Elementary.EXP) || !is(b, arg(b, e, 0), Arithmetic.NEG)) {
                    return NO_MATCH;
                }
                return b.apply(Activations.SIGMOID, arg(b, arg(b, e, 0), 0));
            }),
            new Rule("logsumexp_from_log_sum_exp", Phase.STABILIZE,
                    "ln(sum(exp(x), axis=k)) => logsumexp(x, axis=k) (the maximum subtracted: finite for logits of ±1000)",
                    (b, op, a, attr) -> {
                if (op != Elementary.LN || !is(b, a[0], Reductions.SUM) || !is(b, arg(b, a[0], 0), Elementary.EXP)) {
                    return NO_MATCH;
                }
                Axes axes = (Axes) b.node(a[0]).attr();
                int x = arg(b, arg(b, a[0], 0), 0);
                int rank = b.node(x).shape().rank();
                if (axes.keepdims() || rank == 0 || axes.axes().size() > 1 || axes.axes().isEmpty() && rank != 1) {
                    return NO_MATCH;
                }
                return b.applyWith(Softmax.LOGSUMEXP, axes.axes().isEmpty() ? 0 : axes.axes().get(0), x);
            }),
            // ---------------------------------------------------------------- SPECIALIZE
            new Rule("pow_square", Phase.SPECIALIZE, "x^2 => x*x", (b, op, a, attr) ->
                op == Arithmetic.POW && c(b, a[1], 2) ? b.apply(Arithmetic.MUL, a[0], a[0]) : NO_MATCH),
            new Rule("pow_cube", Phase.SPECIALIZE, "x^3 => x*(x*x)", (b, op, a, attr) ->
                op == Arithmetic.POW && c(b, a[1], 3)
                        ? b.apply(Arithmetic.MUL, a[0], b.apply(Arithmetic.MUL, a[0], a[0])) : NO_MATCH),
            new Rule("pow_fourth", Phase.SPECIALIZE, "x^4 => (x*x)*(x*x)", (b, op, a, attr) -> {
                if (op != Arithmetic.POW || !c(b, a[1], 4)) {
                    return NO_MATCH;
                }
                int sq = b.apply(Arithmetic.MUL, a[0], a[0]);
                return b.apply(Arithmetic.MUL, sq, sq);
            }),
            new Rule("pow_half", Phase.SPECIALIZE, "x^0.5 => sqrt(x)", (b, op, a, attr) ->
                op == Arithmetic.POW && c(b, a[1], 0.5) ? b.apply(Elementary.SQRT, a[0]) : NO_MATCH),
            new Rule("pow_minus_one", Phase.SPECIALIZE, "x^-1 => 1/x", (b, op, a, attr) ->
                op == Arithmetic.POW && c(b, a[1], -1) ? b.apply(Arithmetic.DIV, b.constant(1.0), a[0]) : NO_MATCH)
        );
    }

    /** Whether {@code id} is a constant other than 0, Infinity and NaN. */
    private static boolean finiteNonZero(GraphBuilder b, int id) {
        return b.isConstant(id) && b.constantValue(id) != 0 && Double.isFinite(b.constantValue(id));
    }

    /** Whether {@code n} is a constant node. */
    static boolean isConstant(Node n) {
        return n.op() == Leaf.CONST;
    }
}

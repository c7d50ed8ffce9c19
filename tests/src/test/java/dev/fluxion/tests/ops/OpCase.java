package dev.fluxion.tests.ops;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * One line of the op table under test (JAX's LAX_GRAD_OPS style): which op, an
 * expression that applies it to the inputs, the domain each input is drawn from, the
 * tolerance of the finite-difference comparison, and the points to stay away from
 * (kinks, where a central difference straddles two pieces).
 *
 * @param op     the op's name in {@code OpTable}
 * @param expr   the expression, over inputs x (and y)
 * @param vars   the inputs, in order
 * @param domain one {lo, hi} interval per input
 * @param tol    relative tolerance against finite differences
 * @param avoid  true for points too close to a non-smooth point
 */
record OpCase(String op, String expr, List<String> vars, double[][] domain, double tol, Predicate<double[]> avoid) {

    static final Predicate<double[]> SMOOTH = p -> false;

    static OpCase unary(String op, String expr, double lo, double hi, double tol) {
        return new OpCase(op, expr, List.of("x"), new double[][] {{lo, hi}}, tol, SMOOTH);
    }

    static OpCase binary(String op, String expr, double[] dx, double[] dy, double tol) {
        return new OpCase(op, expr, List.of("x", "y"), new double[][] {dx, dy}, tol, SMOOTH);
    }

    OpCase avoiding(Predicate<double[]> p) {
        return new OpCase(op, expr, vars, domain, tol, p);
    }

    /** {@code count} points of the domain, deterministic per case, none too close to a kink. */
    double[][] points(int count) {
        Random r = new Random(expr.hashCode());
        double[][] pts = new double[count][];
        for (int k = 0; k < count; k++) {
            double[] p;
            do {
                p = new double[domain.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = domain[i][0] + (domain[i][1] - domain[i][0]) * r.nextDouble();
                }
            } while (avoid.test(p));
            pts[k] = p;
        }
        return pts;
    }

    @Override
    public String toString() {
        return op + ": " + expr;
    }
}

package dev.fluxion.tests.fuzz;

import java.util.Random;
import java.util.function.IntFunction;

/**
 * Programs whose size is a parameter: long sums, deep nesting, long chains of
 * statements, many inputs, many outputs, long numbers. Each is well formed at every size,
 * so a failure can be shrunk by halving the size.
 */
final class SizeExtremes {

    /** A family of programs indexed by size. */
    enum Shape {
        /** {@code sin(x + 1)*y + sin(x + 2)*y + ...}: a wide sum of one form (re-rolled into a loop). */
        SUM_OF_TERMS(n -> join(n, " + ", i -> "sin(x + " + (i + 1) + ")*y")),
        /** {@code fn f(x0, ..., xn) { return (1 - x0)^2 + ... }}: many inputs, one term each. */
        MANY_INPUTS(n -> "fn f(" + join(n, ", ", i -> "x" + i) + ") {\n  return " + join(n, " + ", i -> "(1 - x" + i + ")^2")
                + "\n}\n"),
        /** {@code sin(sin(...sin(x)...))}: deep nesting of calls. */
        NESTED_CALLS(n -> "sin(".repeat(n) + "x" + ")".repeat(n) + " * y"),
        /** {@code ((((x + y))))}: deep parentheses. */
        NESTED_PARENS(n -> "(".repeat(n) + "x + y" + ")".repeat(n)),
        /** {@code 0.9^0.9^...^x}: a right-associative power tower. */
        POWER_TOWER(n -> "0.9^".repeat(n) + "x + y"),
        /** {@code - - - x}: a long run of negations. */
        NEGATIONS(n -> "-".repeat(n) + "x * y"),
        /** {@code fn f(x, y) { t0 = ...; t1 = sin(t0)*x + y; ... }}: a long chain of statements. */
        CHAIN(n -> {
            StringBuilder sb = new StringBuilder("fn f(x, y) {\n  t0 = x*y\n");
            for (int i = 1; i < n; i++) {
                sb.append("  t").append(i).append(" = sin(t").append(i - 1).append(")*x + 0.5*y\n");
            }
            return sb.append("  return t").append(n - 1).append("\n}\n").toString();
        }),
        /** {@code fn f(x, y) { return (x*1, x*2 + y, ...) }}: many outputs. */
        MANY_OUTPUTS(n -> "fn f(x, y) {\n  return (x*y, " + join(n, ", ", i -> "x*" + (i + 1) + " + y") + ")\n}\n"),
        /** {@code 1.000...0001*x + y}: a number of n digits. */
        LONG_NUMBER(n -> "1." + "0".repeat(n) + "1*x + y");

        private final IntFunction<String> text;

        Shape(IntFunction<String> text) {
            this.text = text;
        }

        String text(int n) {
            return text.apply(Math.max(1, n));
        }
    }

    private SizeExtremes() {
    }

    /** A random shape at a size drawn log-uniformly from 1 to {@code max}. */
    static FuzzCase.Sized random(Random r, int max) {
        Shape[] shapes = Shape.values();
        int size = (int) Math.round(Math.exp(r.nextDouble() * Math.log(max)));
        return new FuzzCase.Sized(shapes[r.nextInt(shapes.length)], Math.max(1, size));
    }

    private static String join(int n, String separator, IntFunction<String> term) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(term.apply(i));
        }
        return sb.toString();
    }
}

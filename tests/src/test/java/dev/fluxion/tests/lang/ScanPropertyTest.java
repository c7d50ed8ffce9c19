package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random {@code for} loops kept as Java loops (the scalar fuzzer generates no loops): bodies of
 * two or three carried variables built from the carries, the parameters, {@code x[t]},
 * {@code x[t + 1]}, {@code x[n - 1 - t]}, data, the loop variable, arithmetic, smooth functions
 * and conditionals. Each is compiled kept as a loop and unrolled ({@code withLoops(false)}): the
 * values agree bit for bit, the gradients in both modes, the JVP and (every fourth program) the
 * Hessian-vector product to rounding, and the
 * gradient with checkpoints every k steps (k random, often not dividing the trip count) or with
 * binomial checkpointing (1 to 6 snapshots) equals the plain one bit for bit.
 */
class ScanPropertyTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final String[] CARRIES = {"h", "c", "m"};

    @Test
    void randomLoopsAgreeWithTheLoopsUnrolled() {
        Random r = new Random(20261207);
        int checked = 0;
        for (int p = 0; p < 40; p++) {
            int carries = 2 + r.nextInt(2);
            int n = 17 + r.nextInt(20);
            String src = program(r, carries);
            Options o = Options.defaults().withSize("n", n);
            CompiledFunction loop;
            try {
                loop = FLUXION.compile(src, o).withData(new Random(p).doubles(n, -1, 1).toArray());
            } catch (RuntimeException e) {
                throw new AssertionError(src, e);
            }
            assertNotNull(loop.compilation().tapeReport(), src);
            CompiledFunction unrolled = FLUXION.compile(src, o.withLoops(false)).withData(new Random(p).doubles(n, -1, 1)
                    .toArray());
            int k = 1 + r.nextInt(n + 3);
            // every k steps, or binomial with k snapshots
            Options checkpointed = p % 2 == 0 ? o.withCheckpoints(k) : o.withBinomialCheckpoints(1 + k % 6);
            CompiledFunction cp = FLUXION.compile(src, checkpointed).withData(new Random(p).doubles(n, -1, 1).toArray());
            double[] x = new Random(p + 1000).doubles(3 + n, -0.9, 0.9).toArray();
            double want = unrolled.value(x);
            assertEquals(want, loop.value(x), 0.0, src);
            if (!Double.isFinite(want) || Math.abs(want) > 1e6) {
                continue;
            }
            double[] g = loop.gradient(x);
            assertClose(unrolled.gradient(x), g, 1e-9, src + "\nreverse");
            assertClose(g, loop.gradient(Mode.FORWARD, x), 1e-9, src + "\nforward");
            double[] v = new Random(p + 2000).doubles(3 + n, -1, 1).toArray();
            assertClose(unrolled.jvp(x, v), loop.jvp(x, v), 1e-9, src + "\nJVP");
            assertArrayEquals(g, cp.gradient(x), src + "\ncheckpoints " + checkpointed.checkpoints() + ", binomial "
                    + checkpointed.snapshots());
            if (p % 4 == 0) {
                assertClose(unrolled.hessianVector(x, v), loop.hessianVector(x, v), 1e-8, src + "\nHessian-vector product");
            }
            checked++;
        }
        assertEquals(true, checked >= 30, checked + " programs checked");
    }

    /** {@code fn f(a, b, e, x[n]; d[n]) { carries = starts; for t in 0..n-1 { ... }; return ... }}. */
    private static String program(Random r, int carries) {
        StringBuilder sb = new StringBuilder("fn f(a, b, e, x[n]; d[n]) {\n");
        for (int k = 0; k < carries; k++) {
            String start = switch (r.nextInt(5)) {
                case 0 -> "0";
                case 1 -> "a";
                case 2 -> "x[0]";
                case 3 -> "d[1]";
                default -> "0.5";
            };
            sb.append("  ").append(CARRIES[k]).append(" = ").append(start).append('\n');
        }
        sb.append("  for t in 0..n-2 {\n");
        for (int k = 0; k < carries; k++) {
            if (r.nextInt(3) == 0) {
                sb.append("    q").append(k).append(" = ").append(expr(r, 2, carries)).append('\n');
            }
            sb.append("    ").append(CARRIES[k]).append(" = ").append(squash(r, expr(r, 3, carries))).append('\n');
        }
        sb.append("  }\n  return ");
        for (int k = 0; k < carries; k++) {
            sb.append(k == 0 ? "" : " + ").append(r.nextBoolean() ? CARRIES[k] + "^2" : "0.5*" + CARRIES[k]);
        }
        return sb.append("\n}\n").toString();
    }

    /** Keeps a carry bounded over the steps. */
    private static String squash(Random r, String e) {
        return switch (r.nextInt(3)) {
            case 0 -> "tanh(" + e + ")";
            case 1 -> "sin(" + e + ")";
            default -> "0.5*sigmoid(" + e + ")";
        };
    }

    private static String expr(Random r, int depth, int carries) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return switch (r.nextInt(9)) {
                case 0, 1 -> CARRIES[r.nextInt(carries)];
                case 2 -> "x[t]";
                case 3 -> "x[t + 1]";
                case 4 -> "x[n - 1 - t]";
                case 5 -> "d[t]";
                case 6 -> "0.01*t";
                case 7 -> new String[] {"a", "b", "e"}[r.nextInt(3)];
                default -> "0.7";
            };
        }
        String a = expr(r, depth - 1, carries);
        String b = expr(r, depth - 1, carries);
        return switch (r.nextInt(8)) {
            case 0 -> "(" + a + " + " + b + ")";
            case 1 -> "(" + a + " - " + b + ")";
            case 2, 3 -> "(" + a + ")*(" + b + ")";
            case 4 -> "tanh(" + a + ")";
            case 5 -> "sin(" + a + ")";
            case 6 -> "(if " + a + " > 0 then " + b + " else 0.5*" + a + ")";
            default -> "(" + a + ")/(1 + (" + b + ")^2)";
        };
    }
}

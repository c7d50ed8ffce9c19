package dev.fluxion.tests.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import org.junit.jupiter.api.Test;

/**
 * A {@code for} loop whose body is split into methods (its VJP over the loop-body budget) has no
 * second-order form yet, so a Hessian is computed from the program written out; a program that
 * reads by data (a gather) has no written-out form. Asking for the Hessian of such a program made
 * the whole compilation fail ("... which only a loop can do", FINDINGS.md, lang); now the loops
 * are kept, value, gradient and JVP work, and only the Hessian is refused, naming why.
 */
class SplitLoopHessianTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final int N = 5;
    private static final int T = 20;

    /** LanguageGoldenTest's cell of five carries (its body splits), plus one element of x read by data. */
    private static String cell() {
        StringBuilder sb = new StringBuilder("fn cell(W[" + N + ", " + N + "], u[" + N + "], x[T]; idx[1]) {\n");
        for (int k = 0; k < N; k++) {
            sb.append("  h").append(k).append(" = ").append(k == 0 ? "u[0]" : "0.1").append('\n');
        }
        sb.append("  for t in 0..T-1 {\n");
        for (int k = 0; k < N; k++) {
            sb.append("    a").append(k).append(" = u[").append(k).append("]*x[t]");
            for (int j = 0; j < N; j++) {
                sb.append(" + W[").append(k).append(", ").append(j).append("]*h").append(j);
            }
            sb.append('\n');
        }
        for (int k = 0; k < N; k++) {
            sb.append("    h").append(k).append(" = tanh(a").append(k).append(")\n");
        }
        sb.append("  }\n  return 0.1*x[idx[0]]^2");
        for (int k = 0; k < N; k++) {
            sb.append(" + h").append(k).append("^2");
        }
        return sb.append("\n}\n").toString();
    }

    @Test
    void theLoopsAreKeptAndOnlyTheHessianIsRefused() {
        Options o = Options.defaults().withSize("T", T).withCapability(Capability.HESSIAN);
        CompiledFunction f = FLUXION.compile(cell(), o).withData(new double[] {3});
        assertNotNull(f.compilation().rolling(), "the loops are kept");
        assertTrue(f.compilation().rolling().scans().stream().anyMatch(q -> q.split() != null), "the body is split");
        assertTrue(!f.compilation().capabilities().contains(Capability.HESSIAN), "the class has no Hessian");
        int m = f.inputCount();
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = 0.4 * Math.sin(1.3 * i);
        }
        double[] g = f.gradient(x);
        for (int i = 0; i < m; i += 3) {
            double h = 1e-6;
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            assertEquals((f.value(up) - f.value(down)) / (2 * h), g[i], 1e-7, f.inputs().get(i));
        }
        double[] v = new double[m];
        double dot = 0;
        for (int i = 0; i < m; i++) {
            v[i] = Math.cos(i);
            dot += g[i] * v[i];
        }
        assertEquals(dot, f.jvp(x, v)[0], 1e-12);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> f.hessianVector(x, v));
        assertTrue(e.getMessage().contains("Hessian") && e.getMessage().contains("split"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> f.hessian(x));
    }
}

package dev.fluxion.tests.lang;

import static dev.fluxion.tests.support.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Functions of the file with array parameters, called with an array passed by name: the
 * callee reads the caller's elements (its size symbols bound from the argument's shape), in
 * straight-line code and inside a sum kept as a loop.
 */
class ArrayArgumentsTest {

    private static final Fluxion FLUXION = Fluxion.create();

    static final String SOURCE = """
            fn sumsq(v[k]) {
              return sum(i in 0..k-1: v[i]^2)
            }
            fn dot3(a[3], b[3]) {
              return a[0]*b[0] + a[1]*b[1] + a[2]*b[2]
            }
            fn f(x[n], w[3], u[3]) {
              return sumsq(x) + dot3(w, u)^2 + sum(j in 0..n-1: x[j] * dot3(w, u) * sin(x[j]))
            }
            """;

    /** n = 4: everything written out; n = 40: sumsq's sum and the sum over x are loops, dot3 inside one. */
    @ParameterizedTest
    @ValueSource(ints = {4, 40})
    void arraysPassedByNameAgreeWithTheProgramWrittenOutInEveryMode(int n) {
        Options o = Options.defaults().withSize("n", n).withEntry("f").withCapabilities(EnumSet.allOf(Capability.class));
        CompiledFunction f = FLUXION.compile(SOURCE, o);
        CompiledFunction straight = FLUXION.compile(SOURCE, o.withLoops(false));
        assertEquals(n >= 16, f.compilation().rolling() != null, "loops from 16 terms");
        double[] x = new double[n + 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.13 * i - 0.7;
        }
        double w = x[n] * x[n + 3] + x[n + 1] * x[n + 4] + x[n + 2] * x[n + 5];
        double byHand = w * w;
        for (int j = 0; j < n; j++) {
            byHand += x[j] * x[j] + x[j] * w * Math.sin(x[j]);
        }
        assertClose(byHand, f.value(x), 1e-13, "value by hand");
        assertClose(straight.gradient(x), f.gradient(x), 1e-12, "reverse vs straight-line");
        assertClose(f.gradient(x), f.gradient(Mode.FORWARD, x), 1e-12, "forward vs reverse");
        assertClose(FiniteDifferences.gradient(f::value, x), f.gradient(x), 1e-6, "central differences");
        assertClose(straight.hessian(x), f.hessian(x), 1e-11, "Hessian vs straight-line");
    }

    /** A helper's size symbol named like one bound for the whole file is still bound in its body. */
    @Test
    void aSizeSymbolBoundForTheFileIsBoundInTheHelperToo() {
        String text = "fn norm2(x[n]) { return sum(i in 0..n-1: x[i]^2) / n }\nfn f(x[n]) { return norm2(x) + n }";
        CompiledFunction f = FLUXION.compile(text, Options.defaults().withSize("n", 24).withEntry("f"));
        double[] x = new double[24];
        double want = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 * i;
            want += x[i] * x[i];
        }
        assertClose(want / 24 + 24, f.value(x), 1e-14, "value");
        assertClose(2 * x[5] / 24, f.gradient(x)[5], 1e-14, "gradient");
    }

    @Test
    void aWrongShapeOrKindIsAnErrorAtTheCall() {
        CompileException shape = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn dot3(a[3], b[3]) { return a[0]*b[0] }\nfn f(x[4], w[3]) { return dot3(x, w) }",
                Options.defaults().withEntry("f")));
        assertTrue(shape.getMessage().startsWith("<input>:2:27: 'dot3' takes a[3] with axis 0 of 3; the argument has shape [4]"),
                shape.getMessage());
        CompileException number = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn g(a) { return a }\nfn f(x[4]) { return g(x) }", Options.defaults().withEntry("f")));
        assertTrue(number.getMessage().contains("argument 1 of 'g' is an array, and a is a number: g(a)"), number.getMessage());
        CompileException array = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn g(a[2]) { return a[0] }\nfn f(y) { return g(y) }", Options.defaults().withEntry("f")));
        assertTrue(array.getMessage().contains("must be an array passed by its name, for a[2]"), array.getMessage());
        CompileException rank = assertThrows(CompileException.class, () -> FLUXION.compile(
                "fn g(A[2, 2]) { return A[0, 0] }\nfn f(x[4]) { return g(x) }", Options.defaults().withEntry("f")));
        assertTrue(rank.getMessage().contains("an array of 2 axes; the argument has shape [4]"), rank.getMessage());
    }
}

package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.trace.Name;
import dev.fluxion.compiler.trace.Row;
import dev.fluxion.compiler.trace.Trace;
import dev.fluxion.compiler.trace.Tracer;
import dev.fluxion.tests.support.Golden;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The lecture's three tables: golden renderings, and the numbers checked against the compiled gradient. */
class TraceTest {

    private static final String LECTURE = "ln(x1)+x1*x2-sin(x2)";

    @ParameterizedTest
    @ValueSource(strings = {"text", "markdown", "latex"})
    void lectureExampleMatchesGolden(String format) {
        Cli.Result r = Cli.run("trace", LECTURE, "--at", "x1=2,x2=5", "--format", format);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        String ext = switch (format) {
            case "text" -> "txt";
            case "markdown" -> "md";
            default -> "tex";
        };
        Golden.check("trace/lecture." + ext, r.out());
    }

    @Test
    void lectureTablesHoldTheLectureNumbers() {
        String out = Cli.run("trace", LECTURE, "--at", "2,5").out();
        for (String expected : List.of("v2 = ln(v0)", "ln(2) = 0.693", "v3 = v0·v1", "sin(5) = -0.959",
                "10.693 - (-0.959) = 11.652", "∂y/∂x1 = 5.5", "∂y/∂x2 = 1.716")) {
            assertTrue(out.contains(expected), () -> "missing '" + expected + "' in\n" + out);
        }
    }

    @Test
    void tangentAlongSecondInputAndNamedProgram() {
        String neuron = "fn neuron(w0, x0, w1, x1, b) {\n  z = w0*x0 + w1*x1 + b\n  return sigmoid(z)\n}\n";
        Cli.Result r = Cli.run("trace", neuron, "--at", "w0=2,x0=-1,w1=-3,x1=-2,b=-3", "--wrt", "w0");
        assertEquals(0, r.status(), r.err());
        Golden.check("trace/neuron.txt", r.out());
    }

    @Test
    void deadNodesAreNotTraced() {
        // `x + -y` lowers to `x - y`; the `-y` it leaves behind has no row.
        Cli.Result r = Cli.run("trace", "x + -y", "--at", "1,2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("  v2 = v0 - v1 ") && !r.out().contains("v3"), r.out());
    }

    /** The traces end with the derivatives the compiled class computes, whichever input and output they follow. */
    @ParameterizedTest
    @ValueSource(strings = {
            "ln(x1)+x1*x2-sin(x2)",
            "(x+y)*z",
            "fn polar(r, t) { return (r*cos(t), r*sin(t)) }",
            "fn f(a, b) { c = a*b\n d = exp(c) + c^2\n return d/(1+b) }",
            "max(x, y)*tanh(x) - sqrt(y)^3 + 2"})
    void tracesAgreeWithCompiledDerivatives(String program) {
        CompiledFunction f = Fluxion.create().compile(program);
        var parsed = f.compilation().parsed();
        double[] x = new double[f.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.7 + 0.45 * i;
        }
        double[][] jac = f.jacobian(dev.fluxion.compiler.Mode.REVERSE, x);
        for (int j = 0; j < f.outputCount(); j++) {
            for (int i = 0; i < f.inputCount(); i++) {
                Trace t = Tracer.trace(parsed, x, f.inputs().get(i), f.outputs().get(j));
                double[] values = new double[f.outputCount()];
                for (Row row : t.evaluation().rows()) {
                    int k = f.outputs().indexOf(row.name().identifier());
                    if (row.name().subject() == Name.Subject.OUTPUT) {
                        values[k] = row.value();
                    }
                }
                assertArrayEquals(f.values(x), values, 1e-12, "evaluation trace of " + program);
                double tangent = t.valueOf(Name.output(Name.Role.TANGENT, f.outputs().get(j)));
                double adjoint = t.valueOf(Name.input(Name.Role.ADJOINT, f.inputs().get(i)));
                assertEquals(jac[j][i], tangent, 1e-9 * Math.max(1, Math.abs(jac[j][i])), "tangent trace of " + program);
                assertEquals(jac[j][i], adjoint, 1e-9 * Math.max(1, Math.abs(jac[j][i])), "adjoint trace of " + program);
            }
        }
    }
}

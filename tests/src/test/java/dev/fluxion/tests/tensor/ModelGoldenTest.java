package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.runtime.tensor.Precision;
import dev.fluxion.tests.support.Golden;
import org.junit.jupiter.api.Test;

/**
 * The generated Java of the MLP is a golden file: deterministic, readable, reviewed when it
 * changes. The same source compiles with javax.tools as well as Janino.
 */
class ModelGoldenTest {

    @Test
    void mlpSourceIsStableAndDeterministic() {
        ModelCompilation a = Fluxion.create().translateModel(MlpEndToEndTest.MLP, Options.defaults());
        ModelCompilation b = Fluxion.create().translateModel(MlpEndToEndTest.MLP, Options.defaults());
        assertEquals(a.javaSource(), b.javaSource());
        Golden.check("tensor/MlpModel.java.txt", a.javaSource());
    }

    /** The class with forward mode ({@code jvp}, {@code hessianVector}): golden, and javac compiles it too. */
    @Test
    void secondOrderSourceIsGolden() {
        Options hessian = Options.defaults().withCapability(dev.fluxion.runtime.DifferentiableFunction.Capability.HESSIAN);
        ModelCompilation c = Fluxion.create().translateModel(MlpEndToEndTest.MLP, hessian);
        Golden.check("tensor/MlpModelHessian.java.txt", c.javaSource());
        var model = Fluxion.using(JavaCompiler.javaxTools()).compileModel(MlpEndToEndTest.MLP, hessian).newModel();
        assertEquals("mlp", model.name());
    }

    @Test
    void float32SourceDiffersOnlyInTheMatrixProductCalls() {
        String f64 = Fluxion.create().translateModel(MlpEndToEndTest.MLP, Options.defaults()).javaSource();
        String f32 = Fluxion.create().translateModel(MlpEndToEndTest.MLP,
                Options.defaults().withMatmulPrecision(Precision.FLOAT32)).javaSource();
        StringBuilder expected = new StringBuilder();
        int calls = 0;
        int updates = 0;
        for (String line : f64.split("\n", -1)) {
            if (line.contains("MatMul.multiply(") && line.endsWith(", false);")) {
                line = line.substring(0, line.length() - 2) + ", Precision.FLOAT32);";
                calls++;
            }
            if (line.contains("MatMul.multiplyAdd(") && line.endsWith(", Precision.FLOAT64);")) {
                line = line.replace("Precision.FLOAT64", "Precision.FLOAT32");
                updates++;
            }
            expected.append(line).append('\n');
        }
        assertEquals(5, calls, "x·W1, h·W2 and the three products of the backward pass");
        assertEquals(2, updates, "the fused SGD steps of W1 and W2");
        assertEquals(expected.substring(0, expected.length() - 1), f32);
        var model = Fluxion.using(JavaCompiler.javaxTools()).compileModel(MlpEndToEndTest.MLP,
                Options.defaults().withMatmulPrecision(Precision.FLOAT32)).newModel();
        assertEquals("mlp", model.name());
    }

    @Test
    void mlpSourceCompilesWithJavaxTools() {
        Fluxion javac = Fluxion.using(JavaCompiler.javaxTools());
        var model = javac.compileModel(MlpEndToEndTest.MLP).newModel();
        assertEquals("mlp", model.name());
    }
}

package dev.fluxion.tests.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.jit.JavaCompiler;
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

    @Test
    void mlpSourceCompilesWithJavaxTools() {
        Fluxion javac = Fluxion.using(JavaCompiler.javaxTools());
        var model = javac.compileModel(MlpEndToEndTest.MLP).newModel();
        assertEquals("mlp", model.name());
    }
}

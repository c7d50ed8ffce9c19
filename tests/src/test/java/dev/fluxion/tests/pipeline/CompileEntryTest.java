package dev.fluxion.tests.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Compiled;
import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.Pipeline;
import org.junit.jupiter.api.Test;

/**
 * One entry point for every entry of a file (issue 14, "one pipeline"): {@code compileEntry}
 * returns the sealed {@link Compiled}, {@code translateEntry} the sealed {@link Pipeline}; what
 * the kinds share is read without asking which kind it is, and the rest is reached by a visit.
 */
class CompileEntryTest {

    private static final Fluxion FLUXION = Fluxion.create();

    private static final String FILE = """
            fn sq(t) { return t * t }
            fn main(a, b) { return sq(a - 1) + 100 * sq(b - a * a) }
            model m {
              input x[B, 2]
              param w[2]
              loss = mean(sq(x @ w))
            }
            """;

    /** Describes what it is given through the visitor alone. */
    private static final Compiled.Visitor<String> DESCRIBE = new Compiled.Visitor<>() {
        @Override
        public String function(CompiledFunction f) {
            return "function of " + f.inputs();
        }

        @Override
        public String model(CompiledModel m) {
            return "model of " + java.util.Arrays.toString(m.newModel().parameterNames());
        }
    };

    @Test
    void oneEntryPointCompilesFunctionsAndModels() {
        Compiled f = FLUXION.compileEntry(FILE, Options.defaults().withEntry("main"));
        Compiled m = FLUXION.compileEntry(FILE, Options.defaults().withEntry("m"));
        assertEquals(Pipeline.Kind.FUNCTION, f.kind());
        assertEquals(Pipeline.Kind.MODEL, m.kind());
        assertEquals("main", f.entryName());
        assertEquals("m", m.entryName());
        assertEquals("function of [a, b]", f.accept(DESCRIBE));
        assertEquals("model of [w]", m.accept(DESCRIBE));
        assertTrue(f.javaSource().contains("implements DifferentiableFunction")
                || f.javaSource().contains("DifferentiableFunction"), "a function's class");
        assertTrue(m.javaSource().contains("Model"), "a model's class");
        // The shared stages: node counts after lowering and each simplification pass, for both kinds.
        for (Compiled c : new Compiled[] {f, m}) {
            assertEquals("parse", c.compilation().simplifyStats().get(0).pass());
            assertTrue(c.compilation().simplifyStats().stream().anyMatch(s -> s.pass().equals("stabilize")));
            assertEquals(c.javaSource(), c.compilation().javaSource());
        }
        double[] g = f.accept(new Compiled.Visitor<double[]>() {
            @Override
            public double[] function(CompiledFunction fn) {
                return fn.gradient(2, 3);
            }

            @Override
            public double[] model(CompiledModel cm) {
                throw new AssertionError("a function");
            }
        });
        assertArrayEquals(new double[] {2 * (2 - 1) - 400 * 2 * (3 - 4), 200 * (3 - 4)}, g, 1e-12);
    }

    @Test
    void translateEntryIsWhatCompileEntryLoads() {
        Pipeline p = FLUXION.translateEntry(FILE, Options.defaults().withEntry("m").withPackage("com.example"));
        assertEquals("com.example.MModel", p.qualifiedClassName());
        String kind = p.accept(new Pipeline.Visitor<String>() {
            @Override
            public String function(Compilation c) {
                return "function";
            }

            @Override
            public String model(ModelCompilation mc) {
                return "model " + mc.program().name();
            }
        });
        assertEquals("model m", kind);
        Compiled loaded = FLUXION.compileEntry(FILE, Options.defaults().withEntry("m").withPackage("com.example"));
        assertEquals(p.javaSource(), loaded.javaSource(), "the same pipeline, deterministic");
        Pipeline bare = FLUXION.translateEntry("x * y", Options.defaults());
        assertEquals(Pipeline.Kind.FUNCTION, bare.kind());
        assertEquals("f", bare.entryName());
    }
}

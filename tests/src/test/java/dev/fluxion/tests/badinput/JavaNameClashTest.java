package dev.fluxion.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.tests.support.BatchJavac;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.codegen.Identifiers;
import dev.fluxion.compiler.jit.JavaCompiler;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.Fn;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18, item 3: the user's names never shadow or obscure a name the generated code
 * uses. Every public type of {@code java.lang} and every class of the runtime, as a program
 * name (the class's own name), as a parameter and as a local, in a function and in a model,
 * compiled with Janino and with javax.tools, computes the right numbers.
 */
class JavaNameClashTest {

    private static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    /** Every name the generated code must stay clear of: java.lang, the runtime, package roots, its own fields. */
    private static final List<String> NAMES = List.copyOf(Identifiers.reserved());

    private static Fluxion fluxion(String compiler) {
        return compiler.equals("janino") ? Fluxion.create() : Fluxion.using(JavaCompiler.javaxTools());
    }

    @Test
    void everyPublicTypeOfJavaLangIsReserved() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.list(jrt.getPath("/modules/java.base/java/lang"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String file = p.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$") || file.contains("-")) {
                    continue;
                }
                String simple = file.substring(0, file.length() - ".class".length());
                try {
                    Class<?> c = Class.forName("java.lang." + simple, false, null);
                    if (Modifier.isPublic(c.getModifiers()) && !Identifiers.isReserved(simple)) {
                        missing.add(simple);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable here: not a type generated code can name
                }
            }
        }
        assertEquals(Set.of(), missing, "java.lang types a variable of generated code could obscure");
    }

    @Test
    void everyRuntimeClassIsReserved() throws Exception {
        Path root = Path.of(Fn.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> missing = new TreeSet<>();
        List<Path> classes = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".class")).forEach(classes::add);
            }
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                try (Stream<Path> walk = Files.walk(jar.getPath("/"))) {
                    walk.filter(p -> p.toString().endsWith(".class")).map(Path::toString).map(Path::of).forEach(classes::add);
                }
            }
        }
        for (Path p : classes) {
            String file = p.getFileName().toString();
            String simple = file.substring(0, file.length() - ".class".length());
            if (!simple.contains("$") && !simple.contains("-") && !Identifiers.isReserved(simple)) {
                missing.add(simple);
            }
        }
        assertFalse(classes.isEmpty(), "found the runtime's classes under " + root);
        assertEquals(Set.of(), missing, "runtime classes a variable of generated code could obscure");
    }

    @Test
    void noReservedNameEndsInAnUnderscore() {
        // the allocator de-duplicates by appending '_', so an avoided name never meets a reserved one
        for (String n : NAMES) {
            assertFalse(n.endsWith("_"), n);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"janino", "javax.tools"})
    void issueExampleProgramNamedDouble(String compiler) {
        CompiledFunction f = fluxion(compiler).compile("fn Double(x) { return x/0 + x }", ALL);
        assertEquals("Double", f.compilation().className());
        assertEquals(Double.POSITIVE_INFINITY, f.value(2), 0);
        assertEquals(Double.POSITIVE_INFINITY, f.gradient(2)[0], 0);
    }

    /**
     * Name k of {@link #NAMES} as the program, its class and its first parameter, and name
     * k + 1 as a local. The code reads Math (sqrt, exp, min), Double (the infinite constant
     * 1/0), the runtime's Fn (sigmoid) and Checks: sqrt(a) + exp(a*x) + sigmoid(x).
     */
    private static String function(int k) {
        String a = NAMES.get(k);
        String local = NAMES.get((k + 1) % NAMES.size());
        return "fn " + a + "(" + a + ", x) {\n  " + local + " = min(1/0, sqrt(" + a + "))\n  t = exp(" + a
                + "*x)\n  return " + local + " + t + sigmoid(x)\n}\n";
    }

    private static void checkFunction(DifferentiableFunction f, String what) {
        double a = 0.8;
        double x = -0.6;
        double s = 1 / (1 + Math.exp(-x));
        double e = Math.exp(a * x);
        double[] p = {a, x};
        double[] y = new double[1];
        f.value(p, y);
        assertEquals(Math.sqrt(a) + e + s, y[0], 1e-12, what);
        double[] want = {0.5 / Math.sqrt(a) + x * e, a * e + s * (1 - s)};
        double[] reverse = new double[2];
        f.gradient(p, reverse);
        double[] ydot = new double[1];
        for (int i = 0; i < 2; i++) {
            assertEquals(want[i], reverse[i], 1e-12, what + ": reverse " + i);
            f.jvp(p, i == 0 ? new double[] {1, 0} : new double[] {0, 1}, y, ydot);
            assertEquals(want[i], ydot[0], 1e-12, what + ": forward " + i);
        }
        double[] h = new double[4];
        f.hessian(p, h);
        assertEquals(-0.25 * Math.pow(a, -1.5) + x * x * e, h[0], 1e-10, what + ": Hessian");
    }

    /** Each source compiled: by Janino one by one, by javac all in one invocation. */
    private static List<Object> instances(String compiler, List<String> names, List<String> sources) throws Exception {
        Map<String, String> units = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            units.put(names.get(k), sources.get(k));
        }
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        if (compiler.equals("janino")) {
            JavaCompiler janino = JavaCompiler.janino();
            units.forEach((name, source) -> classes.put(name, janino.compile(name, source)));
        } else {
            classes.putAll(BatchJavac.compile(units));
        }
        List<Object> out = new ArrayList<>();
        for (String name : names) {
            out.add(classes.get(name).getDeclaredConstructor().newInstance());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"janino", "javax.tools"})
    void everyReservedNameAsProgramClassParameterAndLocal(String compiler) throws Exception {
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int k = 0; k < NAMES.size(); k++) {
            Compilation c = Fluxion.create().translate(function(k),
                    ALL.withPackage("names.p" + k).withClassName(NAMES.get(k)));
            names.add(c.qualifiedClassName());
            sources.add(c.javaSource());
        }
        List<Object> fs = instances(compiler, names, sources);
        for (int k = 0; k < fs.size(); k++) {
            checkFunction((DifferentiableFunction) fs.get(k), names.get(k));
        }
    }

    @Test
    void programNamesGiveTheirClassNames() {
        assertEquals("Double", Fluxion.create().translate(function(NAMES.indexOf("Double")), ALL).className());
        assertEquals("Math", Fluxion.create().translate(function(NAMES.indexOf("Math")), ALL).className());
        checkFunction(Fluxion.create().compile(function(NAMES.indexOf("String")), ALL).generated(), "String");
    }

    /** Every reserved name as one variable of a sum of many terms: rolled loops, split methods, the workspace. */
    @ParameterizedTest
    @ValueSource(strings = {"janino", "javax.tools"})
    void everyReservedNameAsVariablesOfOneLargeFunction(String compiler) {
        StringBuilder params = new StringBuilder();
        StringBuilder ret = new StringBuilder();
        double[] x = new double[NAMES.size()];
        double want = 0;
        double[] grad = new double[x.length];
        for (int k = 0; k < NAMES.size(); k++) {
            String n = NAMES.get(k);
            params.append(k == 0 ? "" : ", ").append(n);
            x[k] = 0.3 + 0.01 * k;
            // sin of each variable weighted by position: a long sum, re-rolled into a loop
            ret.append(k == 0 ? "" : " + ").append(k + 1).append("*sin(").append(n).append(")");
            want += (k + 1) * Math.sin(x[k]);
            grad[k] = (k + 1) * Math.cos(x[k]);
        }
        String first = NAMES.get(0);
        String body = "  Double_x = exp(" + first + ") + min(1/0, " + first + ")\n";
        want += Math.exp(x[0]) + x[0];
        grad[0] += Math.exp(x[0]) + 1;
        String program = "fn Math(" + params + ") {\n" + body + "  return " + ret + " + Double_x\n}\n";
        CompiledFunction f = fluxion(compiler).compile(program, ALL);
        assertEquals(NAMES, f.inputs());
        assertEquals(want, f.value(x), 1e-10 * Math.abs(want));
        double[] reverse = f.gradient(x);
        double[] forward = f.gradient(Mode.FORWARD, x);
        double[] hv = f.hessianVector(x, unit(x.length, 0));
        for (int k = 0; k < x.length; k++) {
            assertEquals(grad[k], reverse[k], 1e-10 * (k + 1), "reverse " + NAMES.get(k));
            assertEquals(grad[k], forward[k], 1e-10 * (k + 1), "forward " + NAMES.get(k));
        }
        assertEquals(-Math.sin(x[0]) + Math.exp(x[0]), hv[0], 1e-10);
    }

    private static double[] unit(int n, int i) {
        double[] v = new double[n];
        v[i] = 1;
        return v;
    }

    /** A model whose name, input, parameter and intermediate carry reserved names k, k + 1 and k + 2. */
    private static String model(int k) {
        String input = NAMES.get(k);
        String param = NAMES.get((k + 1) % NAMES.size());
        String local = NAMES.get((k + 2) % NAMES.size());
        return model(input, input, param, local);
    }

    private static String model(String name, String input, String param, String local) {
        return "model " + name + " {\n  input " + input + "[B, 3]\n  param " + param + "[3, 2]\n  param b[2]\n"
                + "  " + local + " = tanh(" + input + " @ " + param + " + b)\n"
                + "  loss = mean(" + local + " * " + local + ") + sum(sqrt(" + param + " * " + param + " + 1))\n}\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"janino", "javax.tools"})
    void everyReservedNameInAModel(String compiler) throws Exception {
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int k = 0; k < NAMES.size(); k++) {
            ModelCompilation c = Fluxion.create().translateModel(model(k),
                    Options.defaults().withPackage("names.m" + k).withClassName(NAMES.get(k)));
            names.add(c.qualifiedClassName());
            sources.add(c.javaSource());
        }
        List<Object> models = instances(compiler, names, sources);
        double[] first = null;
        for (int k = 0; k < models.size(); k++) {
            Model m = (Model) models.get(k);
            double[][] params = m.parameters();
            for (int i = 0; i < params[0].length; i++) {
                params[0][i] = 0.1 * (i + 1) - 0.3;
            }
            params[1][0] = 0.2;
            double[][] xs = {{0.5, -0.25, 1, 0.75, 0.1, -0.4}};
            double loss = m.lossAndGradient(xs, 2);
            double[] g = m.gradients()[0].clone();
            double h = 1e-6;
            double saved = params[0][3];
            params[0][3] = saved + h;
            double up = m.loss(xs, 2);
            params[0][3] = saved - h;
            double down = m.loss(xs, 2);
            params[0][3] = saved;
            assertEquals((up - down) / (2 * h), g[3], 1e-7, names.get(k));
            double[] result = {loss, g[0], g[3], g[5], m.sgdStep(xs, 2, 0.1), m.evaluate(NAMES.get((k + 2) % NAMES.size()), xs, 2)[1]};
            if (first == null) {
                first = result;
            }
            assertArrayEquals(first, result, names.get(k) + ": every model computes the same numbers");
        }
    }

    /** Arrays, reductions and loops named after types: elements and loop variables avoid them too. */
    @ParameterizedTest
    @ValueSource(strings = {"janino", "javax.tools"})
    void arraysReductionsAndLoopsWithReservedNames(String compiler) {
        String program = "fn Math(Double[n], String) {\n  Integer = sum(Object in 0..n-1: sqrt(Double[Object]) * String)\n"
                + "  System = min(1/0, Integer)\n  return System + exp(String)\n}\n";
        CompiledFunction f = fluxion(compiler).compile(program, ALL.withSize("n", 3));
        double[] x = {0.5, 2, 1.5, 0.7};
        double sum = Math.sqrt(0.5) + Math.sqrt(2) + Math.sqrt(1.5);
        assertEquals(sum * 0.7 + Math.exp(0.7), f.value(x), 1e-12);
        double[] g = f.gradient(x);
        double[] fwd = f.gradient(Mode.FORWARD, x);
        double[] want = {0.7 * 0.5 / Math.sqrt(0.5), 0.7 * 0.5 / Math.sqrt(2), 0.7 * 0.5 / Math.sqrt(1.5), sum + Math.exp(0.7)};
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i], g[i], 1e-12, "reverse " + i);
            assertEquals(want[i], fwd[i], 1e-12, "forward " + i);
        }
    }

    /** Every type the generated code imports is a name its variables avoid. */
    @Test
    void everyImportedTypeIsReserved() {
        String fn = Fluxion.create().translate(function(0), ALL).javaSource();
        String model = Fluxion.create().translateModel(model("m", "x", "W", "h")
                .replace("tanh(", "relu(").replace("loss =", "z = softmax(h)\n  loss = mean(z) +"), Options.defaults())
                .javaSource();
        Matcher m = Pattern.compile("(?m)^import ([a-z.]+\\.)?([A-Za-z0-9_]+);").matcher(fn + model);
        int found = 0;
        while (m.find()) {
            found++;
            assertTrue(Identifiers.isReserved(m.group(2)), "imported " + m.group(0));
        }
        assertTrue(found > 0);
    }
}

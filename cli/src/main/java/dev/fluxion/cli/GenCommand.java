package dev.fluxion.cli;

import dev.fluxion.compiler.inspect.Sampling;
import dev.fluxion.compiler.inspect.GradientTestWriter;
import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.Pipeline;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.tensor.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fluxion gen}: the generated Java class (what build-time generation writes), to a
 * file or stdout; with {@code --with-test DIR}, also a JUnit 5 test that checks its
 * derivatives against central finite differences. For a {@code model}, the model's class.
 */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Write the generated Java class (of a function or a model); --with-test also writes a JUnit 5 "
                + "gradient check for a function's class.")
public final class GenCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    DumpOptions dump;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the class to FILE (default: stdout).")
    Path output;

    @Option(names = "--package", paramLabel = "NAME", defaultValue = Options.DEFAULT_PACKAGE,
            description = "Package of the class (default: ${DEFAULT-VALUE}).")
    String packageName;

    @Option(names = "--class", paramLabel = "NAME",
            description = "Class name (default: the name of the -o file, else from the program's name).")
    String className;

    @Option(names = "--capabilities", split = ",", paramLabel = "CAP",
            description = "What to generate: value, gradient, jvp, jacobian, hessian (default: value,gradient); "
                    + "a model always has its loss and gradient, and takes jvp and hessian.")
    List<Capability> capabilities;

    @Option(names = "--no-loops",
            description = "Keep long sums of repeated terms as straight-line code (default: loops).")
    boolean noLoops;

    @Option(names = "--matmul-precision", paramLabel = "P",
            description = "A model's matrix products: float64 (default) or float32 (the large products summed in float, "
                    + "as JAX and PyTorch compute).")
    Precision matmulPrecision;

    @Option(names = "--with-test", paramLabel = "DIR",
            description = "Also write <Class>Test.java under DIR (in its package folder).")
    Path testDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Set<Capability> caps = capabilities == null ? Options.DEFAULT_CAPABILITIES : EnumSet.copyOf(capabilities);
        Options options;
        try {
            options = source.options(Options.defaults()).withPackage(packageName).withClassName(className())
                    .withCapabilities(caps).withLoops(!noLoops);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (matmulPrecision != null) {
            options = options.withMatmulPrecision(matmulPrecision);
        }
        PrintWriter err = spec.commandLine().getErr();
        Pipeline p = Fluxion.create().translateEntry(source.text(), options);
        int status = p.accept(new Pipeline.Visitor<Integer>() {
            @Override
            public Integer function(Compilation c) {
                return GenCommand.this.function(c, caps, err);
            }

            @Override
            public Integer model(ModelCompilation m) {
                return GenCommand.this.model(m, err);
            }
        });
        err.flush();
        return status;
    }

    /** A function's class, with {@code --with-test} its gradient test. */
    private int function(Compilation c, Set<Capability> caps, PrintWriter err) {
        if (matmulPrecision != null) {
            throw new UserError("--matmul-precision applies to a model (model name { ... }), not to a function");
        }
        if (testDir != null && !caps.contains(Capability.GRADIENT) && !caps.contains(Capability.JACOBIAN)) {
            throw new UserError("--with-test checks the gradient: add gradient to --capabilities");
        }
        dump.dump(c, err);
        writeClass(c.javaSource(), err);
        if (testDir != null && !c.dataNames().isEmpty()) {
            throw new UserError("--with-test: the class is written, but no test: a generated test would need data for "
                    + String.join(", ", c.dataNames()) + " (check it with fluxion check --data ... --at ...)");
        }
        if (testDir != null && c.tensor() != null) {
            throw new UserError("--with-test: the class is written, but no test: '" + c.programName() + "' uses tensor "
                    + "ops, so its class is a Model (wrap it with ModelFunction.of), which the generated test does not "
                    + "call yet; check it with fluxion check");
        }
        if (testDir != null) {
            List<double[]> points = Sampling.points(c.primal(), 5, 1);
            if (points.isEmpty()) {
                throw new UserError("--with-test: found no point in [" + Sampling.LOW + ", " + Sampling.HIGH
                        + "] where the function is finite");
            }
            Path folder = c.packageName().isEmpty() ? testDir : testDir.resolve(c.packageName().replace('.', '/'));
            Path file = folder.resolve(c.className() + "Test.java");
            write(file, GradientTestWriter.source(c.packageName(), c.className(),
                    c.capabilities().contains(Capability.GRADIENT), points, CentralDifferences.TOLERANCE));
            err.println("wrote " + file);
        }
        return Main.OK;
    }

    /**
     * A model's class (what the Maven plugin writes for a model): loss, gradient and the SGD
     * step, with {@code --capabilities jvp} or {@code hessian} also its forward-mode methods. The
     * options that shape a function's class do not apply and are refused.
     */
    private int model(ModelCompilation m, PrintWriter err) {
        List<String> refused = new java.util.ArrayList<>();
        if (capabilities != null && capabilities.contains(Capability.JACOBIAN)) {
            throw new UserError("--capabilities jacobian applies to functions: a model has one output, its loss "
                    + "(a model takes value, gradient, jvp and hessian)");
        }
        if (noLoops) {
            refused.add("--no-loops");
        }
        if (testDir != null) {
            refused.add("--with-test");
        }
        if (source.vars != null) {
            refused.add("--vars");
        }
        if (!refused.isEmpty()) {
            throw new UserError(String.join(", ", refused) + (refused.size() == 1 ? " applies" : " apply")
                    + " to functions, not to a model (model name { ... })");
        }
        dump.dump(m, err);
        writeClass(m.javaSource(), err);
        return Main.OK;
    }

    /** The class's source to the {@code -o} file (saying so on {@code err}), else to stdout. */
    private void writeClass(String java, PrintWriter err) {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(java);
            out.flush();
        } else {
            write(output, java);
            err.println("wrote " + output);
        }
    }

    /**
     * The class name asked for; else, when writing to {@code Name.java}, {@code Name} (javac
     * wants a public class in a file of its name); else null, for the compiler's default.
     */
    private String className() {
        if (className != null || output == null) {
            return className;
        }
        String file = output.getFileName().toString();
        if (!file.endsWith(".java")) {
            return null;
        }
        String stem = file.substring(0, file.length() - ".java".length());
        if (!javax.lang.model.SourceVersion.isIdentifier(stem) || javax.lang.model.SourceVersion.isKeyword(stem)) {
            throw new UserError("-o " + output + ": '" + stem + "' is not a Java class name; choose one with --class");
        }
        return stem;
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }
}

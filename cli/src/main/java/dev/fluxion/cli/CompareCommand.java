package dev.fluxion.cli;

import dev.fluxion.compiler.Compiled;
import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.Lowered;
import dev.fluxion.compiler.inspect.ModeComparison;
import dev.fluxion.compiler.inspect.ModelModeComparison;
import dev.fluxion.compiler.inspect.Sweep;
import dev.fluxion.compiler.inspect.SweepChart;
import dev.fluxion.compiler.inspect.Timing;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fluxion compare}: forward and reverse mode on one program, side by side, with a
 * recommendation; with {@code --sweep}, a chart of both over a family of functions. A
 * {@code model} unit is recognised by its first word and compared on the gradient of its
 * loss at a seeded point ({@code --batch}, {@code --seed}). The work is
 * {@link ModeComparison}'s, {@link ModelModeComparison}'s and {@link Sweep}'s; this class
 * reads options and prints.
 * Exit status 1 when the two modes disagree, 2 for bad input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare forward and reverse mode on a program: same Jacobian?, operation counts, "
                + "intermediate storage, measured time, and which mode to use.",
                "On a model (model name { ... }): the gradient of the loss w.r.t. every parameter by reverse mode "
                        + "(one pass) and by forward mode (one JVP per parameter coordinate)."},
        footer = {"", "Example: fluxion compare 'ln(x1)+x1*x2-sin(x2)' --at x1=2,x2=5 --sweep sweep.png",
                "         fluxion compare -f examples/src/main/fluxion/mlp.flx --batch 4 --seed 7"})
public final class CompareCommand implements Callable<Integer> {

    /** Relative difference above which the two Jacobians count as different. */
    static final double AGREEMENT = 1e-9;

    @Mixin
    SourceOptions program;

    @Option(names = "--at", paramLabel = "NAME=VALUE,...",
            description = "Compute the Jacobians here (default: a fixed point in [0.5, 1.5) per input).")
    String at;

    @Option(names = "--time", paramLabel = "MILLIS", defaultValue = "500",
            description = "Time to spend measuring each mode, in milliseconds (default: ${DEFAULT-VALUE}).")
    long millis;

    @Option(names = "--sweep", paramLabel = "FILE.png",
            description = "Also time both modes over `f: R^m -> R^n, y_j = sum_i sin(a_ij x_i)` and draw the chart here.")
    Path sweep;

    @Option(names = "--sweep-fixed", defaultValue = "4", paramLabel = "K",
            description = "In the sweep, n while m grows and m while n grows (default: ${DEFAULT-VALUE}).")
    int sweepFixed;

    @Option(names = "--sweep-max", defaultValue = "64", paramLabel = "SIZE",
            description = "Largest m and n in the sweep; sizes are the powers of two up to it (default: ${DEFAULT-VALUE}).")
    int sweepMax;

    @Option(names = "--batch", paramLabel = "B",
            description = "Models only: examples in the random batch the gradients are computed on (default: 2).")
    Integer batch;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Models only: seed of the parameters (from their initializers), inputs and labels (default: 1).")
    Long seed;

    @Option(names = "--json", description = "Print the report as one JSON object (the sweep, if any, still draws its PNG).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Fluxion fluxion = Fluxion.create();
        if (millis < 1) {
            throw new UserError("--time must be at least 1 ms, got " + millis);
        }
        if (sweep != null && (sweepFixed < 1 || sweepMax < 1)) {
            throw new UserError("--sweep-fixed and --sweep-max must be at least 1, got " + sweepFixed + " and " + sweepMax);
        }
        Timing timing = Timing.of(Duration.ofMillis(millis));
        Sweep s = sweep == null ? null : new Sweep(sweepFixed, Sweep.powersOfTwo(sweepMax));
        String text = program.text();
        Options options = program.options(Options.defaults());
        Compiled compiled = fluxion.compileEntry(text, options.withCapability(Capability.JACOBIAN));
        try {
            return compiled.accept(new Compiled.Visitor<Integer>() {
                @Override
                public Integer function(CompiledFunction f) {
                    return compareFunction(f, text, options, fluxion, timing, s, out, err);
                }

                @Override
                public Integer model(CompiledModel m) {
                    return compareModel(m, fluxion, timing, s, out, err);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();  // the sweep's chart, written inside the visit
        }
    }

    /** The function form: the Jacobian by both modes at {@code --at} or a spread point. */
    private int compareFunction(CompiledFunction f, String text, Options options, Fluxion fluxion, Timing timing,
                                Sweep s, PrintWriter out, PrintWriter err) {
        if (batch != null || seed != null) {
            throw new UserError("--batch and --seed apply to models only (model name { ... })");
        }
        dev.fluxion.compiler.inspect.Point point = at == null ? null : Point.of(at, Lowered.of(text, options).inputNames());
        ModeComparison c = ModeComparison.of(f, text, point, timing);
        out.print(json ? c.toJson() + "\n" : c.format());
        out.flush();
        sweep(fluxion, timing, s, out, err);
        return c.maxRelativeDifference() <= AGREEMENT ? Main.OK : Main.CHECK_FAILED;
    }

    /** The model form: the gradient of the loss by both modes at a seeded point. */
    private int compareModel(CompiledModel m, Fluxion fluxion, Timing timing, Sweep s, PrintWriter out, PrintWriter err) {
        if (at != null) {
            throw new UserError("--at does not apply to a model: its point is drawn from --seed (parameters from their "
                    + "initializers, random inputs and labels)");
        }
        if (program.vars != null) {
            throw new UserError("--vars does not apply to a model: its inputs and parameters are declared");
        }
        int b = batch == null ? 2 : batch;
        if (b < 1) {
            throw new UserError("--batch must be at least 1, got " + b);
        }
        ModelModeComparison c = ModelModeComparison.of(m, b, seed == null ? 1 : seed, timing);
        out.print(json ? c.toJson() + "\n" : c.format());
        out.flush();
        sweep(fluxion, timing, s, out, err);
        return c.maxRelativeDifference() <= AGREEMENT ? Main.OK : Main.CHECK_FAILED;
    }

    private void sweep(Fluxion fluxion, Timing timing, Sweep s, PrintWriter out, PrintWriter err) {
        if (s == null) {
            return;
        }
        try {
            sweepChart(fluxion, timing, s, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sweepChart(Fluxion fluxion, Timing timing, Sweep s, PrintWriter out, PrintWriter err)
            throws IOException {
        PrintWriter progress = json ? err : out;
        progress.println();
        progress.println("sweep over y_j = sum_i sin(a_ij x_i), time of one full Jacobian (fastest batch):");
        progress.flush();
        Sweep.Result r = s.run(fluxion, timing, line -> {
            progress.println("  " + line);
            progress.flush();
        });
        SweepChart.write(r, sweep);
        progress.println("wrote " + sweep);
        progress.flush();
    }
}

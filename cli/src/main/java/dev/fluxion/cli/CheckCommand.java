package dev.fluxion.cli;

import dev.fluxion.compiler.inspect.Sampling;
import dev.fluxion.compiler.Compiled;
import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fluxion check}: compares the generated derivatives (the full Jacobian, by forward
 * and by reverse mode) with central finite differences, at {@code --at} or at sampled
 * points, and fails (exit status {@link Main#CHECK_FAILED}) when the largest error is above
 * {@code --tolerance}. The error is |generated − estimate| / max(1, |generated|, |estimate|):
 * relative for large derivatives, absolute for small ones. The default tolerance, 1e-6, is
 * four orders above the finite differences' own error for smooth functions of moderate size.
 *
 * <p>A {@code model} unit is checked by {@link ModelCheck}: its loss gradient w.r.t. every
 * parameter at a seeded random batch ({@code --batch}, {@code --seed}; {@code --samples}
 * is then the number of coordinates checked per parameter).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compare the generated gradient (both modes) with central finite differences; "
                + "exit status 3 if the largest relative error is above the tolerance.",
                "On a model (model name { ... }): the loss gradient w.r.t. every parameter, on a random batch, "
                        + "parameters from their initializers."},
        footer = {"", "Example: fluxion check 'ln(x1)+x1*x2-sin(x2)' --at 2,5",
                "         fluxion check -f examples/src/main/fluxion/mlp.flx --batch 4 --seed 1"})
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    DumpOptions dump;

    @Option(names = "--at", paramLabel = "POINT",
            description = "Check at this point (default: sampled points, each coordinate in [0.5, 2]).")
    String at;

    @Option(names = "--samples", paramLabel = "N",
            description = "Number of sampled points (default: 5); for a model, coordinates checked per parameter (default: 20).")
    Integer samples;

    @Option(names = "--batch", paramLabel = "B", description = "Models only: examples in the random batch (default: 4).")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the sampled points (default: 1).")
    long seed;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-6", description = "Largest error accepted (default: 1e-6).")
    double tolerance;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "AUTO",
            description = "forward, reverse, or auto for both (default).")
    Mode mode;

    @Spec
    CommandSpec spec;

    /** The worst disagreement found. */
    private record Worst(double error, Mode mode, double[] point, int output, int input, double generated, double estimate) {
    }

    @Override
    public Integer call() {
        if (!(tolerance > 0)) {
            throw new UserError("--tolerance " + tolerance + ": expected a positive number");
        }
        Options options = source.options(Options.defaults()).withCapability(
                dev.fluxion.runtime.DifferentiableFunction.Capability.JACOBIAN);
        return Fluxion.create().compileEntry(source.text(), options).accept(new Compiled.Visitor<Integer>() {
            @Override
            public Integer function(CompiledFunction f) {
                return check(f);
            }

            @Override
            public Integer model(CompiledModel m) {
                if (at != null || source.vars != null || mode != Mode.AUTO) {
                    throw new UserError("--at, --vars and --mode do not apply to a model: its point is drawn from --seed "
                            + "and its gradient is the reverse-mode one the trainer uses");
                }
                return new ModelCheck(batch == null ? 4 : batch, samples == null ? 20 : samples, seed, tolerance)
                        .run(m, spec.commandLine().getOut());
            }
        });
    }

    /** Checks a function's derivatives, both modes unless {@code --mode} says one, at the sampled or given points. */
    private int check(CompiledFunction f) {
        if (batch != null) {
            throw new UserError("--batch applies to models only (model name { ... })");
        }
        int samples = this.samples == null ? 5 : this.samples;
        if (samples < 1) {
            throw new UserError("--samples " + samples + ": expected at least 1");
        }
        dump.dump(f.compilation(), spec.commandLine().getErr());
        if (f.inputCount() == 0) {
            throw new UserError("nothing to check: the program has no inputs");
        }
        f = source.bind(f);
        if (!f.dataNames().isEmpty() && at == null) {
            throw new UserError("give the point with --at: points are not sampled for a function with data parameters ("
                    + String.join(", ", f.dataNames()) + ")");
        }
        List<double[]> points = new ArrayList<>();
        if (at != null) {
            points.add(Point.parse(at, f.inputs()));
        } else {
            points.addAll(Sampling.points(f, samples, seed));
            if (points.isEmpty()) {
                throw new UserError("found no point in [" + Sampling.LOW + ", " + Sampling.HIGH
                        + "] where the function is finite; give one with --at");
            }
        }
        List<Mode> modes = mode == Mode.AUTO ? List.of(Mode.REVERSE, Mode.FORWARD) : List.of(mode);
        PrintWriter out = spec.commandLine().getOut();
        String where = at != null ? "at " + Point.describe(f.inputs(), points.get(0), Numbers::exact)
                : "at " + points.size() + " sampled point(s) (seed " + seed + ")";
        out.println("checking " + f.compilation().programName() + "(" + String.join(", ", f.inputs()) + ") " + where
                + " against central differences");
        Worst overall = null;
        for (Mode md : modes) {
            Worst worst = null;
            for (double[] x : points) {
                double[][] estimate = CentralDifferences.jacobian(f.generated(), x);
                double[][] generated = f.jacobian(md, x);
                for (int j = 0; j < estimate.length; j++) {
                    for (int i = 0; i < estimate[j].length; i++) {
                        double e = CentralDifferences.error(generated[j][i], estimate[j][i]);
                        if (worst == null || e > worst.error()) {
                            worst = new Worst(e, md, x, j, i, generated[j][i], estimate[j][i]);
                        }
                    }
                }
            }
            out.println(String.format(java.util.Locale.ROOT, "%-8s largest relative error %.3g",
                    md.name().toLowerCase() + ":", worst.error()));
            if (overall == null || worst.error() > overall.error()) {
                overall = worst;
            }
        }
        boolean ok = overall.error() <= tolerance;
        out.println("worst: d" + f.outputs().get(overall.output()) + "/d" + f.inputs().get(overall.input()) + " ("
                + overall.mode().name().toLowerCase() + ") at " + Point.describe(f.inputs(), overall.point(), Numbers::exact)
                + ": generated " + Numbers.exact(overall.generated()) + ", central difference "
                + Numbers.exact(overall.estimate()));
        out.println((ok ? "ok" : "FAILED") + ": largest error " + String.format(java.util.Locale.ROOT, "%.3g", overall.error())
                + (ok ? " <= " : " > ") + "tolerance " + String.format(java.util.Locale.ROOT, "%.3g", tolerance));
        out.flush();
        return ok ? Main.OK : Main.CHECK_FAILED;
    }
}

package dev.fluxion.cli;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.Lowered;
import dev.fluxion.compiler.inspect.ModeComparison;
import dev.fluxion.compiler.inspect.Sweep;
import dev.fluxion.compiler.inspect.SweepChart;
import dev.fluxion.compiler.inspect.Timing;
import java.io.IOException;
import java.io.PrintWriter;
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
 * recommendation; with {@code --sweep}, a chart of both over a family of functions. The
 * work is {@link ModeComparison}'s and {@link Sweep}'s; this class reads options and prints.
 * Exit status 1 when the two modes disagree, 2 for bad input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare forward and reverse mode on a program: same Jacobian?, operation counts, "
                + "intermediate storage, measured time, and which mode to use."},
        footer = {"", "Example: fluxion compare 'ln(x1)+x1*x2-sin(x2)' --at x1=2,x2=5 --sweep sweep.png"})
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
            description = "Also time both modes over f: R^m -> R^n, y_j = sum_i sin(a_ij x_i), and draw the chart here.")
    Path sweep;

    @Option(names = "--sweep-fixed", defaultValue = "4", paramLabel = "K",
            description = "In the sweep, n while m grows and m while n grows (default: ${DEFAULT-VALUE}).")
    int sweepFixed;

    @Option(names = "--sweep-max", defaultValue = "64", paramLabel = "SIZE",
            description = "Largest m and n in the sweep; sizes are the powers of two up to it (default: ${DEFAULT-VALUE}).")
    int sweepMax;

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
        dev.fluxion.compiler.inspect.Point point = at == null ? null : Point.of(at, Lowered.of(text, options).inputNames());
        ModeComparison c = ModeComparison.of(fluxion, text, options, point, timing);
        out.print(json ? c.toJson() + "\n" : c.format());
        out.flush();
        if (s != null) {
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
        return c.maxRelativeDifference() <= AGREEMENT ? Main.OK : Main.CHECK_FAILED;
    }
}

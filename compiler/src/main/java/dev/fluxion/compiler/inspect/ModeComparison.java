package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diff.DerivativeKind;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.List;
import java.util.Locale;

/**
 * Forward and reverse mode side by side on one program: the full Jacobian by each (they
 * must agree), what each costs in operations and storage, how long each takes, and which
 * to use.
 *
 * <p>The lecture's rule is that forward mode needs one pass per input and reverse mode one
 * per output, so reverse wins for f: R^m → R^n when m ≫ n. The counts here come from the
 * derivative graphs the code is generated from; the times from running the generated
 * {@code jacobianForward} and {@code jacobianReverse}.
 *
 * @param program     the program text
 * @param inputs      input names, in order
 * @param outputs     output names, in order
 * @param point       where the Jacobians were computed
 * @param forward     the Jacobian by forward mode, n rows of m
 * @param reverse     the Jacobian by reverse mode, n rows of m
 * @param forwardCost what forward mode costs
 * @param reverseCost what reverse mode costs
 */
public record ModeComparison(String program, List<String> inputs, List<String> outputs, Point point,
                             double[][] forward, double[][] reverse, ModeCost forwardCost, ModeCost reverseCost) {

    /** Two measured times closer than this ratio count as a tie, decided by operation counts. */
    static final double TIE = 1.10;

    /**
     * Compiles {@code text} with both Jacobians and compares the modes at {@code point}
     * (null: a deterministic point in [0.5, 1.5) per input, see {@link Point#spread}).
     *
     * @param timing how long to measure each mode; null to skip the timing
     * @throws dev.fluxion.compiler.diag.CompileException for a program that does not compile
     */
    public static ModeComparison of(Fluxion fluxion, String text, Point point, Timing timing) {
        return of(fluxion, text, Options.defaults(), point, timing);
    }

    /**
     * As {@link #of(Fluxion, String, Point, Timing)}, compiling with {@code options} (the
     * variable order, the rules); the Jacobian capability is added to them.
     */
    public static ModeComparison of(Fluxion fluxion, String text, Options options, Point point, Timing timing) {
        return of(fluxion.compile(text, options.withCapability(Capability.JACOBIAN)), text, point, timing);
    }

    /**
     * As {@link #of(Fluxion, String, Options, Point, Timing)}, for a function already compiled
     * from {@code text} (with the Jacobian capability, or its class for it is compiled on first use).
     */
    public static ModeComparison of(CompiledFunction f, String text, Point point, Timing timing) {
        Point at = point != null ? point : Point.spread(f.inputs());
        if (!at.names().equals(f.inputs())) {
            throw new IllegalArgumentException("the point is for " + at.names() + " but the inputs are " + f.inputs());
        }
        int m = f.inputCount();
        int n = f.outputCount();
        Compilation c = f.compilation();
        Derivatives d = c.derivatives();
        ModeCost fc = ModeCost.ofSeeded(Mode.FORWARD, m, d.get(DerivativeKind.JVP));
        Graph vjp = d.get(DerivativeKind.VJP);
        ModeCost rc = vjp != null
                ? ModeCost.ofSeeded(Mode.REVERSE, n, vjp)
                : ModeCost.ofGradient(d.get(DerivativeKind.GRADIENT), c.primal().graph());
        double[] x = at.values();
        double[][] jf = f.jacobian(Mode.FORWARD, x);
        double[][] jr = f.jacobian(Mode.REVERSE, x);
        if (timing != null) {
            DifferentiableFunction g = f.generated();
            double[] y = new double[n];
            double[] jac = new double[n * m];
            double[] t = timing.nanosPerCall(() -> g.jacobianForward(x, y, jac), () -> g.jacobianReverse(x, y, jac));
            fc = fc.withNanos(t[0]);
            rc = rc.withNanos(t[1]);
        }
        return new ModeComparison(text, f.inputs(), f.outputs(), at, jf, jr, fc, rc);
    }

    /**
     * The largest difference between the two Jacobians, entry by entry, relative to the
     * larger magnitude of the two entries and to 1 ({@code |a-b| / max(1, |a|, |b|)}), so
     * entries near zero compare absolutely. Equal entries (infinities and NaN in the same
     * place included) differ by 0; a NaN in one mode only makes the result NaN.
     */
    public double maxRelativeDifference() {
        double worst = 0;
        for (int i = 0; i < forward.length; i++) {
            for (int j = 0; j < forward[i].length; j++) {
                double d = difference(forward[i][j], reverse[i][j]);
                if (Double.isNaN(d)) {
                    return Double.NaN;
                }
                worst = Math.max(worst, d);
            }
        }
        return worst;
    }

    static double difference(double a, double b) {
        if (Double.compare(a, b) == 0 || a == b) {
            return 0;
        }
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(a - b) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * Which mode to use for the full Jacobian: the faster when the times were measured and
     * differ by more than 10%, otherwise the one with fewer operations, otherwise the
     * shape rule (forward when {@code m < n}).
     */
    public Mode recommended() {
        double tf = forwardCost.nanos();
        double tr = reverseCost.nanos();
        if (!Double.isNaN(tf) && !Double.isNaN(tr) && Math.max(tf, tr) > TIE * Math.min(tf, tr)) {
            return tf < tr ? Mode.FORWARD : Mode.REVERSE;
        }
        if (forwardCost.totalOps() != reverseCost.totalOps()) {
            return forwardCost.totalOps() < reverseCost.totalOps() ? Mode.FORWARD : Mode.REVERSE;
        }
        return Mode.forShape(inputs.size(), outputs.size());
    }

    /** Why {@link #recommended()} chose what it did, in one sentence. */
    public String reason() {
        Mode r = recommended();
        double tf = forwardCost.nanos();
        double tr = reverseCost.nanos();
        String shape = String.format(Locale.ROOT, "f: R^%d -> R^%d, so forward needs %d pass%s and reverse %d",
                inputs.size(), outputs.size(), forwardCost.passes(), forwardCost.passes() == 1 ? "" : "es",
                reverseCost.passes());
        if (!Double.isNaN(tf) && !Double.isNaN(tr) && Math.max(tf, tr) > TIE * Math.min(tf, tr)) {
            return String.format(Locale.ROOT, "%s; %s was %.1fx faster here", shape, name(r),
                    Math.max(tf, tr) / Math.min(tf, tr));
        }
        if (forwardCost.totalOps() != reverseCost.totalOps()) {
            return String.format(Locale.ROOT, "%s; %s needs fewer operations (%d vs %d)%s", shape, name(r),
                    Math.min(forwardCost.totalOps(), reverseCost.totalOps()),
                    Math.max(forwardCost.totalOps(), reverseCost.totalOps()),
                    Double.isNaN(tf) ? "" : " and the times are within 10%");
        }
        return shape + "; the counts tie, so the shape rule decides";
    }

    private static String name(Mode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    /** The report {@code fluxion compare} prints. Deterministic apart from the measured times. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("program:   ").append(program.strip().replaceAll("\\s+", " ")).append('\n');
        sb.append(String.format(Locale.ROOT, "shape:     f: R^%d -> R^%d  (inputs %s, outputs %s)%n",
                inputs.size(), outputs.size(), String.join(", ", inputs), String.join(", ", outputs)));
        sb.append("at:        ").append(point.format(DotOptions.DEFAULT_DIGITS + 2)).append('\n');
        double diff = maxRelativeDifference();
        sb.append("agreement: largest relative difference between the Jacobians ")
                .append(Numbers.format(diff, 3)).append(diff <= 1e-9 ? " (agree)" : " (DISAGREE)").append("\n\n");
        String row = "%-8s %7s %11s %13s %10s %10s %12s%n";
        sb.append(String.format(Locale.ROOT, row, "mode", "passes", "shared ops", "ops per pass", "total ops",
                "storage", "time"));
        for (ModeCost c : List.of(forwardCost, reverseCost)) {
            sb.append(String.format(Locale.ROOT, row, name(c.mode()), c.passes(), c.sharedOps(), c.perPassOps(),
                    c.totalOps(), Numbers.bytes(c.storageBytes()), Numbers.duration(c.nanos())));
        }
        sb.append('\n');
        sb.append("storage: the most intermediate doubles kept from one step to the next in the generated code, x 8 bytes\n");
        sb.append("time:    one full Jacobian, from the fastest of several timed batches (jacobianForward / jacobianReverse)\n\n");
        sb.append("recommended: ").append(name(recommended())).append(" (").append(reason()).append(")\n");
        return sb.toString();
    }

    /** The report as one JSON object, keys in a fixed order; numbers as {@link Json} writes them. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"program\": ").append(Json.string(program));
        sb.append(", \"inputs\": ").append(Json.strings(inputs));
        sb.append(", \"outputs\": ").append(Json.strings(outputs));
        sb.append(", \"point\": [");
        for (int i = 0; i < point.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Json.number(point.value(i)));
        }
        sb.append("], \"maxRelativeDifference\": ").append(Json.number(maxRelativeDifference()));
        sb.append(", \"forward\": ").append(jsonCost(forwardCost));
        sb.append(", \"reverse\": ").append(jsonCost(reverseCost));
        sb.append(", \"recommended\": ").append(Json.string(name(recommended())));
        sb.append(", \"reason\": ").append(Json.string(reason()));
        return sb.append("}").toString();
    }

    private static String jsonCost(ModeCost c) {
        return "{\"passes\": " + c.passes() + ", \"sharedOps\": " + c.sharedOps() + ", \"opsPerPass\": "
                + c.perPassOps() + ", \"totalOps\": " + c.totalOps() + ", \"storageBytes\": " + c.storageBytes()
                + ", \"nanos\": " + Json.number(c.nanos()) + "}";
    }
}

package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diff.Forward;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.ModelProgram;
import dev.fluxion.compiler.ir.Tensor;
import dev.fluxion.compiler.ir.TensorInterpreter;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Forward and reverse mode on a {@code model}'s scalar loss, side by side: the gradient
 * with respect to every parameter by each (they must agree), what each costs, and which to
 * use. The loss is f: R^n → R over the n parameter coordinates, the lecture's case m ≫ n
 * taken to its end: reverse mode gives the whole gradient in one pass, forward mode needs
 * one Jacobian-vector product per coordinate.
 *
 * <p>Reverse mode is the generated class's {@code lossAndGradient}. Generated model classes
 * have no forward mode, so forward mode is {@link Forward#jvp} over the model graph, run by
 * the reference {@link TensorInterpreter} once per coordinate in the unit direction; above
 * {@link #SAMPLE_ABOVE} coordinates only an evenly spread sample of {@link #SAMPLE_PASSES}
 * is run (compared and timed), and its time scaled up to all n. The interpreter is slower
 * per operation than generated code, so the recommendation rests on the operations each
 * mode evaluates for the full gradient (graph nodes × passes), not on the two times.
 *
 * <p>The point is seeded: parameters from their declared initializers
 * ({@link Initializers#initialize}), features uniform in [-1, 1), labels uniform over their
 * classes, all from {@code seed}.
 *
 * <p>The arrays are copied in and out, so a value cannot be changed after it is made.
 *
 * @param model         the model's name
 * @param parameters    parameter names, in declaration order
 * @param sizes         coordinates of each parameter, same order
 * @param batch         the batch size of the point
 * @param seed          the seed of the point
 * @param loss          the loss at the point (generated code)
 * @param coordinates   the flat coordinates (over all parameters, in order) forward mode was run for
 * @param forward       the gradient by forward mode at {@code coordinates}
 * @param reverse       the whole gradient by reverse mode, flat
 * @param forwardNodes  operations in the forward-mode (JVP) graph of the loss
 * @param reverseNodes  operations in the reverse-mode graph (loss and gradient)
 * @param forwardNanos  time of all n forward passes (measured, or scaled up from the sample); NaN if not timed
 * @param reverseNanos  time of one {@code lossAndGradient}; NaN if not timed
 */
public record ModelModeComparison(String model, List<String> parameters, int[] sizes, int batch, long seed, double loss,
                                  int[] coordinates, double[] forward, double[] reverse, int forwardNodes,
                                  int reverseNodes, double forwardNanos, double reverseNanos) {

    /** Above this many coordinates forward mode runs a sample of passes. */
    public static final int SAMPLE_ABOVE = 2000;

    /** Forward passes in the sample. */
    public static final int SAMPLE_PASSES = 200;

    /** The fewest untimed forward passes before timing. */
    static final int WARMUP_PASSES = 10;

    /** Name of the tangent input port of the forward-mode graph. */
    private static final String TANGENT = "dparams";

    public ModelModeComparison {
        parameters = List.copyOf(parameters);
        sizes = sizes.clone();
        coordinates = coordinates.clone();
        forward = forward.clone();
        reverse = reverse.clone();
        if (coordinates.length != forward.length) {
            throw new IllegalArgumentException("forward mode has " + forward.length + " values for "
                    + coordinates.length + " coordinates");
        }
    }

    /**
     * Compiles the model {@code text} and compares the two modes at the point drawn from
     * {@code seed} with {@code batch} examples.
     *
     * @param timing how long to measure reverse mode; null to time neither mode
     * @throws dev.fluxion.compiler.diag.CompileException for a model that does not compile
     */
    public static ModelModeComparison of(Fluxion fluxion, String text, Options options, int batch, long seed,
                                         Timing timing) {
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batch);
        }
        return of(fluxion.compileModel(text, options), batch, seed, timing);
    }

    /**
     * As {@link #of(Fluxion, String, Options, int, long, Timing)}, for a model already compiled.
     *
     * @param timing how long to measure reverse mode; null to time neither mode
     */
    public static ModelModeComparison of(CompiledModel compiled, int batch, long seed, Timing timing) {
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batch);
        }
        Options options = compiled.compilation().options();
        ModelProgram program = compiled.compilation().program();
        Model m = compiled.newModel();
        Initializers.initialize(m, seed);
        double[][] in = inputs(program, batch, seed);

        double loss = m.lossAndGradient(in, batch);
        double[] reverse = flatten(m.gradients());
        int n = reverse.length;
        double reverseNanos = timing == null ? Double.NaN : timing.nanosPerCall(() -> m.lossAndGradient(in, batch));

        Graph jvp = Forward.jvp(program.graph(), options.rules().newBuilder(), ModelProgram.PARAM_ARRAY, TANGENT)
                .keepOutputs(List.of("d" + ModelProgram.LOSS));
        Graph gradient = compiled.compilation().gradient().keepOutputs(List.of(ModelProgram.LOSS, ModelProgram.GRAD));
        ForwardPasses passes = new ForwardPasses(jvp, program, m.parameters(), in, batch);
        int[] coordinates = n > SAMPLE_ABOVE ? spread(n, SAMPLE_PASSES) : range(n);
        if (timing != null && coordinates.length > 0) {
            warmUp(passes, coordinates, timing);
        }
        double[] forward = new double[coordinates.length];
        long t0 = System.nanoTime();
        for (int i = 0; i < coordinates.length; i++) {
            forward[i] = passes.run(coordinates[i]);
        }
        double forwardNanos = timing == null || coordinates.length == 0 ? Double.NaN
                : (double) (System.nanoTime() - t0) * n / coordinates.length;

        int[] sizes = Arrays.stream(m.parameters()).mapToInt(p -> p.length).toArray();
        return new ModelModeComparison(program.name(), List.of(m.parameterNames()), sizes, batch, seed, loss,
                coordinates, forward, reverse, jvp.operationCount(), gradient.operationCount(), forwardNanos,
                reverseNanos);
    }

    /**
     * Untimed forward passes, cycling over the coordinates, for a third of the timing budget
     * and at least {@link #WARMUP_PASSES}, so that the JIT has compiled the interpreter
     * before the passes are timed (as {@link Timing} warms up the generated code).
     */
    private static void warmUp(ForwardPasses passes, int[] coordinates, Timing timing) {
        long end = System.nanoTime() + timing.budget().toNanos() / 3;
        for (int i = 0; i < WARMUP_PASSES || System.nanoTime() < end; i++) {
            passes.run(coordinates[i % coordinates.length]);
        }
    }

    /**
     * The inputs of the point drawn from {@code seed}: features uniform in [-1, 1), labels
     * uniform over their classes, one flat array per declared input (with the parameters from
     * {@code Initializers.initialize(model, seed)}, the whole point, so a test can rebuild it).
     */
    public static double[][] inputs(ModelProgram program, int batch, long seed) {
        Rng rng = Rng.derive(seed, 1);
        double[][] in = new double[program.inputs().size()][];
        for (int k = 0; k < in.length; k++) {
            ModelProgram.Declaration d = program.inputs().get(k);
            in[k] = new double[Math.toIntExact(d.shape().bind(batch).size())];
            for (int i = 0; i < in[k].length; i++) {
                in[k][i] = d.classes() > 0 ? rng.nextInt(d.classes()) : rng.nextDouble(-1, 1);
            }
        }
        return in;
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public int[] coordinates() {
        return coordinates.clone();
    }

    @Override
    public double[] forward() {
        return forward.clone();
    }

    @Override
    public double[] reverse() {
        return reverse.clone();
    }

    /** The number of parameter coordinates n. */
    public int coordinateCount() {
        return reverse.length;
    }

    /** Whether forward mode ran a sample of the coordinates rather than all of them. */
    public boolean sampled() {
        return coordinates.length < reverse.length;
    }

    /**
     * The largest difference between the gradients over the coordinates forward mode ran,
     * relative to the larger magnitude and to 1, as {@link ModeComparison#maxRelativeDifference}.
     */
    public double maxRelativeDifference() {
        double worst = 0;
        for (int i = 0; i < coordinates.length; i++) {
            double d = ModeComparison.difference(forward[i], reverse[coordinates[i]]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** Operations forward mode evaluates for the whole gradient: its graph once per coordinate. */
    public long forwardTotalOps() {
        return (long) forwardNodes * coordinateCount();
    }

    /** Operations reverse mode evaluates for the whole gradient: its graph once. */
    public long reverseTotalOps() {
        return reverseNodes;
    }

    /** The mode that evaluates fewer operations for the whole gradient (reverse on a tie, as one pass). */
    public Mode recommended() {
        return forwardTotalOps() < reverseTotalOps() ? Mode.FORWARD : Mode.REVERSE;
    }

    /** Why {@link #recommended()} chose what it did, in one sentence. */
    public String reason() {
        int n = coordinateCount();
        String shape = String.format(Locale.ROOT, "loss: R^%d -> R, so forward needs %d pass%s and reverse 1", n, n,
                n == 1 ? "" : "es");
        String ops = String.format(Locale.ROOT, "%s evaluates %d operations for the gradient against %d",
                name(recommended()), Math.min(forwardTotalOps(), reverseTotalOps()),
                Math.max(forwardTotalOps(), reverseTotalOps()));
        return shape + "; " + ops;
    }

    /** The report {@code fluxion compare} prints for a model. Deterministic apart from the measured times. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("model:     ").append(model).append('\n');
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < parameters.size(); i++) {
            params.append(i == 0 ? "" : ", ").append(parameters.get(i)).append(" (").append(sizes[i]).append(')');
        }
        sb.append(String.format(Locale.ROOT, "shape:     loss: R^%d -> R  (parameters %s)%n", coordinateCount(), params));
        sb.append(String.format(Locale.ROOT, "at:        seed %d, batch %d: parameters from their initializers, "
                + "features uniform in [-1, 1), labels uniform; loss %s%n", seed, batch, Numbers.format(loss, 10)));
        double diff = maxRelativeDifference();
        sb.append("agreement: largest relative difference between the gradients ").append(Numbers.format(diff, 3))
                .append(diff <= 1e-9 ? " (agree)" : " (DISAGREE)");
        if (sampled()) {
            sb.append(String.format(Locale.ROOT, ", over the %d sampled coordinates", coordinates.length));
        }
        sb.append("\n\n");
        String row = "%-8s %7s %12s %10s %12s%n";
        sb.append(String.format(Locale.ROOT, row, "mode", "passes", "graph ops", "total ops", "time"));
        sb.append(String.format(Locale.ROOT, row, "forward", coordinateCount(), forwardNodes, forwardTotalOps(),
                Numbers.duration(forwardNanos)));
        sb.append(String.format(Locale.ROOT, row, "reverse", 1, reverseNodes, reverseTotalOps(),
                Numbers.duration(reverseNanos)));
        sb.append('\n');
        sb.append("ops:     tensor operations in the graph of one pass (forward: the JVP of the loss; reverse: loss and "
                + "gradient); total = ops x passes\n");
        sb.append("time:    the whole gradient. forward: one JVP per coordinate through the reference interpreter");
        sb.append(sampled() ? String.format(Locale.ROOT, " (a sample of %d passes, scaled up to %d)", coordinates.length,
                coordinateCount()) : "");
        sb.append("; reverse: the generated lossAndGradient (fastest of several timed batches)\n\n");
        sb.append("recommended: ").append(name(recommended())).append(" (").append(reason()).append(")\n");
        return sb.toString();
    }

    /** The report as one JSON object, keys in a fixed order. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"model\": ").append(Json.string(model));
        sb.append(", \"parameters\": ").append(Json.strings(parameters));
        sb.append(", \"coordinates\": ").append(coordinateCount());
        sb.append(", \"batch\": ").append(batch);
        sb.append(", \"seed\": ").append(seed);
        sb.append(", \"loss\": ").append(Json.number(loss));
        sb.append(", \"maxRelativeDifference\": ").append(Json.number(maxRelativeDifference()));
        sb.append(", \"sampledPasses\": ").append(sampled() ? coordinates.length : 0);
        sb.append(", \"forward\": {\"passes\": ").append(coordinateCount()).append(", \"graphOps\": ").append(forwardNodes)
                .append(", \"totalOps\": ").append(forwardTotalOps()).append(", \"nanos\": ")
                .append(Json.number(forwardNanos)).append('}');
        sb.append(", \"reverse\": {\"passes\": 1, \"graphOps\": ").append(reverseNodes).append(", \"totalOps\": ")
                .append(reverseTotalOps()).append(", \"nanos\": ").append(Json.number(reverseNanos)).append('}');
        sb.append(", \"recommended\": ").append(Json.string(name(recommended())));
        sb.append(", \"reason\": ").append(Json.string(reason()));
        return sb.append("}").toString();
    }

    private static String name(Mode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    private static double[] flatten(double[][] parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] flat = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, flat, at, p.length);
            at += p.length;
        }
        return flat;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** {@code k} coordinates spread evenly over {@code 0..n-1}, the first and the last included. */
    static int[] spread(int n, int k) {
        int[] r = new int[k];
        for (int i = 0; i < k; i++) {
            r[i] = (int) ((long) i * (n - 1) / (k - 1));
        }
        return r;
    }

    /** Forward passes at one point: the JVP of the loss in the direction of one coordinate at a time. */
    private static final class ForwardPasses {
        private final Graph jvp;
        private final int batch;
        private final List<Tensor> inputs = new ArrayList<>();
        private final List<Tensor> params = new ArrayList<>();
        private final List<Tensor> zeros = new ArrayList<>();
        private final List<dev.fluxion.compiler.ir.Shape> shapes = new ArrayList<>();
        private final int[] offsets;

        ForwardPasses(Graph jvp, ModelProgram program, double[][] live, double[][] in, int batch) {
            this.jvp = jvp;
            this.batch = batch;
            for (int k = 0; k < in.length; k++) {
                inputs.add(new Tensor(program.inputs().get(k).shape().bind(batch), in[k]));
            }
            offsets = new int[live.length + 1];
            for (int k = 0; k < live.length; k++) {
                dev.fluxion.compiler.ir.Shape s = program.params().get(k).shape();
                shapes.add(s);
                params.add(new Tensor(s, live[k]));
                zeros.add(new Tensor(s, new double[live[k].length]));
                offsets[k + 1] = offsets[k] + live[k].length;
            }
        }

        /** The directional derivative of the loss along flat coordinate {@code c}. */
        double run(int c) {
            int k = 0;
            while (offsets[k + 1] <= c) {
                k++;
            }
            double[] unit = new double[offsets[k + 1] - offsets[k]];
            unit[c - offsets[k]] = 1;
            List<Tensor> direction = new ArrayList<>(zeros);
            direction.set(k, new Tensor(shapes.get(k), unit));
            return TensorInterpreter.evaluate(jvp, "d" + ModelProgram.LOSS, List.of(inputs, params, direction), batch)
                    .get(0).get(0);
        }
    }
}

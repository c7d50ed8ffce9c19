package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.tests.support.FiniteDifferences;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The oracle for scalar programs. A case either fails to compile with a
 * {@link CompileException} whose every position lies inside the text (and a well-formed
 * program must not), or compiles to a function for which, at up to {@link #POINTS} random
 * points:
 * <ul>
 *   <li>the value equals the tree's {@link Reference} value where every subexpression is finite;</li>
 *   <li>forward and reverse mode agree: the gradient both ways, the Jacobian both ways,
 *       J·v by a JVP against J·v, uᵀJ by a VJP against uᵀ·J, H·v against H times v; a
 *       non-finite answer in one mode where the other is finite is a failure, both
 *       non-finite is counted ({@link Stats#bothNonFinite});</li>
 *   <li>an input the program does not read has a derivative of exactly 0 in every mode;</li>
 *   <li>the Hessian is symmetric;</li>
 *   <li>where an output is NaN, finite derivatives of the two modes still agree, but one being
 *       non-finite is only counted;</li>
 *   <li>at a point where central differences are reliable ({@link FiniteDifferences#reliable}:
 *       the value is finite, two step sizes agree, the one-sided slopes agree, so no kink or
 *       pole lies within a step), the Jacobian equals the central differences of the value,
 *       and the Hessian those of the gradient in both modes. Points are drawn until one is
 *       reliable; a program without one is counted by reason ({@link Stats}), never dropped silently;</li>
 *   <li>{@code derivative(output, input)} is one expression whose value is that entry of the Jacobian;</li>
 *   <li>no call takes longer than {@link #SLOW_SECONDS}.</li>
 * </ul>
 * Any other exception is a failure.
 */
final class ScalarOracle {

    static final int POINTS = 6;
    static final double SLOW_SECONDS = 10;
    /** Forward and reverse mode sum in different orders: equal up to rounding. */
    static final double MODES = 1e-8;
    static final double FD = 1e-5;
    static final double REFERENCE = 1e-9;
    /** Above these many inputs the Hessian (m² entries, m gradient passes) and finite differences of it are not formed. */
    private static final int HESSIAN_MAX_INPUTS = 60;
    private static final int FD_MAX_INPUTS = 400;

    private final Fluxion fluxion;
    private final Stats stats;
    /**
     * Whether an output is NaN at the current point: there nothing is defined, and one mode's
     * derivative being finite where the other's is not is counted ({@link Stats#nanValueModes}),
     * not failed; finite derivatives must still agree.
     */
    private boolean valueNaN;

    ScalarOracle(Fluxion fluxion, Stats stats) {
        this.fluxion = fluxion;
        this.stats = stats;
    }

    /** Thrown inside the oracle to stop at the first failure. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Finding finding;

        Failed(Finding finding) {
            super(finding.toString(), null, false, false);
            this.finding = finding;
        }
    }

    /** The first failure of the oracle on {@code c}, or null if it passes. {@code seed} picks the points. */
    Finding check(FuzzCase c, long seed) {
        try {
            run(c, new Random(seed));
            return null;
        } catch (Failed f) {
            return f.finding;
        } catch (StackOverflowError | OutOfMemoryError e) {
            return new Finding(e.getClass().getSimpleName() + " " + origin(e), String.valueOf(e.getMessage()));
        } catch (RuntimeException | AssertionError e) {
            return new Finding("unexpected " + e.getClass().getSimpleName() + " " + origin(e), String.valueOf(e.getMessage()));
        }
    }

    /** The first frame of the compiler or runtime in a stack trace: where an unexpected exception came from. */
    static String origin(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("dev.fluxion.") && !f.getClassName().startsWith("dev.fluxion.tests.")) {
                String cls = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
                return "in " + cls + "." + f.getMethodName();
            }
        }
        return "outside the compiler";
    }

    private static void fail(String kind, String detail) {
        throw new Failed(new Finding(kind, detail));
    }

    /**
     * Runs one call of the API, timed in CPU time of this thread (the machine may be shared;
     * the compiler and the generated code run on the calling thread): slower than
     * {@link #SLOW_SECONDS} is a failure.
     */
    private <T> T timed(String what, Supplier<T> call) {
        long start = cpuNanos();
        T result = call.get();
        long nanos = cpuNanos() - start;
        stats.cpuNanos.merge(what, nanos, Long::sum);
        if (nanos > SLOW_SECONDS * 1e9) {
            fail("slow: " + what, String.format("%s took %.1f s of CPU (limit %.0f s)", what, nanos / 1e9, SLOW_SECONDS));
        }
        return result;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the calling thread. */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private void run(FuzzCase c, Random r) {
        String text = c.text();
        Options options = Options.defaults();
        if (r.nextInt(10) > 0) {
            options = options.withCapabilities(EnumSet.allOf(Capability.class));
        }
        if (c.variables() != null) {
            options = options.withVariables(c.variables());
        }
        CompiledFunction unbound;
        try {
            Options o = options;
            unbound = timed("compile", () -> fluxion.compile(text, o));
        } catch (CompileException e) {
            checkPositions(text, e);
            if (c.mustCompile()) {
                fail("well-formed program rejected", e.getMessage());
            }
            stats.rejected++;
            return;
        }
        if (c.mustReject()) {
            fail("ill-typed program compiled", "a condition used as a number, or a number as a condition, was accepted");
        }
        stats.compiled++;
        if (unbound.compilation().tapeReport() != null) {
            stats.scans++;
        }
        double[] data = new double[0];
        double[][] arrays = null;
        if (!unbound.dataNames().isEmpty()) {
            int[] sizes = unbound.generated().dataSizes();
            arrays = new double[sizes.length][];
            int total = 0;
            java.util.Map<String, Integer> indices = c.program() == null ? java.util.Map.of() : c.program().indexData();
            for (int k = 0; k < sizes.length; k++) {
                Integer bound = indices.get(unbound.dataNames().get(k));
                arrays[k] = bound == null ? point(r, sizes[k], 0) : indices(r, sizes[k], bound);
                total += sizes[k];
            }
            data = new double[total];
            for (int k = 0, at = 0; k < sizes.length; at += sizes[k], k++) {
                System.arraycopy(arrays[k], 0, data, at, sizes[k]);
            }
        }
        CompiledFunction f = arrays == null ? unbound : unbound.withData(arrays);
        int m = f.inputCount();
        int n = f.outputCount();
        int[] unused = unusedInputs(c, f);
        boolean fdDone = false;
        String reason = "value not finite at any point";
        for (int k = 0; k < POINTS && !fdDone; k++) {
            double[] x = point(r, m, k);
            String at = " at " + Arrays.toString(x);
            double[] y = timed("values", () -> f.values(x));
            boolean finite = allFinite(y);
            valueNaN = anyNaN(y);
            if (finite && c.program() != null) {
                double[] ref = Reference.values(c.program(), concat(x, data));
                if (ref != null) {
                    stats.referenceChecked++;
                    for (int i = 0; i < n; i++) {
                        if (!close(y[i], ref[i], REFERENCE)) {
                            fail("value differs from the op-by-op reference", "output " + i + at + ": compiled " + y[i]
                                    + ", reference " + ref[i]);
                        }
                    }
                }
            }
            double[][] jr = timed("jacobian (reverse)", () -> f.jacobian(Mode.REVERSE, x));
            double[][] jf = timed("jacobian (forward)", () -> f.jacobian(Mode.FORWARD, x));
            compareModes("Jacobian", jr, jf, "reverse", "forward", at);
            for (int i : unused) {
                for (int o = 0; o < n; o++) {
                    if (jr[o][i] != 0 || jf[o][i] != 0) {
                        fail("derivative of an unread input is not exactly 0", "d output " + o + " / d input " + i + at
                                + ": reverse " + jr[o][i] + ", forward " + jf[o][i]);
                    }
                }
            }
            double[] v = direction(r, m);
            double[] jv = timed("jvp", () -> f.jvp(x, v));
            compareProduct("J·v", jr, v, jv, "JVP", at);
            double[] u = direction(r, n);
            double[] uj = timed("vjp", () -> f.vjp(x, u));
            compareProduct("uᵀ·J", transpose(jf), u, uj, "VJP", at);
            double[][] h = null;
            if (n == 1) {
                double[] gr = timed("gradient (reverse)", () -> f.gradient(Mode.REVERSE, x));
                double[] gf = timed("gradient (forward)", () -> f.gradient(Mode.FORWARD, x));
                compareModes("gradient", new double[][] {gr}, new double[][] {gf}, "reverse", "forward", at);
                compareModes("gradient", jr, new double[][] {gr}, "reverse Jacobian", "reverse gradient", at);
                if (m <= HESSIAN_MAX_INPUTS) {
                    h = timed("hessian", () -> f.hessian(x));
                    double[] hv = timed("hessianVector", () -> f.hessianVector(x, v));
                    compareProduct("H·v", h, v, hv, "Hessian-vector product", at);
                    if (!valueNaN) {                 // a NaN value's second derivatives mean nothing
                        checkSymmetric(h, at);
                    }
                    for (int i : unused) {
                        for (int j = 0; j < m; j++) {
                            if (h[i][j] != 0 || h[j][i] != 0) {
                                fail("second derivative of an unread input is not exactly 0", "H[" + i + "][" + j + "]" + at
                                        + ": " + h[i][j] + ", H[" + j + "][" + i + "]: " + h[j][i]);
                            }
                        }
                    }
                }
            }
            if (!finite) {
                continue;
            }
            if (m > FD_MAX_INPUTS) {
                reason = "too many inputs for finite differences";
                break;
            }
            if (c.program() != null && Reference.stepJumpsNear(c.program(), x, data)) {
                reason = "floor or ceil jumps within a finite-difference step";
                continue;
            }
            if (!FiniteDifferences.reliable(f::values, x)) {
                reason = "no point without a kink or pole within a finite-difference step";
                continue;
            }
            double[][] fd = FiniteDifferences.jacobian(f::values, x);
            compareFd("Jacobian", fd, jr, "reverse", at, y, x);
            compareFd("Jacobian", fd, jf, "forward", at, y, x);
            if (h != null) {
                if (FiniteDifferences.reliable(p -> f.gradient(Mode.REVERSE, p), x)) {
                    double[][] hr = FiniteDifferences.jacobian(p -> f.gradient(Mode.REVERSE, p), x);
                    double[][] hf = FiniteDifferences.jacobian(p -> f.gradient(Mode.FORWARD, p), x);
                    double[] g = f.gradient(Mode.REVERSE, x);
                    compareFd("Hessian", hr, h, "forward over reverse vs differences of the reverse gradient", at, g, x);
                    compareFd("Hessian", hf, h, "forward over reverse vs differences of the forward gradient", at, g, x);
                    stats.hessianChecked++;
                } else {
                    stats.hessianNotReliable++;
                }
            }
            checkDerivativeText(c, f, x, jr, r, at);
            fdDone = true;
        }
        if (fdDone) {
            stats.fdChecked++;
            stats.coverOps(c);
        } else {
            stats.notChecked.merge(c.family() + ": " + reason, 1, Integer::sum);
        }
    }

    /** Every diagnostic points inside the text, and the message a person reads can be formatted. */
    static void checkPositions(String text, CompileException e) {
        String[] lines = text.split("\n", -1);
        for (Diagnostic d : e.diagnostics()) {
            boolean inside = d.line() <= lines.length && d.column() <= lines[d.line() - 1].length() + 1;
            if (!inside) {
                fail("CompileException position outside the text", d.line() + ":" + d.column() + " (" + lines.length
                        + " lines) for: " + d.message());
            }
        }
        e.format();
    }

    /** One of the partials {@code derivative(output, input)} prints, compiled back: a single expression with that value. */
    private void checkDerivativeText(FuzzCase c, CompiledFunction f, double[] x, double[][] jacobian, Random r, String at) {
        if (r.nextInt(4) != 0 || f.inputCount() == 0 || f.inputCount() > 20 || !f.dataNames().isEmpty()) {
            return;  // (a function with data: its derivative's text reads the data, which this check does not bind)
        }
        int o = r.nextInt(f.outputCount());
        int i = r.nextInt(f.inputCount());
        String printed = timed("derivative", () -> f.derivative(f.outputs().get(o), f.inputs().get(i)));
        boolean arrays = c.program() != null && c.program().hasArrays();
        // an expression over array elements (v[0]) reads them from the program's own array parameters
        String d = arrays && !printed.contains("\n")
                ? "fn d(" + String.join(", ", c.program().params()) + ") {\n  return " + printed + "\n}\n" : printed;
        Options asInputs = arrays || printed.contains("\n") ? Options.defaults() : Options.defaults().withVariables(f.inputs());
        CompiledFunction df;
        try {
            df = timed("compile of a derivative's text", () -> fluxion.compile(d, asInputs));
        } catch (CompileException e) {
            fail("derivative text does not compile", e.getMessage() + " for: " + d);
            return;
        }
        if (df.outputCount() != 1) {
            fail("derivative text is not one expression", df.outputCount() + " outputs in: " + d);
        }
        double got = df.value(x);
        if (Double.isFinite(jacobian[o][i]) && !Double.isFinite(got)) {
            fail("derivative text non-finite where the Jacobian is finite", "d " + f.outputs().get(o) + "/d "
                    + f.inputs().get(i) + at + ": text gives " + got + ", Jacobian " + jacobian[o][i] + ", text: " + d);
        }
        if (Double.isFinite(jacobian[o][i]) && !close(got, jacobian[o][i], 1e-8)) {
            fail("derivative text differs from the Jacobian", "d " + f.outputs().get(o) + "/d " + f.inputs().get(i) + at
                    + ": text gives " + got + ", Jacobian " + jacobian[o][i] + ", text: " + d);
        }
        stats.derivativeTextChecked++;
    }

    private void compareModes(String what, double[][] a, double[][] b, String aName, String bName, String at) {
        for (int i = 0; i < a.length; i++) {
            compareModes(what + " row " + i, a[i], b[i], aName, bName, at);
        }
    }

    private void compareModes(String what, double[] a, double[] b, String aName, String bName, String at) {
        if (a.length != b.length) {
            fail(what + ": lengths differ", aName + " " + a.length + ", " + bName + " " + b.length);
        }
        for (int i = 0; i < a.length; i++) {
            boolean fa = Double.isFinite(a[i]);
            boolean fb = Double.isFinite(b[i]);
            if (fa && fb) {
                if (!close(a[i], b[i], MODES)) {
                    fail(what + ": " + aName + " and " + bName + " differ", "[" + i + "]" + at + ": " + a[i] + " vs " + b[i]);
                }
            } else if (fa != fb && valueNaN) {
                stats.nanValueModes++;
            } else if (fa != fb) {
                String nonFinite = fa ? bName : aName;
                fail(what + ": " + nonFinite + " non-finite where " + (fa ? aName : bName) + " is finite",
                        "[" + i + "]" + at + ": " + aName + " " + a[i] + ", " + bName + " " + b[i]);
            } else {
                stats.bothNonFinite++;
            }
        }
    }

    /**
     * The derivatives against central differences, entry by entry, except where rounding
     * alone makes the difference unreliable: an output as large as 1e300 absorbs the step
     * ({@code 1e300 - x} differences to 0), so an entry whose rounding error ulp(f)/h exceeds a
     * tenth of the tolerance is counted ({@link Stats#fdRounding}), not compared.
     */
    private void compareFd(String what, double[][] fd, double[][] got, String mode, String at, double[] values, double[] x) {
        for (int i = 0; i < fd.length; i++) {
            for (int j = 0; j < fd[i].length; j++) {
                double rounding = 4 * Math.ulp(values[i]) / FiniteDifferences.step(x[j]);
                if (rounding > 0.1 * FD * Math.max(1, Math.abs(fd[i][j]))) {
                    stats.fdRounding++;
                    continue;
                }
                if (!Double.isFinite(got[i][j])) {
                    fail(what + " (" + mode + ") non-finite where central differences are finite",
                            "[" + i + "][" + j + "]" + at + ": " + got[i][j] + ", central differences " + fd[i][j]);
                }
                if (!close(got[i][j], fd[i][j], FD)) {
                    fail(what + " (" + mode + ") differs from central differences",
                            "[" + i + "][" + j + "]" + at + ": " + got[i][j] + ", central differences " + fd[i][j]);
                }
            }
        }
    }

    private static void checkSymmetric(double[][] h, String at) {
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < i; j++) {
                boolean fa = Double.isFinite(h[i][j]);
                boolean fb = Double.isFinite(h[j][i]);
                if (fa != fb || fa && !close(h[i][j], h[j][i], MODES)) {
                    fail("Hessian not symmetric", "H[" + i + "][" + j + "] = " + h[i][j] + ", H[" + j + "][" + i + "] = "
                            + h[j][i] + at);
                }
            }
        }
    }

    /** |a − b| ≤ tol · max(1, |a|, |b|). */
    static boolean close(double a, double b, double tol) {
        return Math.abs(a - b) <= tol * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** The inputs, then the data: what the reference reads, in its order. */
    private static double[] concat(double[] x, double[] data) {
        double[] all = java.util.Arrays.copyOf(x, x.length + data.length);
        System.arraycopy(data, 0, all, x.length, data.length);
        return all;
    }

    private static int[] unusedInputs(FuzzCase c, CompiledFunction f) {
        if (c.program() == null || c.program().hasArrays()) {
            return new int[0];
        }
        Set<String> used = c.program().usedInputs();
        List<String> inputs = f.inputs();
        return java.util.stream.IntStream.range(0, inputs.size()).filter(i -> !used.contains(inputs.get(i))).toArray();
    }

    /**
     * Inputs in about [-2, 2], the later tries wider, shifted off round numbers (which sit on
     * kinks); the second try puts one input exactly on a constant conditions compare with
     * ({@link ScalarGenerator#BOUNDARIES}), where both modes must still pick the same side.
     */
    private static double[] point(Random r, int m, int attempt) {
        double width = attempt < 3 ? 2 : 4;
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = (2 * r.nextDouble() - 1) * width + 0.0123456789 * (i + 1);
        }
        if (attempt == 1 && m > 0) {
            x[r.nextInt(m)] = Double.parseDouble(ScalarGenerator.BOUNDARIES[r.nextInt(ScalarGenerator.BOUNDARIES.length)]);
        }
        return x;
    }

    /** {@code m} whole numbers in {@code 0 .. bound - 1}, the last one the largest (the edge): data a gather indexes by. */
    private static double[] indices(Random r, int m, int bound) {
        double[] idx = new double[m];
        for (int i = 0; i < m; i++) {
            idx[i] = r.nextInt(bound);
        }
        idx[m - 1] = bound - 1;
        return idx;
    }

    private static double[] direction(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    private static boolean anyNaN(double[] y) {
        for (double v : y) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allFinite(double[] y) {
        for (double v : y) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A product by one mode against the matrix of the other mode times the vector, where
     * that matrix is finite; rounding is relative to the sum of the magnitudes of the terms.
     */
    private void compareProduct(String what, double[][] a, double[] v, double[] got, String gotName, String at) {
        for (int i = 0; i < a.length; i++) {
            double want = 0;
            double scale = 1;
            boolean finite = true;
            for (int j = 0; j < v.length; j++) {
                want += a[i][j] * v[j];
                scale += Math.abs(a[i][j] * v[j]);
                finite &= Double.isFinite(a[i][j]);
            }
            if (!finite) {
                stats.bothNonFinite++;
                continue;
            }
            if (!Double.isFinite(got[i]) && valueNaN) {
                stats.nanValueModes++;
                continue;
            }
            if (!Double.isFinite(got[i])) {
                fail(what + ": " + gotName + " non-finite where the matrix is finite", "[" + i + "]" + at + ": " + got[i]
                        + ", matrix times vector " + want);
            }
            if (Math.abs(got[i] - want) > MODES * scale) {
                fail(what + ": " + gotName + " differs from the matrix times the vector", "[" + i + "]" + at + ": " + got[i]
                        + " vs " + want);
            }
        }
    }

    private static double[][] transpose(double[][] a) {
        int cols = a.length == 0 ? 0 : a[0].length;
        double[][] t = new double[cols][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}

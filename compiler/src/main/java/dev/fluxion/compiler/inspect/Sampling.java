package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.ir.Interpreter;
import dev.fluxion.compiler.ir.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Points to check a gradient at when the user gives none: each coordinate uniform in
 * [{@link #LOW}, {@link #HIGH}], from a fixed seed so that a run can be repeated, keeping
 * only points where every output is finite. {@code fluxion check}, {@code fluxion gen --with-test}
 * and the Maven plugin's generated tests draw their points here. The interval is positive and away from 0, where
 * ln, sqrt and 1/x are defined and relu, abs and max have no kink.
 */
public final class Sampling {

    public static final double LOW = 0.5;
    public static final double HIGH = 2.0;

    private Sampling() {
    }

    /** Up to {@code count} points where {@code p} is finite (tries at most 20 times as many). */
    public static List<double[]> points(Program p, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> points = new ArrayList<>();
        for (int tries = 0; points.size() < count && tries < 20 * count; tries++) {
            double[] x = new double[p.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = LOW + (HIGH - LOW) * r.nextDouble();
            }
            if (finite(p, x)) {
                points.add(x);
            }
        }
        return points;
    }

    /**
     * Up to {@code count} points where the compiled function {@code f} is finite: the same draws
     * as {@link #points(Program, int, long)}, judged by the reference interpreter on the scalar
     * program, or, for a function of the tensor back end (which has no scalar program), by
     * {@code f} itself.
     */
    public static List<double[]> points(dev.fluxion.compiler.CompiledFunction f, int count, long seed) {
        if (f.compilation().tensor() == null) {
            return points(f.compilation().primal(), count, seed);
        }
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> points = new ArrayList<>();
        for (int tries = 0; points.size() < count && tries < 20 * count; tries++) {
            double[] x = new double[f.inputCount()];
            for (int i = 0; i < x.length; i++) {
                x[i] = LOW + (HIGH - LOW) * r.nextDouble();
            }
            if (java.util.Arrays.stream(f.values(x)).allMatch(Double::isFinite)) {
                points.add(x);
            }
        }
        return points;
    }

    /** Whether every output of {@code p} is finite at {@code x} (by the reference interpreter). */
    public static boolean finite(Program p, double[] x) {
        for (double y : Interpreter.evaluate(p.graph(), Program.OUTPUTS, List.of(x))) {
            if (!Double.isFinite(y)) {
                return false;
            }
        }
        return true;
    }

}

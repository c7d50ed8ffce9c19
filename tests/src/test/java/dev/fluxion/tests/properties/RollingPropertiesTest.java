package dev.fluxion.tests.properties;

import static dev.fluxion.tests.support.Tolerance.assertClose;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sums for the loop re-roller: a random term over x, y, z, repeated 14 to 30 times
 * with x, y and z read at random affine positions (steps -1 to 2, some fixed), in a
 * shuffled order, with random signs, half the time each times a weight of its own, plus
 * a random rest. Whether or not the sum becomes a
 * loop, the class with loops gives the value and the derivatives of the class without (first
 * and second order, both modes), up to the order of additions.
 */
class RollingPropertiesTest {

    private static final Fluxion FLUXION = Fluxion.create();
    private static final double REASSOCIATION = 1e-9;

    @Provide
    Arbitrary<String> terms() {
        return Programs.expr(3);
    }

    @Property(tries = 40)
    void loopsGiveTheStraightLineValueAndGradient(@ForAll("terms") String term, @ForAll("terms") String rest,
                                                  @ForAll @IntRange(min = 14, max = 30) int count,
                                                  @ForAll long seed) {
        Random random = new Random(seed);
        String program = program(term, rest, count, random);
        CompiledFunction loops = FLUXION.compile(program, Options.defaults());
        CompiledFunction straight = FLUXION.compile(program, Options.defaults().withLoops(false));
        Statistics.collect(loops.compilation().rolling() != null ? "rolled" : "straight-line");
        double[] x = point(loops.inputCount(), random);
        double y = straight.value(x);
        Assume.that(Double.isFinite(y) && Math.abs(y) < 1e6);
        String at = program + " at " + Arrays.toString(x);
        assertClose(y, loops.value(x), REASSOCIATION, "value of " + at);
        assertClose(straight.gradient(x), loops.gradient(x), REASSOCIATION, "gradient of " + at);
    }

    /**
     * The forward-mode and second-order methods loop over the same sums (the rolling's
     * tangents): JVP, several JVPs, the forward gradient, the Hessian-vector product and the
     * Hessian agree with the straight-line class's.
     */
    @Property(tries = 15)
    void loopsGiveTheStraightLineTangentsAndHessian(@ForAll("terms") String term, @ForAll("terms") String rest,
                                                    @ForAll @IntRange(min = 14, max = 24) int count,
                                                    @ForAll long seed) {
        Random random = new Random(seed);
        String program = program(term, rest, count, random);
        Options all = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));
        CompiledFunction loops = FLUXION.compile(program, all);
        CompiledFunction straight = FLUXION.compile(program, all.withLoops(false));
        Statistics.collect(loops.compilation().rolling() != null ? "rolled" : "straight-line");
        int n = loops.inputCount();
        double[] x = point(n, random);
        double[] v = point(n, random);
        double y = straight.value(x);
        Assume.that(Double.isFinite(y) && Math.abs(y) < 1e6);
        String at = program + " at " + Arrays.toString(x);
        assertClose(straight.jvp(x, v), loops.jvp(x, v), REASSOCIATION, "jvp of " + at);
        double[][] directions = {v, x};
        assertClose(straight.jvp(x, directions), loops.jvp(x, directions), REASSOCIATION, "jvpMany of " + at);
        assertClose(straight.gradient(Mode.FORWARD, x), loops.gradient(Mode.FORWARD, x), REASSOCIATION,
                "forward gradient of " + at);
        assertClose(straight.hessianVector(x, v), loops.hessianVector(x, v), REASSOCIATION, "Hv of " + at);
        assertClose(straight.hessian(x), loops.hessian(x), REASSOCIATION, "Hessian of " + at);
    }

    /** The random sum: {@code count} terms of one form at random affine positions, plus a rest. */
    private static String program(String term, String rest, int count, Random random) {
        int[] step = new int[3];
        int[] base = new int[3];
        int inputs = 0;
        for (int v = 0; v < 3; v++) {
            step[v] = random.nextInt(4) - 1;                  // -1, 0, 1 or 2
            base[v] = inputs + (step[v] < 0 ? count - 1 : 0);
            inputs += step[v] == 0 ? 1 : Math.abs(step[v]) * (count - 1) + 1;
        }
        boolean subtract = random.nextBoolean();
        boolean weighted = random.nextBoolean();           // a constant of each term's own: a table column
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String t = term;
            for (int v = 0; v < 3; v++) {
                t = t.replaceAll("\\b" + Programs.VARS.get(v) + "\\b", "x" + (base[v] + step[v] * i));
            }
            parts.add(weighted ? "(" + t + ")*" + (1 + random.nextInt(90) / 10.0) : "(" + t + ")");
        }
        Collections.shuffle(parts, random);
        String restText = rest.replaceAll("\\bx\\b", "x0").replaceAll("\\by\\b", "x1").replaceAll("\\bz\\b", "x2");
        String body = String.join(subtract ? " - " : " + ", parts) + " + (" + restText + ")";
        return "fn f(" + IntStream.range(0, inputs).mapToObj(i -> "x" + i).collect(Collectors.joining(", "))
                + ") {\n  return " + body + "\n}\n";
    }

    private static double[] point(int n, Random random) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * 3 - 1.5 + 0.0123456789;
        }
        return x;
    }
}

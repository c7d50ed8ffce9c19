package dev.fluxion.bench;

import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH state: the class Fluxion generates for the Rosenbrock text with the default
 * capabilities (value and reverse-mode gradient), checked against the hand-written
 * gradient before any timing.
 *
 * <p>The setup also calls the value and the gradient {@value #WARM_UP_CALLS} times. The
 * generated class for large n is hundreds of small methods, each called once per
 * gradient, and HotSpot compiles a method with C2 only after about 5,000 calls
 * (Tier4InvocationThreshold); at n = 10000 one call takes milliseconds before C2, so JMH's
 * time-bounded warm-up alone would time mostly C1 code. For small n these calls take
 * microseconds and change nothing.
 */
@State(Scope.Thread)
public class RosenbrockGenerated {

    /** Calls of value and gradient before timing starts: above HotSpot's C2 threshold. */
    static final int WARM_UP_CALLS = 6000;

    DifferentiableFunction f;
    FiniteDifferences fd;

    /** How the text is compiled: the defaults (sums re-rolled into loops). */
    Options options() {
        return Options.defaults();
    }

    @Setup(Level.Trial)
    public void compile(RosenbrockPoint p) {
        DifferentiableFunction g = ClassStore.load(Rosenbrock.expression(p.n), options());
        GradientCheck.matches("Rosenbrock n=" + p.n + " reverse", Rosenbrock.gradientAt(p.x), out -> g.gradient(p.x, out));
        f = g;
        fd = new FiniteDifferences(g);
        double[] grad = new double[p.n];
        double[] y = new double[1];
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            g.gradient(p.x, grad);
            g.value(p.x, y);
        }
    }
}

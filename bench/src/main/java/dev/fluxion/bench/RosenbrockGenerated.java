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
 */
@State(Scope.Thread)
public class RosenbrockGenerated {

    DifferentiableFunction f;
    FiniteDifferences fd;

    @Setup(Level.Trial)
    public void compile(RosenbrockPoint p) {
        DifferentiableFunction g = ClassStore.load(Rosenbrock.expression(p.n), Options.defaults());
        GradientCheck.matches("Rosenbrock n=" + p.n + " reverse", Rosenbrock.gradientAt(p.x), out -> g.gradient(p.x, out));
        f = g;
        fd = new FiniteDifferences(g);
    }
}

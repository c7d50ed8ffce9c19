package dev.fluxion.bench;

import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH state: the class Fluxion generates for the Rosenbrock text with the forward-mode
 * Jacobian too, checked against the hand-written gradient before any timing. A separate
 * state so that the other benchmarks never pay for compiling the forward-mode code.
 */
@State(Scope.Thread)
public class RosenbrockGeneratedForward {

    DifferentiableFunction f;

    @Setup(Level.Trial)
    public void compile(RosenbrockPoint p) {
        Options o = Options.defaults().withCapability(Capability.JACOBIAN);
        DifferentiableFunction g = ClassStore.load(Rosenbrock.expression(p.n), o);
        GradientCheck.matches("Rosenbrock n=" + p.n + " forward", Rosenbrock.gradientAt(p.x),
                out -> g.jacobianForward(p.x, new double[1], out));
        f = g;
    }
}

package dev.fluxion.bench;

import dev.fluxion.compiler.Options;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * JMH state: the Rosenbrock class compiled with loops off ({@link Options#withLoops}), so
 * its value and gradient are straight-line code of one statement per operation, as before
 * sums were re-rolled; the benchmark shows what the loops change.
 */
@State(Scope.Thread)
public class RosenbrockStraightLine extends RosenbrockGenerated {

    @Override
    Options options() {
        return Options.defaults().withLoops(false);
    }
}

package dev.fluxion.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH state: the Rosenbrock size n, the point, and preallocated output arrays. */
@State(Scope.Thread)
public class RosenbrockPoint {

    @Param({"10", "100", "1000", "10000"})
    public int n;
    double[] x;
    double[] grad;
    final double[] y = new double[1];

    @Setup(Level.Trial)
    public void setUp() {
        x = Rosenbrock.point(n);
        grad = new double[n];
    }
}

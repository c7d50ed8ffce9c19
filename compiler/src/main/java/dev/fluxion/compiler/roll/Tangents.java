package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.diff.Forward;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.simplify.Simplifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward-mode form of a re-rolled function ({@link Rolling}), so that the tangent and
 * second-order methods loop over the same sums as value and gradient instead of running
 * straight-line code that grows with the number of terms.
 *
 * <p>A loop sum {@code s[r] = Σ term(x)} has the tangent {@code ds[r] = Σ dterm(x; xdot)}:
 * each loop's {@link Templates#tangent()} is the JVP of its value template, summed per
 * member like the value. The residual's JVP with respect to {@code x} and {@code s} together
 * then gives {@code dy} from {@code xdot} and {@code ds}.
 *
 * <p>The Hessian-vector product is the JVP of the re-rolled gradient, part by part: the
 * seeds' JVP gives the tangents {@code dsbar} of the sums' adjoints; each loop's
 * {@link Templates#hessian()} (the JVP of its gradient template with respect to the slots
 * and the seeds) adds {@code d(sbar · ∂term/∂x)} into {@code hv} while summing {@code t} and
 * {@code dt}; the rest's JVP adds the residual's own part. Every graph comes from the same
 * forward mode and simplification as every other derivative.
 *
 * @param residual inputs x, s, xdot, sdot; outputs y, dy
 * @param seeds    inputs x, s, v, sdot; outputs sbar, dsbar (null without second order)
 * @param rest     inputs x, s, v, sdot; outputs y, grad, dy, dgrad (null without second order)
 * @param loops    the templates of each loop of the rolling, in its order
 */
public record Tangents(Graph residual, Graph seeds, Graph rest, List<Templates> loops) {

    /** Port names: the tangents of the loop sums, of the seeds, and of a loop's terms. */
    public static final String SDOT = "sdot";
    public static final String DSEED = "dseed";
    public static final String DT = "dt";

    /**
     * The forward-mode templates of one loop. Their input ports are the template's own
     * (slots {@code x}, {@code seed}, {@code c}), then the slots' tangents (port 3), then in
     * the Hessian template the seeds' tangents (port 4).
     *
     * @param tangent inputs x, seed, c, xdot; outputs t, dt
     * @param hessian inputs x, seed, c, v, dseed; outputs t, dt, dgrad (null without second order)
     */
    public record Templates(Graph tangent, Graph hessian) {
    }

    public Tangents {
        loops = List.copyOf(loops);
    }

    /** Whether the second-order graphs (Hessian-vector product) were built. */
    public boolean secondOrder() {
        return rest != null;
    }

    /** The forward-mode graphs of {@code r}; the second-order ones only when {@code secondOrder}. */
    static Tangents of(Rolling r, RuleSet rules, boolean secondOrder) {
        Graph residual = jvp(r.residual(), new int[] {0, 1}, List.of(Derivatives.XDOT, SDOT), rules);
        Graph seeds = secondOrder ? jvp(r.seeds(), new int[] {0, 1}, List.of(Derivatives.V, SDOT), rules) : null;
        Graph rest = secondOrder ? jvp(r.rest(), new int[] {0, 1}, List.of(Derivatives.V, SDOT), rules) : null;
        List<Templates> loops = new ArrayList<>();
        for (Loop loop : r.loops()) {
            Graph tangent = jvp(loop.value(), new int[] {0}, List.of(Derivatives.XDOT), rules);
            Graph hessian = secondOrder
                    ? jvp(loop.gradient(), new int[] {0, 1}, List.of(Derivatives.V, DSEED), rules)
                            .keepOutputs(List.of(Loop.T, DT, Derivatives.DGRAD))
                    : null;
            loops.add(new Templates(tangent, hessian));
        }
        return new Tangents(residual, seeds, rest, loops);
    }

    private static Graph jvp(Graph g, int[] wrt, List<String> ports, RuleSet rules) {
        return Simplifier.simplify(Forward.jvp(g, rules.newBuilder(), wrt, ports), rules).graph();
    }
}

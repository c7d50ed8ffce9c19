package dev.fluxion.compiler.diff;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.simplify.Simplifier;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The derivative programs of a primal program, each a simplified graph ready for code
 * generation. Port names are fixed here and read by the code generator.
 *
 * <ul>
 *   <li>{@link #GRADIENT}: inputs x; outputs y, grad (reverse mode, seed 1; scalar functions)</li>
 *   <li>{@link #VJP}: inputs x, ybar; outputs y, xbar (reverse mode; functions with several outputs)</li>
 *   <li>{@link #JVP}: inputs x, xdot; outputs y, dy (forward mode)</li>
 *   <li>{@link #HVP}: inputs x, v; outputs y, grad, dy, dgrad (forward over reverse; scalar functions)</li>
 * </ul>
 */
public final class Derivatives {

    public static final String GRADIENT = "gradient";
    public static final String VJP = "vjp";
    public static final String JVP = "jvp";
    public static final String HVP = "hvp";

    /** Port names. */
    public static final String X = "x";
    public static final String Y = "y";
    public static final String GRAD = "grad";
    public static final String YBAR = "ybar";
    public static final String XBAR = "xbar";
    public static final String XDOT = "xdot";
    public static final String DY = "dy";
    public static final String V = "v";
    public static final String DGRAD = "dgrad";

    private final Graph value;
    private final Map<String, Graph> graphs;
    private final Map<String, List<Simplifier.PassStats>> stats;

    private Derivatives(Graph value, Map<String, Graph> graphs, Map<String, List<Simplifier.PassStats>> stats) {
        this.value = value;
        this.graphs = Collections.unmodifiableMap(graphs);
        this.stats = Collections.unmodifiableMap(stats);
    }

    /**
     * Builds what {@code capabilities} need from a primal program that is already
     * simplified and in lecture order.
     */
    public static Derivatives build(Program p, RuleSet rules, Set<Capability> capabilities) {
        Graph g = p.graph();
        Map<String, Graph> graphs = new java.util.LinkedHashMap<>();
        Map<String, List<Simplifier.PassStats>> stats = new java.util.LinkedHashMap<>();
        for (String name : needed(p.outputCount(), capabilities)) {
            put(graphs, stats, name, differentiate(g, rules, name, graphs.get(GRADIENT)), rules);
        }
        return new Derivatives(g, graphs, stats);
    }

    /**
     * No derivative graphs, only the primal: for a function whose derivative methods are
     * generated from its re-rolled form ({@link dev.fluxion.compiler.roll.Rolling}) instead.
     */
    public static Derivatives none(Program p) {
        return new Derivatives(p.graph(), new java.util.LinkedHashMap<>(), new java.util.LinkedHashMap<>());
    }

    /**
     * The derivative graphs {@code capabilities} need, in build order. A scalar function's
     * VJP is its gradient scaled by the seed: the class derives it from the gradient method
     * instead of carrying a second copy of the adjoint code; its reverse-mode Jacobian is its
     * gradient, which {@link #effective} adds to a class with a Jacobian (a class compiled on
     * first use for the forward Jacobian alone builds no adjoint graph).
     */
    private static List<String> needed(int outputs, Set<Capability> capabilities) {
        boolean scalar = outputs == 1;
        List<String> names = new ArrayList<>();
        if (scalar && (capabilities.contains(Capability.GRADIENT) || capabilities.contains(Capability.HESSIAN))) {
            names.add(GRADIENT);
        }
        if (!scalar && (capabilities.contains(Capability.GRADIENT) || capabilities.contains(Capability.JACOBIAN))) {
            names.add(VJP);
        }
        if (capabilities.contains(Capability.JVP) || capabilities.contains(Capability.JACOBIAN)) {
            names.add(JVP);
        }
        if (scalar && capabilities.contains(Capability.HESSIAN)) {
            names.add(HVP);
        }
        return names;
    }

    /**
     * The derivative graph {@code name} of {@code p} as differentiation leaves it, before
     * simplification: what {@code --dump-after=diff} shows. The Hessian-vector graph is
     * differentiated from the simplified gradient, as {@link #build} does.
     */
    public static Graph unsimplified(Program p, RuleSet rules, String name) {
        Graph gradient = name.equals(HVP)
                ? Simplifier.simplify(differentiate(p.graph(), rules, GRADIENT, null), rules).graph() : null;
        return differentiate(p.graph(), rules, name, gradient);
    }

    private static Graph differentiate(Graph g, RuleSet rules, String name, Graph simplifiedGradient) {
        return switch (name) {
            case GRADIENT -> Reverse.vjp(g, rules.newBuilder(), Y, 0, true, null, GRAD);
            case VJP -> Reverse.vjp(g, rules.newBuilder(), Y, 0, false, YBAR, XBAR);
            case JVP -> Forward.jvp(g, rules.newBuilder(), 0, XDOT);
            case HVP -> Forward.jvp(simplifiedGradient, rules.newBuilder(), 0, V);
            default -> throw new IllegalArgumentException("no derivative graph called '" + name + "'");
        };
    }

    private static void put(Map<String, Graph> graphs, Map<String, List<Simplifier.PassStats>> stats, String name,
                            Graph raw, RuleSet rules) {
        List<Simplifier.PassStats> s = new ArrayList<>();
        s.add(new Simplifier.PassStats("diff", raw.size(), raw.operationCount()));
        Simplifier.Result r = Simplifier.simplify(raw, rules);
        s.addAll(r.stats());
        graphs.put(name, r.graph());
        stats.put(name, s);
    }

    /** The primal graph. */
    public Graph value() {
        return value;
    }

    /** The derivative graph called {@code name}, or null if it was not built. */
    public Graph get(String name) {
        return graphs.get(name);
    }

    public Map<String, Graph> all() {
        return graphs;
    }

    /** Node counts per pass for each derivative graph. */
    public Map<String, List<Simplifier.PassStats>> stats() {
        return stats;
    }

    /**
     * The capabilities a class generated for {@code requested} has: VALUE always, HESSIAN
     * only for one output, and for one output JACOBIAN brings GRADIENT with it.
     */
    public static Set<Capability> effective(Set<Capability> requested, int outputs) {
        Set<Capability> s = java.util.EnumSet.copyOf(requested);
        s.add(Capability.VALUE);
        if (outputs != 1) {
            s.remove(Capability.HESSIAN);
        } else if (s.contains(Capability.JACOBIAN)) {
            s.add(Capability.GRADIENT); // a scalar function's reverse Jacobian is its gradient
        }
        return Collections.unmodifiableSet(s);
    }

}

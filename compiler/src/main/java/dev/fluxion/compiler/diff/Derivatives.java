package dev.fluxion.compiler.diff;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.simplify.RuleSet;
import dev.fluxion.compiler.simplify.Simplifier;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The derivative programs of a primal program, one per {@link DerivativeKind}, each kept as
 * differentiation left it (the {@code diff} stage, {@link #unsimplified}) and simplified, ready
 * for code generation (the {@code simplify} stage, {@link #get}). Port names are fixed here and
 * read by the code generator.
 */
public final class Derivatives {

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
    public static final String JAC = "jac";

    /**
     * The most outputs whose reverse-mode Jacobian is written out ({@link DerivativeKind#JACOBIAN}):
     * one sweep per output, each seeded by its output alone, so a sweep skips what only the other
     * outputs read. More outputs (or a written-out Jacobian over {@value #JACOBIAN_OPERATIONS}
     * operations) keep one VJP swept once per unit seed.
     */
    public static final int JACOBIAN_ROWS = 8;

    /** The most operations of a written-out reverse-mode Jacobian (as many as one shared copy of code may have). */
    public static final int JACOBIAN_OPERATIONS = 2_000;

    private final Graph value;
    private final Map<DerivativeKind, Graph> graphs;
    private final Map<DerivativeKind, Graph> raw;
    private final Map<DerivativeKind, List<Simplifier.PassStats>> stats;

    private Derivatives(Graph value, Map<DerivativeKind, Graph> graphs, Map<DerivativeKind, Graph> raw,
                        Map<DerivativeKind, List<Simplifier.PassStats>> stats) {
        this.value = value;
        this.graphs = Collections.unmodifiableMap(graphs);
        this.raw = Collections.unmodifiableMap(raw);
        this.stats = Collections.unmodifiableMap(stats);
    }

    /**
     * Builds what {@code capabilities} need from a primal program that is already
     * simplified and in lecture order.
     */
    public static Derivatives build(Program p, RuleSet rules, Set<Capability> capabilities) {
        Graph g = p.graph();
        Map<DerivativeKind, Graph> graphs = new EnumMap<>(DerivativeKind.class);
        Map<DerivativeKind, Graph> raw = new EnumMap<>(DerivativeKind.class);
        Map<DerivativeKind, List<Simplifier.PassStats>> stats = new EnumMap<>(DerivativeKind.class);
        for (DerivativeKind kind : needed(p.outputCount(), capabilities)) {
            Graph differentiated = differentiate(g, rules, kind, graphs.get(DerivativeKind.GRADIENT));
            List<Simplifier.PassStats> s = new ArrayList<>();
            s.add(new Simplifier.PassStats("diff", differentiated.size(), differentiated.operationCount()));
            Simplifier.Result r = Simplifier.simplify(differentiated, rules);
            s.addAll(r.stats());
            if (kind == DerivativeKind.JACOBIAN && r.graph().operationCount() > JACOBIAN_OPERATIONS) {
                continue;  // too long written out: jacobianReverse sweeps the VJP once per output
            }
            raw.put(kind, differentiated);
            graphs.put(kind, r.graph());
            stats.put(kind, s);
        }
        return new Derivatives(g, graphs, raw, stats);
    }

    /**
     * No derivative graphs, only the primal: for a function whose derivative methods are
     * generated from its re-rolled form ({@link dev.fluxion.compiler.roll.Rolling}) instead.
     */
    public static Derivatives none(Program p) {
        return new Derivatives(p.graph(), Map.of(), Map.of(), Map.of());
    }

    /**
     * The derivative graphs {@code capabilities} need, in build order. A scalar function's
     * VJP is its gradient scaled by the seed: the class derives it from the gradient method
     * instead of carrying a second copy of the adjoint code; its reverse-mode Jacobian is its
     * gradient, which {@link #effective} adds to a class with a Jacobian (a class compiled on
     * first use for the forward Jacobian alone builds no adjoint graph).
     */
    private static List<DerivativeKind> needed(int outputs, Set<Capability> capabilities) {
        boolean scalar = outputs == 1;
        List<DerivativeKind> kinds = new ArrayList<>();
        if (scalar && (capabilities.contains(Capability.GRADIENT) || capabilities.contains(Capability.HESSIAN))) {
            kinds.add(DerivativeKind.GRADIENT);
        }
        if (!scalar && (capabilities.contains(Capability.GRADIENT) || capabilities.contains(Capability.JACOBIAN))) {
            kinds.add(DerivativeKind.VJP);
        }
        if (capabilities.contains(Capability.JVP) || capabilities.contains(Capability.JACOBIAN)) {
            kinds.add(DerivativeKind.JVP);
        }
        if (scalar && capabilities.contains(Capability.HESSIAN)) {
            kinds.add(DerivativeKind.HVP);
        }
        if (!scalar && outputs <= JACOBIAN_ROWS && capabilities.contains(Capability.JACOBIAN)) {
            kinds.add(DerivativeKind.JACOBIAN);
        }
        return kinds;
    }

    private static Graph differentiate(Graph g, RuleSet rules, DerivativeKind kind, Graph simplifiedGradient) {
        return switch (kind) {
            case GRADIENT -> Reverse.vjp(g, rules.newBuilder(), Y, 0, true, null, GRAD);
            case VJP -> Reverse.vjp(g, rules.newBuilder(), Y, 0, false, YBAR, XBAR);
            case JVP -> Forward.jvp(g, rules.newBuilder(), 0, XDOT);
            case HVP -> Forward.jvp(simplifiedGradient, rules.newBuilder(), 0, V);
            case JACOBIAN -> Reverse.jacobian(g, rules.newBuilder(), Y, 0, JAC);
        };
    }

    /** The primal graph. */
    public Graph value() {
        return value;
    }

    /** The simplified derivative graph of {@code kind}, or null if it was not built. */
    public Graph get(DerivativeKind kind) {
        return graphs.get(kind);
    }

    /**
     * The derivative graph of {@code kind} as differentiation left it, before simplification
     * (what {@code --dump-after=diff} shows; the Hessian-vector graph is differentiated from the
     * simplified gradient), or null if it was not built.
     */
    public Graph unsimplified(DerivativeKind kind) {
        return raw.get(kind);
    }

    /** Every simplified derivative graph built, in the order of {@link DerivativeKind}. */
    public Map<DerivativeKind, Graph> all() {
        return graphs;
    }

    /** Node counts per pass for each derivative graph. */
    public Map<DerivativeKind, List<Simplifier.PassStats>> stats() {
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

package dev.fluxion.compiler.trace;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Interpreter;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.ir.Schedule;
import dev.fluxion.compiler.ir.Zero;
import dev.fluxion.compiler.diff.Naming;
import dev.fluxion.compiler.ops.Algebra;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out the three tables of a {@link Trace}. The traversals are those of
 * {@link dev.fluxion.compiler.diff.Forward} and {@link dev.fluxion.compiler.diff.Reverse}
 * (tangents pushed along the node list; adjoints accumulated walking it backwards, summed
 * in consumer order), but every tangent and adjoint becomes a named row instead of being
 * folded into one graph. Each formula is what the node's op builds: its notation for the
 * evaluation trace, its JVP rule for the tangent trace, its consumers' VJP rules for the
 * adjoint trace.
 */
public final class Tracer {

    /** Port of the tangent symbols (index: primal node). */
    private static final int TANGENTS = 1;
    /** Port of the adjoint symbols (index: primal node). */
    private static final int ADJOINTS = 2;
    /** Port of the adjoint seeds (index: output). */
    private static final int SEEDS = 3;

    private Tracer() {
    }

    /**
     * The trace of {@code p} (in lecture order, as {@code Compilation.parsed()} gives it;
     * nodes no output depends on are left out) at
     * {@code point}, with the tangent trace in the direction of input {@code wrt} and the
     * adjoint trace of output {@code of}.
     *
     * @throws IllegalArgumentException if the point has the wrong size, or {@code wrt} or
     *                                  {@code of} names no input or output
     */
    public static Trace trace(Program p, double[] point, String wrt, String of) {
        List<String> inputs = p.inputNames();
        List<String> outputs = p.outputNames();
        if (point.length != inputs.size()) {
            throw new IllegalArgumentException("the point has " + point.length + " values but " + p.name() + " has "
                    + inputs.size() + " inputs " + inputs);
        }
        int r = inputs.indexOf(wrt);
        if (r < 0) {
            throw new IllegalArgumentException("no input '" + wrt + "'; the inputs are " + String.join(", ", inputs));
        }
        int j = outputs.indexOf(of);
        if (j < 0) {
            throw new IllegalArgumentException("no output '" + of + "'; the outputs are " + String.join(", ", outputs));
        }
        // Only what the outputs depend on: `x + -y` lowers to `x - y`, leaving a dead `-y`
        // behind, which would be a row nobody reads.
        Graph g = Schedule.lectureOrder(p.graph().withoutDeadCode());
        return new Trace(p.name(), inputs, point, outputs, wrt, of,
                evaluation(g, point), tangent(g, point, r), adjoint(g, point, j));
    }

    private static Table evaluation(Graph g, double[] point) {
        double[] v = Interpreter.evaluateAll(g, List.of(point));
        Worksheet s = new Worksheet(g, point, i -> nodeName(g, i, Name.Role.VALUE));
        Port in = g.inputs().get(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.CONST) {
                continue;
            }
            Formula f = n.op() == Leaf.INPUT
                    ? Formula.of(Name.input(Name.Role.VALUE, in.labels().get(((InputRef) n.attr()).index())))
                    : s.expansion(s.primal(i));
            rows.add(new Row(nodeName(g, i, Name.Role.VALUE), f, v[i]));
        }
        Port out = g.outputs().get(0);
        for (int k = 0; k < out.size(); k++) {
            int id = out.node(k);
            rows.add(new Row(Name.output(Name.Role.VALUE, out.labels().get(k)), s.formula(s.primal(id)), v[id]));
        }
        return new Table(Table.Kind.EVALUATION, rows);
    }

    private static Table tangent(Graph g, double[] point, int wrt) {
        Worksheet s = new Worksheet(g, point, i -> nodeName(g, i, Name.Role.VALUE));
        Port in = g.inputs().get(0);
        int[] tangent = new int[g.size()];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            tangent[i] = Zero.ID;
            if (n.op() == Leaf.CONST) {
                continue;
            }
            Name name = nodeName(g, i, Name.Role.TANGENT);
            Formula f;
            double value;
            if (n.op() == Leaf.INPUT) {
                int index = ((InputRef) n.attr()).index();
                f = Formula.of(Name.input(Name.Role.TANGENT, in.labels().get(index)));
                value = index == wrt ? 1.0 : 0.0;
            } else {
                int[] args = new int[n.arity()];
                int[] ts = new int[n.arity()];
                boolean any = false;
                for (int k = 0; k < args.length; k++) {
                    args[k] = s.primal(n.arg(k));
                    ts[k] = tangent[n.arg(k)];
                    any |= !Zero.is(ts[k]);
                }
                int t = any ? n.op().jvp(s.builder(), s.primal(i), args, ts) : Zero.ID;
                f = s.formula(t);
                value = s.value(t);
            }
            rows.add(new Row(name, f, value));
            tangent[i] = s.symbol(TANGENTS, i, name, value);
        }
        Port out = g.outputs().get(0);
        for (int k = 0; k < out.size(); k++) {
            int id = out.node(k);
            Formula f = Zero.is(tangent[id]) ? Formula.of(0.0) : Formula.of(nodeName(g, id, Name.Role.TANGENT));
            rows.add(new Row(Name.output(Name.Role.TANGENT, out.labels().get(k)), f, s.value(tangent[id])));
        }
        return new Table(Table.Kind.TANGENT, rows);
    }

    private static Table adjoint(Graph g, double[] point, int of) {
        Worksheet s = new Worksheet(g, point, i -> nodeName(g, i, Name.Role.VALUE));
        Port out = g.outputs().get(0);
        // contributions.get(i): cotangents sent to node i, last consumer first (as in Reverse)
        List<List<Integer>> contributions = new ArrayList<>(g.size());
        for (int i = 0; i < g.size(); i++) {
            contributions.add(new ArrayList<>(2));
        }
        int seed = s.symbol(SEEDS, of, Name.output(Name.Role.ADJOINT, out.labels().get(of)), 1.0);
        contributions.get(out.node(of)).add(seed);
        int[] adjoint = new int[g.size()];
        List<Row> rows = new ArrayList<>();
        dev.fluxion.compiler.diff.Sides sides = dev.fluxion.compiler.diff.Sides.of(g);
        for (int i = g.size() - 1; i >= 0; i--) {
            Node n = g.node(i);
            adjoint[i] = Zero.ID;
            if (n.op() == Leaf.CONST) {
                continue;
            }
            Name name = nodeName(g, i, Name.Role.ADJOINT);
            List<Integer> cts = contributions.get(i);
            int sum = Zero.ID;
            for (int k = cts.size() - 1; k >= 0; k--) {
                sum = Algebra.add(s.builder(), sum, cts.get(k));
            }
            double value = s.value(sum);
            rows.add(new Row(name, s.formula(sum), value));
            contributions.set(i, null);
            if (Zero.is(sum)) {
                continue;
            }
            adjoint[i] = s.symbol(ADJOINTS, i, name, value);
            if (n.arity() == 0) {
                continue;
            }
            int[] args = new int[n.arity()];
            for (int k = 0; k < args.length; k++) {
                args[k] = s.primal(n.arg(k));
            }
            int[] sent = n.op().vjp(s.builder(), s.primal(i), args, adjoint[i]);
            for (int k = sent.length - 1; k >= 0; k--) {
                if (!Zero.is(sent[k]) && g.node(n.arg(k)).op() != Leaf.CONST) {
                    contributions.get(n.arg(k)).add(sides == null ? sent[k]
                            : sides.leave(s.builder(), s::primal, i, n.arg(k), sent[k]));
                }
            }
        }
        Port in = g.inputs().get(0);
        int[] inputNode = new int[in.size()];
        java.util.Arrays.fill(inputNode, -1);
        for (int i = 0; i < g.size(); i++) {
            if (g.node(i).op() == Leaf.INPUT) {
                inputNode[((InputRef) g.node(i).attr()).index()] = i;
            }
        }
        for (int k = 0; k < in.size(); k++) {
            int id = inputNode[k];
            Formula f = id < 0 ? Formula.of(0.0) : Formula.of(nodeName(g, id, Name.Role.ADJOINT));
            double value = id < 0 ? 0.0 : s.value(adjoint[id]);
            rows.add(new Row(Name.input(Name.Role.ADJOINT, in.labels().get(k)), f, value));
        }
        return new Table(Table.Kind.ADJOINT, rows);
    }

    /** The lecture's name of node i in the given role: v3, v̇3, v̄3 (null for a constant, which prints as its value). */
    private static Name nodeName(Graph g, int i, Name.Role role) {
        if (g.node(i).op() == Leaf.CONST) {
            return null;
        }
        String hint = g.hint(i);
        return Name.node(role, hint != null ? hint : Naming.primal(i));
    }
}

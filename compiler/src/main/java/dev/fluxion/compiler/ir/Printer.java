package dev.fluxion.compiler.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Prints IR in the surface syntax, so that what it prints parses back to the same graph:
 * as one inline expression, as a program with intermediate assignments, or as the short
 * comment the code generator puts beside each statement. One loop over the nodes, no
 * recursion: a chain of 10,000 nested calls prints fine, and texts are capped so a deep
 * graph never builds quadratic strings.
 */
public final class Printer {

    private final Graph g;
    /** The text of each node's own expression; null when over the limit and unnamed. */
    private final String[] text;
    private final int[] prec;
    /** Whether a reference to the node uses its name rather than its text. */
    private final boolean[] named;

    /**
     * @param names  the name a node is referred to by when it is named (null: never)
     * @param always nodes referred to by name whenever they have one
     * @param maxLength texts longer than this are referred to by name (0: no limit)
     */
    private Printer(Graph g, IntFunction<String> names, IntPredicate always, int maxLength) {
        this.g = g;
        this.text = new String[g.size()];
        this.prec = new int[g.size()];
        this.named = new boolean[g.size()];
        String[] ref = new String[g.size()];
        int[] refPrec = new int[g.size()];
        for (int i = 0; i < g.size(); i++) {
            render(i, ref, refPrec);
            // A leaf (an input's name, a number) is its own shortest reference: never "too long",
            // or a 400-character input name would print as null in every expression that reads it.
            boolean tooLong = maxLength > 0 && !(g.node(i).op() instanceof Leaf)
                    && (text[i] == null || text[i].length() > maxLength);
            String name = (tooLong || always.test(i)) ? names.apply(i) : null;
            if (name != null) {
                named[i] = true;
                ref[i] = name;
                refPrec[i] = Notation.ATOM;
            } else if (tooLong) {
                text[i] = null;
                ref[i] = null;
            } else {
                ref[i] = text[i];
                refPrec[i] = prec[i];
            }
        }
    }

    private void render(int i, String[] ref, int[] refPrec) {
        Node n = g.node(i);
        for (int k = 0; k < n.arity(); k++) {
            if (ref[n.arg(k)] == null) {
                text[i] = null;
                return;
            }
        }
        Notation nt = n.op().notation();
        switch (nt.kind()) {
            case LEAF -> {
                if (n.op() == Leaf.INPUT) {
                    InputRef r = (InputRef) n.attr();
                    text[i] = g.inputs().get(r.array()).labels().get(r.index());
                    prec[i] = Notation.ATOM;
                } else {
                    double v = (Double) n.attr();
                    text[i] = number(v);
                    prec[i] = text[i].startsWith("-") ? Notation.UNARY : Notation.ATOM;
                }
            }
            case PREFIX -> {
                int a = n.arg(0);
                text[i] = nt.symbol() + wrap(ref[a], refPrec[a] <= Notation.UNARY);
                prec[i] = Notation.UNARY;
            }
            case INFIX -> {
                int a = n.arg(0);
                int b = n.arg(1);
                int p = nt.precedence();
                boolean leftParens = nt.rightAssociative() ? refPrec[a] <= p : refPrec[a] < p;
                boolean rightParens = nt.rightAssociative() ? refPrec[b] < p : refPrec[b] <= p;
                String op = p <= Notation.ADDITIVE ? " " + nt.symbol() + " " : nt.symbol();
                text[i] = wrap(ref[a], leftParens) + op + wrap(ref[b], rightParens);
                prec[i] = p;
            }
            case CALL -> {
                StringBuilder sb = new StringBuilder(nt.symbol()).append('(');
                for (int k = 0; k < n.arity(); k++) {
                    if (k > 0) {
                        sb.append(", ");
                    }
                    sb.append(ref[n.arg(k)]);
                }
                text[i] = sb.append(')').toString();
                prec[i] = Notation.ATOM;
            }
        }
    }

    private static String wrap(String s, boolean parens) {
        return parens ? "(" + s + ")" : s;
    }

    /**
     * A number as the surface syntax writes it: {@code 2}, {@code 0.5}, {@code 1.0e-5};
     * non-finite values as the quotient that folds to them, {@code (0/0)}, {@code (1/0)}.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "(0/0)";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "(1/0)" : "(-1/0)";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (v == 0 && 1 / v < 0) ? "-0" : Long.toString((long) v);
        }
        return Double.toString(v).replace('E', 'e');
    }

    /**
     * Node {@code id} as one inline expression, or null if it would be longer than
     * {@code maxLength} characters (0: no limit).
     */
    public static String inline(Graph g, int id, int maxLength) {
        return new Printer(g, i -> null, i -> false, maxLength).text[id];
    }

    /**
     * For every node, a comment-sized rendering of the subexpression it computes, with
     * operands that would make it longer than {@code maxLength} replaced by
     * {@code names} (the locals that hold them).
     */
    public static String[] comments(Graph g, IntFunction<String> names, int maxLength) {
        return new Printer(g, names, i -> false, maxLength).text.clone();
    }

    /**
     * The graph as a program in the surface syntax: an assignment for every shared or long
     * subexpression, then a return of every output element with its label as a comment.
     * What it prints parses back to an equivalent graph.
     */
    /** An element label of an array parameter: {@code A[0, 1]}. */
    private static final java.util.regex.Pattern ELEMENT = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z_0-9]*)\\[([0-9, ]+)\\]");

    /**
     * The parameter list of a program whose inputs are {@code labels}: a scalar as it is, and the
     * elements of an array parameter ({@code x[0]}, {@code x[1]}, ...) as the array with its shape
     * ({@code x[2]}), so that the printed program parses back with the same inputs in the same order.
     */
    static List<String> parameters(List<String> labels) {
        List<String> declared = Labels.declarations(labels);
        if (declared != null) {
            return declared;
        }
        List<String> out = new ArrayList<>();
        java.util.Map<String, int[]> dims = new java.util.LinkedHashMap<>();
        for (String label : labels) {
            java.util.regex.Matcher m = ELEMENT.matcher(label);
            if (!m.matches()) {
                out.add(label);
                continue;
            }
            String[] parts = m.group(2).split(",\\s*");
            int[] d = dims.get(m.group(1));
            if (d == null) {
                d = new int[parts.length];
                dims.put(m.group(1), d);
                out.add(m.group(1));
            }
            for (int k = 0; k < parts.length && k < d.length; k++) {
                d[k] = Math.max(d[k], Integer.parseInt(parts[k].trim()) + 1);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            int[] d = dims.get(out.get(i));
            if (d != null && !labels.contains(out.get(i))) {
                StringBuilder sb = new StringBuilder(out.get(i)).append('[');
                for (int k = 0; k < d.length; k++) {
                    sb.append(k == 0 ? "" : ", ").append(d[k]);
                }
                out.set(i, sb.append(']').toString());
            }
        }
        return out;
    }

    public static String program(Graph g, String name) {
        return program(g, name, g.inputs().size(), List.of());
    }

    /**
     * A program as surface syntax, its loop sums as the reductions they stand for: each element
     * {@code s0}, {@code s1}, ... of the loop sums' port is assigned its
     * {@code sum(i in lo..hi: term)} before the body.
     *
     * @param p the program
     * @return the text
     */
    public static String program(Program p) {
        if (p.graph().inputs().size() == 1) {
            return program(p.graph(), p.name());
        }
        List<String> sums = new ArrayList<>();
        Port s = p.graph().inputs().get(1);
        for (int r = 0; r < p.loops().size(); r++) {
            LoopSum l = p.loops().get(r);
            Graph t = l.term();
            String i = t.inputs().get(2).labels().get(0);
            String term = inline(t, t.output(LoopSum.TERM).node(0), 400);
            if (l.count() == 1 && l.hasGathers() && term != null) {
                // A read at a position taken from data, outside any sum: a loop of one term, printed as the read.
                sums.add(s.labels().get(r) + " = " + term);
                continue;
            }
            sums.add(s.labels().get(r) + " = sum(" + i + " in " + l.first() + ".." + (l.first() + l.count() - 1L) + ": "
                    + (term != null ? term : "a term of " + t.operationCount() + " operations") + ")");
        }
        for (int q = 0; q < p.scans().size(); q++) {
            Scan l = p.scans().get(q);
            Graph body = l.body();
            String v = body.inputs().get(2).labels().get(0);
            List<String> steps = new ArrayList<>();
            for (int k = 0; k < l.width(); k++) {
                String next = inline(body, body.output(Scan.NEXT).node(k), 200);
                steps.add(l.carries().get(k) + " = " + (next != null ? next : "(" + body.operationCount() + " operations)"));
            }
            String text = String.join("; ", steps);
            if (text.length() > 400) {
                text = l.width() + " carries, a body of " + body.operationCount() + " operations";
            }
            String loop = "for " + v + " in " + l.first() + ".." + (l.first() + l.count() - 1L) + " { " + text + " }";
            for (int k = 0; k < l.width(); k++) {
                sums.add(s.labels().get(p.scanOffset(q) + k) + " = " + l.carries().get(k) + " after "
                        + (k == 0 ? loop : "the same loop"));
            }
        }
        return program(p.graph(), p.name(), 1, sums);
    }

    /**
     * @param parameterPorts the input ports printed as parameters; with more than one port
     *                       (a program's loop sums and data), port 0 and the data ports (2, 3, ...)
     *                       after a ';'
     */
    private static String program(Graph g, String name, int parameterPorts, List<String> statements) {
        int[] uses = g.useCounts();
        Set<String> taken = new HashSet<>(List.of("fn", "return", "pi"));
        for (Port p : g.inputs()) {
            List<String> declared = Labels.declarations(p.labels());
            taken.addAll(declared != null ? declared : p.labels());
        }
        String[] names = new String[g.size()];
        IntFunction<String> allocate = i -> {
            if (g.node(i).op() instanceof Leaf) {
                return null;
            }
            if (names[i] == null) {
                String base = g.hint(i) != null ? g.hint(i) : "t" + i;
                String candidate = base;
                for (int k = 2; taken.contains(candidate); k++) {
                    candidate = base + "_" + k;
                }
                taken.add(candidate);
                names[i] = candidate;
            }
            return names[i];
        };
        boolean[] live = g.reachableFrom(g.outputs());
        Printer p = new Printer(g, allocate, i -> live[i] && uses[i] > 1, 80);
        StringBuilder sb = new StringBuilder();
        List<String> params = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (int k = 0; k < g.inputs().size(); k++) {
            Port port = g.inputs().get(k);
            if (port.name().startsWith("data.")) {
                data.addAll(parameters(port.labels()));
            } else if (k < parameterPorts) {
                params.addAll(parameters(port.labels()));
            }
        }
        sb.append("# ").append(g.size()).append(" nodes, ").append(g.operationCount()).append(" operations\n");
        sb.append("fn ").append(name).append('(').append(String.join(", ", params))
                .append(data.isEmpty() ? "" : "; " + String.join(", ", data)).append(") {\n");
        for (String st : statements) {
            sb.append("  ").append(st).append('\n');
        }
        for (int i = 0; i < g.size(); i++) {
            if (p.named[i] && live[i]) {
                sb.append("  ").append(names[i]).append(" = ").append(p.text[i]).append('\n');
            }
        }
        List<String> results = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Port port : g.outputs()) {
            for (int k = 0; k < port.size(); k++) {
                int id = port.node(k);
                results.add(p.named[id] ? names[id] : p.text[id]);
                labels.add(port.name() + "[" + port.labels().get(k) + "]");
            }
        }
        if (results.size() == 1) {
            sb.append("  return ").append(results.get(0)).append("  # ").append(labels.get(0)).append('\n');
        } else {
            sb.append("  return (\n");
            for (int k = 0; k < results.size(); k++) {
                sb.append("    ").append(results.get(k)).append(",  # ").append(labels.get(k)).append('\n');
            }
            sb.append("  )\n");
        }
        return sb.append("}\n").toString();
    }
}

package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.diff.Naming;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Interpreter;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a computation graph as Graphviz DOT, the way the lecture draws it.
 *
 * <ul>
 *   <li>Forward nodes, left to right: a box per input ({@code x}), an ellipse per operation
 *       showing the operation over its operands' names ({@code x + y}) and its own name
 *       ({@code v3}, as in the evaluation trace), a plain label per output. Constants are
 *       written inside the operation that uses them ({@code 1 + v10}), the "+1" gate of the
 *       sigmoid picture, rather than as nodes of their own.</li>
 *   <li>With {@code backward}, beside every value that the chosen output depends on, its
 *       adjoint node ({@code bv3}, the code generator's name for v̄3), and red edges running
 *       right to left, each labelled with the local derivative it multiplies by
 *       ({@code × z}), and at a point by its value too ({@code × z = -4}); the output's
 *       adjoint is seeded with 1.</li>
 *   <li>With a point, every node shows its value, every forward edge the value flowing
 *       along it (green) and, going backwards, the gradient flowing back along it (red):
 *       the lecture's pictures of {@code (x+y)*z} and of the sigmoid neuron.</li>
 * </ul>
 *
 * <p>Output is deterministic: node ids come from IR ids, lines are written in node order,
 * numbers are formatted without locale. One loop over the nodes, so a graph of 100,000
 * nodes writes in linear time (rendering it is another matter).
 */
public final class DotWriter {

    static final String VALUE_COLOR = "#2e7d32";
    static final String GRADIENT_COLOR = "#c62828";
    private static final String INPUT_FILL = "#e3f2fd";
    private static final String ADJOINT_FILL = "#ffebee";
    /** Longest caption drawn; a longer program text is cut (the picture itself shows the program). */
    static final int MAX_TITLE = 160;

    private final Graph g;
    private final DotOptions o;
    private final String[] names;
    private final List<Integer> outputs = new ArrayList<>();
    private final List<String> outputNames = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private double[] values;
    private LocalPartials partials;
    private Adjoints adjoints;
    private double[][] partialValues;
    private boolean[] reached;

    private DotWriter(Graph g, DotOptions o) {
        this.g = g;
        this.o = o;
        this.names = names(g);
        for (Port p : g.outputs()) {
            for (int j = 0; j < p.size(); j++) {
                outputs.add(p.node(j));
                outputNames.add(distinct(p.labels().get(j), names));
            }
        }
        if (o.seed() >= outputs.size()) {
            throw new IllegalArgumentException("there is no output number " + o.seed() + "; the outputs are " + outputNames);
        }
    }

    /** The DOT text of {@code g} (one input port, any output ports) as {@code o} asks. */
    public static String write(Graph g, DotOptions o) {
        if (o.point() != null && (g.inputs().size() != 1 || g.inputs().get(0).size() != o.point().size())) {
            throw new IllegalArgumentException("the point has " + o.point().size() + " values but the graph has inputs "
                    + g.inputs().stream().map(Port::labels).toList());
        }
        return new DotWriter(g, o).write();
    }

    /**
     * An output's display name, changed when it would read as a node's name: a bare
     * expression's output is called {@code y}, and in {@code (x+y)*z} the adjoint of the
     * input {@code y} and the seed of the output would both be {@code by}.
     */
    private static String distinct(String label, String[] names) {
        java.util.Set<String> taken = new java.util.HashSet<>(java.util.Arrays.asList(names));
        if (!taken.contains(label)) {
            return label;
        }
        if (!taken.contains("f")) {
            return "f";
        }
        int k = 1;
        while (taken.contains(label + "_out" + (k == 1 ? "" : k))) {
            k++;
        }
        return label + "_out" + (k == 1 ? "" : k);
    }

    /** The name each node is shown by: an input's variable, an operation's trace name, a constant's value. */
    static String[] names(Graph g) {
        String[] n = new String[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Node node = g.node(i);
            if (node.op() == Leaf.INPUT) {
                InputRef r = (InputRef) node.attr();
                n[i] = g.inputs().get(r.array()).labels().get(r.index());
            } else if (node.op() == Leaf.CONST) {
                n[i] = Printer.number((Double) node.attr());
            } else {
                n[i] = g.hint(i) != null ? g.hint(i) : Naming.primal(i);
            }
        }
        return n;
    }

    private String write() {
        int seedNode = outputs.get(o.seed());
        String seedName = outputNames.get(o.seed());
        if (o.point() != null) {
            values = Interpreter.evaluateAll(g, List.of(o.point().values()));
        }
        if (o.backward()) {
            partials = LocalPartials.of(g, List.of(names));
            reached = Adjoints.reach(partials, seedNode);
            if (values != null) {
                partialValues = partials.values(values);
                adjoints = Adjoints.sweep(partials, partialValues, seedNode);
            }
        }
        header(seedName);
        if (o.backward()) {
            // written first: Graphviz then places the backward part below the forward part
            backward(seedNode, seedName);
        }
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() != Leaf.CONST) {
                forwardNode(i, n);
            }
        }
        for (int k = 0; k < g.size(); k++) {
            Node n = g.node(k);
            for (int a = 0; a < n.arity(); a++) {
                int arg = n.arg(a);
                if (g.node(arg).op() != Leaf.CONST) {
                    forwardEdge(arg, "n" + k, o.backward() && reached[k] ? sent(k, a) : null);
                }
            }
        }
        for (int j = 0; j < outputs.size(); j++) {
            int id = outputs.get(j);
            line("y" + j + " [shape=plaintext, label=" + quote(outputNames.get(j)) + "];");
            if (g.node(id).op() == Leaf.CONST) {
                line("c" + j + " [shape=plaintext, label=" + quote(names[id]) + "];");
                line("c" + j + " -> y" + j + ";");
            } else {
                forwardEdge(id, "y" + j, o.backward() && j == o.seed() ? Double.valueOf(1.0) : null);
            }
        }
        out.append("}\n");
        return out.toString();
    }

    private Double sent(int k, int a) {
        if (adjoints == null || partials.isZero(k, a)) {
            return null;
        }
        return adjoints.sent(k, a);
    }

    private void header(String seedName) {
        out.append("// Computation graph drawn by Fluxion; render with: dot -Tsvg graph.dot -o graph.svg\n");
        out.append("// Forward nodes left to right: inputs (boxes), operations (ellipses: operation, then name).\n");
        if (o.backward()) {
            out.append("// Backward: beside each value v, its adjoint b").append("v = d").append(seedName)
                    .append("/dv (dashed); red edges carry the local derivative they multiply by.\n");
        }
        if (o.point() != null && o.point().size() > 0) {
            out.append("// At ").append(o.point().format(17)).append(": edges show the value flowing forward (green)");
            out.append(o.backward() ? " and the gradient flowing back (red).\n" : ".\n");
        }
        out.append("digraph fluxion {\n");
        StringBuilder caption = new StringBuilder();
        if (o.title() != null && !o.title().isBlank()) {
            String t = o.title().strip().replaceAll("\\s+", " ");
            caption.append(t.length() <= MAX_TITLE ? t : t.substring(0, MAX_TITLE - 3) + "...");
        }
        if (o.point() != null && o.point().size() > 0) {
            caption.append(caption.length() == 0 ? "" : "\n").append("at ").append(o.point().format(o.digits()));
        }
        line("graph [rankdir=LR, fontname=\"Helvetica\", fontsize=14, labelloc=t, nodesep=0.4, ranksep=0.7"
                + (caption.length() == 0 ? "" : ", label=" + quote(caption.toString())) + "];");
        line("node [fontname=\"Helvetica\", fontsize=12];");
        line("edge [fontname=\"Helvetica\", fontsize=10];");
    }

    private void forwardNode(int i, Node n) {
        String value = values == null ? "" : " = " + number(values[i]);
        if (n.op() == Leaf.INPUT) {
            line("n" + i + " [shape=box, style=\"rounded,filled\", fillcolor=\"" + INPUT_FILL + "\", label="
                    + quote(names[i] + value) + "];");
        } else {
            line("n" + i + " [shape=ellipse, label=" + quote(expression(n) + "\n" + names[i] + value) + "];");
        }
    }

    private void adjointNode(int i) {
        String name = Naming.adjoint(names[i]);
        String value;
        if (!reached[i]) {
            value = " = 0";               // an input the output does not depend on: exactly zero
        } else {
            value = adjoints == null ? "" : " = " + number(adjoints.adjoint(i));
        }
        line("b" + i + " [shape=box, style=\"rounded,dashed,filled\", color=\"" + GRADIENT_COLOR + "\", fillcolor=\""
                + ADJOINT_FILL + "\", fontcolor=\"" + GRADIENT_COLOR + "\", label=" + quote(name + value) + "];");
    }

    private void forwardEdge(int from, String to, Double gradient) {
        StringBuilder attrs = new StringBuilder();
        if (values != null) {
            StringBuilder html = new StringBuilder("<<font color=\"" + VALUE_COLOR + "\">")
                    .append(html(number(values[from]))).append("</font>");
            if (gradient != null) {
                html.append("<br/><font color=\"" + GRADIENT_COLOR + "\">").append(html(number(gradient))).append("</font>");
            }
            attrs.append(" [label=").append(html).append(">]");
        }
        line("n" + from + " -> " + to + attrs + ";");
    }

    /**
     * The red edges: from each consumer's adjoint to its argument's, written in the forward
     * direction with {@code dir=back} so Graphviz keeps the adjoints in the same columns as
     * their values.
     */
    private void backward(int seedNode, String seedName) {
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() != Leaf.CONST && (reached[i] || n.op() == Leaf.INPUT)) {
                adjointNode(i);
                line("{ rank=same; n" + i + "; b" + i + "; }");
            }
        }
        String red = "color=\"" + GRADIENT_COLOR + "\", fontcolor=\"" + GRADIENT_COLOR + "\"";
        for (int k = 0; k < g.size(); k++) {
            Node n = g.node(k);
            if (!reached[k]) {
                continue;
            }
            for (int a = 0; a < n.arity(); a++) {
                int arg = n.arg(a);
                if (g.node(arg).op() == Leaf.CONST || partials.isZero(k, a)) {
                    continue;
                }
                line("b" + arg + " -> b" + k + " [dir=back, " + red + ", label=" + quote(localLabel(k, a)) + "];");
            }
        }
        line("s" + o.seed() + " [shape=plaintext, fontcolor=\"" + GRADIENT_COLOR + "\", label="
                + quote(Naming.adjoint(seedName) + " = 1") + "];");
        line("{ rank=same; y" + o.seed() + "; s" + o.seed() + "; }");
        if (g.node(seedNode).op() != Leaf.CONST) {
            line("b" + seedNode + " -> s" + o.seed() + " [dir=back, " + red + "];");
        }
    }

    /**
     * What a red edge says: the local derivative, and at a point its value too unless the
     * derivative is a plain number ({@code × z = -4}, {@code × ge(x, y) = 1}, {@code × 1}).
     */
    private String localLabel(int k, int a) {
        String text = partials.text(k, a);
        if (partialValues == null) {
            return "× " + text;
        }
        String value = number(partialValues[k][a]);
        return text.equals(value) ? "× " + text : "× " + text + " = " + value;
    }

    /** The operation over its operands' names: {@code x + y}, {@code ln(v0)}, {@code -v9}, {@code 1 / v11}. */
    private String expression(Node n) {
        Notation nt = n.op().notation();
        return switch (nt.kind()) {
            case LEAF -> throw new IllegalStateException("a leaf has no expression");
            case PREFIX -> nt.symbol() + operand(n.arg(0));
            case INFIX -> operand(n.arg(0)) + " " + nt.symbol() + " " + operand(n.arg(1));
            case CALL -> {
                StringBuilder sb = new StringBuilder(nt.symbol()).append('(');
                for (int a = 0; a < n.arity(); a++) {
                    sb.append(a == 0 ? "" : ", ").append(names[n.arg(a)]);
                }
                yield sb.append(')').toString();
            }
        };
    }

    /** An operand of an operator: negative constants in parentheses, so {@code x * (-1)} reads right. */
    private String operand(int id) {
        String s = names[id];
        return s.startsWith("-") ? "(" + s + ")" : s;
    }

    private String number(double v) {
        return Numbers.format(v, o.digits());
    }

    private void line(String s) {
        out.append("  ").append(s).append('\n');
    }

    /** A DOT double-quoted string; {@code \n} in the text becomes a centred line break. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> { }
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Text inside a DOT HTML-like label. */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

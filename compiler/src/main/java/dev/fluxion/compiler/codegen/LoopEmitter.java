package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.ir.Gather;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.roll.Column;
import dev.fluxion.compiler.roll.Loop;
import dev.fluxion.compiler.roll.Tangents;
import dev.fluxion.runtime.IndexOutOfRange;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits one re-rolled {@link Loop} as a private method: a {@code for} loop whose body is
 * the straight-line code of the loop's template (one {@code final double} per node,
 * commented with what it computes), reading its slots at {@code x[i]}, {@code x[i + 1]}, ...
 * Nodes that do not depend on {@code i} (constants folded together, seeds) are computed once
 * before the loop. Each member's terms are summed in a local and stored in
 * {@code s[member]} after the loop; the gradient form also adds each slot's adjoint into
 * {@code grad} as it goes. The tangent forms ({@link Tangents}) also sum each member's
 * tangent into {@code s[2R + member]} (R loop sums), reading the slots' tangents from
 * {@code xdot} (or {@code v}) at the same positions; the Hessian form adds each slot's
 * second-order part into {@code hv} as the gradient form adds into {@code grad}.
 */
final class LoopEmitter {

    /** What the loop method computes, with which template, and the arrays it takes. */
    enum Form {
        /** Template {@link Loop#value()}: parameters x, s. */
        VALUE,
        /** Template {@link Loop#gradient()}: parameters x, grad, s. */
        GRADIENT,
        /** Template {@link Tangents.Templates#tangent()}: parameters x, xdot, s. */
        TANGENT,
        /** Template {@link Tangents.Templates#hessian()}: parameters x, v, hv, s. */
        HESSIAN
    }

    private static final int COMMENT_WIDTH = 60;

    private final Loop loop;
    private final Graph g;
    private final Form form;
    private final boolean gradient;
    private final int seedOffset;
    private final int sums;
    private final ClassContext cls;
    private final NameAllocator names = new NameAllocator();
    private final boolean[] varying;
    private final String[] comments;
    /** The statements only one side of a choice needs go inside an {@code if} on its condition; null without choices. */
    private final Guards guards;

    /**
     * A slot that reads the same input every iteration (step 0) sums its adjoint in a local
     * and adds it to {@code grad} once, after the loop.
     *
     * @param gradient the gradient form (else the value form)
     * @param seedOffset where the seeds start in {@code s}: seed of sum r at {@code s[seedOffset + r]}
     */
    LoopEmitter(Loop loop, boolean gradient, int seedOffset, ClassContext cls) {
        this(loop, gradient ? loop.gradient() : loop.value(), gradient ? Form.GRADIENT : Form.VALUE, seedOffset, cls);
    }

    /**
     * The loop method of {@code form}, whose template is {@code template}.
     *
     * @param sums the number R of loop sums: seed of sum r at {@code s[R + r]}, its tangent at
     *             {@code s[2R + r]}, the seed's tangent at {@code s[3R + r]}
     */
    LoopEmitter(Loop loop, Graph template, Form form, int sums, ClassContext cls) {
        this.loop = loop;
        this.g = template;
        this.form = form;
        this.gradient = form == Form.GRADIENT || form == Form.HESSIAN;
        this.seedOffset = sums;
        this.sums = sums;
        this.cls = cls;
        List<String> reserved = switch (form) {
            case VALUE, GRADIENT -> List.of("x", "grad", "s", "i");
            case TANGENT -> List.of("x", "xdot", "s", "i");
            case HESSIAN -> List.of("x", "v", "hv", "s", "i");
        };
        for (String r : reserved) {
            names.newName(r, "param:" + r);
        }
        for (int q = 0; q < loop.members().size(); q++) {
            names.newName("sum" + loop.members().get(q), "sum:" + q);
        }
        for (int q = 0; tangent() && q < loop.members().size(); q++) {
            names.newName("dsum" + loop.members().get(q), "dsum:" + q);
        }
        varying = new boolean[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                varying[i] = ref.array() == 0 || ref.array() == 3 ? loop.moves(ref.index()) : ref.array() == 2;
                names.newName(switch (ref.array()) {
                    case 0 -> "in" + ref.index();
                    case 1 -> "seed" + ref.index();
                    case 2 -> "c" + ref.index();
                    case 3 -> "din" + ref.index();
                    default -> "dseed" + ref.index();
                }, i);
            } else if (n.op() != Leaf.CONST) {
                for (int k = 0; k < n.arity(); k++) {
                    varying[i] |= varying[n.arg(k)];
                }
                String hint = g.hint(i);
                Identifiers.variable(names, hint != null ? hint : "t" + i, i);
            }
        }
        for (int j = 0; j < loop.slots(); j++) {
            if (loop.gathered(j)) {
                names.newName("at" + j, "at:" + j);
            }
        }
        comments = Printer.comments(g, i -> g.node(i).op() == Leaf.CONST ? null : names.get(i), COMMENT_WIDTH);
        guards = Guards.of(g);
    }

    MethodSpec emit(String name) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                .addParameter(ArrayTypeName.of(double.class), "x", Modifier.FINAL);
        switch (form) {
            case GRADIENT -> m.addParameter(ArrayTypeName.of(double.class), "grad", Modifier.FINAL);
            case TANGENT -> m.addParameter(ArrayTypeName.of(double.class), "xdot", Modifier.FINAL);
            case HESSIAN -> m.addParameter(ArrayTypeName.of(double.class), "v", Modifier.FINAL)
                    .addParameter(ArrayTypeName.of(double.class), "hv", Modifier.FINAL);
            default -> { }
        }
        m.addParameter(ArrayTypeName.of(double.class), "s", Modifier.FINAL);
        m.addJavadoc("$L", javadoc());
        CodeBlock.Builder code = CodeBlock.builder();
        for (int q = 0; q < loop.members().size(); q++) {
            code.addStatement("double $N = 0.0", names.get("sum:" + q));
        }
        for (int q = 0; tangent() && q < loop.members().size(); q++) {
            code.addStatement("double $N = 0.0", names.get("dsum:" + q));
        }
        statements(code, false);
        // the adjoints of the slots (gradient form) or their tangents (Hessian form)
        Port grad = gradient ? g.output(form == Form.HESSIAN ? Derivatives.DGRAD : Derivatives.GRAD) : null;
        String into = form == Form.HESSIAN ? "hv" : "grad";
        boolean[] fixed = new boolean[gradient ? grad.size() : 0];     // slots read at the same x every iteration
        for (int j = 0; j < fixed.length; j++) {
            fixed[j] = !loop.moves(j) && !isZero(grad.node(j));
            if (fixed[j]) {
                code.addStatement("double $N = 0.0", names.newName(into + "At" + loop.base(j), "fixed:" + j));
            }
        }
        code.beginControlFlow("for (int i = 0; i < $L; i++)", loop.count());
        for (int j = 0; j < loop.slots(); j++) {
            if (loop.gathered(j)) {
                gatheredPosition(code, j);
            }
        }
        uncheckedColumns(code);
        statements(code, true);
        Port t = g.output(Loop.T);
        for (int q = 0; q < t.size(); q++) {
            code.addStatement("$N += $L", names.get("sum:" + q), ref(t.node(q)));
        }
        Port dt = tangent() ? g.output(Tangents.DT) : null;
        for (int q = 0; tangent() && q < dt.size(); q++) {
            code.addStatement("$N += $L", names.get("dsum:" + q), ref(dt.node(q)));
        }
        for (int j = 0; gradient && j < grad.size(); j++) {
            if (fixed[j]) {
                code.addStatement("$N += $L", names.get("fixed:" + j), ref(grad.node(j)));
            } else if (!isZero(grad.node(j))) {
                code.addStatement("$N[$L] += $L", into, slot(j), ref(grad.node(j)));
            }
        }
        code.endControlFlow();
        for (int j = 0; j < fixed.length; j++) {
            if (fixed[j]) {
                code.addStatement("$N[$L] += $N", into, loop.base(j), names.get("fixed:" + j));
            }
        }
        for (int q = 0; q < loop.members().size(); q++) {
            code.addStatement("s[$L] = $N", loop.members().get(q), names.get("sum:" + q));
        }
        for (int q = 0; tangent() && q < loop.members().size(); q++) {
            code.addStatement("s[$L] = $N", 2 * sums + loop.members().get(q), names.get("dsum:" + q));
        }
        return m.addCode(code.build()).build();
    }

    /** Whether this form sums the tangents of the terms too. */
    private boolean tangent() {
        return form == Form.TANGENT || form == Form.HESSIAN;
    }

    private boolean isZero(int i) {
        Node n = g.node(i);
        return n.op() == Leaf.CONST && (Double) n.attr() == 0.0;
    }

    /**
     * The statements of the nodes that change with i ({@code inLoop}) or of those that do not, in
     * order; one that only one side of a choice needs sits inside an {@code if} on the condition
     * ({@link Guards}).
     */
    private void statements(CodeBlock.Builder code, boolean inLoop) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            if (varying[i] == inLoop && g.node(i).op() != Leaf.CONST) {
                ids.add(i);
            }
        }
        if (guards == null) {
            for (int i : ids) {
                statement(code, i, false, -1);
            }
            return;
        }
        int[] nodes = guards.order(ids, Integer::intValue).stream().mapToInt(Integer::intValue).toArray();
        guards.emit(code, nodes, i -> true, c -> inLoop || !varying[c], new Guards.Writer() {
            @Override
            public void statement(CodeBlock.Builder b, int position, boolean assign, int chosen) {
                LoopEmitter.this.statement(b, nodes[position], assign, chosen);
            }

            @Override
            public void declare(CodeBlock.Builder b, int node) {
                b.add("double $N = 0.0; // $L\n", names.get(node), describe(node));
            }

            @Override
            public CodeBlock ref(int node) {
                return LoopEmitter.this.ref(node);
            }

            @Override
            public String describe(int node) {
                return comments[node] == null ? names.get(node) : comments[node];
            }
        });
    }

    /**
     * One node's statement; {@code assign}: its local was declared before its block, assign it;
     * {@code chosen}: the node is a choice decided by the enclosing blocks, worth this argument.
     */
    private void statement(CodeBlock.Builder code, int i, boolean assign, int chosen) {
        Node n = g.node(i);
        CodeBlock expr;
        if (n.op() == Leaf.INPUT) {
            InputRef ref = (InputRef) n.attr();
            expr = switch (ref.array()) {
                case 0 -> CodeBlock.of("x[$L]", slot(ref.index()));
                case 1 -> CodeBlock.of("s[$L]", seedOffset + loop.members().get(ref.index()));
                case 2 -> column(loop.columns().get(ref.index()));
                case 3 -> CodeBlock.of("$N[$L]", form == Form.HESSIAN ? "v" : "xdot", slot(ref.index()));
                default -> CodeBlock.of("s[$L]", 3 * sums + loop.members().get(ref.index()));
            };
        } else if (chosen >= 0) {
            expr = ref(chosen);
        } else {
            List<CodeBlock> args = new ArrayList<>();
            for (int k = 0; k < n.arity(); k++) {
                args.add(ref(n.arg(k)));
            }
            expr = n.op().emit(args, n.attr());
        }
        String comment = comments[i] == null ? names.get(i) : comments[i];
        if (n.op() == Leaf.INPUT && ((InputRef) n.attr()).array() == 1) {
            comment = "sbar" + loop.members().get(((InputRef) n.attr()).index()) + ", the adjoint of s["
                    + loop.members().get(((InputRef) n.attr()).index()) + "]";
        } else if (n.op() == Leaf.INPUT && ((InputRef) n.attr()).array() == 4) {
            int member = loop.members().get(((InputRef) n.attr()).index());
            comment = "dsbar" + member + ", the tangent of sbar" + member;
        }
        code.add(assign ? "$N = $L; // $L\n" : "final double $N = $L; // $L\n", names.get(i), expr, comment);
    }

    /** Where slot {@code j} reads at iteration i: its affine index, or the local of its gathered position. */
    private String slot(int j) {
        return loop.gathered(j) ? names.get("at:" + j) : loop.slotIndex(j, "i");
    }

    /**
     * {@code final int atJ = base + step * i + stride * IndexOutOfRange.at(data, ...)}: slot j's
     * position at iteration i, each gathered index read from its data array and checked (a whole
     * number inside its axis, else an exception naming the program's line and column) before any
     * array is read at it. Every form checks every gathered slot, so the value and each derivative
     * fail alike on a bad index.
     */
    private void gatheredPosition(CodeBlock.Builder code, int j) {
        code.add("final int $N = $L; // $L\n", names.get("at:" + j), position(loop.base(j), loop.step(j),
                loop.gathers().get(j)), loop.gathers().get(j).get(0).read());
    }

    /**
     * Checks the gathered indices of the data columns this form's template does not read (a
     * data element gathered by data, read by the value but not by this derivative), so that every
     * form fails alike on a bad index, as for gathered slots.
     */
    private void uncheckedColumns(CodeBlock.Builder code) {
        java.util.Set<Integer> read = new java.util.HashSet<>();
        for (Node n : g.nodes()) {
            if (n.op() == Leaf.INPUT && ((InputRef) n.attr()).array() == 2) {
                read.add(((InputRef) n.attr()).index());
            }
        }
        for (int k = 0; k < loop.columns().size(); k++) {
            Column c = loop.columns().get(k);
            if (c.reads() && c.data().gathered() && !read.contains(k)) {
                for (Gather gather : c.data().gathers()) {
                    code.addStatement("$L", check(gather));
                }
            }
        }
    }

    /** {@code IndexOutOfRange.at(this.data_idx[...], scale, offset, size, where, data, axis)}: one gathered index, checked. */
    private CodeBlock check(Gather gather) {
        return CodeBlock.of("$T.at(this.$N[$L], $L, $L, $L, $S, $S, $S)", IndexOutOfRange.class,
                cls.dataField(gather.dataPort()), Loop.index("i", gather.dataBase(), gather.dataStep()), gather.scale(),
                Loop.index("i", gather.offset(), gather.offsetStep()), gather.size(), gather.where(), gather.data(),
                gather.axis());
    }

    /**
     * {@code base + step * i + stride * IndexOutOfRange.at(this.data_idx[...], ...)}: a position
     * whose gathered axes are read from data and checked at iteration i.
     */
    private CodeBlock position(int base, int step, List<Gather> gathers) {
        CodeBlock.Builder at = CodeBlock.builder();
        boolean affine = base != 0 || step != 0;
        if (affine) {
            at.add("$L", Loop.index("i", base, step));
        }
        for (Gather gather : gathers) {
            if (affine) {
                at.add(" + ");
            }
            affine = true;
            if (gather.stride() != 1) {
                at.add("$L * ", gather.stride());
            }
            at.add("$L", check(gather));
        }
        return at.build();
    }

    /** A changing constant at iteration i: {@code first + i * step}, or its table's element. */
    private CodeBlock column(Column c) {
        if (c.reads()) {
            return CodeBlock.of("this.$N[$L]", cls.dataField(c.data().port()),
                    position(c.data().base(), c.data().step(), c.data().gathers()));
        }
        if (c.affine()) {
            return CodeBlock.of("$L + i * $L", Leaf.javaLiteral(c.first()), Leaf.javaLiteral(c.step()));
        }
        return CodeBlock.of("$N[i]", cls.table(c, c.table()));
    }

    private CodeBlock ref(int i) {
        Node n = g.node(i);
        if (n.op() == Leaf.CONST) {
            return cls.tabulatesConstants()
                    ? CodeBlock.of("$N[$L]", ClassContext.CONSTANTS, cls.constant((Double) n.attr()))
                    : n.op().emit(List.of(), n.attr());
        }
        return CodeBlock.of("$N", names.get(i));
    }

    private String javadoc() {
        StringBuilder d = new StringBuilder();
        Graph v = loop.value();
        Port t = v.output(Loop.T);
        d.append(switch (form) {
            case VALUE -> "Sums ";
            case GRADIENT -> "Sums, and adds their adjoints into {@code grad}, ";
            case TANGENT -> "Sums, with their tangents along {@code xdot}, ";
            case HESSIAN -> "Sums, with their tangents along {@code v}, and adds the tangents of their adjoints into "
                    + "{@code hv}, ";
        })
                .append(loop.count()).append(" terms of ")
                .append(t.size() == 1 ? "one form" : t.size() + " forms").append(" for i = 0 .. ")
                .append(loop.count() - 1).append(":\n<ul>\n");
        for (int q = 0; q < t.size(); q++) {
            String text = Printer.inline(v, t.node(q), 200);
            d.append("  <li>{@code s[").append(loop.members().get(q)).append("]} = sum of ")
                    .append(text == null ? "a term of " + v.operationCount() + " operations"
                            : "{@code " + javadocSafe(text) + "}")
                    .append("</li>\n");
        }
        d.append("</ul>\n");
        for (int k = 0; k < loop.columns().size(); k++) {
            d.append("where {@code c").append(k).append("[i]} is ").append(describe(loop.columns().get(k)))
                    .append(".\n");
        }
        if (form == Form.GRADIENT) {
            d.append("Each term adds its partial derivatives times the adjoint of its sum.\n");
        } else if (form == Form.TANGENT) {
            d.append("The tangents are stored at {@code s[").append(2 * sums).append(" + sum]}.\n");
        } else if (form == Form.HESSIAN) {
            d.append("The tangents are stored at {@code s[").append(2 * sums).append(" + sum]}; each term adds the "
                    + "tangent along {@code v} of its partial derivatives times the adjoint of its sum.\n");
        }
        return d.toString();
    }

    private String describe(Column c) {
        if (c.reads() && c.data().gathered()) {
            return "{@code " + javadocSafe(c.data().gathers().get(0).read()) + "}, data read at a position taken from data";
        }
        if (c.reads()) {
            return "{@code this." + cls.dataField(c.data().port()) + "["
                    + dev.fluxion.compiler.roll.Loop.index("i", c.data().base(), c.data().step()) + "]}, data";
        }
        return c.affine() ? "{@code " + Leaf.javaLiteral(c.first()) + " + i * " + Leaf.javaLiteral(c.step()) + "}"
                : "{@code " + cls.table(c, c.table()) + "[i]}, a constant of each term";
    }

    /** Text for a Javadoc {@code {@code ...}}: braces balanced, no comment terminator. */
    private static String javadocSafe(String s) {
        return s.replace("*/", "* /").replace("{", "(").replace("}", ")").replace("@", "(at)");
    }
}

package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.TypeName;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.runtime.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Emits one {@link MethodPlan} as straight-line Java: one {@code final double} local per
 * node, named after the lecture's convention ({@code v3}, {@code dv3}, {@code bv3}), each
 * with the subexpression it computes as a comment; constants inline.
 *
 * <p>In a method that loops over directions, nodes that do not depend on the direction
 * are computed once before the loop (the primal is shared by all K tangents).
 *
 * <p>A body whose estimated bytecode exceeds {@link #PART_BUDGET} is split into private
 * part methods, each well under HotSpot's 8,000-byte JIT limit and the JVM's 64 KB limit;
 * values crossing from one part to another go through the per-thread scratch buffer.
 */
final class MethodEmitter {

    /**
     * Estimated bytes of bytecode allowed in one method (HotSpot compiles methods up to
     * 8,000). The estimate is two to three times the real size (a binary operation is
     * estimated at 40 bytes and compiles to 8-13, wide locals included), so parts stay far
     * below the limit, and a function of a few hundred operations is not split at all
     * (splitting costs a per-thread buffer lookup and stores per call: at 5,000, the
     * 10-dimensional Rosenbrock gradient was split in two and ran 1.3x slower than by hand).
     */
    static final int PART_BUDGET = 7000;

    /** Longest comment beside a statement before operands are shown by name. */
    private static final int COMMENT_WIDTH = 60;

    /** Largest array index written as a literal (sipush); larger ones use a base local. */
    private static final int SHORT_INDEX = Short.MAX_VALUE;
    private static final int INDEX_BLOCK = 16384;

    private static final TypeName DOUBLE_ARRAY = ArrayTypeName.of(double.class);

    private final MethodPlan plan;
    private final ClassContext cls;
    private final Graph g;
    private final NameAllocator names = new NameAllocator();
    private final String[] comments;
    private final boolean[] varying;
    private final String loopVar;
    private final String scratchVar;
    /** The statements only one side of a choice needs, emitted inside an {@code if} on its condition; null without choices. */
    private final Guards guards;

    /** Items of the body: a node's statement, or a write of an output element. */
    private sealed interface Item permits NodeItem, WriteItem {
    }

    private record NodeItem(int node) implements Item {
    }

    private record WriteItem(Access access, int element, int node) implements Item {
    }

    MethodEmitter(MethodPlan plan, ClassContext cls) {
        this.cls = cls;
        this.plan = plan;
        List<String> keep = new ArrayList<>();
        for (Port p : plan.graph().outputs()) {
            if (plan.writes().containsKey(p.name()) || p.name().equals(plan.returns())) {
                keep.add(p.name());
            }
        }
        this.g = plan.graph().keepOutputs(keep);
        for (MethodPlan.Param p : plan.params()) {
            names.newName(p.name(), "param:" + p.name());
        }
        this.loopVar = names.newName("d", "loop");
        this.scratchVar = names.newName("s", "scratch");
        for (int i = 0; i < g.size(); i++) {
            if (g.node(i).op() != Leaf.CONST) {
                String hint = g.hint(i);
                Identifiers.variable(names, hint != null ? hint : "t" + i, i);
            }
        }
        this.guards = Guards.of(g);
        this.comments = Printer.comments(g, i -> g.node(i).op() == Leaf.CONST ? null : names.get(i), COMMENT_WIDTH);
        this.varying = new boolean[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                varying[i] = read((InputRef) n.attr()).looped();
            } else {
                for (int k = 0; k < n.arity(); k++) {
                    varying[i] |= varying[n.arg(k)];
                }
            }
        }
    }

    private Access read(InputRef ref) {
        String port = g.inputs().get(ref.array()).name();
        Access a = plan.reads().get(port);
        if (a == null) {
            a = cls.dataAccess(port);
        }
        if (a == null) {
            throw new IllegalStateException(plan.name() + ": no access given for input port " + port);
        }
        return a;
    }

    /** The public method, followed by its private parts if it was split. */
    List<MethodSpec> emit() {
        List<Item> hoisted = new ArrayList<>();
        List<Item> looped = new ArrayList<>();
        collectItems(hoisted, looped);
        if (guards != null) {
            hoisted = guards.order(hoisted, MethodEmitter::nodeOf);
            looped = guards.order(looped, MethodEmitter::nodeOf);
        }
        int returnNode = plan.returns() == null ? -1 : g.output(plan.returns()).node(0);
        int cost = cost(hoisted) + cost(looped);
        MethodSpec.Builder main = header(plan.name(), !plan.helper());
        main.addJavadoc(plan.javadoc() + "\n");
        if (!plan.helper()) {
            main.addCode(checks());
        }
        if (cost <= PART_BUDGET) {
            Body body = new Body(null, -1);
            body.items(hoisted, false);
            if (!looped.isEmpty() || plan.loopCount() != null) {
                body.code.beginControlFlow("for (int $N = 0; $N < $L; $N++)", loopVar, loopVar, plan.loopCount(), loopVar);
                body.items(looped, true);
                body.code.endControlFlow();
            }
            if (returnNode >= 0) {
                body.code.addStatement("return $L", body.ref(returnNode));
            }
            main.addCode(body.finish());
            return List.of(main.build());
        }
        return split(main, hoisted, looped, returnNode);
    }

    private void collectItems(List<Item> hoisted, List<Item> looped) {
        // writes grouped by the node they write, in port order
        Map<Integer, List<WriteItem>> writesOf = new TreeMap<>();
        for (Port p : g.outputs()) {
            Access a = plan.writes().get(p.name());
            if (a == null) {
                continue;
            }
            for (int j = 0; j < p.size(); j++) {
                int id = p.node(j);
                WriteItem w = new WriteItem(a, j, id);
                if (a.accumulate() && g.node(id).op() == Leaf.CONST && (Double) g.node(id).attr() == 0.0) {
                    continue;                                   // adding zero writes nothing
                }
                if (g.node(id).op() == Leaf.CONST || (a.looped() && !varying[id])) {
                    (a.looped() ? looped : hoisted).add(w);
                } else {
                    writesOf.computeIfAbsent(id, k -> new ArrayList<>()).add(w);
                }
            }
        }
        for (int i = 0; i < g.size(); i++) {
            if (g.node(i).op() == Leaf.CONST) {
                continue;
            }
            List<Item> target = varying[i] ? looped : hoisted;
            target.add(new NodeItem(i));
            for (WriteItem w : writesOf.getOrDefault(i, List.of())) {
                if (w.access().looped() != varying[i]) {
                    throw new IllegalStateException(plan.name() + ": output " + w + " mixes loop levels");
                }
                target.add(w);
            }
        }
    }

    private int cost(List<Item> items) {
        int c = 0;
        for (Item it : items) {
            c += cost(it);
        }
        return c;
    }

    /** A generous estimate of the bytecode an item compiles to, scratch traffic included. */
    private int cost(Item it) {
        if (it instanceof WriteItem w) {
            return w.access().accumulate() ? 20 : 16;
        }
        return g.node(((NodeItem) it).node()).statementBytes();
    }

    // ------------------------------------------------------------------ splitting

    private List<MethodSpec> split(MethodSpec.Builder main, List<Item> hoisted, List<Item> looped,
                                   int returnNode) {
        // Inputs are read where they are used rather than spilled: an array read is as
        // cheap as a scratch read and keeps the parts independent.
        hoisted.removeIf(this::isInputItem);
        looped.removeIf(this::isInputItem);
        List<List<Item>> hoistedParts = partition(hoisted);
        List<List<Item>> loopedParts = partition(looped);
        List<List<Item>> parts = new ArrayList<>(hoistedParts);
        parts.addAll(loopedParts);
        int[] home = new int[g.size()];
        java.util.Arrays.fill(home, -1);
        for (int p = 0; p < parts.size(); p++) {
            for (Item it : parts.get(p)) {
                if (it instanceof NodeItem ni) {
                    home[ni.node()] = p;
                }
            }
        }
        // a value used outside its home part, or returned, goes through scratch
        int[] slot = new int[g.size()];
        java.util.Arrays.fill(slot, -1);
        int slots = 0;
        for (int p = 0; p < parts.size(); p++) {
            for (Item it : parts.get(p)) {
                for (int used : uses(it)) {
                    if (home[used] >= 0 && home[used] != p && slot[used] < 0) {
                        slot[used] = slots++;
                    }
                }
            }
        }
        if (returnNode >= 0 && home[returnNode] >= 0 && slot[returnNode] < 0) {
            slot[returnNode] = slots++;
        }
        cls.needScratch(slots);
        List<MethodSpec> methods = new ArrayList<>();
        CodeBlock.Builder mainCode = CodeBlock.builder();
        mainCode.addStatement("final double[] $N = workspace.get()", scratchVar);
        List<String> args = new ArrayList<>();
        for (MethodPlan.Param p : plan.params()) {
            if (p.isArray()) {
                args.add(names.get("param:" + p.name()));
            }
        }
        args.add(scratchVar);
        String argList = String.join(", ", args);
        List<String> hoistedCalls = new ArrayList<>();
        List<String> loopedCalls = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            boolean inLoop = p >= hoistedParts.size();
            String partName = cls.allocateMethodName(plan.name() + "Part" + (p + 1));
            (inLoop ? loopedCalls : hoistedCalls).add(partName);
            MethodSpec.Builder part = partHeader(partName, inLoop);
            part.addJavadoc("Part $L of $L of {@link #$N}.\n", p + 1, parts.size(), plan.name());
            Body body = new Body(home, p);
            body.slot = slot;
            body.items(parts.get(p), inLoop);
            part.addCode(body.finish());
            methods.add(part.build());
        }
        mainCode.add(dispatch(hoistedCalls, 1, argList, false, methods));
        if (!loopedParts.isEmpty()) {
            mainCode.beginControlFlow("for (int $N = 0; $N < $L; $N++)", loopVar, loopVar, plan.loopCount(), loopVar);
            mainCode.add(dispatch(loopedCalls, hoistedCalls.size() + 1, argList, true, methods));
            mainCode.endControlFlow();
        }
        if (returnNode >= 0) {
            Body ret = new Body(home, -1);
            ret.slot = slot;
            mainCode.addStatement("return $L", ret.ref(returnNode));
            main.addCode(ret.prefix());
        }
        main.addCode(mainCode.build());
        List<MethodSpec> all = new ArrayList<>();
        all.add(main.build());
        all.addAll(methods);
        return all;
    }

    /** A private part method's header: the arrays, the scratch buffer, and the direction index in a loop. */
    private MethodSpec.Builder partHeader(String name, boolean inLoop) {
        MethodSpec.Builder m = header(name, false);
        m.addParameter(DOUBLE_ARRAY, scratchVar, Modifier.FINAL);
        if (inLoop) {
            m.addParameter(int.class, loopVar, Modifier.FINAL);
        }
        return m;
    }

    /** The calls of {@code parts} (the first numbered {@code firstPart}) in order, grouped by {@link CallTree}. */
    private CodeBlock dispatch(List<String> parts, int firstPart, String argList, boolean inLoop,
                               List<MethodSpec> methods) {
        String args = argList + (inLoop ? ", " + loopVar : "");
        return CallTree.calls(parts, args, (first, last, count) -> {
            String groupName = cls.allocateMethodName(plan.name() + "Parts" + (firstPart + first) + "To" + (firstPart + last));
            return partHeader(groupName, inLoop)
                    .addJavadoc("Parts $L to $L of {@link #$N}, in order.\n", firstPart + first, firstPart + last, plan.name());
        }, methods);
    }

    private boolean isInputItem(Item it) {
        return it instanceof NodeItem ni && g.node(ni.node()).op() == Leaf.INPUT;
    }

    private List<List<Item>> partition(List<Item> items) {
        List<List<Item>> parts = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        int cost = 0;
        for (Item it : items) {
            int c = cost(it);
            if (!current.isEmpty() && cost + c > PART_BUDGET) {
                parts.add(current);
                current = new ArrayList<>();
                cost = 0;
            }
            current.add(it);
            cost += c;
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /** The node an item computes, or -1 for a write. */
    private static int nodeOf(Item it) {
        return it instanceof NodeItem ni ? ni.node() : -1;
    }

    private int[] uses(Item it) {
        if (it instanceof WriteItem w) {
            return g.node(w.node()).op() instanceof Leaf ? new int[0] : new int[] {w.node()};
        }
        Node n = g.node(((NodeItem) it).node());
        List<Integer> used = new ArrayList<>();
        for (int k = 0; k < n.arity(); k++) {
            if (!(g.node(n.arg(k)).op() instanceof Leaf)) {
                used.add(n.arg(k));
            }
        }
        if (guards != null) {
            // the conditions of the blocks the statement sits in
            for (dev.fluxion.compiler.diff.Sides.Guard s : guards.chain(((NodeItem) it).node())) {
                if (!(g.node(s.condition()).op() instanceof Leaf)) {
                    used.add(s.condition());
                }
            }
        }
        return used.stream().mapToInt(Integer::intValue).toArray();
    }

    // ------------------------------------------------------------------ method text

    private MethodSpec.Builder header(String name, boolean isPublic) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name);
        if (isPublic) {
            m.addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
            m.returns(plan.returns() == null ? TypeName.VOID : TypeName.DOUBLE);
        } else if (name.equals(plan.name())) {
            m.addModifiers(Modifier.PRIVATE).returns(plan.returns() == null ? TypeName.VOID : TypeName.DOUBLE);
        } else {
            m.addModifiers(Modifier.PRIVATE).returns(TypeName.VOID);
        }
        for (MethodPlan.Param p : plan.params()) {
            if (isPublic || p.isArray()) {
                m.addParameter(p.isArray() ? DOUBLE_ARRAY : TypeName.INT, names.get("param:" + p.name()), Modifier.FINAL);
            }
        }
        return m;
    }

    private CodeBlock checks() {
        CodeBlock.Builder c = CodeBlock.builder();
        for (MethodPlan.Param p : plan.params()) {
            if (!p.isArray()) {
                c.addStatement("$T.count($N, $S)", Checks.class, names.get("param:" + p.name()), p.name());
            }
        }
        for (MethodPlan.Param p : plan.params()) {
            if (p.isArray()) {
                c.addStatement("$T.length($N, $L, $S)", Checks.class, names.get("param:" + p.name()), p.length(), p.name());
            }
        }
        return c.build();
    }

    /** The statements of one method body, with the index bases it needs. */
    private final class Body {
        final CodeBlock.Builder code = CodeBlock.builder();
        final int[] home;
        final int part;
        int[] slot;
        final Map<Integer, String> bases = new TreeMap<>();

        Body(int[] home, int part) {
            this.home = home;
            this.part = part;
        }

        /** The items in order, each statement only one side of a choice needs inside its {@code if} blocks. */
        void items(List<Item> items, boolean inLoop) {
            if (guards == null) {
                for (Item it : items) {
                    item(it, false, -1);
                }
                return;
            }
            int[] nodes = items.stream().mapToInt(MethodEmitter::nodeOf).toArray();
            guards.emit(code, nodes, i -> true, c -> inLoop || !varying[c], new Guards.Writer() {
                @Override
                public void statement(CodeBlock.Builder c, int position, boolean assign, int chosen) {
                    item(items.get(position), assign, chosen);
                }

                @Override
                public void declare(CodeBlock.Builder c, int node) {
                    code.add("double $N = 0.0; // $L\n", names.get(node), comment(node));
                }

                @Override
                public CodeBlock ref(int node) {
                    return Body.this.ref(node);
                }

                @Override
                public String describe(int node) {
                    return comment(node);
                }
            });
        }

        /**
         * One item; {@code assign}: the node's local was declared before its block, assign it;
         * {@code chosen}: the node is a choice decided by the enclosing blocks, worth this argument.
         */
        void item(Item it, boolean assign, int chosen) {
            if (it instanceof NodeItem ni) {
                int i = ni.node();
                Node n = g.node(i);
                CodeBlock expr;
                if (n.op() == Leaf.INPUT) {
                    InputRef ref = (InputRef) n.attr();
                    expr = readExpr(read(ref), ref.index());
                } else if (chosen >= 0) {
                    expr = ref(chosen);
                } else {
                    List<CodeBlock> args = new ArrayList<>();
                    for (int k = 0; k < n.arity(); k++) {
                        args.add(ref(n.arg(k)));
                    }
                    expr = n.op().emit(args, n.attr());
                }
                code.add(assign ? "$N = $L; // $L\n" : "final double $N = $L; // $L\n", names.get(i), expr, comment(i));
                if (slot != null && slot[i] >= 0) {
                    code.addStatement("$N[$L] = $N", scratchVar, index(slot[i]), names.get(i));
                }
            } else {
                WriteItem w = (WriteItem) it;
                Access a = w.access();
                code.addStatement("$N[$L] $L $L", names.get("param:" + a.array()), loopIndex(a, w.element()),
                        a.accumulate() ? "+=" : "=", ref(w.node()));
            }
        }

        private String comment(int i) {
            String c = comments[i];
            return c == null ? names.get(i) : c;
        }

        /** How this body refers to node i: a literal, its local, or its scratch slot. */
        CodeBlock ref(int i) {
            Node n = g.node(i);
            if (n.op() == Leaf.CONST) {
                return cls.tabulatesConstants()
                        ? CodeBlock.of("$N[$L]", ClassContext.CONSTANTS, index(cls.constant((Double) n.attr())))
                        : n.op().emit(List.of(), n.attr());
            }
            if (home == null || home[i] == part) {
                return CodeBlock.of("$N", names.get(i));
            }
            if (n.op() == Leaf.INPUT) {
                // read in place; a unit direction is a conditional, parenthesized as an operand
                Access a = read((InputRef) n.attr());
                CodeBlock e = readExpr(a, ((InputRef) n.attr()).index());
                return a.unit() ? CodeBlock.of("($L)", e) : e;
            }
            return CodeBlock.of("$N[$L]", scratchVar, index(slot[i]));
        }

        private CodeBlock readExpr(Access a, int element) {
            if (a.unit()) {
                return CodeBlock.of("$N == $L ? 1.0 : 0.0", loopVar, index(element));
            }
            if (a.isField()) {
                return CodeBlock.of("this.$N[$L]", a.array().substring("this.".length()), loopIndex(a, element));
            }
            return CodeBlock.of("$N[$L]", names.get("param:" + a.array()), loopIndex(a, element));
        }

        private CodeBlock loopIndex(Access a, int element) {
            long constant = a.offset() + a.position(element) * a.elementStride();
            CodeBlock c = index(constant);
            if (a.loopStride() == 0) {
                return c;
            }
            CodeBlock dTerm = a.loopStride() == 1 ? CodeBlock.of("$N", loopVar)
                    : CodeBlock.of("$N * $L", loopVar, a.loopStride());
            return constant == 0 ? dTerm : CodeBlock.of("$L + $L", dTerm, c);
        }

        /**
         * An array index. Up to 32,767 it is a literal; beyond, a local base plus a small
         * offset, so a function with 100,000 inputs does not fill the class's constant pool
         * with one integer per index.
         */
        CodeBlock index(long i) {
            if (i > Integer.MAX_VALUE) {
                throw new IllegalStateException("array index " + i + " does not fit in an int");
            }
            if (i <= SHORT_INDEX) {
                return CodeBlock.of("$L", i);
            }
            int block = (int) (i / INDEX_BLOCK);
            String base = bases.computeIfAbsent(block, b -> names.newName("o" + b));
            return CodeBlock.of("$N + $L", base, i % INDEX_BLOCK);
        }

        /** Declarations of the index bases. Not final, so the compiler cannot fold them into constants. */
        CodeBlock prefix() {
            CodeBlock.Builder p = CodeBlock.builder();
            for (Map.Entry<Integer, String> e : bases.entrySet()) {
                p.addStatement("int $N = $L * $L", e.getValue(), e.getKey(), INDEX_BLOCK);
            }
            return p.build();
        }

        CodeBlock finish() {
            return CodeBlock.builder().add(prefix()).add(code.build()).build();
        }
    }
}

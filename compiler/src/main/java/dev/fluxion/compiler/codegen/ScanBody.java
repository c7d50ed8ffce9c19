package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.NameAllocator;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.roll.Column;
import dev.fluxion.compiler.roll.Loop;
import dev.fluxion.compiler.roll.ScanLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of one template graph of a {@link ScanLoop} in one method of {@link ScanEmitter}:
 * a name for every node (one {@code final double} each, commented with what it computes), which
 * nodes change from step to step, and how each input port is read ({@link Read}: slots of an
 * array parameter at their affine positions, the loop variable and data, one local per carry, or
 * the step's tape).
 */
final class ScanBody {

    private static final int COMMENT_WIDTH = 60;

    /** How a body reads the inputs of one of its ports. */
    sealed interface Read permits Slot, Columns, Local, Taped {
    }

    /** Element {@code base + step * i} of the method's array parameter {@code array} (x, xdot, v). */
    record Slot(String array) implements Read {
    }

    /** The loop variable's value or a data element at step i. */
    record Columns() implements Read {
    }

    /** One local per carry, {@code prefix + carry}: the carries, their cotangents, tangents. */
    record Local(String prefix) implements Read {
    }

    /** Element {@code offset + k} of the step's tape at {@code at}, named {@code prefix + carry}. */
    record Taped(int offset, String prefix) implements Read {
    }

    private final ScanLoop scan;
    private final ClassContext cls;
    final Graph g;
    final NameAllocator names = new NameAllocator();
    final boolean[] varying;
    final String[] comments;
    /** How each port is read; a port read from locals may later be read from the tape ({@link #read}). */
    private final java.util.Map<Integer, Read> reads;
    private final java.util.Map<Integer, String[]> locals = new java.util.HashMap<>();
    private int copies;
    /** The statements only one side of a choice needs go inside an {@code if} on its condition; null without choices. */
    private final Guards guards;
    /** The nodes {@link #hoisted} computed before the loop, readable as conditions inside it. */
    private final boolean[] hoistedDone;

    ScanBody(ScanLoop scan, ClassContext cls, Graph g, List<String> params, java.util.Map<Integer, Read> reads) {
        this.scan = scan;
        this.cls = cls;
        this.g = g;
        this.reads = new java.util.HashMap<>(reads);
        for (String r : List.of("i", "at", "segment", "first", "end", "action")) {
            names.newName(r, "reserved:" + r);
        }
        for (String p : params) {
            names.newName(p, "param:" + p);
        }
        List<String> carries = scan.scan().carries();
        for (java.util.Map.Entry<Integer, Read> e : new java.util.TreeMap<>(reads).entrySet()) {
            if (e.getValue() instanceof Local l) {
                String[] n = new String[carries.size()];
                for (int k = 0; k < n.length; k++) {
                    n[k] = Identifiers.variable(names, l.prefix() + carries.get(k), "local:" + e.getKey() + ":" + k);
                }
                locals.put(e.getKey(), n);
            }
        }
        varying = new boolean[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            if (n.op() == Leaf.INPUT) {
                InputRef ref = (InputRef) n.attr();
                Read read = reads.get(ref.array());
                varying[i] = read instanceof Slot ? scan.step(ref.index()) != 0 : read != null;
                String hint;
                if (read instanceof Slot sl) {
                    hint = (sl.array().equals("x") ? "in" : sl.array().equals("xdot") ? "din" : "vin") + ref.index();
                } else if (read instanceof Local l) {
                    hint = l.prefix() + carries.get(ref.index()) + "At";
                } else if (read instanceof Taped t) {
                    hint = t.prefix() + carries.get(ref.index()) + "At";
                } else {
                    hint = (read == null ? "unread" + ref.array() + "_" : "c") + ref.index();
                }
                Identifiers.variable(names, hint, i);
            } else if (n.op() != Leaf.CONST) {
                for (int k = 0; k < n.arity(); k++) {
                    varying[i] |= varying[n.arg(k)];
                }
                String hint = g.hint(i);
                Identifiers.variable(names, hint != null ? hint : "t" + i, i);
            }
        }
        comments = Printer.comments(g, i -> g.node(i).op() == Leaf.CONST ? null : name(i), COMMENT_WIDTH);
        guards = Guards.of(g);
        hoistedDone = new boolean[g.size()];
    }

    /** The locals of port {@code port}, read as {@link Local}. */
    String[] local(int port) {
        return locals.get(port);
    }

    /** From now on, port {@code port} is read as {@code read} (its nodes keep their own names). */
    void read(int port, Read read) {
        reads.put(port, read);
    }

    String name(int i) {
        Node n = g.node(i);
        if (n.op() == Leaf.INPUT) {
            InputRef ref = (InputRef) n.attr();
            if (reads.get(ref.array()) instanceof Local) {
                return locals.get(ref.array())[ref.index()];
            }
        }
        return names.get(i);
    }

    /** Whether node i is a local of its own (not a carry's local, not a constant). */
    private boolean ownLocal(int i) {
        Node n = g.node(i);
        if (n.op() == Leaf.CONST) {
            return false;
        }
        return n.op() != Leaf.INPUT || !(reads.get(((InputRef) n.attr()).array()) instanceof Local);
    }

    /** Declares the carries' locals at their starts. */
    void declareCarries(CodeBlock.Builder c) {
        String[] carry = local(Scan.CARRY_PORT);
        for (int k = 0; k < carry.length; k++) {
            Scan.Init start = scan.scan().init().get(k);
            CodeBlock value = start.isConstant() ? constant(start.constant())
                    : start.port() == 0 ? CodeBlock.of("x[$L]", start.index())
                    : CodeBlock.of("this.$N[$L]", cls.dataField(start.port()), start.index());
            c.addStatement("double $N = $L", carry[k], value);
        }
    }

    /** The nodes in {@code need} that do not change from step to step, before the loop. */
    void hoisted(CodeBlock.Builder c, boolean[] need) {
        boolean[] pick = new boolean[g.size()];
        for (int i = 0; i < g.size(); i++) {
            pick[i] = need[i] && !varying[i];
        }
        statements(c, pick, i -> null);
        for (int i = 0; i < g.size(); i++) {
            hoistedDone[i] |= pick[i];
        }
    }

    /** The nodes in {@code need} that change from step to step, inside the loop. */
    void varying(CodeBlock.Builder c, boolean[] need) {
        boolean[] pick = new boolean[g.size()];
        for (int i = 0; i < g.size(); i++) {
            pick[i] = need[i] && varying[i];
        }
        statements(c, pick, i -> null);
    }

    /**
     * The statements of the nodes in {@code pick} in order, each loaded from {@code load} where it
     * gives a value (else computed); a computed statement that only one side of a choice needs sits
     * inside an {@code if} on the condition ({@link Guards}).
     */
    void statements(CodeBlock.Builder c, boolean[] pick, java.util.function.IntFunction<CodeBlock> load) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            if (pick[i] && ownLocal(i)) {
                ids.add(i);
            }
        }
        if (guards == null) {
            for (int i : ids) {
                statement(c, i, load.apply(i), false, -1);
            }
            return;
        }
        int[] nodes = guards.order(ids, Integer::intValue, i -> load.apply(i) == null).stream()
                .mapToInt(Integer::intValue).toArray();
        guards.emit(c, nodes, i -> load.apply(i) == null, k -> !ownLocal(k) || hoistedDone[k], new Guards.Writer() {
            @Override
            public void statement(CodeBlock.Builder b, int position, boolean assign, int chosen) {
                ScanBody.this.statement(b, nodes[position], load.apply(nodes[position]), assign, chosen);
            }

            @Override
            public void declare(CodeBlock.Builder b, int node) {
                b.add("double $N = 0.0; // $L\n", name(node), comments[node] == null ? name(node) : comments[node]);
            }

            @Override
            public CodeBlock ref(int node) {
                return ScanBody.this.ref(node);
            }

            @Override
            public String describe(int node) {
                return comments[node] == null ? name(node) : comments[node];
            }
        });
    }

    /** Stores the locals of port {@code port} into the step's tape at {@code at + offset}. */
    void storeLocals(CodeBlock.Builder c, int port, int offset) {
        String[] l = local(port);
        for (int k = 0; k < l.length; k++) {
            c.addStatement("tape[at + $L] = $N", offset + k, l[k]);
        }
    }

    /** Stores the carries ({@code values} false) or the taped values into the step's tape at {@code at}. */
    void storeStep(CodeBlock.Builder c, boolean values) {
        if (!values) {
            storeLocals(c, Scan.CARRY_PORT, 0);
            return;
        }
        int[] taped = scan.taped();
        for (int j = 0; j < taped.length; j++) {
            c.addStatement("tape[at + $L] = $L", scan.width() + j, ref(taped[j]));
        }
    }

    /** Where taped node {@code id} is stored in a step's tape. */
    int tapeSlot(int id) {
        int[] taped = scan.taped();
        for (int j = 0; j < taped.length; j++) {
            if (taped[j] == id) {
                return scan.width() + j;
            }
        }
        throw new IllegalStateException("node " + id + " is not taped");
    }

    /** {@code locals[k] = port's node k} for every k, all read before any is written. */
    void update(CodeBlock.Builder c, Port port, String[] locals) {
        update(c, port.nodes(), locals);
    }

    void update(CodeBlock.Builder c, List<Integer> nodes, String[] locals) {
        CodeBlock[] values = new CodeBlock[nodes.size()];
        for (int k = 0; k < values.length; k++) {
            int id = nodes.get(k);
            boolean local = g.node(id).op() == Leaf.INPUT && !ownLocal(id);
            values[k] = ref(id);
            if (local && !values[k].toString().equals(locals[k])) {
                // another carry's local, about to be overwritten: read it first
                String copy = names.newName(locals[k] + "Next", "copy:" + copies++);
                c.addStatement("final double $N = $L", copy, values[k]);
                values[k] = CodeBlock.of("$N", copy);
            }
        }
        for (int k = 0; k < values.length; k++) {
            if (!values[k].toString().equals(locals[k])) {
                c.addStatement("$N = $L", locals[k], values[k]);
            }
        }
    }

    /** {@code s[shift + offset + k] = local k} of port {@code port}. */
    void store(CodeBlock.Builder c, int port, int shift) {
        String[] l = local(port);
        for (int k = 0; k < l.length; k++) {
            c.addStatement("s[$L] = $N", shift + scan.offset() + k, l[k]);
        }
    }

    boolean isZero(int i) {
        Node n = g.node(i);
        return n.op() == Leaf.CONST && (Double) n.attr() == 0.0;
    }

    /**
     * {@code final double name = expr; // comment}, the value loaded from {@code load} when given;
     * {@code assign}: the local was declared before its block ({@link Guards}), {@code name = expr};
     * {@code chosen}: the node is a choice decided by the enclosing blocks, worth this argument.
     */
    private void statement(CodeBlock.Builder c, int i, CodeBlock load, boolean assign, int chosen) {
        Node n = g.node(i);
        CodeBlock expr;
        if (load != null) {
            expr = load;
        } else if (n.op() == Leaf.INPUT) {
            InputRef ref = (InputRef) n.attr();
            Read read = reads.get(ref.array());
            if (read instanceof Slot sl) {
                expr = CodeBlock.of("$N[$L]", sl.array(), scan.slotIndex(ref.index(), "i"));
            } else if (read instanceof Columns) {
                expr = column(scan.columns().get(ref.index()));
            } else if (read instanceof Taped t) {
                expr = CodeBlock.of("tape[at + $L]", t.offset() + ref.index());
            } else if (read instanceof Local) {
                return;
            } else {
                throw new IllegalStateException("port " + ref.array() + " is not read here");
            }
        } else if (chosen >= 0) {
            expr = ref(chosen);
        } else {
            List<CodeBlock> args = new ArrayList<>();
            for (int k = 0; k < n.arity(); k++) {
                args.add(ref(n.arg(k)));
            }
            expr = n.op().emit(args, n.attr());
        }
        String comment = comments[i] == null ? name(i) : comments[i];
        c.add(assign ? "$N = $L; // $L\n" : "final double $N = $L; // $L\n", name(i), expr,
                load != null ? "taped: " + comment : comment);
    }

    CodeBlock ref(int i) {
        Node n = g.node(i);
        if (n.op() == Leaf.CONST) {
            return constant((Double) n.attr());
        }
        return CodeBlock.of("$N", name(i));
    }

    CodeBlock constant(double v) {
        return cls.tabulatesConstants() ? CodeBlock.of("$N[$L]", ClassContext.CONSTANTS, cls.constant(v))
                : Leaf.CONST.emit(List.of(), v);
    }

    /** The loop variable's value or a data element at step i. */
    private CodeBlock column(Column c) {
        return column(c, cls);
    }

    /** Column {@code c} at step i in a class {@code cls}: a data element, or the loop variable's value. */
    static CodeBlock column(Column c, ClassContext cls) {
        if (c.reads()) {
            return CodeBlock.of("this.$N[$L]", cls.dataField(c.data().port()), Loop.index("i", c.data().base(), c.data().step()));
        }
        return CodeBlock.of("$L + i", Leaf.javaLiteral(c.first()));
    }
}

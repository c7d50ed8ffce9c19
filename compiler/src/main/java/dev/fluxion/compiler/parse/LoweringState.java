package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.ir.Gather;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Labels;
import dev.fluxion.compiler.ir.LoopSum;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ops.Logic;
import dev.fluxion.compiler.ops.OpTable;
import dev.fluxion.compiler.ops.Shapes;
import dev.fluxion.grammar.FluxionLexer;
import dev.fluxion.grammar.FluxionParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * What {@link Lowering} knows while it walks a parse tree, and the helpers that read it: the
 * variables in scope and where each was defined, the size symbols, the array and data
 * parameters (an element's input made where it is read, {@link #element}; inside a term lowered
 * once for every index, a slot of the term, {@link #termElement}), the arrays passed to a
 * function of the file, name checks, names resolved to nodes, and errors with line and column.
 */
abstract class LoweringState {

    static final Set<String> KEYWORDS = Set.of("fn", "return", "model", "input", "label", "param", "init", "of",
            "if", "then", "else", "and", "or", "not", "in", "for");

    final SourceText source;
    /** The function's builder. */
    final GraphBuilder main;
    /** Where nodes go: {@link #main}, or the term's own builder while a loop sum's term is lowered. */
    GraphBuilder b;
    /** Whether a long sum may be kept as a loop sum ({@link LoopTerm}) instead of written out. */
    boolean keepLoops;
    /** Whether the function returns several values (then its loops are written out). */
    boolean severalResults;
    /** The loop sums kept so far, element r of input port {@code s}; shared with inlined calls. */
    List<LoopSum> loopSums = new ArrayList<>();
    /** The {@code for} loops kept as scans so far; shared with inlined calls. */
    List<Scan> scans = new ArrayList<>();
    /**
     * What each element of input port {@code s} holds, in the order lowering made them: loop sum
     * r as r, carry k of scan q as {@code -1 - (carries of the scans before q) - k}; {@code
     * Lowering.program} renumbers the carries after the loop sums. Shared with inlined calls.
     */
    List<Integer> portS = new ArrayList<>();
    /** The term being lowered once for every index, or null. */
    LoopTerm term;
    /** While a term is lowered: the variables in scope outside it (nodes of {@link #main}). */
    Map<String, Integer> outer = Map.of();
    /** Variables in scope: name to node id, and where each was defined. */
    final Map<String, Integer> scope = new HashMap<>();
    final Map<String, Token> definedAt = new HashMap<>();
    /** The variables that hold a condition (a comparison, or and/or/not of conditions) rather than a number. */
    final Set<String> conditions = new HashSet<>();
    /** Names whose statement had an error: a later use is not reported again (see {@link #statement}). */
    final Set<String> failed = new HashSet<>();
    /** Whether the expression lowered last is a condition. */
    boolean lastIsCondition;
    /** The parameters of the function being lowered: they cannot be assigned. */
    final Set<String> parameters = new HashSet<>();
    /** The variables of the loops being lowered. */
    final Set<String> loopVariables = new HashSet<>();
    /** The value of every size symbol the caller bound ({@code n} in {@code x[n]}). */
    Map<String, Integer> sizes = Map.of();
    /** The size symbols the function being lowered uses, with their values; names usable in expressions. */
    final Map<String, Integer> sizeSymbols = new HashMap<>();
    /** The array parameters in scope: their shapes and the input node of each element, row-major. */
    final Map<String, ArrayVar> arrays = new HashMap<>();

    /**
     * An array parameter: its dimensions, its input port (0, or a data parameter's port) and its
     * first element's position there (the rest follow, row-major).
     */
    record ArrayVar(int[] dims, int offset, int port) {
    }
    /** The input ports of the data parameters, in order (ports 2, 3, ...). */
    final List<Port> dataPorts = new ArrayList<>();
    List<String> knownVariables = List.of();

    /**
     * Whether tensor operations may be called: in a model, yes; in a scalar program, the
     * scalar functions keep their scalar meaning ({@code max} takes two arguments) and a
     * tensor operation ({@code sum}, {@code softmax}) is an error, since its code is
     * generated only for models.
     */
    final boolean tensors;

    /** The functions of the file, which calls may inline. */
    final Helpers helpers;

    /** Fewest terms a sum kept as a loop has ({@link LoopSum#MIN_TERMS}, as for re-rolling). */
    static final int LOOP_TERMS = LoopSum.MIN_TERMS;

    /** The input node of element {@code flat} (row-major) of array {@code a}, named {@code x_1_2} in generated code. */
    int arrayElement(String name, ArrayVar a, int flat) {
        int id = b.input(a.port(), a.offset() + flat);
        b.hint(id, Labels.variableName(name + "[" + elementIndex(a.dims(), flat) + "]"));
        return id;
    }

    /** How the program writes input node {@code id} of the function's builder: {@code x[3]}, {@code w}. */
    String inputLabel(int id) {
        dev.fluxion.compiler.ir.Node n = main.node(id);
        if (n.attr() instanceof dev.fluxion.compiler.ir.InputRef ref) {
            for (Map.Entry<String, ArrayVar> e : new java.util.TreeMap<>(arrays).entrySet()) {
                ArrayVar a = e.getValue();
                int size = 1;
                for (int d : a.dims()) {
                    size *= d;
                }
                if (a.port() == ref.array() && ref.index() >= a.offset() && ref.index() < a.offset() + size) {
                    return e.getKey() + "[" + elementIndex(a.dims(), ref.index() - a.offset()) + "]";
                }
            }
        }
        String hint = main.hintOf(id);
        return hint != null ? hint : "t" + id;
    }

    static String elementIndex(int[] dims, int flat) {
        int[] idx = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            idx[d] = flat % dims[d];
            flat /= dims[d];
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < idx.length; d++) {
            sb.append(d == 0 ? "" : ", ").append(idx[d]);
        }
        return sb.toString();
    }

    /** The dimensions of an array parameter, its size symbols looked up in the bound sizes. */
    int[] arrayShape(FluxionParser.ParameterContext pc) {
        List<FluxionParser.DimensionContext> ds = pc.shape().dims;
        int[] dims = new int[ds.size()];
        for (int i = 0; i < dims.length; i++) {
            FluxionParser.DimensionContext d = ds.get(i);
            if (d instanceof FluxionParser.FixedDimensionContext f) {
                double v = Double.parseDouble(f.NUMBER().getText());
                if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
                    throw error(f.NUMBER().getSymbol(), "a dimension is a whole number of at least 1, got " + f.getText());
                }
                dims[i] = (int) v;
            } else {
                Token sym = ((FluxionParser.NamedDimensionContext) d).ID().getSymbol();
                Integer v = sizes.get(sym.getText());
                if (v == null) {
                    throw error(sym, "unknown size '" + sym.getText() + "' of array '" + pc.ID().getText()
                            + "': bind it when compiling (Options.withSize(\"" + sym.getText() + "\", 10); on the "
                            + "command line --size " + sym.getText() + "=10)");
                }
                if (v < 1) {
                    throw error(sym, "size '" + sym.getText() + "' is " + v + "; an array dimension is at least 1");
                }
                dims[i] = v;
                sizeSymbols.put(sym.getText(), v);
            }
        }
        return dims;
    }

    /**
     * The array {@code a} passed for array parameter {@code pc} of {@code fn}: same rank; each
     * dimension a number equal to the argument's, or a size symbol, bound (in {@code callee}) to
     * the argument's dimension unless the caller bound it already, when they must agree.
     */
    ArrayVar bindArray(Token at, FluxionParser.FunctionContext fn, FluxionParser.ParameterContext pc, ArrayVar a,
                               Lowering callee) {
        List<FluxionParser.DimensionContext> ds = pc.shape().dims;
        if (ds.size() != a.dims().length) {
            throw error(at, "'" + fn.name.getText() + "' takes " + pc.getText() + ", an array of " + ds.size()
                    + " ax" + (ds.size() == 1 ? "is" : "es") + "; the argument has shape " + Shape.of(a.dims()));
        }
        for (int d = 0; d < ds.size(); d++) {
            int want = a.dims()[d];
            Integer have;
            String what;
            if (ds.get(d) instanceof FluxionParser.FixedDimensionContext f) {
                have = (int) Double.parseDouble(f.NUMBER().getText());
                what = f.getText();
            } else {
                String sym = ((FluxionParser.NamedDimensionContext) ds.get(d)).ID().getText();
                have = callee.sizeSymbols.containsKey(sym) ? callee.sizeSymbols.get(sym) : sizes.get(sym);
                what = sym + " = " + have;
                if (have == null || have == want) {
                    // bound in the callee's body too, also when the symbol is bound for the whole file
                    callee.sizeSymbols.put(sym, want);
                    continue;
                }
            }
            if (have != want) {
                throw error(at, "'" + fn.name.getText() + "' takes " + pc.getText() + " with axis " + d + " of " + what
                        + "; the argument has shape " + Shape.of(a.dims()));
            }
        }
        return a;
    }

    static String quoteJava(String s) {
        return s == null ? "null" : SyntaxErrors.quote(s);
    }

    static boolean isReserved(String name) {
        return KEYWORDS.contains(name) || OpTable.function(name) != null || OpTable.constant(name) != null;
    }

    void checkName(Token t) {
        String n = t.getText();
        if (OpTable.function(n) != null) {
            throw error(t, "'" + n + "' is a function and cannot be a variable");
        }
        if (OpTable.constant(n) != null) {
            throw error(t, "'" + n + "' is a constant and cannot be a variable");
        }
    }

    /** The name of the variable of a reduction or a loop ({@code role}), which must not be defined yet. */
    String newVariable(Token var, String role) {
        checkName(var);
        String v = var.getText();
        if (scope.containsKey(v) || outer.containsKey(v) || arrays.containsKey(v) || sizeSymbols.containsKey(v)) {
            throw error(var, "'" + v + "' is already defined; " + role + " needs a new name");
        }
        return v;
    }

    /** Marks the lowered atom of {@code x[...]} where x is an array parameter (resolved by {@link #element}). */
    static final int ARRAY = Integer.MIN_VALUE;

    /**
     * Marks an array passed whole to a function of the file ({@code norm(x)}): argument
     * {@code ARRAY_ARGUMENT - k} is {@code arrayArguments.get(k)}, bound to the callee's array
     * parameter by {@link #inline}.
     */
    static final int ARRAY_ARGUMENT = Integer.MIN_VALUE + 1_000_000;
    final List<ArrayVar> arrayArguments = new ArrayList<>();

    /** Whether {@code n} is, alone, an argument of a call of a function of this file. */
    boolean wholeArgumentOfHelper(FluxionParser.NameContext n) {
        ParserRuleContext ctx = n;
        while (ctx.getParent() != null && !(ctx.getParent() instanceof FluxionParser.ArgumentContext)) {
            if (ctx.getParent().getChildCount() != 1) {
                return false;
            }
            ctx = ctx.getParent();
        }
        return ctx.getParent() instanceof FluxionParser.ArgumentContext a && a.key == null && a.var == null
                && a.getParent() instanceof FluxionParser.CallContext call && helpers.function(call.ID().getText()) != null;
    }

    /**
     * {@code x[i, j]} of an array parameter: every index a whole number known when the function
     * is compiled (constants, sizes and the variables of enclosing reductions), inside the shape,
     * or an element of integer data plus such a number ({@code x[idx[3] + 1]}): a gather, whose
     * position is known only at run time ({@link #gatheredElement}).
     */
    int element(FluxionParser.PostfixContext p, int[] r) {
        Token name = p.getStart();
        ArrayVar a = arrays.get(name.getText());
        int[] dims = a.dims();
        if (p.indices.size() != dims.length) {
            throw error(name, "array '" + name.getText() + "' of shape " + Shape.of(dims) + " needs " + dims.length
                    + " ind" + (dims.length == 1 ? "ex" : "ices") + ", got " + p.indices.size());
        }
        if (term != null) {
            return termElement(p, a, r);
        }
        long flat = 0;
        int next = 1;
        List<Gather> gathers = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (int d = 0; d < dims.length; d++) {
            FluxionParser.IndexContext ix = p.indices.get(d);
            long i;
            if (ix instanceof FluxionParser.SingleIndexContext si) {
                i = integer(si.at);
            } else if (ix instanceof FluxionParser.ExpressionIndexContext) {
                int node = r[next++];
                LoopTerm.Linear lin = b.isConstant(node) ? null : LoopTerm.linear(b, node, -1, 0);
                if (lin != null && lin.scale() != 0) {
                    InputRef read = (InputRef) b.node(lin.leaf()).attr();
                    gathers.add(gather(p, a, d, read.array(), read.index(), 0, lin, dataText(ix)));
                    flat = flat * dims[d];
                    written.add(text(ix));
                    continue;
                }
                i = wholeConstant(node, ix.getStart(), "an index");
            } else {
                throw error(ix.getStart(), "slices of array parameters are not supported; index one element, "
                        + "or reduce: sum(i in 0.." + (dims[d] - 1) + ": ...)");
            }
            if (i < 0 || i >= dims[d]) {
                throw error(ix.getStart(), "index " + i + " is outside axis " + d + " of '" + name.getText() + "' (0.."
                        + (dims[d] - 1) + ")");
            }
            flat = flat * dims[d] + i;
            written.add(Long.toString(i));
        }
        if (!gathers.isEmpty()) {
            return gatheredElement(p, a, flat, gathers, name.getText() + "[" + String.join(", ", written) + "]");
        }
        return arrayElement(name.getText(), a, (int) flat);
    }

    /** Most gathers outside sums kept as loops: each is a loop of one iteration in the generated code. */
    static final int MAX_SINGLE_GATHERS = 256;

    /**
     * An element of an array parameter read outside a sum kept as a loop at a position read from
     * data ({@code x[idx[3]]}, a term of a sum written out): a loop sum of one term, the gathered
     * slot, so that every method reads it, and adds its adjoint into the gradient, at the position
     * computed (and checked) at run time, as a sum kept as a loop does. Reading the same element
     * twice gives the same loop sum.
     */
    private int gatheredElement(FluxionParser.PostfixContext p, ArrayVar a, long flat, List<Gather> gathers,
                                String label) {
        Token at = p.getStart();
        if (!keepLoops) {
            throw error(at, text(p) + " reads at a position taken from data at run time, which only a loop can do, "
                    + (severalResults ? "and a function returning several values has its loops written out (loops are "
                            + "kept for one result): write one function per result"
                            : "and loops are off (Options.withLoops(false))"));
        }
        LoopTerm t = new LoopTerm(main.fresh(), "_", 0, 1);
        LoopSum sum = t.build(a.port() == 0 ? t.slot((int) (a.offset() + flat), 0, gathers, label)
                : t.data(a.port(), (int) flat, 0, gathers, label));
        int r = -1;
        for (int q = 0; q < loopSums.size() && r < 0; q++) {
            if (sameGather(loopSums.get(q), sum)) {
                r = q;
            }
        }
        if (r < 0) {
            if (loopSums.stream().filter(l -> l.count() == 1 && l.hasGathers()).count() >= MAX_SINGLE_GATHERS) {
                throw error(at, "more than " + MAX_SINGLE_GATHERS + " reads at positions taken from data outside sums "
                        + "kept as loops; write them in a sum(k in ...: ...) whose term reads only parameters, data "
                        + "and k, which is one loop");
            }
            loopSums.add(sum);
            r = loopSums.size() - 1;
            portS.add(r);
        }
        main.unbounded(1);
        int s = main.input(1, portS.indexOf(r));
        main.hint(s, "gather" + r);
        return s;
    }

    /** Whether two loop sums of one term read the same gathered element (of the inputs, or of data). */
    private static boolean sameGather(LoopSum l, LoopSum m) {
        if (l.count() != 1 || l.slots() != m.slots() || l.data().size() != m.data().size()
                || l.term().size() != m.term().size()) {
            return false;
        }
        if (m.slots() == 1) {
            return l.gathered(0) && l.base()[0] == m.base()[0] && positions(l.gathers().get(0)).equals(
                    positions(m.gathers().get(0)));
        }
        LoopSum.DataRead a = l.data().get(0);
        LoopSum.DataRead b = m.data().get(0);
        return m.slots() == 0 && a.gathered() && a.port() == b.port() && a.base() == b.base()
                && positions(a.gathers()).equals(positions(b.gathers()));
    }

    private static List<List<Integer>> positions(List<Gather> gathers) {
        return gathers.stream().map(Gather::position).toList();
    }

    /**
     * The gather of axis {@code d} of array {@code a} read at {@code p}: index {@code lin}, whose
     * data element is element {@code dataBase + dataStep · t} of data port {@code port}.
     */
    private Gather gather(FluxionParser.PostfixContext p, ArrayVar a, int d, int port, int dataBase, int dataStep,
                          LoopTerm.Linear lin, String dataText) {
        int[] dims = a.dims();
        long stride = 1;
        for (int k = d + 1; k < dims.length; k++) {
            stride *= dims[k];
        }
        Token at = p.getStart();
        String axis = dims.length == 1 ? at.getText() : "axis " + d + " of " + at.getText();
        return new Gather(port, dataBase, dataStep, (int) lin.scale(), (int) lin.a(), (int) lin.s(), dims[d], (int) stride,
                "line " + at.getLine() + ", column " + (at.getCharPositionInLine() + 1) + ": " + text(p), dataText, axis);
    }

    /** The source text of {@code ctx}, spaces as written. */
    static String text(ParserRuleContext ctx) {
        return ctx.getStart().getInputStream().getText(
                org.antlr.v4.runtime.misc.Interval.of(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex()));
    }

    /**
     * The data element an index reads, as the program writes it: the first read of a data array
     * in it ({@code idx[3]}), or of a scalar data parameter ({@code j}); else the whole index.
     */
    private String dataText(FluxionParser.IndexContext ix) {
        java.util.ArrayDeque<org.antlr.v4.runtime.tree.ParseTree> stack = new java.util.ArrayDeque<>();
        stack.push(ix);
        while (!stack.isEmpty()) {
            org.antlr.v4.runtime.tree.ParseTree t = stack.pop();
            if (t instanceof FluxionParser.PostfixContext pf && !pf.indices.isEmpty()
                    && arrays.containsKey(pf.getStart().getText()) && arrays.get(pf.getStart().getText()).port() >= 2) {
                return text(pf);
            }
            if (t instanceof FluxionParser.NameContext n && scope.containsKey(n.getText())) {
                dev.fluxion.compiler.ir.Node node = b.node(scope.get(n.getText()));
                if (node.op() == dev.fluxion.compiler.ir.Leaf.INPUT && ((InputRef) node.attr()).array() >= 2) {
                    return n.getText();
                }
            }
            for (int k = t.getChildCount() - 1; k >= 0; k--) {
                stack.push(t.getChild(k));
            }
        }
        return text(ix);
    }

    /**
     * {@code x[i + 1, 2]} inside a term lowered once for every index: a slot of the term at the
     * affine position the indices give, gathered where an index reads data ({@code x[idx[i] + 1]});
     * an index of another form, or one that leaves the array at the first or last iteration,
     * makes the sum be written out (where the out-of-range index is reported).
     */
    int termElement(FluxionParser.PostfixContext p, ArrayVar a, int[] r) {
        int[] dims = a.dims();
        long base = 0;
        long step = 0;
        int next = 1;
        List<String> written = new ArrayList<>();
        List<Gather> gathers = new ArrayList<>();
        for (int d = 0; d < dims.length; d++) {
            FluxionParser.IndexContext ix = p.indices.get(d);
            long[] at;
            if (ix instanceof FluxionParser.SingleIndexContext si) {
                at = new long[] {integer(si.at), 0};
            } else if (ix instanceof FluxionParser.ExpressionIndexContext) {
                LoopTerm.Linear lin = term.linear(r[next++]);
                if (lin != null && lin.scale() != 0) {
                    int column = ((InputRef) term.builder().node(lin.leaf()).attr()).index();
                    List<Integer> read = column < 1 ? null : term.dataRead(column);
                    if (read == null) {
                        throw new LoopTerm.NotALoop();     // an index of an index: written out, then an error
                    }
                    gathers.add(gather(p, a, d, read.get(0), read.get(1), read.get(2), lin, term.dataLabel(column)));
                    base = base * dims[d];
                    step = step * dims[d];
                    written.add(text(ix));
                    continue;
                }
                at = lin == null ? null : new long[] {lin.a(), lin.s()};
            } else {
                at = null;
            }
            if (at == null) {
                throw new LoopTerm.NotALoop();
            }
            long last = at[0] + at[1] * (term.count() - 1L);
            if (at[0] < 0 || at[0] >= dims[d] || last < 0 || last >= dims[d]) {
                throw new LoopTerm.NotALoop();
            }
            base = base * dims[d] + at[0];
            step = step * dims[d] + at[1];
            written.add(term.position(at[0], at[1]));
        }
        String label = p.getStart().getText() + "[" + String.join(", ", written) + "]";
        return a.port() == 0 ? term.slot((int) (a.offset() + base), (int) step, gathers, label)
                : term.data(a.port(), (int) base, (int) step, gathers, label);
    }

    /** The value of node {@code id} as a whole number, or an error at {@code at} saying it must be one. */
    long wholeConstant(int id, Token at, String what) {
        if (!b.isConstant(id)) {
            throw error(at, what + " must be a whole number known when the function is compiled "
                    + "(constants, sizes, loop and reduction variables), or an element of integer data plus such a "
                    + "number (x[idx[k] + 1]), not a value computed from the inputs");
        }
        double v = b.constantValue(id);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw error(at, what + " must be a whole number, got " + Printer.number(v));
        }
        return (long) v;
    }

    int integer(FluxionParser.IntegerContext c) {
        double v = Double.parseDouble(c.NUMBER().getText());
        if (v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw error(c.getStart(), "an index must be a whole number, got " + c.getText());
        }
        return c.getChildCount() == 2 ? -(int) v : (int) v;
    }

    /** A negative index counts from the end. */
    static int wrap(int i, int n, FluxionParser.IntegerContext c) {
        return i < 0 && n != Shape.BATCH ? i + n : i;
    }

    /**
     * How {@code name} is called, for an error: the scalar form of {@code op} (if any) and, in a
     * model, the tensor function of that name: {@code max(x, y), or max(x, axis=k) on a tensor}.
     */
    String usage(String name, Op op) {
        String tensorForm = tensors && Library.has(name) ? Library.signature(name) : null;
        if (op == null) {
            return tensorForm;
        }
        List<String> params = op.arity() == 1 ? List.of("x") : op.arity() == 2 ? List.of("x", "y")
                : java.util.stream.IntStream.rangeClosed(1, op.arity()).mapToObj(i -> "x" + i).toList();
        String scalar = name + "(" + String.join(", ", params) + ")";
        return tensorForm == null ? scalar : scalar + ", or " + tensorForm + " on a tensor";
    }

    /** {@code 1 argument}, {@code 2 arguments}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Runs one statement of a program; its error is collected in {@code found} instead of
     * thrown, and its name (if any) is marked failed, so that the next statements are still
     * checked and every error of a file is reported once: a later statement that uses a
     * failed name stops silently ({@link Failed}), since its error was the failed one's.
     *
     * @return whether the statement succeeded
     */
    boolean statement(Token name, List<Diagnostic> found, Runnable work) {
        return statement(name == null ? List.of() : List.of(name), found, work);
    }

    /** {@link #statement(Token, List, Runnable)} for a statement that defines several names ({@code a, b = f(x)}). */
    boolean statement(List<Token> names, List<Diagnostic> found, Runnable work) {
        try {
            work.run();
            return true;
        } catch (CompileException e) {
            found.addAll(e.diagnostics());
        } catch (Failed e) {
            // Reported where the name was defined.
        }
        for (Token name : names) {
            failed.add(name.getText());
        }
        return false;
    }

    /** A use of a name whose statement failed: stops the statement without a second report. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed() {
            super(null, null, false, false);
        }
    }

    int resolve(Token name) {
        String n = name.getText();
        if (failed.contains(n) && !scope.containsKey(n)) {
            throw new Failed();
        }
        Integer id = scope.get(n);
        if (id != null) {
            return id;
        }
        if (term != null && outer.containsKey(n)) {
            int inside = term.translate(main, outer.get(n), n, this::inputLabel);
            if (inside < 0) {
                throw new LoopTerm.NotALoop();
            }
            scope.put(n, inside);
            return inside;
        }
        Integer size = sizeSymbols.get(n);
        if (size != null) {
            return b.constant(size);
        }
        Double c = OpTable.constant(n);
        if (c != null) {
            return b.constant(c);
        }
        if (OpTable.function(n) != null || helpers.function(n) != null) {
            throw error(name, "'" + n + "' is a function; call it as " + n + "(...)");
        }
        String known = knownVariables.isEmpty() ? "" : " (the variables are " + String.join(", ", knownVariables) + ")";
        throw error(name, "undefined variable '" + n + "'" + known);
    }

    /** {@code a @ b}: the matmul op, or the einsum of a batched or vector product (see {@link Library#matmul}). */
    int matmul(Token at, int left, int right) {
        try {
            return Library.matmul(b, left, right);
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    static Op comparison(String symbol) {
        return switch (symbol) {
            case "<" -> Logic.LT;
            case "<=" -> Logic.LE;
            case ">" -> Logic.GT;
            case ">=" -> Logic.GE;
            case "==" -> Logic.EQ;
            case "!=" -> Logic.NE;
            default -> throw new IllegalStateException("unknown comparison " + symbol);
        };
    }

    int apply(Token at, Op op, int... args) {
        return applyWith(at, op, null, args);
    }

    int applyWith(Token at, Op op, Object attr, int... args) {
        try {
            return b.applyWith(op, attr, args);
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    CompileException errorAt(Token t, String message) {
        return error(t, message);
    }

    String suggestion(String name) {
        String best = null;
        int bestDistance = 3;
        List<String> names = new ArrayList<>(helpers.names());
        names.addAll(OpTable.functionNames());
        if (tensors) {
            names.addAll(Library.names());
        }
        for (String f : names) {
            int d = editDistance(name, f);
            if (d < bestDistance) {
                bestDistance = d;
                best = f;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    CompileException error(Token t, String message) {
        int len = Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
        return new CompileException(source, new Diagnostic(message, Math.max(1, t.getLine()),
                t.getCharPositionInLine() + 1, len));
    }

    /** The arithmetic expression a condition-free test consists of, or null. */
    static FluxionParser.ExprContext passThrough(FluxionParser.TestContext t) {
        if (t instanceof FluxionParser.DisjunctionContext d && d.operands.size() == 1
                && d.operands.get(0).operands.size() == 1
                && d.operands.get(0).operands.get(0) instanceof FluxionParser.ComparedContext c
                && c.comparison().op == null) {
            return c.comparison().left;
        }
        return null;
    }

    void declareInputs(List<String> inputs, Map<String, Token> tokens) {
        for (int i = 0; i < inputs.size(); i++) {
            int id = b.input(0, i);
            b.hint(id, inputs.get(i));
            scope.put(inputs.get(i), id);
            if (tokens != null) {
                definedAt.put(inputs.get(i), tokens.get(inputs.get(i)));
            }
        }
        knownVariables = inputs;
    }

    List<String> checkExplicit(List<String> variables) {
        Set<String> seen = new HashSet<>();
        for (String v : variables) {
            if (v == null || !v.matches("[A-Za-z_][A-Za-z_0-9]*")) {
                throw new CompileException(source, Diagnostic.whole("invalid variable name " + quoteJava(v)
                        + ": a variable is a letter or '_' followed by letters, digits or '_'"));
            }
            if (v.length() > Frontend.MAX_NAME_CHARS) {
                throw new CompileException(source, Diagnostic.whole("variable name of " + v.length()
                        + " characters is too long: a name has at most " + Frontend.MAX_NAME_CHARS + " characters"));
            }
            if (isReserved(v)) {
                throw new CompileException(source, Diagnostic.whole("'" + v + "' is reserved and cannot be a variable"));
            }
            if (!seen.add(v)) {
                throw new CompileException(source, Diagnostic.whole("duplicate variable '" + v + "' in the variable order"));
            }
        }
        return List.copyOf(variables);
    }

    /** Identifiers of a bare expression that are not calls or constants, in order of first appearance. */
    List<String> firstAppearance(FluxionParser.ExpressionUnitContext eu) {
        Set<String> order = new java.util.LinkedHashSet<>();
        List<Token> tokens = new ArrayList<>();
        collectTokens(eu, tokens);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getType() != FluxionLexer.ID) {
                continue;
            }
            boolean call = i + 1 < tokens.size() && "(".equals(tokens.get(i + 1).getText());
            if (!call && !isReserved(t.getText())) {
                order.add(t.getText());
            }
        }
        return new ArrayList<>(order);
    }

    /** x[i, a:b, :]: a slice of the ranges, then a reshape dropping the axes given a single index. */
    int slice(FluxionParser.PostfixContext p, int x, int[] r) {
        Shape s = b.node(x).shape();
        Token at = p.getStop();
        if (p.indices.size() != s.rank()) {
            throw error(p.getStart(), "a value of shape " + s + " needs " + s.rank() + " indices, got " + p.indices.size());
        }
        List<Integer> starts = new ArrayList<>();
        List<Integer> part = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        int next = 1;
        for (int d = 0; d < s.rank(); d++) {
            FluxionParser.IndexContext ix = p.indices.get(d);
            int n = s.dim(d);
            int lo;
            int hi;
            if (ix instanceof FluxionParser.SingleIndexContext si) {
                lo = wrap(integer(si.at), n, si.at);
                hi = lo + 1;
            } else if (ix instanceof FluxionParser.ExpressionIndexContext) {
                long pos = wholeConstant(r[next++], ix.getStart(), "an index");
                lo = (int) (pos < 0 && n != Shape.BATCH ? pos + n : pos);
                hi = lo + 1;
            } else {
                FluxionParser.RangeIndexContext ri = (FluxionParser.RangeIndexContext) ix;
                lo = ri.lo == null ? 0 : wrap(integer(ri.lo), n, ri.lo);
                hi = ri.hi == null ? n : wrap(integer(ri.hi), n, ri.hi);
                kept.add(n == Shape.BATCH ? n : hi - lo);
            }
            if (n == Shape.BATCH) {
                if (!(ix instanceof FluxionParser.RangeIndexContext ri) || ri.lo != null || ri.hi != null) {
                    throw error(ix.getStart(), "the batch axis B cannot be indexed or sliced; write ':'");
                }
                starts.add(0);
                part.add(Shape.BATCH);
                continue;
            }
            if (lo < 0 || hi > n || lo >= hi) {
                throw error(ix.getStart(), "index " + ix.getText() + " is outside axis " + d + " of shape " + s);
            }
            starts.add(lo);
            part.add(hi - lo);
        }
        Shape partShape = new Shape(part);
        int sliced = partShape.equals(s) ? x
                : applyWith(at, Shapes.SLICE, new Shapes.Window(starts, s, partShape), x);
        Shape result = new Shape(kept);
        return result.equals(partShape) ? sliced : Shapes.reshape(b, sliced, result);
    }

    /** The terminal tokens under {@code ctx}, in order; iterative. */
    static void collectTokens(ParserRuleContext ctx, List<Token> out) {
        Deque<org.antlr.v4.runtime.tree.ParseTree> stack = new ArrayDeque<>();
        stack.push(ctx);
        while (!stack.isEmpty()) {
            var node = stack.pop();
            if (node instanceof org.antlr.v4.runtime.tree.TerminalNode tn) {
                out.add(tn.getSymbol());
            } else {
                for (int i = node.getChildCount() - 1; i >= 0; i--) {
                    stack.push(node.getChild(i));
                }
            }
        }
    }

    LoweringState(SourceText source, GraphBuilder builder, boolean tensors, Helpers helpers) {
        this.source = source;
        this.main = builder;
        this.b = builder;
        this.tensors = tensors;
        this.helpers = helpers;
    }
}

package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Labels;
import dev.fluxion.compiler.ir.LoopSum;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ops.Activations;
import dev.fluxion.compiler.ops.Arithmetic;
import dev.fluxion.compiler.ops.Logic;
import dev.fluxion.compiler.ops.OpTable;
import dev.fluxion.grammar.FluxionParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Lowers a parse tree to IR. Output guarantee: one input node per variable, in input
 * order, created first; every other node built through the builder (so constants are
 * folded and subexpressions shared); names resolved, calls checked against the op table.
 *
 * <p>The walk is an explicit post-order stack, not a recursive visitor: parse trees
 * tens of thousands of levels deep lower without growing the Java stack. What the walk knows
 * (scopes, sizes, array parameters, the loop term being lowered) and the helpers that read it
 * (names, elements, errors) are in {@link LoweringState}.
 */
final class Lowering extends LoweringState {

    Lowering(SourceText source, GraphBuilder builder, boolean tensors) {
        this(source, builder, tensors, Helpers.none());
    }

    Lowering(SourceText source, GraphBuilder builder, boolean tensors, Helpers helpers) {
        super(source, builder, tensors, helpers);
    }

    /**
     * Lets a sum of at least {@value #LOOP_TERMS} terms that reads the inputs at affine
     * positions of its index be kept as a loop sum ({@link LoopSum}), lowered once instead of
     * once per term (only for a function of one result: the code generator's loops need it).
     */
    Lowering withLoops(boolean on) {
        this.keepLoops = on;
        return this;
    }

    /** Binds the size symbols of array parameters. */
    Lowering withSizes(Map<String, Integer> bound) {
        this.sizes = Map.copyOf(bound);
        return this;
    }

    /** Lowers a bare expression. */
    Program lower(FluxionParser.ExpressionUnitContext eu, List<String> variables) {
        List<String> inputs = variables != null ? checkExplicit(variables) : firstAppearance(eu);
        declareInputs(inputs, null);
        int y = lowerExpr(eu.test());
        if (lastIsCondition) {
            throw error(eu.test().getStart(), "an expression's value is a number, and this is a condition; "
                    + "write 'if c then 1 else 0' for its value");
        }
        return program("f", inputs, List.of("y"), List.of(y));
    }

    /** Lowers the function {@code fn} as the entry: its parameters are the inputs. */
    Program lowerFunction(FluxionParser.FunctionContext fn, List<String> variables) {
        List<Token> params = new ArrayList<>();
        Map<String, int[]> shapes = new HashMap<>();
        List<FluxionParser.ParameterContext> all = new ArrayList<>();
        if (fn.params() != null) {
            all.addAll(fn.params().items);
        }
        int differentiated = all.size();
        if (fn.dataParams() != null) {
            all.addAll(fn.dataParams().items);
        }
        for (FluxionParser.ParameterContext pc : all) {
            params.add(pc.ID().getSymbol());
            if (pc.shape() != null) {
                shapes.put(pc.ID().getText(), arrayShape(pc));
            }
        }
        for (Token p : params) {
            if (sizeSymbols.containsKey(p.getText())) {
                throw error(p, "'" + p.getText() + "' names a size of an array parameter and cannot also be a parameter");
            }
        }
        Map<String, Token> seen = new LinkedHashMap<>();
        for (Token p : params) {
            checkName(p);
            Token first = seen.putIfAbsent(p.getText(), p);
            if (first != null) {
                throw error(p, "duplicate parameter '" + p.getText() + "' (first declared at line "
                        + first.getLine() + ", column " + (first.getCharPositionInLine() + 1) + ")");
            }
        }
        List<String> declared = new ArrayList<>(seen.keySet());
        List<String> inputs = declared;
        singleResultLoops(fn);
        if (!shapes.isEmpty() || differentiated < params.size()) {
            if (variables != null) {
                throw new CompileException(source, Diagnostic.whole("a variable order cannot be given for "
                        + fn.name.getText() + ": it has array or data parameters, whose elements come in declaration order"));
            }
            return lowerArrayFunction(fn, params.subList(0, differentiated), params.subList(differentiated, params.size()),
                    shapes);
        }
        if (variables != null) {
            if (!new HashSet<>(variables).equals(new HashSet<>(declared)) || variables.size() != declared.size()) {
                throw new CompileException(source, Diagnostic.whole("the variable order " + variables
                        + " must list exactly the parameters of " + fn.name.getText() + ": " + declared));
            }
            inputs = checkExplicit(variables);
        }
        declareInputs(inputs, seen);
        return lowerBody(fn, inputs);
    }

    /** A function returning several values keeps its sums written out. */
    private void singleResultLoops(FluxionParser.FunctionContext fn) {
        severalResults = !(fn.ret() instanceof FluxionParser.SingleReturnContext);
        keepLoops &= !severalResults;
    }

    /**
     * A function with array parameters: one input per element, in declaration order and
     * row-major within an array ({@code x[0]}, {@code x[1]}, ..., labelled so), with the sizes
     * bound by the caller.
     */
    private Program lowerArrayFunction(FluxionParser.FunctionContext fn, List<Token> params, List<Token> data,
                                       Map<String, int[]> shapes) {
        for (int k = 0; k < data.size(); k++) {
            Token p = data.get(k);
            int[] dims = shapes.get(p.getText());
            int port = 2 + k;
            b.unbounded(port);
            if (dims == null) {
                int id = b.input(port, 0);
                b.hint(id, p.getText());
                scope.put(p.getText(), id);
            } else {
                long count = 1;
                for (int d : dims) {
                    count *= d;
                }
                if (count > 100_000_000) {
                    throw error(p, "data array '" + p.getText() + "' has " + count + " elements; at most 100,000,000 "
                            + "are supported");
                }
                arrays.put(p.getText(), new ArrayVar(dims, 0, port));
            }
            dataPorts.add(Port.input(Program.dataPort(p.getText()),
                    Labels.of(List.of(p.getText()), List.of(dims == null ? new int[0] : dims))));
            definedAt.put(p.getText(), p);
        }
        List<String> names = new ArrayList<>();
        List<int[]> allDims = new ArrayList<>();
        long next = 0;
        for (Token p : params) {
            int[] dims = shapes.get(p.getText());
            if (dims == null) {
                int id = b.input(0, (int) next);
                b.hint(id, p.getText());
                scope.put(p.getText(), id);
                next++;
            } else {
                long count = 1;
                for (int d : dims) {
                    count *= d;
                }
                if (count > 10_000_000 || next + count > 10_000_000) {
                    throw error(p, "array '" + p.getText() + "' has " + count + " elements; at most 10,000,000 inputs "
                            + "are supported");
                }
                // Element inputs are made where the body reads them (arrayElement): a million-element
                // array costs nothing until used.
                arrays.put(p.getText(), new ArrayVar(dims, (int) next, 0));
                next += count;
            }
            names.add(p.getText());
            allDims.add(dims == null ? new int[0] : dims);
            definedAt.put(p.getText(), p);
        }
        List<String> known = new ArrayList<>(params.stream().map(Token::getText).toList());
        data.forEach(t -> known.add(t.getText()));
        knownVariables = known;
        return lowerBody(fn, Labels.of(names, allDims));
    }

    /** The statements and the return of a function whose parameters are in scope. */
    private Program lowerBody(FluxionParser.FunctionContext fn, List<String> inputs) {
        Body body = lowerStatements(fn);
        return program(fn.name.getText(), inputs, body.names(), body.values());
    }

    /** What a function's body computes: its named results. */
    private record Body(List<String> names, List<Integer> values) {
    }

    /** Lowers the statements and the return of {@code fn}, its parameters already in scope. */
    private Body lowerStatements(FluxionParser.FunctionContext fn) {
        parameters.addAll(definedAt.keySet());
        List<Diagnostic> found = new ArrayList<>();
        for (FluxionParser.StatementContext st : fn.statement()) {
            // Each top-level statement is checked even after an error in an earlier one (see statement).
            List<Token> names = st instanceof FluxionParser.AssignStatementContext as ? List.of(as.assignment().ID().getSymbol())
                    : st instanceof FluxionParser.UnpackStatementContext us ? us.unpacking().names : List.of();
            statement(names, found, () -> statements(List.of(st), null));
        }
        List<FluxionParser.TestContext> results = fn.ret() instanceof FluxionParser.TupleReturnContext t
                ? t.test() : List.of(((FluxionParser.SingleReturnContext) fn.ret()).test());
        List<Integer> ys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            FluxionParser.TestContext result = results.get(i);
            if (!statement(List.of(), found, () -> {
                ys.add(lowerExpr(result));
                if (lastIsCondition) {
                    throw error(result.getStart(), "a function returns numbers, and this is a condition; "
                            + "write 'if c then 1 else 0' for its value");
                }
            })) {
                continue;
            }
            String n = outputName(results.get(i), results.size() == 1 ? "y" : "y" + i);
            String unique = n;
            for (int k = 2; !used.add(unique); k++) {
                unique = n + "_" + k;
            }
            names.add(unique);
        }
        if (!found.isEmpty()) {
            throw new CompileException(source, found);
        }
        return new Body(names, ys);
    }

    // ------------------------------------------------------------------ calls of the file's functions

    /**
     * {@code a, b = f(x)}: the values of f, one per name. The right side must be a call of a
     * function of the file returning as many values as there are names.
     */
    List<Integer> unpack(FluxionParser.UnpackingContext u) {
        FluxionParser.CallContext call = directCall(u.test());
        FluxionParser.FunctionContext fn = call == null ? null : helpers.function(call.ID().getText());
        if (fn == null) {
            throw error(u.test().getStart(), "only a call of a function of this file can be unpacked, "
                    + "such as r, t = polar(x, y)" + (helpers.names().isEmpty() ? ""
                    : " (its functions: " + String.join(", ", helpers.names()) + ")"));
        }
        int[] args = new int[call.args.size()];
        for (int k = 0; k < args.length; k++) {
            FluxionParser.ArgumentContext a = call.args.get(k);
            if (a.test() == null || a.key != null) {
                throw error(a.getStart(), "'" + fn.name.getText() + "' takes its arguments by position: "
                        + Helpers.signature(fn));
            }
            args[k] = lowerExpr(a.test());
            if (lastIsCondition) {
                throw error(a.getStart(), "a condition (true or false) is used as a number; "
                        + "write 'if c then 1 else 0' for its value");
            }
        }
        List<Integer> values = inline(call.ID().getSymbol(), fn, args);
        if (values.size() != u.names.size()) {
            throw error(u.getStart(), "'" + fn.name.getText() + "' returns " + count(values.size(), "value")
                    + ", and " + u.names.size() + " names are given");
        }
        return values;
    }

    /** The call {@code test} consists of, with nothing around it, or null. */
    private static FluxionParser.CallContext directCall(FluxionParser.TestContext t) {
        FluxionParser.ExprContext e = passThrough(t);
        if (e != null && e.operands.size() == 1 && e.operands.get(0).operands.size() == 1
                && e.operands.get(0).operands.get(0) instanceof FluxionParser.NotNegatedContext nn
                && nn.power().exponent == null && nn.power().base.indices.isEmpty()
                && nn.power().base.atom() instanceof FluxionParser.CallContext call) {
            return call;
        }
        return null;
    }

    /** A call of the file's function {@code fn} in an expression: it must return one value. */
    private int callHelper(FluxionParser.CallContext c, FluxionParser.FunctionContext fn, int[] all) {
        Token name = c.ID().getSymbol();
        for (FluxionParser.ArgumentContext a : c.args) {
            if (a.test() == null || a.key != null) {
                throw error(a.getStart(), "'" + name.getText() + "' takes its arguments by position: "
                        + Helpers.signature(fn));
            }
        }
        int results = Helpers.results(fn);
        if (results != 1) {
            List<String> names = java.util.stream.IntStream.range(0, results)
                    .mapToObj(i -> results <= 26 ? String.valueOf((char) ('a' + i)) : "v" + i).toList();
            throw error(name, "'" + name.getText() + "' returns " + results + " values; unpack them: "
                    + String.join(", ", names) + " = " + Helpers.signature(fn));
        }
        return inline(name, fn, all).get(0);
    }

    /**
     * Lowers the body of {@code fn} once more with its parameters bound to {@code args}: the
     * call inlined. The body is lowered in a scope of its own (its parameters, then its
     * statements) into the same builder, so what it computes alike with the caller is shared.
     */
    private List<Integer> inline(Token at, FluxionParser.FunctionContext fn, int[] args) {
        List<String> params = Helpers.parameters(fn);
        if (args.length != params.size()) {
            throw error(at, "'" + fn.name.getText() + "' takes " + count(params.size(), "argument") + ", got "
                    + args.length + ": " + Helpers.signature(fn));
        }
        Lowering callee = new Lowering(source, b, tensors, helpers).withSizes(sizes).withLoops(keepLoops && term == null);
        callee.severalResults = severalResults;
        callee.loopSums = loopSums;
        callee.scans = scans;
        callee.portS = portS;
        callee.term = term;
        Map<String, Token> seen = new LinkedHashMap<>();
        for (FluxionParser.ParameterContext pc : fn.params() == null ? List.<FluxionParser.ParameterContext>of()
                : fn.params().items) {
            Token p = pc.ID().getSymbol();
            checkName(p);
            Token first = seen.putIfAbsent(p.getText(), p);
            if (first != null) {
                throw error(p, "duplicate parameter '" + p.getText() + "' (first declared at line "
                        + first.getLine() + ", column " + (first.getCharPositionInLine() + 1) + ")");
            }
        }
        List<FluxionParser.ParameterContext> declared = fn.params() == null ? List.of() : fn.params().items;
        for (int i = 0; i < params.size(); i++) {
            FluxionParser.ParameterContext pc = declared.get(i);
            boolean array = args[i] <= ARRAY_ARGUMENT && args[i] > ARRAY_ARGUMENT - 1_000_000;
            if (pc.shape() == null && array) {
                throw error(at, "argument " + (i + 1) + " of '" + fn.name.getText() + "' is an array, and "
                        + pc.getText() + " is a number: " + Helpers.signature(fn));
            }
            if (pc.shape() != null) {
                if (!array) {
                    throw error(at, "argument " + (i + 1) + " of '" + fn.name.getText() + "' must be an array passed by "
                            + "its name, for " + pc.getText() + ": " + Helpers.signature(fn));
                }
                callee.arrays.put(params.get(i), bindArray(at, fn, pc, arrayArguments.get(ARRAY_ARGUMENT - args[i]), callee));
            } else {
                callee.scope.put(params.get(i), args[i]);
            }
            callee.definedAt.put(params.get(i), seen.get(params.get(i)));
        }
        callee.knownVariables = params;
        return callee.lowerStatements(fn).values();
    }

    /** A bare name returned as an output names it: {@code return (r, theta)}. */
    private static String outputName(FluxionParser.TestContext t, String fallback) {
        FluxionParser.ExprContext e = passThrough(t);
        if (e != null && e.operands.size() == 1 && e.operands.get(0).operands.size() == 1
                && e.operands.get(0).operands.get(0) instanceof FluxionParser.NotNegatedContext nn
                && nn.power().exponent == null && nn.power().base.indices.isEmpty()
                && nn.power().base.atom() instanceof FluxionParser.NameContext name) {
            return name.ID().getText();
        }
        return fallback;
    }

    private Program program(String name, List<String> inputs, List<String> outputNames, List<Integer> outputs) {
        Port in = Port.input(Program.INPUTS, inputs);
        Port out = new Port(Program.OUTPUTS, outputNames, outputs);
        if (loopSums.isEmpty() && scans.isEmpty() && dataPorts.isEmpty()) {
            return new Program(name, b.build(List.of(in), List.of(out)));
        }
        List<String> sums = new ArrayList<>();
        for (int r = 0; r < loopSums.size(); r++) {
            sums.add(Program.LOOP_SUMS + r);
        }
        for (Scan q : scans) {
            for (String carry : q.carries()) {
                sums.add(carry + "_" + sums.size());
            }
        }
        List<Port> ports = new ArrayList<>(List.of(in, Port.input(Program.LOOP_SUMS, sums)));
        ports.addAll(dataPorts);
        dev.fluxion.compiler.ir.Graph g = b.build(ports, List.of(out));
        if (!scans.isEmpty()) {
            // Port s in program order: the loop sums, then the carries of the scans.
            GraphBuilder renumbered = main.fresh();
            for (int a : g.unbounded()) {
                renumbered.unbounded(a);
            }
            int[] map = g.copyInto(renumbered, (ref, shape) -> ref.array() != 1 ? renumbered.input(ref.array(), ref.index(), shape)
                    : renumbered.input(1, portS.get(ref.index()) >= 0 ? portS.get(ref.index())
                            : loopSums.size() - 1 - portS.get(ref.index()), shape));
            g = renumbered.build(ports, g.mapOutputs(map));
        }
        return new Program(name, g, loopSums, scans);
    }

    // ------------------------------------------------------------------ expressions

    /** A node of the explicit stack: a context, how many children are done, their results. */
    private static final class Frame {
        final ParserRuleContext ctx;
        final List<? extends ParserRuleContext> children;
        final int[] results;
        /** Whether each child's value is a condition rather than a number. */
        final boolean[] conditions;
        int next;
        int acc;
        /** Whether this node's own value is a condition (set when it is combined). */
        boolean condition;

        Frame(ParserRuleContext ctx) {
            this.ctx = ctx;
            this.children = children(ctx);
            this.results = new int[children.size()];
            this.conditions = new boolean[children.size()];
        }
    }

    /**
     * Lowers an expression with an explicit post-order stack. The operands of a sum or
     * product are folded in as soon as each is lowered, so the IR of a long sum
     * interleaves terms and partial sums (short live ranges for code generation).
     */
    private int lowerExpr(ParserRuleContext root) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root));
        int result = -1;
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next < f.children.size()) {
                stack.push(new Frame(f.children.get(f.next)));
                continue;
            }
            stack.pop();
            int value = combine(f);
            if (stack.isEmpty()) {
                result = value;
                lastIsCondition = f.condition;
            } else {
                Frame parent = stack.peek();
                int k = parent.next++;
                parent.results[k] = value;
                parent.conditions[k] = f.condition;
                fold(parent, k, value);
            }
        }
        return result;
    }

    /** Folds operand {@code k} of a sum or product into the running value. */
    private void fold(Frame f, int k, int value) {
        if (f.children.size() > 1 && (f.ctx instanceof FluxionParser.ExprContext
                || f.ctx instanceof FluxionParser.TermContext)) {
            number(f, k);
        }
        if (f.ctx instanceof FluxionParser.DisjunctionContext || f.ctx instanceof FluxionParser.ConjunctionContext) {
            if (f.children.size() > 1) {
                condition(f, k);
                Op op = f.ctx instanceof FluxionParser.DisjunctionContext ? Logic.OR : Logic.AND;
                Token at = f.ctx instanceof FluxionParser.DisjunctionContext d ? (k == 0 ? null : d.OR(k - 1).getSymbol())
                        : (k == 0 ? null : ((FluxionParser.ConjunctionContext) f.ctx).AND(k - 1).getSymbol());
                f.acc = k == 0 ? value : apply(at, op, f.acc, value);
            } else {
                f.acc = value;
            }
        } else if (f.ctx instanceof FluxionParser.ExprContext e) {
            f.acc = k == 0 ? value : apply(e.ops.get(k - 1),
                    e.ops.get(k - 1).getText().equals("+") ? Arithmetic.ADD : Arithmetic.SUB, f.acc, value);
        } else if (f.ctx instanceof FluxionParser.TermContext t) {
            Token op = k == 0 ? null : t.ops.get(k - 1);
            if (op == null) {
                f.acc = value;
            } else if (op.getText().equals("@")) {
                f.acc = matmul(op, f.acc, value);
            } else {
                f.acc = apply(op, op.getText().equals("*") ? Arithmetic.MUL : Arithmetic.DIV, f.acc, value);
            }
        }
    }

    private static List<? extends ParserRuleContext> children(ParserRuleContext ctx) {
        if (ctx instanceof FluxionParser.ConditionalContext c) {
            return List.of(c.cond, c.yes, c.no);
        } else if (ctx instanceof FluxionParser.DisjunctionContext d) {
            return d.operands;
        } else if (ctx instanceof FluxionParser.ConjunctionContext c) {
            return c.operands;
        } else if (ctx instanceof FluxionParser.NotContext n) {
            return List.of(n.inversion());
        } else if (ctx instanceof FluxionParser.ComparedContext c) {
            return List.of(c.comparison());
        } else if (ctx instanceof FluxionParser.ComparisonContext c) {
            return c.op == null ? List.of(c.left) : List.of(c.left, c.right);
        } else if (ctx instanceof FluxionParser.ExprContext e) {
            return e.operands;
        } else if (ctx instanceof FluxionParser.TermContext t) {
            return t.operands;
        } else if (ctx instanceof FluxionParser.NegateContext n) {
            return List.of(n.unary());
        } else if (ctx instanceof FluxionParser.PlusContext p) {
            return List.of(p.unary());
        } else if (ctx instanceof FluxionParser.NotNegatedContext nn) {
            return List.of(nn.power());
        } else if (ctx instanceof FluxionParser.PowerContext p) {
            return p.exponent == null ? List.of(p.base) : List.of(p.base, p.exponent);
        } else if (ctx instanceof FluxionParser.PostfixContext p) {
            List<ParserRuleContext> kids = new ArrayList<>();
            kids.add(p.atom());
            for (FluxionParser.IndexContext ix : p.indices) {
                if (ix instanceof FluxionParser.ExpressionIndexContext e) {
                    kids.add(e.position);
                }
            }
            return kids;
        } else if (ctx instanceof FluxionParser.CallContext c && isReduction(c)) {
            return List.of(c.args.get(0).lo, c.args.get(0).hi);
        } else if (ctx instanceof FluxionParser.CallContext c) {
            return c.args.stream().filter(a -> a.var == null && a.test() != null)
                    .map(FluxionParser.ArgumentContext::test).toList();
        } else if (ctx instanceof FluxionParser.ParensContext p) {
            return List.of(p.test());
        }
        return List.of();
    }

    private int combine(Frame f) {
        ParserRuleContext ctx = f.ctx;
        int[] r = f.results;
        if (ctx instanceof FluxionParser.ConditionalContext c) {
            condition(f, 0);
            if (f.conditions[1] != f.conditions[2]) {
                throw error(c.no.getStart(), "the two sides of 'if' must both be numbers or both be conditions");
            }
            Shape s = b.node(r[0]).shape();
            if (!s.isScalar()) {
                throw error(c.cond.getStart(), "the condition of 'if' must be a scalar, got shape " + s
                        + "; for a choice per element write where(c, a, b)");
            }
            f.condition = f.conditions[1];
            return apply(c.IF().getSymbol(), Logic.WHERE, r[0], r[1], r[2]);
        } else if (ctx instanceof FluxionParser.DisjunctionContext || ctx instanceof FluxionParser.ConjunctionContext) {
            f.condition = f.children.size() > 1 || f.conditions[0];
            return f.acc;
        } else if (ctx instanceof FluxionParser.NotContext n) {
            condition(f, 0);
            f.condition = true;
            return apply(n.NOT().getSymbol(), Logic.NOT, r[0]);
        } else if (ctx instanceof FluxionParser.ComparedContext) {
            f.condition = f.conditions[0];
            return r[0];
        } else if (ctx instanceof FluxionParser.ComparisonContext c) {
            if (c.op == null) {
                f.condition = f.conditions[0];
                return r[0];
            }
            number(f, 0);
            number(f, 1);
            f.condition = true;
            return apply(c.op, comparison(c.op.getText()), r[0], r[1]);
        } else if (ctx instanceof FluxionParser.ExprContext || ctx instanceof FluxionParser.TermContext) {
            f.condition = f.children.size() == 1 && f.conditions[0];
            return f.acc;
        } else if (ctx instanceof FluxionParser.NegateContext n) {
            number(f, 0);
            return apply(n.getStart(), Arithmetic.NEG, r[0]);
        } else if (ctx instanceof FluxionParser.PlusContext) {
            number(f, 0);
            return r[0];
        } else if (ctx instanceof FluxionParser.NotNegatedContext || ctx instanceof FluxionParser.ParensContext) {
            f.condition = f.conditions[0];
            return r[0];
        } else if (ctx instanceof FluxionParser.PowerContext p) {
            if (p.exponent == null) {
                f.condition = f.conditions[0];
                return r[0];
            }
            number(f, 0);
            number(f, 1);
            return apply(p.getStart(), Arithmetic.POW, r[0], r[1]);
        } else if (ctx instanceof FluxionParser.PostfixContext p) {
            if (p.indices.isEmpty()) {
                f.condition = f.conditions[0];
                return r[0];
            }
            for (int k = 1; k < r.length; k++) {
                number(f, k);
            }
            if (r[0] == ARRAY) {
                return element(p, r);
            }
            number(f, 0);
            return slice(p, r[0], r);
        } else if (ctx instanceof FluxionParser.CallContext red && isReduction(red)) {
            number(f, 0);
            number(f, 1);
            return reduce(red, r[0], r[1]);
        } else if (ctx instanceof FluxionParser.NumberContext n) {
            return b.constant(Double.parseDouble(n.NUMBER().getText()));
        } else if (ctx instanceof FluxionParser.NameContext n) {
            f.condition = conditions.contains(n.ID().getText());
            if (arrays.containsKey(n.ID().getText())) {
                if (n.getParent() instanceof FluxionParser.PostfixContext pf && !pf.indices.isEmpty()) {
                    return ARRAY;
                }
                if (wholeArgumentOfHelper(n)) {
                    arrayArguments.add(arrays.get(n.ID().getText()));
                    return ARRAY_ARGUMENT - (arrayArguments.size() - 1);
                }
                ArrayVar a = arrays.get(n.ID().getText());
                throw error(n.ID().getSymbol(), "'" + n.ID().getText() + "' is an array of shape "
                        + Shape.of(a.dims()) + ": index it (" + n.ID().getText() + "[i]) or reduce over it "
                        + "(sum(i in 0.." + (a.dims()[0] - 1) + ": " + n.ID().getText() + "[i]))");
            }
            return resolve(n.ID().getSymbol());
        } else if (ctx instanceof FluxionParser.CallContext c) {
            boolean where = c.ID().getText().equals(Logic.WHERE.name());
            for (int k = 0; k < r.length; k++) {
                if (where && k == 0) {
                    condition(f, k);
                } else {
                    number(f, k);
                }
            }
            return call(c, r);
        }
        throw new IllegalStateException("unexpected parse node " + ctx.getClass().getSimpleName());
    }

    /** Whether a call is a reduction: its first argument is a range, {@code sum(i in 0..n-1: ...)}. */
    private static boolean isReduction(FluxionParser.CallContext c) {
        return !c.args.isEmpty() && c.args.get(0).var != null;
    }

    /**
     * Lowers statements in order. {@code iteration} collects the names defined in the current
     * iteration of the innermost loop (null outside loops): they are dropped when the iteration
     * ends. Assigning a name defined before the loop updates it (a carried variable).
     */
    private void statements(List<FluxionParser.StatementContext> list, Set<String> iteration) {
        for (FluxionParser.StatementContext st : list) {
            if (st instanceof FluxionParser.AssignStatementContext as) {
                assign(as.assignment(), iteration);
            } else if (st instanceof FluxionParser.UnpackStatementContext us) {
                List<Integer> values = unpack(us.unpacking());
                for (int k = 0; k < values.size(); k++) {
                    assign(us.unpacking().names.get(k), values.get(k), false, iteration);
                }
            } else {
                loop((FluxionParser.ForStatementContext) st);
            }
        }
    }

    private void assign(FluxionParser.AssignmentContext a, Set<String> iteration) {
        Token name = a.ID().getSymbol();
        checkName(name);
        int value = lowerExpr(a.test());
        assign(name, value, lastIsCondition, iteration);
    }

    /** Defines {@code name} as {@code value}, or updates it if it is carried by the loop being lowered. */
    private void assign(Token name, int value, boolean condition, Set<String> iteration) {
        String n = name.getText();
        checkName(name);
        if (sizeSymbols.containsKey(n)) {
            throw error(name, "'" + n + "' names a size of an array parameter");
        }
        Token previous = definedAt.get(n);
        boolean carried = previous != null && iteration != null && !iteration.contains(n) && !parameters.contains(n)
                && !loopVariables.contains(n);
        if (previous != null && !carried) {
            String what = parameters.contains(n) ? "a parameter and cannot be assigned"
                    : loopVariables.contains(n) ? "a loop variable and cannot be assigned"
                    : "already defined at line " + previous.getLine() + ", column " + (previous.getCharPositionInLine() + 1);
            throw error(name, "variable '" + n + "' is " + what);
        }
        if (carried && conditions.contains(n) != condition) {
            throw error(name, "'" + n + "' holds a " + (condition ? "number" : "condition") + " before the loop; a carried "
                    + "variable keeps its kind");
        }
        if (carried && !b.node(value).shape().equals(b.node(scope.get(n)).shape())) {
            throw error(name, "'" + n + "' has shape " + b.node(scope.get(n)).shape() + " before the loop and "
                    + b.node(value).shape() + " here; a carried variable keeps its shape");
        }
        scope.put(n, value);
        if (!carried) {
            definedAt.put(n, name);
            if (iteration != null) {
                iteration.add(n);
            }
        }
        if (condition) {
            conditions.add(n);
        }
    }

    /** {@code for t in lo..hi { ... }}: the body once per whole t, in order, expanded in the IR. */
    void loop(FluxionParser.ForStatementContext f) {
        long lo = wholeConstant(lowerExpr(f.lo), f.lo.getStart(), "the lower bound of 'for'");
        long hi = wholeConstant(lowerExpr(f.hi), f.hi.getStart(), "the upper bound of 'for'");
        Token var = f.var;
        String v = newVariable(var, "a loop variable");
        if (hi - lo >= 1_000_000) {
            throw error(f.lo.getStart(), "a loop of " + (hi - lo + 1) + " iterations; at most 1,000,000 are supported");
        }
        if (keepLoops && term == null && hi - lo + 1 >= LOOP_TERMS && scan(f, v, (int) lo, (int) (hi - lo + 1))) {
            return;
        }
        loopVariables.add(v);
        definedAt.put(v, var);
        try {
            for (long t = lo; t <= hi; t++) {
                scope.put(v, b.constant(t));
                Set<String> iteration = new HashSet<>();
                statements(f.statement(), iteration);
                for (String local : iteration) {
                    scope.remove(local);
                    definedAt.remove(local);
                    conditions.remove(local);
                }
            }
        } finally {
            scope.remove(v);
            definedAt.remove(v);
            loopVariables.remove(v);
        }
    }

    /**
     * {@code for t in lo..hi { ... }} kept as a loop ({@link Scan}): the body lowered once into a
     * builder of its own ({@link LoopTerm}), {@code t} its index, the carried variables (names
     * defined before the loop and assigned in it) the inputs of its port {@code h}; after the
     * loop, each carried variable is the element of input port {@code s} holding its final value.
     * A carried variable that starts from a value the function computed from its inputs
     * ({@code h = tanh(x[0])}) starts at 0 and the body reads {@code where(t == lo, start, h)}, the
     * start computed again from the inputs by the body ({@link LoopTerm#translate}; code generation
     * computes it once, before the loop); a value computed before the loop that the body reads is
     * computed again the same way. False, with nothing changed, when the loop cannot be kept: no
     * carried variable, a carried variable that holds a condition, a start or a value read that
     * depends on another loop kept as a loop (or on more than {@link LoopTerm#COPY_LIMIT}
     * operations), an index not affine in t, or an error (the caller then unrolls the loop, which
     * reports it).
     */
    private boolean scan(FluxionParser.ForStatementContext f, String v, int first, int count) {
        List<String> carried = new ArrayList<>();
        for (String n : assignedIn(f.statement())) {
            if (scope.containsKey(n) && !parameters.contains(n) && !loopVariables.contains(n)) {
                carried.add(n);
            }
        }
        List<Scan.Init> init = new ArrayList<>();
        Map<Integer, Integer> computed = new HashMap<>();      // carry -> the node of main it starts from
        for (String n : carried) {
            dev.fluxion.compiler.ir.Node start = main.node(scope.get(n));
            if (conditions.contains(n) || !start.shape().isScalar()) {
                return false;
            } else if (start.op() == dev.fluxion.compiler.ir.Leaf.CONST) {
                init.add(Scan.Init.constant((Double) start.attr()));
            } else if (start.op() == dev.fluxion.compiler.ir.Leaf.INPUT
                    && ((dev.fluxion.compiler.ir.InputRef) start.attr()).array() != 1) {
                dev.fluxion.compiler.ir.InputRef ref = (dev.fluxion.compiler.ir.InputRef) start.attr();
                init.add(Scan.Init.input(ref.array(), ref.index()));
            } else {
                // a computed start: the body computes it again and takes it at the first step
                computed.put(init.size(), scope.get(n));
                init.add(Scan.Init.constant(0.0));
            }
        }
        if (carried.isEmpty()) {
            return false;
        }
        GraphBuilder saved = b;
        Map<String, Integer> savedScope = new HashMap<>(scope);
        Map<String, Token> savedDefined = new HashMap<>(definedAt);
        Set<String> savedConditions = new HashSet<>(conditions);
        Set<String> savedFailed = new HashSet<>(failed);
        LoopTerm t = new LoopTerm(main.fresh(), v, first, count);
        Scan kept;
        try {
            b = t.builder();
            term = t;
            outer = savedScope;
            scope.clear();
            scope.put(v, t.index());
            loopVariables.add(v);
            definedAt.put(v, f.var);
            for (int k = 0; k < carried.size(); k++) {
                int in = t.carry(k);
                b.hint(in, carried.get(k));
                Integer from = computed.get(k);
                if (from != null) {
                    // where(t == lo, start, h): the start, computed from the inputs before the loop
                    int start = t.translate(main, from, carried.get(k), this::inputLabel);
                    if (start < 0) {
                        return false;
                    }
                    int atFirst = b.apply(dev.fluxion.compiler.ops.Logic.EQ, t.index(), b.constant(first));
                    in = b.apply(dev.fluxion.compiler.ops.Logic.WHERE, atFirst, start, in);
                }
                scope.put(carried.get(k), in);
            }
            statements(f.statement(), new HashSet<>());
            List<Integer> next = new ArrayList<>();
            for (String n : carried) {
                int id = scope.get(n);
                if (!b.node(id).shape().isScalar() || conditions.contains(n)) {
                    return false;
                }
                next.add(id);
            }
            kept = t.scan(next, init, carried);
        } catch (LoopTerm.NotALoop | CompileException | Failed e) {
            return false;
        } finally {
            b = saved;
            term = null;
            outer = Map.of();
            scope.clear();
            scope.putAll(savedScope);
            definedAt.clear();
            definedAt.putAll(savedDefined);
            conditions.clear();
            conditions.addAll(savedConditions);
            failed.clear();
            failed.addAll(savedFailed);
            loopVariables.remove(v);
        }
        int[] finals = keep(kept);
        for (int k = 0; k < carried.size(); k++) {
            scope.put(carried.get(k), finals[k]);
        }
        lastIsCondition = false;
        return true;
    }

    /**
     * Registers a scan of the program: its final carries become elements of port {@code s} after
     * every earlier scan's ({@code portS} numbers them in creation order; {@code Lowering.program}
     * renumbers), named after the carries. Returns the node of each final carry.
     */
    private int[] keep(Scan kept) {
        int before = 0;
        for (Scan q : scans) {
            before += q.width();
        }
        scans.add(kept);
        main.unbounded(1);
        int[] finals = new int[kept.width()];
        for (int k = 0; k < finals.length; k++) {
            finals[k] = main.input(1, portS.size());
            portS.add(-1 - before - k);
            main.hint(finals[k], kept.carries().get(k));
        }
        return finals;
    }

    /** The names a list of statements assigns, nested loops included, in order of first assignment. */
    private static Set<String> assignedIn(List<FluxionParser.StatementContext> list) {
        Set<String> names = new java.util.LinkedHashSet<>();
        Deque<FluxionParser.StatementContext> todo = new ArrayDeque<>(list);
        while (!todo.isEmpty()) {
            FluxionParser.StatementContext st = todo.poll();
            if (st instanceof FluxionParser.AssignStatementContext as) {
                names.add(as.assignment().ID().getText());
            } else if (st instanceof FluxionParser.UnpackStatementContext us) {
                us.unpacking().names.forEach(n -> names.add(n.getText()));
            } else {
                ((FluxionParser.ForStatementContext) st).statement().forEach(todo::add);
            }
        }
        return names;
    }

    /**
     * {@code sum(i in lo..hi: body)}, and {@code prod}, {@code max}, {@code min} alike: the body
     * for each whole i from lo to hi inclusive, folded in order. Terms of one form become a loop
     * in the generated code (package {@code roll}).
     */
    private int reduce(FluxionParser.CallContext call, int loNode, int hiNode) {
        FluxionParser.ArgumentContext red = call.args.get(0);
        if (call.args.size() != 1) {
            throw error(call.args.get(1).getStart(), "a reduction takes one range and its term: "
                    + call.ID().getText() + "(i in lo..hi: term)");
        }
        Token kind = call.ID().getSymbol();
        Token var = red.var;
        Op fold = switch (kind.getText()) {
            case "sum" -> Arithmetic.ADD;
            case "prod" -> Arithmetic.MUL;
            case "max" -> Activations.MAX;
            case "min" -> Activations.MIN;
            default -> throw error(kind, "unknown reduction '" + kind.getText() + "': write sum, prod, max or min "
                    + "(i in lo..hi: ...)");
        };
        long lo = wholeConstant(loNode, red.lo.getStart(), "the lower bound of '" + kind.getText() + "'");
        long hi = wholeConstant(hiNode, red.hi.getStart(), "the upper bound of '" + kind.getText() + "'");
        String v = newVariable(var, "a reduction variable");
        if (hi < lo) {
            return switch (kind.getText()) {
                case "sum" -> b.constant(0.0);
                case "prod" -> b.constant(1.0);
                default -> throw error(red.lo.getStart(), "'" + kind.getText() + "' over the empty range " + lo + ".." + hi
                        + " has no value");
            };
        }
        if (hi - lo >= 10_000_000) {
            throw error(red.lo.getStart(), "a reduction of " + (hi - lo + 1) + " terms; at most 10,000,000 are supported");
        }
        if (kind.getText().equals("sum") && keepLoops && term == null
                && (hi - lo + 1 >= LOOP_TERMS || mentionsData(red.body))) {
            Integer kept = loopSum(red, v, (int) lo, (int) (hi - lo + 1));
            if (kept != null) {
                lastIsCondition = false;
                return kept;
            }
        }
        if (!kind.getText().equals("sum") && keepLoops && term == null && hi - lo + 1 >= LOOP_TERMS) {
            Integer kept = foldScan(red, kind, fold, v, (int) lo, (int) (hi - lo + 1));
            if (kept != null) {
                lastIsCondition = false;
                return kept;
            }
        }
        int acc = -1;
        try {
            for (long i = lo; i <= hi; i++) {
                scope.put(v, b.constant(i));
                int term = lowerExpr(red.body);
                if (lastIsCondition) {
                    throw error(red.body.getStart(), "the terms of '" + kind.getText() + "' must be numbers, "
                            + "and this is a condition");
                }
                acc = i == lo ? term : apply(kind, fold, acc, term);
            }
        } finally {
            scope.remove(v);
        }
        lastIsCondition = false;
        return acc;
    }

    /**
     * Whether {@code body} names a data array: a sum of fewer than {@value #LOOP_TERMS} terms is
     * kept as a loop only when its term gathers by data ({@code x[idx[k]]}), which needs one.
     */
    private boolean mentionsData(ParserRuleContext body) {
        List<Token> tokens = new ArrayList<>();
        collectTokens(body, tokens);
        for (Token t : tokens) {
            ArrayVar a = arrays.get(t.getText());
            if (t.getType() == dev.fluxion.grammar.FluxionLexer.ID && a != null && a.port() >= 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * The sum of {@code red}'s term for {@code count} indices from {@code first}, kept as a loop
     * sum: the term lowered once into a builder of its own ({@link LoopTerm}), its value input
     * {@code s[r]} of the function. Null when the term reads something a loop body cannot (a
     * value computed before the sum, an index not affine in {@code v}), or has an error: the
     * caller then writes the sum out, which reports the error if there is one.
     */
    private Integer loopSum(FluxionParser.ArgumentContext red, String v, int first, int count) {
        return inTerm(v, first, count, t -> {
            int value = lowerExpr(red.body);
            if (lastIsCondition || !b.node(value).shape().isScalar() || count < LOOP_TERMS && !t.hasGathers()) {
                return null;
            }
            loopSums.add(t.build(value));
            main.unbounded(1);
            int s = main.input(1, portS.size());
            portS.add(loopSums.size() - 1);
            main.hint(s, "sum" + (loopSums.size() - 1));
            return s;
        });
    }

    /**
     * {@code use} applied to a new {@link LoopTerm} of the variable {@code v} ({@code count} values
     * from {@code first}), with lowering pointed into the term's builder (the term's index bound to
     * {@code v}, the function's names visible as {@code outer}); what it returns, or null when the
     * term reads what a loop body cannot or has an error. Lowering's state is restored after.
     */
    private <T> T inTerm(String v, int first, int count, java.util.function.Function<LoopTerm, T> use) {
        GraphBuilder saved = b;
        Map<String, Integer> savedScope = new HashMap<>(scope);
        Set<String> savedFailed = new HashSet<>(failed);
        LoopTerm t = new LoopTerm(main.fresh(), v, first, count);
        try {
            b = t.builder();
            term = t;
            outer = savedScope;
            scope.clear();
            scope.put(v, t.index());
            return use.apply(t);
        } catch (LoopTerm.NotALoop | CompileException | Failed e) {
            return null;
        } finally {
            b = saved;
            term = null;
            outer = Map.of();
            scope.clear();
            scope.putAll(savedScope);
            failed.clear();
            failed.addAll(savedFailed);
        }
    }

    /**
     * {@code prod}, {@code max} or {@code min} of {@code red}'s term for {@code count} indices from
     * {@code first}, kept as a loop: a {@link Scan} of one carry, the running result, which starts
     * at the fold's identity (1, −∞, +∞) and becomes {@code fold(carry, term)} at every index, so
     * the generated code is a Java loop and reverse mode reads the running result of every step
     * from its tape. The value is the written-out fold's, bit for bit (1·t = t, max(−∞, t) = t);
     * derivatives are routed alike, ties to the earlier term, except where every term is −∞ (max)
     * or +∞ (min), where the written-out form gives the first term the derivative and the loop
     * gives it to no term. Null when the term cannot be a loop body, as for {@link #loopSum}.
     */
    private Integer foldScan(FluxionParser.ArgumentContext red, Token kind, Op fold, String v, int first, int count) {
        double identity = switch (kind.getText()) {
            case "prod" -> 1.0;
            case "max" -> Double.NEGATIVE_INFINITY;
            default -> Double.POSITIVE_INFINITY;
        };
        Scan kept = inTerm(v, first, count, t -> {
            int carry = t.carry(0);
            b.hint(carry, kind.getText());
            int value = lowerExpr(red.body);
            if (lastIsCondition || !b.node(value).shape().isScalar()) {
                return null;
            }
            int next = apply(kind, fold, carry, value);
            return t.scan(List.of(next), List.of(Scan.Init.constant(identity)), List.of(kind.getText()));
        });
        if (kept == null) {
            return null;
        }
        return keep(kept)[0];
    }

    private int call(FluxionParser.CallContext c, int[] all) {
        Token name = c.ID().getSymbol();
        for (FluxionParser.ArgumentContext a : c.args) {
            if (a.var != null) {
                throw error(a.var, "a range (" + a.var.getText() + " in lo..hi: term) is the one argument of "
                        + "a reduction: sum, prod, max or min");
            }
        }
        FluxionParser.FunctionContext helper = helpers.function(name.getText());
        if (helper != null) {
            if (OpTable.function(name.getText()) != null || Library.has(name.getText())) {
                throw error(name, "'" + name.getText() + "' is both a built-in function and a function of this file "
                        + "(line " + helper.name.getLine() + "); rename yours");
            }
            return callHelper(c, helper, all);
        }
        if (helpers.isModel(name.getText())) {
            throw error(name, "'" + name.getText() + "' is a model; only functions can be called");
        }
        List<Integer> positional = new ArrayList<>();
        Map<String, Double> attrs = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        Map<String, List<Integer>> lists = new LinkedHashMap<>();
        for (int i = 0, e = 0; i < c.args.size(); i++) {
            FluxionParser.ArgumentContext a = c.args.get(i);
            if (a.text != null) {
                if (!Library.takesText(name.getText())) {
                    throw error(a.text, "'" + name.getText() + "' takes no text argument");
                }
                texts.add(a.text.getText().substring(1, a.text.getText().length() - 1));
                continue;
            }
            if (!a.items.isEmpty()) {
                List<Integer> items = new ArrayList<>();
                for (FluxionParser.IntegerContext item : a.items) {
                    items.add(integer(item));
                }
                if (attrs.containsKey(a.key.getText()) || lists.put(a.key.getText(), List.copyOf(items)) != null) {
                    throw error(a.key, "attribute '" + a.key.getText() + "' given twice");
                }
                continue;
            }
            int value = all[e++];
            if (a.key == null) {
                if (!attrs.isEmpty() || !lists.isEmpty()) {
                    throw error(a.getStart(), "positional argument after a keyword argument in '" + name.getText() + "'");
                }
                positional.add(value);
            } else if (!b.isConstant(value)) {
                throw error(a.key, "attribute '" + a.key.getText() + "' of '" + name.getText() + "' must be a constant");
            } else if (attrs.put(a.key.getText(), b.constantValue(value)) != null || lists.containsKey(a.key.getText())) {
                throw error(a.key, "attribute '" + a.key.getText() + "' given twice");
            }
        }
        int[] ids = positional.stream().mapToInt(Integer::intValue).toArray();
        boolean scalarFunction = OpTable.function(name.getText()) instanceof dev.fluxion.compiler.ops.ScalarOp;
        if (Library.has(name.getText(), ids.length) && (tensors || !scalarFunction)) {
            for (FluxionParser.ArgumentContext a : c.args) {
                if (a.key != null && !Library.keywords(name.getText()).contains(a.key.getText())) {
                    throw error(a.key, "'" + name.getText() + "' has no attribute '" + a.key.getText() + "': "
                            + Library.signature(name.getText()));
                }
            }
            int result;
            try {
                result = Library.apply(b, name.getText(), new Library.Args(ids, attrs, texts, lists));
            } catch (IllegalArgumentException e) {
                // In a function every value is a scalar: a shape error means the call needs tensors.
                throw error(name, tensors ? e.getMessage() : "'" + name.getText() + "' is a tensor operation: use it in a model");
            }
            if (!tensors && b.node(result).op() instanceof dev.fluxion.compiler.ops.TensorOp) {
                throw error(name, "'" + name.getText() + "' is a tensor operation: use it in a model");
            }
            return result;
        }
        Op op = OpTable.function(name.getText());
        boolean tensorForm = tensors && Library.has(name.getText());
        if (op == null && !tensors && Library.has(name.getText())) {
            // A tensor function called in a function: say what it is rather than suggest a near name.
            String n = name.getText();
            boolean reduction = Set.of("sum", "prod", "max", "min").contains(n);
            throw error(name, "'" + n + "' with " + count(ids.length, "argument") + " is a tensor operation, for models: "
                    + Library.signature(n) + (reduction ? "; in a function, reduce over an index: " + n
                    + "(i in lo..hi: term)" : ""));
        }
        if (op == null && !tensorForm) {
            String hint = suggestion(name.getText());
            throw error(name, "unknown function '" + name.getText() + "'" + hint + (helpers.names().isEmpty() ? ""
                    : " (the functions of this file are " + String.join(", ", helpers.names()) + ")"));
        }
        if (op != null && ids.length != op.arity()) {
            throw error(name, "'" + name.getText() + "' takes " + count(op.arity(), "argument") + ", got " + ids.length
                    + ": " + usage(name.getText(), op));
        }
        if (op == null) {
            throw error(name, "'" + name.getText() + "' takes " + Library.operandCount(name.getText()) + ", got "
                    + ids.length + ": " + usage(name.getText(), null));
        }
        if (!attrs.isEmpty() || !lists.isEmpty()) {
            throw error(name, "'" + name.getText() + "' takes no attributes: " + usage(name.getText(), op));
        }
        return apply(name, op, ids);
    }

    /** Child {@code k} of {@code f} must be a number. */
    private void number(Frame f, int k) {
        if (f.conditions[k]) {
            throw error(f.children.get(k).getStart(), "a condition (true or false) is used as a number; "
                    + "write 'if c then 1 else 0' for its value");
        }
    }

    /** Child {@code k} of {@code f} must be a condition. */
    private void condition(Frame f, int k) {
        if (!f.conditions[k]) {
            throw error(f.children.get(k).getStart(), "expected a condition (a comparison such as x > 0, "
                    + "or conditions joined by and, or, not), got a number");
        }
    }

    // ------------------------------------------------------------------ used by ModelLowering

    /** Lowers one expression in the current scope. */
    int expression(FluxionParser.TestContext e) {
        return lowerExpr(e);
    }

    /** Whether the expression lowered last is a condition rather than a number. */
    boolean lastIsCondition() {
        return lastIsCondition;
    }

    /** Defines {@code name} (an input, a parameter or a statement) as node {@code id}; redefinition is an error. */
    void define(Token name, int id) {
        checkName(name);
        Token previous = definedAt.get(name.getText());
        if (previous != null) {
            throw error(name, "'" + name.getText() + "' is already defined at line "
                    + previous.getLine() + ", column " + (previous.getCharPositionInLine() + 1));
        }
        scope.put(name.getText(), id);
        definedAt.put(name.getText(), name);
        b.hint(id, name.getText());
    }

    /** Defines {@code name} as a statement holding a condition. */
    void defineCondition(Token name, int id) {
        define(name, id);
        conditions.add(name.getText());
    }

    /** Declares the names reported when a name is undefined. */
    void known(List<String> names) {
        knownVariables = List.copyOf(names);
    }

}

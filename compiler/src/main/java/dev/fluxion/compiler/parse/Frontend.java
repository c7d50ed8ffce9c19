package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.grammar.FluxionLexer;
import dev.fluxion.grammar.FluxionParser;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * Text to IR: runs the ANTLR parser, reports the first syntax error with its position,
 * and lowers the tree to a {@link Program}.
 *
 * <p>ANTLR's parser is recursive descent, so a chain of 10,000 nested calls recurses
 * 10,000 levels deep inside it. Parsing therefore runs on its own thread with a large
 * stack; lowering, like every pass after it, is a loop and needs no deep stack.
 */
public final class Frontend {

    /**
     * The longest name (of a program, a variable, a declaration, an initializer) the
     * language accepts. A name becomes a class name, a field, a method name ({@code
     * compute_} + name) and a string constant of the generated class: at this length the
     * class's file ({@code NameModelTest.java}, say) fits the 255 bytes most file systems
     * allow, and every string stays far below the class file's 65,535-byte limit.
     */
    public static final int MAX_NAME_CHARS = 200;

    /** Stack for the parser thread: enough for nesting far beyond 10,000 levels. */
    private static final long PARSER_STACK_BYTES = 512L * 1024 * 1024;

    private Frontend() {
    }

    /**
     * Parses and lowers {@code source}: a bare expression, or the one entry of a file of
     * definitions (see {@link Definitions}).
     *
     * @param variables the input order for a bare expression, or null for the order of
     *                  first appearance (for a program, null or a permutation of its parameters)
     * @param builder   the builder to lower into (its rules fold constants as it goes)
     */
    public static Program parse(SourceText source, List<String> variables, GraphBuilder builder) {
        return parse(source, variables, java.util.Map.of(), builder, null);
    }

    /**
     * Parses and lowers the function {@code entry} of {@code source} (null: its one entry),
     * with the functions it calls inlined and the size symbols of array parameters bound.
     *
     * @param variables the input order for a bare expression, or null for the order of
     *                  first appearance (for a program, null or a permutation of its parameters)
     * @param sizes     the value of each size symbol ({@code n} in {@code fn f(x[n])})
     * @param builder   the builder to lower into (its rules fold constants as it goes)
     * @param entry     the function to compile, or null for the file's one entry
     */
    public static Program parse(SourceText source, List<String> variables, java.util.Map<String, Integer> sizes,
                                GraphBuilder builder, String entry) {
        return parse(source, variables, sizes, builder, entry, false);
    }

    /**
     * As {@link #parse(SourceText, List, java.util.Map, GraphBuilder, String)}, and with
     * {@code loops}, a long sum whose term reads the inputs at affine positions of its index is
     * kept as a loop sum ({@link dev.fluxion.compiler.ir.LoopSum}) instead of written out: the
     * program then has a second input port of their values.
     */
    public static Program parse(SourceText source, List<String> variables, java.util.Map<String, Integer> sizes,
                                GraphBuilder builder, String entry, boolean loops) {
        FunctionIr f = lowerFunction(source, variables, sizes, builder, entry, loops, false);
        return f.scalar();
    }

    /**
     * A function lowered to one of the two IRs, chosen by the shape of what its body reads: the
     * scalar IR ({@link #scalar}, a {@link Program} of scalar nodes, straight-line and loop back
     * ends), or, when the body reads an array parameter whole (a tensor op on it, such as
     * {@code W @ v} or {@code sum(x)}), the tensor IR ({@link #tensor}, a {@link
     * dev.fluxion.compiler.ir.ModelProgram} whose parameters are the function's parameters and
     * whose inputs are its data, emitted by the tensor-kernel back end). Exactly one is non-null.
     */
    public record FunctionIr(Program scalar, dev.fluxion.compiler.ir.ModelProgram tensor) {
    }

    /**
     * Parses and lowers the function {@code entry} of {@code source} (null: its one entry, or a
     * bare expression) to the IR its body's shapes call for ({@link FunctionIr}).
     *
     * @param variables the input order for a bare expression, or null (not used by the tensor IR)
     * @param sizes     the value of each size symbol
     * @param builder   the builder to lower into
     * @param entry     the function to compile, or null for the file's one entry
     * @param loops     keep long sums as loop sums (scalar IR)
     */
    public static FunctionIr lowerFunction(SourceText source, List<String> variables, java.util.Map<String, Integer> sizes,
                                           GraphBuilder builder, String entry, boolean loops) {
        return lowerFunction(source, variables, sizes, builder, entry, loops, true);
    }

    private static FunctionIr lowerFunction(SourceText source, List<String> variables, java.util.Map<String, Integer> sizes,
                                            GraphBuilder builder, String entry, boolean loops, boolean tensors) {
        FluxionParser.UnitContext tree = onLargeStack(() -> parseTree(source));
        if (tree instanceof FluxionParser.ExpressionUnitContext eu) {
            if (entry != null) {
                throw new CompileException(source, Diagnostic.whole("a bare expression has no entries to choose from; "
                        + "--entry (Options.withEntry) names a function or model of a file of definitions"));
            }
            return new FunctionIr(new Lowering(source, builder, false).withSizes(sizes).withLoops(loops)
                    .lower(eu, variables), null);
        }
        FluxionParser.DefinitionsUnitContext du = (FluxionParser.DefinitionsUnitContext) tree;
        Definitions.Definition d = chosen(source, entry);
        if (d.model()) {
            throw new CompileException(source, Diagnostic.whole((entry == null ? "this is a model" : "'" + entry + "' is a model")
                    + ": compile it with Fluxion.compileEntry (or compileModel); "
                    + "on the command line, fluxion gen writes its class and fluxion compare checks its gradient"));
        }
        Helpers helpers = Helpers.of(du);
        FluxionParser.FunctionContext fn = helpers.function(d.name());
        if (tensors && readsArrayWhole(fn, helpers)) {
            return new FunctionIr(null, new ModelLowering(source, builder, helpers).lowerFunction(fn, sizes));
        }
        return new FunctionIr(new Lowering(source, builder, false, helpers).withSizes(sizes).withLoops(loops)
                .lowerFunction(fn, variables), null);
    }

    /**
     * Whether the body of {@code fn} reads one of its array parameters (or data) whole, as a
     * tensor: a name of an array with no index after it, other than the whole argument of a call
     * of a function of the file (which the scalar IR binds element by element). Walks the tree
     * with an explicit stack (no recursion over expression depth).
     */
    static boolean readsArrayWhole(FluxionParser.FunctionContext fn, Helpers helpers) {
        java.util.Set<String> arrays = new java.util.HashSet<>();
        List<FluxionParser.ParameterContext> declared = new java.util.ArrayList<>();
        if (fn.params() != null) {
            declared.addAll(fn.params().items);
        }
        if (fn.data != null) {
            declared.addAll(fn.data.items);
        }
        for (FluxionParser.ParameterContext pc : declared) {
            if (pc.shape() != null) {
                arrays.add(pc.ID().getText());
            }
        }
        if (arrays.isEmpty()) {
            return false;
        }
        java.util.ArrayDeque<org.antlr.v4.runtime.tree.ParseTree> stack = new java.util.ArrayDeque<>();
        fn.statement().forEach(stack::push);
        stack.push(fn.ret());
        while (!stack.isEmpty()) {
            org.antlr.v4.runtime.tree.ParseTree t = stack.pop();
            if (t instanceof FluxionParser.PostfixContext p && p.indices.isEmpty()
                    && p.atom() instanceof FluxionParser.NameContext n && arrays.contains(n.ID().getText())
                    && !wholeArgumentOfHelper(p, n.ID().getText(), helpers)) {
                return true;
            }
            for (int c = 0; c < t.getChildCount(); c++) {
                stack.push(t.getChild(c));
            }
        }
        return false;
    }

    /** Whether {@code p} (the name {@code name}) is a whole argument of a call of a function of the file. */
    private static boolean wholeArgumentOfHelper(FluxionParser.PostfixContext p, String name, Helpers helpers) {
        org.antlr.v4.runtime.tree.ParseTree up = p.getParent();
        while (up != null && !(up instanceof FluxionParser.ArgumentContext) && !(up instanceof FluxionParser.StatementContext)) {
            up = up.getParent();
        }
        return up instanceof FluxionParser.ArgumentContext a && a.getText().equals(name)
                && a.getParent() instanceof FluxionParser.CallContext call && helpers.function(call.ID().getText()) != null;
    }

    /** The definition to compile, after checking the file has no recursion. */
    private static Definitions.Definition chosen(SourceText source, String entry) {
        Definitions defs = Definitions.scan(source);
        defs.checkNoRecursion();
        return defs.choose(entry);
    }

    /**
     * Whether {@code text} is a {@code model} unit, judged by its first token (comments and
     * blanks skipped), so that a model with a mistake further on is still recognised and
     * reported as a model. Cheap: lexes one token.
     */
    public static boolean isModel(String text) {
        return isModel(text, null);
    }

    /**
     * Whether the definition {@code entry} of {@code text} (null: its one entry) is a
     * {@code model}. Judged from the tokens alone ({@link Definitions}), so that a model with
     * a mistake further on is still recognised and reported as a model; false for a bare
     * expression, an unknown name, or a file whose entry is not decided (compiling it then
     * reports why).
     */
    public static boolean isModel(String text, String entry) {
        Definitions defs;
        try {
            defs = Definitions.scan(new SourceText("<input>", text));
        } catch (CompileException e) {
            return false;
        }
        if (entry != null) {
            Definitions.Definition d = defs.get(entry);
            return d != null && d.model();
        }
        List<Definitions.Definition> entries = defs.entries();
        return entries.size() == 1 && entries.get(0).model();
    }

    /**
     * The entries of {@code text}: every model and every function no other definition calls
     * (none for a bare expression).
     *
     * @throws CompileException if two definitions share a name
     */
    public static List<Definitions.Definition> entries(SourceText source) {
        return Definitions.scan(source).entries();
    }

    /** Parses and lowers a {@code model} unit. */
    public static dev.fluxion.compiler.ir.ModelProgram parseModel(SourceText source, GraphBuilder builder) {
        return parseModel(source, builder, null);
    }

    /** Parses and lowers the model {@code entry} of {@code source} (null: its one entry). */
    public static dev.fluxion.compiler.ir.ModelProgram parseModel(SourceText source, GraphBuilder builder, String entry) {
        FluxionParser.UnitContext tree = onLargeStack(() -> parseTree(source));
        if (!(tree instanceof FluxionParser.DefinitionsUnitContext du)) {
            throw new CompileException(source, Diagnostic.whole("expected a model: model name { input ... param ... loss = ... }"));
        }
        Definitions.Definition d = chosen(source, entry);
        if (!d.model()) {
            throw new CompileException(source, Diagnostic.whole((entry == null ? "expected a model" : "'" + entry
                    + "' is a function, not a model") + ": model name { input ... param ... loss = ... }"));
        }
        Helpers helpers = Helpers.of(du);
        FluxionParser.ModelContext model = du.definitions.stream().map(FluxionParser.DefinitionContext::model)
                .filter(m -> m != null && m.name.getText().equals(d.name())).findFirst().orElseThrow();
        return new ModelLowering(source, builder, helpers).lower(model);
    }

    private static FluxionParser.UnitContext parseTree(SourceText source) {
        FluxionLexer lexer = new FluxionLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        SyntaxErrors errors = new SyntaxErrors();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        FluxionParser parser = new FluxionParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        FluxionParser.UnitContext unit = parser.unit();
        if (!errors.errors().isEmpty()) {
            throw new CompileException(source, errors.errors());
        }
        checkNameLengths(source, tokens.getTokens());
        if (unit instanceof FluxionParser.EmptyUnitContext) {
            throw new CompileException(source, Diagnostic.whole(
                    "empty input: write an expression such as ln(x1)+x1*x2-sin(x2), or a program fn name(x, y) { ... }"));
        }
        return unit;
    }

    /** Refuses the first name longer than {@link #MAX_NAME_CHARS}, pointing at it. */
    private static void checkNameLengths(SourceText source, List<Token> tokens) {
        for (Token t : tokens) {
            if (t.getType() == FluxionLexer.ID && t.getText().length() > MAX_NAME_CHARS) {
                throw new CompileException(source, new Diagnostic("name of " + t.getText().length()
                        + " characters is too long: a name has at most " + MAX_NAME_CHARS + " characters",
                        t.getLine(), t.getCharPositionInLine() + 1, t.getText().length()));
            }
        }
    }

    /** Runs {@code work} on a thread with a large stack and returns its result or rethrows its exception. */
    static <T> T onLargeStack(java.util.function.Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "fluxion-parser", PARSER_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }
}

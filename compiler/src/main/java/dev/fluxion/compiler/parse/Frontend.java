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
     * Parses and lowers {@code source}.
     *
     * @param variables the input order for a bare expression, or null for the order of
     *                  first appearance (for a program, null or a permutation of its parameters)
     * @param builder   the builder to lower into (its rules fold constants as it goes)
     */
    public static Program parse(SourceText source, List<String> variables, GraphBuilder builder) {
        return parse(source, variables, java.util.Map.of(), builder);
    }

    /**
     * Parses and lowers {@code source}, with the size symbols of array parameters bound.
     *
     * @param sizes the value of each size symbol ({@code n} in {@code fn f(x[n])})
     */
    public static Program parse(SourceText source, List<String> variables, java.util.Map<String, Integer> sizes,
                                GraphBuilder builder) {
        FluxionParser.UnitContext tree = onLargeStack(() -> parseTree(source));
        return new Lowering(source, builder, false).withSizes(sizes).lower(tree, variables);
    }

    /**
     * Whether {@code text} is a {@code model} unit, judged by its first token (comments and
     * blanks skipped), so that a model with a mistake further on is still recognised and
     * reported as a model. Cheap: lexes one token.
     */
    public static boolean isModel(String text) {
        FluxionLexer lexer = new FluxionLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        return lexer.nextToken().getType() == FluxionLexer.MODEL;
    }

    /** Parses and lowers a {@code model} unit. */
    public static dev.fluxion.compiler.ir.ModelProgram parseModel(SourceText source, GraphBuilder builder) {
        FluxionParser.UnitContext tree = onLargeStack(() -> parseTree(source));
        if (!(tree instanceof FluxionParser.ModelUnitContext mu)) {
            throw new CompileException(source, Diagnostic.whole("expected a model: model name { input ... param ... loss = ... }"));
        }
        return new ModelLowering(source, builder).lower(mu.model());
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

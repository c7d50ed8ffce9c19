package dev.fluxion.compiler.parse;

import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.diag.Diagnostic;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.grammar.FluxionLexer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The definitions of a file (its {@code fn}s and {@code model}s), who calls whom, and which
 * of them are entries. Found from the tokens alone, so a file with a syntax error further on
 * still has its entries (and a model is still recognised as a model).
 *
 * <p>The rule for entries: every model, and every function that no other definition calls.
 * A function called by another is a helper; it is compiled as part of its callers (inlined
 * at each call) and is an entry only when asked for by name ({@code --entry},
 * {@code Options.withEntry}). A file with one entry compiles it without being told.
 */
public final class Definitions {

    /** One {@code fn} or {@code model}: its name, kind, where its name is, and its parameter count. */
    public record Definition(String name, boolean model, Token at) {
    }

    /** A call of a function of the file from the body of {@code caller}. */
    record Call(String caller, String callee, Token at) {
    }

    private final SourceText source;
    private final Map<String, Definition> byName;
    private final List<Call> calls;

    private Definitions(SourceText source, Map<String, Definition> byName, List<Call> calls) {
        this.source = source;
        this.byName = byName;
        this.calls = calls;
    }

    /**
     * Scans {@code source}. Every {@code fn} or {@code model} token followed by a name opens a
     * definition; a name followed by {@code (} inside one is a call of a function of the
     * file (an initializer, {@code init uniform(...)}, is not a call).
     *
     * @param source the program text
     * @return its definitions (none for a bare expression)
     * @throws CompileException if two definitions have the same name
     */
    public static Definitions scan(SourceText source) {
        FluxionLexer lexer = new FluxionLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            tokens.add(t);
        }
        Map<String, Definition> byName = new LinkedHashMap<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            Token name = tokens.get(i + 1);
            if ((type == FluxionLexer.FN || type == FluxionLexer.MODEL) && name.getType() == FluxionLexer.ID) {
                Definition previous = byName.putIfAbsent(name.getText(), new Definition(name.getText(), type == FluxionLexer.MODEL, name));
                if (previous != null) {
                    throw new CompileException(source, at(name, "'" + name.getText() + "' is already defined at line "
                            + previous.at().getLine() + ", column " + (previous.at().getCharPositionInLine() + 1)));
                }
            }
        }
        List<Call> calls = new ArrayList<>();
        String current = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if ((t.getType() == FluxionLexer.FN || t.getType() == FluxionLexer.MODEL) && i + 1 < tokens.size()) {
                current = tokens.get(i + 1).getText();
                i++;
                continue;
            }
            boolean called = t.getType() == FluxionLexer.ID && i + 1 < tokens.size()
                    && "(".equals(tokens.get(i + 1).getText())
                    && (i == 0 || tokens.get(i - 1).getType() != FluxionLexer.INIT);
            Definition d = called ? byName.get(t.getText()) : null;
            if (d != null && current != null && !d.model()) {
                calls.add(new Call(current, t.getText(), t));
            }
        }
        return new Definitions(source, Collections.unmodifiableMap(byName), List.copyOf(calls));
    }

    /** Whether the text is a file of definitions rather than a bare expression. */
    public boolean any() {
        return !byName.isEmpty();
    }

    /** Every definition, in the order of the file. */
    public List<Definition> all() {
        return List.copyOf(byName.values());
    }

    /** The definition named {@code name}, or null. */
    public Definition get(String name) {
        return byName.get(name);
    }

    /** The entries: every model and every function no other definition calls, in the order of the file. */
    public List<Definition> entries() {
        List<Definition> out = new ArrayList<>();
        for (Definition d : byName.values()) {
            boolean calledByAnother = calls.stream().anyMatch(c -> c.callee().equals(d.name()) && !c.caller().equals(d.name()));
            if (d.model() || !calledByAnother) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * The definition to compile: {@code requested} if given (any function or model of the
     * file, helpers included), else the file's one entry.
     *
     * @param requested a definition's name, or null
     * @return the definition
     * @throws CompileException naming the entries if the name is unknown, or if none is given
     *         and the file has several entries
     */
    public Definition choose(String requested) {
        List<Definition> entries = entries();
        if (requested != null) {
            Definition d = byName.get(requested);
            if (d == null) {
                throw new CompileException(source, Diagnostic.whole("there is no function or model '" + requested
                        + "' in this file; " + describe(entries)));
            }
            return d;
        }
        if (entries.size() != 1) {
            throw new CompileException(source, Diagnostic.whole("this file has " + entries.size() + " entries ("
                    + names(entries) + "): choose one with --entry NAME, or Options.withEntry(NAME) from Java"));
        }
        return entries.get(0);
    }

    private String describe(List<Definition> entries) {
        List<Definition> helpers = new ArrayList<>(byName.values());
        helpers.removeAll(entries);
        return (entries.size() == 1 ? "its entry is " : "its entries are ") + names(entries)
                + (helpers.isEmpty() ? "" : " (helper functions: " + names(helpers) + ")");
    }

    private static String names(List<Definition> ds) {
        return String.join(", ", ds.stream().map(Definition::name).toList());
    }

    /**
     * Fails on a function that calls itself, directly or through others, naming the cycle
     * and pointing at the call that closes it. Inlining could not end, and the language
     * has no base case to stop it.
     *
     * @throws CompileException on the first cycle found, in the order of the file
     */
    void checkNoRecursion() {
        Map<String, List<Call>> out = new HashMap<>();
        for (Call c : calls) {
            out.computeIfAbsent(c.caller(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (Definition root : byName.values()) {
            if (state.containsKey(root.name())) {
                continue;
            }
            // An explicit depth-first walk: the path of names and, per name, the next call to follow.
            List<String> path = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            path.add(root.name());
            next.add(0);
            state.put(root.name(), 1);
            while (!path.isEmpty()) {
                int top = path.size() - 1;
                String name = path.get(top);
                List<Call> edges = out.getOrDefault(name, List.of());
                int k = next.get(top);
                if (k == edges.size()) {
                    state.put(name, 2);
                    path.remove(top);
                    next.remove(top);
                    continue;
                }
                next.set(top, k + 1);
                Call c = edges.get(k);
                Integer s = state.get(c.callee());
                if (s == null) {
                    state.put(c.callee(), 1);
                    path.add(c.callee());
                    next.add(0);
                } else if (s == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(c.callee()), path.size()));
                    cycle.add(c.callee());
                    String how = cycle.size() == 2 ? "'" + c.callee() + "' calls itself"
                            : "'" + c.callee() + "' calls itself through " + String.join(" → ", cycle);
                    throw new CompileException(source, at(c.at(), "recursion: " + how
                            + " (a function may call the functions of its file, but not in a cycle)"));
                }
            }
        }
    }

    private static Diagnostic at(Token t, String message) {
        return new Diagnostic(message, Math.max(1, t.getLine()), t.getCharPositionInLine() + 1,
                Math.max(1, t.getStopIndex() - t.getStartIndex() + 1));
    }
}

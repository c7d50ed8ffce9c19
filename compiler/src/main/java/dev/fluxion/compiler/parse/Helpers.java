package dev.fluxion.compiler.parse;

import dev.fluxion.grammar.FluxionParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions of a file as the lowering sees them: a call {@code f(x, y)} of one of them is
 * lowered by lowering f's body once more with its parameters bound to the argument nodes
 * (inlining). Hash-consing shares whatever two calls compute alike, so a helper called
 * twice on the same arguments costs one evaluation. Recursion is rejected before any
 * lowering ({@link Definitions#checkNoRecursion}), so inlining ends.
 */
final class Helpers {

    private static final Helpers NONE = new Helpers(Map.of(), Set.of());

    private final Map<String, FluxionParser.FunctionContext> functions;
    private final Set<String> models;

    private Helpers(Map<String, FluxionParser.FunctionContext> functions, Set<String> models) {
        this.functions = functions;
        this.models = models;
    }

    /** No functions to call (a bare expression). */
    static Helpers none() {
        return NONE;
    }

    /** The functions and models of a file of definitions. */
    static Helpers of(FluxionParser.DefinitionsUnitContext unit) {
        Map<String, FluxionParser.FunctionContext> functions = new LinkedHashMap<>();
        Set<String> models = new TreeSet<>();
        for (FluxionParser.DefinitionContext d : unit.definitions) {
            if (d.function() != null) {
                functions.putIfAbsent(d.function().name.getText(), d.function());
            } else {
                models.add(d.model().name.getText());
            }
        }
        return new Helpers(Collections.unmodifiableMap(functions), Collections.unmodifiableSet(models));
    }

    /** The function named {@code name}, or null. */
    FluxionParser.FunctionContext function(String name) {
        return functions.get(name);
    }

    /** Whether {@code name} is a model of the file. */
    boolean isModel(String name) {
        return models.contains(name);
    }

    /** The names of the file's functions, in the order of the file. */
    List<String> names() {
        return new ArrayList<>(functions.keySet());
    }

    /** The parameter names of {@code fn}, in order. */
    static List<String> parameters(FluxionParser.FunctionContext fn) {
        return fn.params() == null ? List.of() : fn.params().items.stream().map(pc -> pc.ID().getText()).toList();
    }

    /** How {@code fn} is called: {@code polar(r, t)}, array parameters with their shapes. */
    static String signature(FluxionParser.FunctionContext fn) {
        List<String> params = fn.params() == null ? List.of()
                : fn.params().items.stream().map(FluxionParser.ParameterContext::getText).toList();
        return fn.name.getText() + "(" + String.join(", ", params) + ")";
    }

    /** How many values {@code fn} returns. */
    static int results(FluxionParser.FunctionContext fn) {
        return fn.ret() instanceof FluxionParser.TupleReturnContext t ? t.test().size() : 1;
    }
}

package dev.fluxion.compiler.ops;

import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The op table: every op of the language, listed explicitly by family (no registration
 * as a side effect of class loading), and the names by which calls find them.
 */
public final class OpTable {

    private static final List<Op> ALL;
    private static final Map<String, Op> FUNCTIONS;
    private static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI);

    static {
        List<Op> all = new ArrayList<>();
        all.addAll(Arithmetic.all());
        all.addAll(Elementary.all());
        all.addAll(Activations.all());
        all.addAll(Hyperbolic.all());
        all.addAll(InverseTrig.all());
        all.addAll(Stable.all());
        all.addAll(GammaFunctions.all());
        all.addAll(Rounding.all());
        all.addAll(Logic.all());
        ALL = Collections.unmodifiableList(all);
        Map<String, Op> functions = new LinkedHashMap<>();
        for (Op op : ALL) {
            if (op.notation().kind() == Notation.Kind.CALL) {
                functions.put(op.name(), op);
            }
        }
        functions.put("log", Elementary.LN);
        functions.put("pow", Arithmetic.POW);
        FUNCTIONS = Collections.unmodifiableMap(functions);
    }

    private OpTable() {
    }

    /** Every op, in table order. */
    public static List<Op> all() {
        return ALL;
    }

    /** The op a call {@code name(...)} means, or null. */
    public static Op function(String name) {
        return FUNCTIONS.get(name);
    }

    /** Every name a call may use, aliases included. */
    public static Set<String> functionNames() {
        return FUNCTIONS.keySet();
    }

    /** The value of a named constant ({@code pi}), or null. */
    public static Double constant(String name) {
        return CONSTANTS.get(name);
    }

    public static Set<String> constantNames() {
        return CONSTANTS.keySet();
    }
}

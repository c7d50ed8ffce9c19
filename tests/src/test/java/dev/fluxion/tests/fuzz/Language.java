package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.diag.CompileException;
import dev.fluxion.compiler.ops.OpTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the language accepts, found by asking the compiler, so the generators cover a
 * construct or an op from the commit that adds it on, with no list here to update:
 * conditionals ({@code if c then a else b} with comparisons, {@code and}, {@code or},
 * {@code not}) and, for every function of the op table, what each argument takes: any
 * expression, a condition ({@code where(c, a, b)}) or a whole number ({@code polygamma(n, x)}).
 * {@link #describe} goes into the run's summary, so a run that leaves something out says so.
 *
 * @param comparisons the comparison operators, empty if there are no conditionals
 * @param logic       whether {@code and}, {@code or} and {@code not} combine conditions
 * @param hasArrays   whether parameters may be arrays, read by index and by {@code sum(i in lo..hi: ...)}
 * @param signatures  every function that compiles with some choice of arguments, with that choice
 * @param unusable    functions no choice of arguments compiled with (not generated)
 */
record Language(List<String> comparisons, boolean logic, boolean hasArrays, Map<String, List<Arg>> signatures,
                List<String> unusable) {

    /** What an argument of a function takes. */
    enum Arg {
        /** Any expression. */
        NUMBER("x"),
        /** A condition such as {@code x < y}. */
        CONDITION("x < y"),
        /** A whole-number literal. */
        WHOLE("1");

        final String probe;

        Arg(String probe) {
            this.probe = probe;
        }
    }

    private static final List<String> CANDIDATES = List.of("<", "<=", ">", ">=", "==", "!=");

    Language {
        comparisons = List.copyOf(comparisons);
        signatures = Collections.unmodifiableMap(new LinkedHashMap<>(signatures));
        unusable = List.copyOf(unusable);
    }

    static Language probe(Fluxion fluxion) {
        List<String> accepted = new ArrayList<>();
        for (String c : CANDIDATES) {
            if (compiles(fluxion, "if x " + c + " y then x else 2*y")) {
                accepted.add(c);
            }
        }
        boolean logic = !accepted.isEmpty() && compiles(fluxion, "if not (x < y and y < 1 or x > 2) then x else y");
        boolean arrays = compiles(fluxion, "fn probe(v[3], y) { return sum(i in 0..1: v[i] * v[i + 1]) + v[2] * y }");
        Map<String, List<Arg>> signatures = new LinkedHashMap<>();
        List<String> unusable = new ArrayList<>();
        for (String f : new TreeSet<>(OpTable.functionNames())) {
            List<Arg> args = signature(fluxion, f, OpTable.function(f).arity());
            if (args == null) {
                unusable.add(f);
            } else {
                signatures.put(f, args);
            }
        }
        return new Language(accepted, logic, arrays, signatures, unusable);
    }

    /** Every argument an expression if that compiles, else each position in turn tried as a condition, then a whole number. */
    private static List<Arg> signature(Fluxion fluxion, String f, int arity) {
        List<Arg> args = new ArrayList<>(Collections.nCopies(arity, Arg.NUMBER));
        if (compiles(fluxion, call(f, args))) {
            return args;
        }
        for (int i = 0; i < arity; i++) {
            for (Arg kind : List.of(Arg.CONDITION, Arg.WHOLE)) {
                args.set(i, kind);
                if (compiles(fluxion, call(f, args))) {
                    return args;
                }
            }
            args.set(i, Arg.NUMBER);
        }
        for (Arg kind : List.of(Arg.CONDITION, Arg.WHOLE)) {
            List<Arg> all = new ArrayList<>(Collections.nCopies(arity, kind));
            if (compiles(fluxion, call(f, all))) {
                return all;
            }
        }
        return null;
    }

    private static String call(String f, List<Arg> args) {
        return "fn probe(x, y) { return " + f + "(" + String.join(", ", args.stream().map(a -> a.probe).toList()) + ") + y }";
    }

    private static boolean compiles(Fluxion fluxion, String text) {
        try {
            fluxion.compile(text);
            return true;
        } catch (CompileException e) {
            return false;
        }
    }

    boolean hasConditionals() {
        return !comparisons.isEmpty();
    }

    /** The functions whose arguments are all expressions. */
    List<String> numericFunctions(int arity) {
        return signatures.entrySet().stream()
                .filter(e -> e.getValue().size() == arity && e.getValue().stream().allMatch(a -> a == Arg.NUMBER))
                .map(Map.Entry::getKey).toList();
    }

    String describe() {
        StringBuilder sb = new StringBuilder(hasConditionals()
                ? "conditionals with " + String.join(" ", comparisons) + (logic ? " and/or/not" : "")
                : "no conditionals (not in the language)");
        sb.append(hasArrays ? ", arrays and indexed reductions" : ", no arrays (not in the language)");
        signatures.forEach((f, args) -> {
            if (args.stream().anyMatch(a -> a != Arg.NUMBER)) {
                sb.append(", ").append(f).append(args);
            }
        });
        if (!unusable.isEmpty()) {
            sb.append(", NOT GENERATED (no arguments compile): ").append(unusable);
        }
        return sb.toString();
    }
}

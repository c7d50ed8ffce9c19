package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.ops.OpTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random well-formed scalar programs over every construct of the language: bare
 * expressions, {@code fn} programs with assignments and one or several (tuple) outputs,
 * every operator, and every function of {@link OpTable} (read from the table, so an op
 * added to the compiler is generated from the next run on, with no list here to update),
 * conditionals, array parameters with indexing and the indexed reductions
 * {@code sum/prod/max/min(i in lo..hi: term)} where the language has them ({@link Language}),
 * data parameters, and gathers by integer index data ({@code v[g[i]]}).
 *
 * <p>Arguments of calls, divisors, bases and exponents are often, not always, passed
 * through a guard ({@code 1 + a^2}, {@code tanh(a)}, {@code exp(a)}) so that most programs
 * are defined at most points; the rest meet poles, overflows and empty domains, where the
 * oracle checks that both modes agree and that the compiler does not throw.
 */
final class ScalarGenerator {

    private static final String[] INFIX = {"+", "-", "*", "/", "^"};
    private static final String[] NUMBERS = {"1", "2", "3", "0.5", "2.5", "0.1", "1e-3", "10", "pi", "0.25", "1.5", "4"};
    /** Rare constants at the edges of the domains: zero and huge or tiny magnitudes. */
    private static final String[] EDGE_NUMBERS = {"0", "0", "1e300", "1e-300", "1e999", "0.0"};
    private static final String[] INPUTS = {"x", "y", "z", "w", "u"};

    private final Random r;
    private final Language language;
    private final List<String> functions;
    /** The array parameters of the program being generated, with their dimensions. */
    private final java.util.Map<String, int[]> arrays = new java.util.LinkedHashMap<>();
    /** Whether the program has index data {@code g} that leaves may gather {@code v} by. */
    private boolean gathers;
    /** Elements indexed by the variables of the reductions the generator is inside. */
    private final List<Term> indexed = new ArrayList<>();

    /**
     * Draws the gathers: a stream of its own, so that adding them left every program without one
     * as the fixed-seed run generated it before (their findings stay comparable across versions).
     */
    private final Random side;

    ScalarGenerator(Random r, Random side, Language language) {
        this.r = r;
        this.side = side;
        this.language = language;
        this.functions = List.copyOf(language.signatures().keySet());
    }

    /** A random program: a bare expression or a {@code fn}, of the given maximal expression depth. */
    ScalarProgram program(int depth) {
        int inputs = 1 + r.nextInt(r.nextInt(8) == 0 ? 5 : 3);
        List<String> params = List.of(INPUTS).subList(0, inputs);
        if (r.nextInt(5) < 2) {
            return new ScalarProgram(null, params, List.of(), List.of(expr(depth, params)));
        }
        List<String> names = new ArrayList<>(params);
        List<String> data = new ArrayList<>();
        boolean wantLoop = r.nextBoolean();
        if (language.hasArrays() && r.nextInt(3) == 0) {
            params = new ArrayList<>(params);
            if (r.nextInt(4) == 0) {
                int rows = 2;
                // Sometimes a row long enough for a sum over it to be kept as a loop (ir.LoopSum).
                int cols = r.nextInt(4) == 0 ? 17 : 2 + r.nextInt(2);
                params.add("A[" + rows + ", " + cols + "]");
                arrays.put("A", new int[] {rows, cols});
            } else {
                // long enough for a sum over it, or a for loop over it, to be kept as a loop
                int k = r.nextInt(3) < (wantLoop ? 2 : 1) ? 17 + r.nextInt(4) : 2 + r.nextInt(3);
                params.add("v[" + k + "]");
                arrays.put("v", new int[] {k});
            }
            if (r.nextInt(3) == 0) {
                // The array as data (fn f(a, b; v[k])): given at call time, never differentiated.
                data.add(params.remove(params.size() - 1));
            }
            if (arrays.containsKey("v") && side.nextInt(3) == 0) {
                // Integer index data (fn f(a, v[k]; g[q]), or v data too): leaves read v[g[2]], v[g[i]]
                // (gathers). The oracle fills g with whole numbers inside v (ScalarProgram.indexData).
                int q = side.nextInt(3) == 0 ? 17 + side.nextInt(3) : 2 + side.nextInt(3);
                data.add("g[" + q + "]");
                arrays.put("g", new int[] {q});
                gathers = true;
            }
        }
        List<ScalarProgram.Assignment> assignments = new ArrayList<>();
        int statements = r.nextInt(4);
        boolean vector = arrays.containsKey("v");
        int loopAt = vector && wantLoop ? r.nextInt(statements + 1) : -1;
        for (int i = 0; i < Math.max(statements, loopAt + 1); i++) {
            String target = "t" + i;
            if (i == loopAt) {
                assignments.add(loop(target, "q" + i, depth, params, names));
            } else {
                assignments.add(new ScalarProgram.Assignment(target, expr(depth - 1, names)));
            }
            names.add(target);
        }
        int outputs = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
        if (gathers) {
            outputs = 1;                            // a function that gathers has one result
        }
        List<Term> returned = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            returned.add(expr(depth, names));
        }
        return new ScalarProgram("f" + r.nextInt(100), params, assignments, returned, data);
    }

    /**
     * {@code target = start} and {@code for q in 0..k-1 { target = body }} over the vector v: a
     * loop carrying target, whose body reads it and v[q]. The start is a number or an input half
     * the time (a loop the compiler keeps as a scan when v has 16 or more elements) and else an
     * expression (a loop it unrolls); the body reads only the parameters and the carry half the
     * time (keepable), else also the temporaries before it. It is damped ({@code tanh},
     * {@code 0.5*h + ...}) so that most loops stay finite over 20 steps.
     */
    private ScalarProgram.Assignment loop(String target, String var, int depth, List<String> params, List<String> names) {
        List<String> scalars = params.stream().filter(p -> !p.contains("[")).toList();
        Term start = switch (r.nextInt(4)) {
            case 0 -> Term.number(NUMBERS[r.nextInt(NUMBERS.length)]);
            case 1 -> scalars.isEmpty() ? Term.number("0.5") : Term.name(scalars.get(r.nextInt(scalars.size())));
            default -> expr(depth - 1, names);
        };
        List<String> visible = new ArrayList<>(r.nextBoolean() ? scalars : names);
        visible.add(target);
        visible.add(target);
        int saved = indexed.size();
        indexed.add(Term.index("v", List.of(Term.name(var))));
        Term e = expr(depth - 1, visible);
        while (indexed.size() > saved) {
            indexed.remove(indexed.size() - 1);
        }
        Term body = switch (r.nextInt(3)) {
            case 0 -> Term.call("tanh", List.of(Term.infix("+", Term.name(target), e, false)));
            case 1 -> Term.infix("+", Term.infix("*", Term.number("0.5"), Term.name(target), false), e, false);
            default -> Term.infix("+", Term.infix("*", Term.number("0.9"), Term.name(target), false),
                    Term.call("sin", List.of(e)), false);
        };
        return new ScalarProgram.Assignment(target, start, new ScalarProgram.Loop(var, 0, arrays.get("v")[0] - 1, body));
    }

    /** An expression of depth at most {@code depth} over {@code names}. */
    Term expr(int depth, List<String> names) {
        if (depth <= 0 || r.nextInt(6) == 0) {
            return leaf(names);
        }
        if (!arrays.isEmpty() && r.nextInt(5) == 0) {
            return reduction(depth, names);
        }
        boolean parens = r.nextInt(8) == 0;
        int choice = r.nextInt(language.hasConditionals() ? 12 : 11);
        if (choice < 4) {
            String op = INFIX[r.nextInt(INFIX.length)];
            Term a = expr(depth - 1, names);
            Term b = expr(depth - 1, names);
            if (op.equals("/") && r.nextInt(3) > 0) {
                b = positive(b);
            } else if (op.equals("^")) {
                if (r.nextInt(3) > 0) {
                    a = positive(a);
                }
                if (r.nextInt(3) == 0) {
                    b = Term.number(String.valueOf(r.nextInt(5)));
                } else if (r.nextInt(2) == 0) {
                    b = bounded(b);
                }
            }
            return Term.infix(op, a, b, parens);
        }
        if (choice == 4) {
            return Term.negate(expr(depth - 1, names), parens);
        }
        if (choice < 11) {
            String f = functions.get(r.nextInt(functions.size()));
            List<Term> args = new ArrayList<>();
            for (Language.Arg kind : language.signatures().get(f)) {
                args.add(switch (kind) {
                    case NUMBER -> guarded(expr(depth - 1, names));
                    case CONDITION -> condition(depth - 1, names);
                    case WHOLE -> Term.number(String.valueOf(r.nextInt(4)));
                });
            }
            return Term.call(f, args);
        }
        return Term.conditional(condition(depth - 1, names), expr(depth - 1, names), expr(depth - 1, names));
    }

    /** A condition: a comparison, often of an input with a constant (so points can sit on its boundary), or and/or/not of conditions. */
    Term condition(int depth, List<String> names) {
        List<String> comparisons = language.comparisons();
        String cmp = comparisons.get(r.nextInt(comparisons.size()));
        if (language.logic() && depth > 0 && r.nextInt(4) == 0) {
            return switch (r.nextInt(3)) {
                case 0 -> Term.not(condition(depth - 1, names));
                case 1 -> Term.logic("and", condition(depth - 1, names), condition(depth - 1, names));
                default -> Term.logic("or", condition(depth - 1, names), condition(depth - 1, names));
            };
        }
        if (r.nextBoolean()) {
            return Term.comparison(cmp, Term.name(names.get(r.nextInt(names.size()))), Term.number(BOUNDARIES[r.nextInt(BOUNDARIES.length)]));
        }
        return Term.comparison(cmp, expr(depth, names), expr(depth, names));
    }

    /** Constants conditions compare with; {@link ScalarOracle} puts inputs exactly on some of them. */
    static final String[] BOUNDARIES = {"0", "1", "0.5", "-1"};

    private Term leaf(List<String> names) {
        if (!arrays.isEmpty() && r.nextInt(3) == 0) {
            if (!indexed.isEmpty() && r.nextInt(3) > 0) {
                return gathered(indexed.get(r.nextInt(indexed.size())));
            }
            String a = new ArrayList<>(arrays.keySet()).get(r.nextInt(arrays.size()));
            List<Term> at = new ArrayList<>();
            for (int d : arrays.get(a)) {
                int i = r.nextInt(d);
                at.add(Term.number(String.valueOf(i)));
            }
            return gathered(Term.index(a, at));
        }
        int k = r.nextInt(10);
        if (k < 7) {
            return Term.name(names.get(r.nextInt(names.size())));
        }
        if (k < 9 || r.nextInt(4) > 0) {
            return Term.number(NUMBERS[r.nextInt(NUMBERS.length)]);
        }
        return Term.number(EDGE_NUMBERS[r.nextInt(EDGE_NUMBERS.length)]);
    }

    /** An element of the index data {@code g}, often turned into the gather {@code v[g[...]]} or {@code v[g[...] + 1]}. */
    private Term gathered(Term element) {
        if (!gathers || !element.symbol().equals("g") || side.nextInt(3) == 0) {
            return element;
        }
        Term at = side.nextInt(4) == 0 ? Term.infix("+", element, Term.number("1"), false) : element;
        return Term.index("v", List.of(at));
    }

    /**
     * {@code sum(i in 0..k-1: ...)} over an array (prod, max, min too; nested for a matrix):
     * inside it, leaves may read {@code v[i]}, {@code v[i + 1]} (with the range one shorter),
     * {@code A[i, j]}.
     */
    private Term reduction(int depth, List<String> names) {
        String a = new ArrayList<>(arrays.keySet()).get(r.nextInt(arrays.size()));
        int[] dims = arrays.get(a);
        String op = REDUCTIONS[r.nextInt(REDUCTIONS.length)];
        String i = "i" + indexed.size();
        int saved = indexed.size();
        Term result;
        if (dims.length == 1) {
            boolean pairs = dims[0] > 1 && r.nextBoolean();
            int hi = dims[0] - (pairs ? 2 : 1);
            indexed.add(Term.index(a, List.of(Term.name(i))));
            if (pairs) {
                indexed.add(Term.index(a, List.of(Term.infix("+", Term.name(i), Term.number("1"), false))));
            }
            result = Term.reduction(op, i, 0, hi, expr(depth - 1, names));
        } else {
            String j = "j" + indexed.size();
            indexed.add(Term.index(a, List.of(Term.name(i), Term.name(j))));
            Term inner = Term.reduction(REDUCTIONS[r.nextInt(REDUCTIONS.length)], j, 0, dims[1] - 1, expr(depth - 1, names));
            result = Term.reduction(op, i, 0, dims[0] - 1, inner);
        }
        while (indexed.size() > saved) {
            indexed.remove(indexed.size() - 1);
        }
        return result;
    }

    private static final String[] REDUCTIONS = {"sum", "sum", "prod", "max", "min"};

    /** The argument as it is, or through a guard that keeps it positive or in (-1, 1). */
    private Term guarded(Term a) {
        return switch (r.nextInt(6)) {
            case 0 -> positive(a);
            case 1 -> bounded(a);
            default -> a;
        };
    }

    /** {@code 1 + a^2}, {@code exp(a)} or {@code 2 + sin(a)}: positive wherever a is defined. */
    private Term positive(Term a) {
        return switch (r.nextInt(3)) {
            case 0 -> Term.infix("+", Term.number("1"), Term.infix("^", a, Term.number("2"), false), true);
            case 1 -> Term.call("exp", List.of(a));
            default -> Term.infix("+", Term.number("2"), Term.call("sin", List.of(a)), true);
        };
    }

    /** {@code tanh(a)} or {@code sin(a)}: in [-1, 1]. */
    private Term bounded(Term a) {
        return Term.call(r.nextBoolean() ? "tanh" : "sin", List.of(a));
    }
}

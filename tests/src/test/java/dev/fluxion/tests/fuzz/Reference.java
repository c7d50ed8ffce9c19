package dev.fluxion.tests.fuzz;

import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ops.OpTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of a generated program computed from its tree, op by op with each op's own
 * {@link Op#eval} (no graph, no simplifier, no generated code): an oracle for the value
 * that finite differences cannot be, since they read the value they check.
 *
 * <p>The simplifier applies algebra that IEEE 754 does not ({@code x*0 = 0} even where
 * x is infinite), so the oracle only speaks where every subexpression is finite:
 * {@link #value} returns NaN otherwise.
 */
final class Reference {

    /** The infix operators, by their symbol. */
    private static final Map<String, Op> OPERATORS = new HashMap<>();

    static {
        for (Op op : OpTable.scalar()) {
            if (op.notation().kind() == Notation.Kind.INFIX) {
                OPERATORS.put(op.notation().symbol(), op);
            }
        }
    }

    private Reference() {
    }

    /** The piecewise-constant functions whose jumps finite differences can straddle. */
    private static final java.util.Set<String> STEPS = java.util.Set.of("floor", "ceil");

    /**
     * Whether floor or ceil jumps within a central-difference step of {@code x} along some
     * input ({@code data} the program's data, which do not move): their derivative is 0 by the
     * documented convention, but where their argument moves by 1 or more over a step (a
     * large slope, or a value beyond 2^52, where every double is whole and floor is the
     * identity) the staircase is finer than the step and central differences measure the
     * argument's slope instead, agreeing at both step sizes. There they cannot serve as the
     * oracle.
     */
    static boolean stepJumpsNear(ScalarProgram p, double[] x, double[] data) {
        double[] all = java.util.Arrays.copyOf(x, x.length + data.length);
        System.arraycopy(data, 0, all, x.length, data.length);
        List<Double> here = stepValues(p, all);
        if (here.isEmpty()) {
            return false;
        }
        for (int k = 0; k < x.length; k++) {                  // the inputs move, the data stay
            double h = dev.fluxion.tests.support.FiniteDifferences.step(x[k]);
            double[] plus = all.clone();
            double[] minus = all.clone();
            plus[k] += h;
            minus[k] -= h;
            if (!here.equals(stepValues(p, plus)) || !here.equals(stepValues(p, minus))) {
                return true;
            }
        }
        return false;
    }

    /** The values floor and ceil take at {@code x}, in evaluation order. */
    private static List<Double> stepValues(ScalarProgram p, double[] x) {
        Map<String, Double> env = new HashMap<>();
        List<String> inputs = p.inputNames();
        for (int i = 0; i < inputs.size(); i++) {
            env.put(inputs.get(i), x[i]);
        }
        env.put(STEP_COUNT, 0.0);
        try {
            for (ScalarProgram.Assignment a : p.assignments()) {
                assign(a, env);
            }
            for (Term out : p.outputs()) {
                eval(out, env);
            }
        } catch (NotFinite e) {
            // the values taken so far decide
        }
        List<Double> steps = new java.util.ArrayList<>();
        for (int i = 0; i < env.get(STEP_COUNT); i++) {
            steps.add(env.get(STEP_COUNT + i));
        }
        return steps;
    }

    /**
     * A key no program's name can be: present while {@link #stepValues} collects, it counts
     * the values floor and ceil took, each stored under this key and its number.
     */
    private static final String STEP_COUNT = "#steps";

    /** The program's outputs at {@code x}, or null where a subexpression is not finite (or a construct has no reference). */
    static double[] values(ScalarProgram p, double[] x) {
        Map<String, Double> env = new HashMap<>();
        List<String> inputs = p.inputNames();
        for (int i = 0; i < inputs.size(); i++) {
            env.put(inputs.get(i), x[i]);
        }
        try {
            for (ScalarProgram.Assignment a : p.assignments()) {
                assign(a, env);
            }
            double[] y = new double[p.outputs().size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = eval(p.outputs().get(i), env);
            }
            return y;
        } catch (NotFinite e) {
            return null;
        }
    }

    private static final class NotFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFinite() {
            super(null, null, false, false);
        }
    }

    /** {@code target = value}, then the loop's iterations if it has one. */
    private static void assign(ScalarProgram.Assignment a, Map<String, Double> env) {
        env.put(a.target(), eval(a.value(), env));
        if (a.loop() != null) {
            for (int t = a.loop().lo(); t <= a.loop().hi(); t++) {
                env.put(a.loop().var(), (double) t);
                env.put(a.target(), eval(a.loop().body(), env));
            }
            env.remove(a.loop().var());
        }
    }

    private static double eval(Term t, Map<String, Double> env) {
        double v = switch (t.kind()) {
            case NUMBER -> t.symbol().equals("pi") ? Math.PI : Double.parseDouble(t.symbol());
            case NAME -> {
                Double c = env.containsKey(t.symbol()) ? env.get(t.symbol()) : OpTable.constant(t.symbol());
                if (c == null) {
                    throw new IllegalStateException("unbound name " + t.symbol());
                }
                yield c;
            }
            case CALL -> {
                double r = OpTable.function(t.symbol()).eval(args(t, env), null);
                Double count = env.get(STEP_COUNT);
                if (count != null && STEPS.contains(t.symbol())) {
                    env.put(STEP_COUNT + count.intValue(), r);
                    env.put(STEP_COUNT, count + 1);
                }
                yield r;
            }
            case INFIX -> OPERATORS.get(t.symbol()).eval(args(t, env), null);
            case PREFIX -> -eval(t.args().get(0), env);
            case CONDITIONAL -> eval(t.args().get(0), env) != 0 ? eval(t.args().get(1), env) : eval(t.args().get(2), env);
            case COMPARISON, LOGIC -> OPERATORS.get(t.symbol()).eval(args(t, env), null);
            case NOT -> eval(t.args().get(0), env) != 0 ? 0 : 1;
            case INDEX -> {
                int[] at = new int[t.args().size()];
                for (int d = 0; d < at.length; d++) {
                    at[d] = (int) eval(t.args().get(d), env);
                }
                yield env.get(ScalarProgram.element(t.symbol(), at));
            }
            case REDUCTION -> {
                String[] opVar = t.symbol().split(" ");
                int lo = (int) eval(t.args().get(0), env);
                int hi = (int) eval(t.args().get(1), env);
                double acc = switch (opVar[0]) {
                    case "prod" -> 1;
                    case "max" -> Double.NEGATIVE_INFINITY;
                    case "min" -> Double.POSITIVE_INFINITY;
                    default -> 0;
                };
                Double saved = env.get(opVar[1]);
                for (int i = lo; i <= hi; i++) {
                    env.put(opVar[1], (double) i);
                    double term = eval(t.args().get(2), env);
                    acc = switch (opVar[0]) {
                        case "prod" -> acc * term;
                        case "max" -> Math.max(acc, term);
                        case "min" -> Math.min(acc, term);
                        default -> acc + term;
                    };
                }
                env.remove(opVar[1]);
                if (saved != null) {
                    env.put(opVar[1], saved);
                }
                yield acc;
            }
        };
        if (!Double.isFinite(v) && !env.containsKey(STEP_COUNT)) {   // collecting steps goes on through NaN
            throw new NotFinite();
        }
        return v;
    }

    private static double[] args(Term t, Map<String, Double> env) {
        List<Term> args = t.args();
        double[] v = new double[args.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = eval(args.get(i), env);
        }
        return v;
    }
}

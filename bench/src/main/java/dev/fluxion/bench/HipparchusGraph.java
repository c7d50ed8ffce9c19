package dev.fluxion.bench;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.InputRef;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.runtime.Fn;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The gradient of a one-output program by Hipparchus forward-mode AD ({@link Gradient}),
 * evaluated over the program's primal IR: the peer for corpus functions, which have no
 * hand-written Hipparchus version.
 *
 * <p>Why interpret the IR rather than write 35 functions by hand: the same graph that
 * Fluxion compiles is evaluated op for op, so both sides do the same arithmetic. The op of
 * each node is resolved to an int code once, in the constructor; per call the cost is a
 * switch per node, small next to the {@link Gradient} each op allocates. Non-smooth ops
 * follow Fluxion's convention (relu'(0) = 0, ties of max/min to the first argument), and
 * ops Hipparchus lacks (erf, sigmoid, softplus) are composed from their value and first
 * derivative.
 */
public final class HipparchusGraph {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private enum Code { CONST, INPUT, ADD, SUB, NEG, MUL, DIV, POW, POW_CONST, EXP, LN, SQRT, SIN, COS, TAN, TANH,
        ERF, SIGMOID, SOFTPLUS, RELU, STEP, SIGN, GE, ABS, MAX, MIN }

    private final int inputs;
    private final Code[] codes;
    private final int[][] args;
    private final double[] constants;
    private final int[] inputIndex;
    private final int output;

    /** Prepares {@code program}, which must have one output. */
    public HipparchusGraph(Program program) {
        if (program.outputCount() != 1) {
            throw new IllegalArgumentException("one output expected, got " + program.outputCount());
        }
        Graph g = program.graph();
        this.inputs = program.inputCount();
        this.codes = new Code[g.size()];
        this.args = new int[g.size()][];
        this.constants = new double[g.size()];
        this.inputIndex = new int[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Node n = g.node(i);
            args[i] = n.args();
            if (n.op() == Leaf.CONST) {
                codes[i] = Code.CONST;
                constants[i] = (Double) n.attr();
            } else if (n.op() == Leaf.INPUT) {
                codes[i] = Code.INPUT;
                inputIndex[i] = ((InputRef) n.attr()).index();
            } else {
                codes[i] = code(n.op().name());
                if (codes[i] == Code.POW && g.node(n.arg(1)).op() == Leaf.CONST) {
                    codes[i] = Code.POW_CONST;
                    constants[i] = (Double) g.node(n.arg(1)).attr();
                }
            }
        }
        this.output = g.outputs().get(0).node(0);
    }

    private static Code code(String op) {
        return switch (op) {
            case "+" -> Code.ADD;
            case "-" -> Code.SUB;
            case "neg" -> Code.NEG;
            case "*" -> Code.MUL;
            case "/" -> Code.DIV;
            case "^" -> Code.POW;
            case "exp" -> Code.EXP;
            case "ln" -> Code.LN;
            case "sqrt" -> Code.SQRT;
            case "sin" -> Code.SIN;
            case "cos" -> Code.COS;
            case "tan" -> Code.TAN;
            case "tanh" -> Code.TANH;
            case "erf" -> Code.ERF;
            case "sigmoid" -> Code.SIGMOID;
            case "softplus" -> Code.SOFTPLUS;
            case "relu" -> Code.RELU;
            case "step" -> Code.STEP;
            case "sign" -> Code.SIGN;
            case "ge" -> Code.GE;
            case "abs" -> Code.ABS;
            case "max" -> Code.MAX;
            case "min" -> Code.MIN;
            default -> throw new IllegalArgumentException("no Hipparchus rule for op '" + op + "'");
        };
    }

    /** Writes the gradient at {@code x} into {@code grad} and returns f(x). */
    public double gradient(double[] x, double[] grad) {
        Gradient[] v = new Gradient[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int[] a = args[i];
            v[i] = switch (codes[i]) {
                case CONST -> Gradient.constant(inputs, constants[i]);
                case INPUT -> Gradient.variable(inputs, inputIndex[i], x[inputIndex[i]]);
                case ADD -> v[a[0]].add(v[a[1]]);
                case SUB -> v[a[0]].subtract(v[a[1]]);
                case NEG -> v[a[0]].negate();
                case MUL -> v[a[0]].multiply(v[a[1]]);
                case DIV -> v[a[0]].divide(v[a[1]]);
                case POW -> v[a[0]].pow(v[a[1]]);
                case POW_CONST -> v[a[0]].pow(constants[i]);
                case EXP -> v[a[0]].exp();
                case LN -> v[a[0]].log();
                case SQRT -> v[a[0]].sqrt();
                case SIN -> v[a[0]].sin();
                case COS -> v[a[0]].cos();
                case TAN -> v[a[0]].tan();
                case TANH -> v[a[0]].tanh();
                case ERF -> erf(v[a[0]]);
                case SIGMOID -> sigmoid(v[a[0]]);
                case SOFTPLUS -> v[a[0]].compose(Fn.softplus(v[a[0]].getValue()), Fn.sigmoid(v[a[0]].getValue()));
                case RELU -> v[a[0]].compose(Fn.relu(v[a[0]].getValue()), Fn.step(v[a[0]].getValue()));
                case STEP -> Gradient.constant(inputs, Fn.step(v[a[0]].getValue()));
                case SIGN -> Gradient.constant(inputs, Fn.sign(v[a[0]].getValue()));
                case GE -> Gradient.constant(inputs, Fn.ge(v[a[0]].getValue(), v[a[1]].getValue()));
                case ABS -> v[a[0]].compose(Math.abs(v[a[0]].getValue()), Fn.sign(v[a[0]].getValue()));
                case MAX -> v[a[0]].getValue() >= v[a[1]].getValue() ? v[a[0]] : v[a[1]];
                case MIN -> v[a[0]].getValue() <= v[a[1]].getValue() ? v[a[0]] : v[a[1]];
            };
        }
        Gradient f = v[output];
        for (int i = 0; i < inputs; i++) {
            grad[i] = f.getPartialDerivative(i);
        }
        return f.getValue();
    }

    private static Gradient erf(Gradient t) {
        double u = t.getValue();
        return t.compose(Fn.erf(u), TWO_OVER_SQRT_PI * Math.exp(-u * u));
    }

    private static Gradient sigmoid(Gradient t) {
        double s = Fn.sigmoid(t.getValue());
        return t.compose(s, s * (1.0 - s));
    }
}

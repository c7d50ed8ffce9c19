package dev.fluxion.examples;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;

/**
 * The ADBench LSTM objective as a program of the language ({@code ../shared/peers/ADBENCH.md},
 * "LSTM"): {@code l} layers of {@code b} cells with ADBench's elementwise weights (forget and
 * output gates read the layer's input, input gate and change the hidden state), the input scaled
 * by {@code in_weight}, the prediction {@code h·out_weight + out_bias}, and the loss
 * {@code −Σ_t Σ_i seq[t+1, i]·(ypred_i − lse) / ((c − 1)·b)} with ADBench's
 * {@code lse = ln(Σ exp(ypred_i) + 2)}. The parameters are {@code main[2l, 4b]} (layer i: row 2i
 * the weights of forget, input, output and change, row 2i + 1 their biases) and
 * {@code extra[3, b]}; the initial state {@code state[2l, b]} and the sequence {@code seq[c, b]}
 * are data.
 *
 * <p>The language has no array-valued locals, so the program names every cell's hidden state
 * and memory ({@code h0_3}, {@code s0_3}): the text is generated for each (l, b), as GMM's is
 * ({@code examples/gmm/gmm.flx.template}); {@code adbench/lstm_l2_b14.flx} is the text for
 * ADBench's files with two layers. The time loop is a {@code for} loop kept as a Java loop (a
 * scan of 2lb + 1 carries), whose body is split into methods (it is hundreds of operations), so
 * the generated code does not grow with c.
 */
public final class LstmProgram {

    private LstmProgram() {
    }

    /** The program for {@code l} layers of {@code b} cells; the sequence length is the size {@code c}. */
    public static String text(int l, int b) {
        StringBuilder s = new StringBuilder();
        s.append("# ADBench's LSTM objective, ").append(l).append(" layers of ").append(b).append(" cells: written by\n")
                .append("# dev.fluxion.examples.LstmProgram.text(").append(l).append(", ").append(b).append(").\n");
        s.append("fn lstm(main[").append(2 * l).append(", ").append(4 * b).append("], extra[3, ").append(b)
                .append("]; state[").append(2 * l).append(", ").append(b).append("], seq[c, ").append(b).append("]) {\n");
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < b; j++) {
                s.append("  h").append(i).append('_').append(j).append(" = state[").append(2 * i).append(", ").append(j).append("]\n");
                s.append("  s").append(i).append('_').append(j).append(" = state[").append(2 * i + 1).append(", ").append(j).append("]\n");
            }
        }
        s.append("  total = 0\n");
        s.append("  for t in 0..c-2 {\n");
        for (int j = 0; j < b; j++) {
            s.append("    x0_").append(j).append(" = seq[t, ").append(j).append("] * extra[0, ").append(j).append("]\n");
        }
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < b; j++) {
                String c = i + "_" + j;
                s.append("    f").append(c).append(" = sigmoid(x").append(c).append("*").append(w(i, 0, j, b)).append(" + ")
                        .append(bias(i, 0, j, b)).append(")\n");
                s.append("    i").append(c).append(" = sigmoid(h").append(c).append("*").append(w(i, 1, j, b)).append(" + ")
                        .append(bias(i, 1, j, b)).append(")\n");
                s.append("    o").append(c).append(" = sigmoid(x").append(c).append("*").append(w(i, 2, j, b)).append(" + ")
                        .append(bias(i, 2, j, b)).append(")\n");
                s.append("    g").append(c).append(" = tanh(h").append(c).append("*").append(w(i, 3, j, b)).append(" + ")
                        .append(bias(i, 3, j, b)).append(")\n");
                s.append("    s").append(c).append(" = s").append(c).append("*f").append(c).append(" + i").append(c).append("*g")
                        .append(c).append("\n");
                s.append("    h").append(c).append(" = o").append(c).append("*tanh(s").append(c).append(")\n");
                s.append("    x").append(i + 1).append('_').append(j).append(" = h").append(c).append("\n");
            }
        }
        for (int j = 0; j < b; j++) {
            s.append("    y").append(j).append(" = x").append(l).append('_').append(j).append("*extra[1, ").append(j)
                    .append("] + extra[2, ").append(j).append("]\n");
        }
        s.append("    lse = ln(");
        for (int j = 0; j < b; j++) {
            s.append(j > 0 ? " + " : "").append("exp(y").append(j).append(')');
        }
        s.append(" + 2)\n");
        s.append("    total = total");
        for (int j = 0; j < b; j++) {
            s.append(" + seq[t + 1, ").append(j).append("]*(y").append(j).append(" - lse)");
        }
        s.append("\n  }\n");
        s.append("  return -total / ((c - 1) * ").append(b).append(")\n}\n");
        return s.toString();
    }

    private static String w(int layer, int gate, int cell, int b) {
        return "main[" + 2 * layer + ", " + (gate * b + cell) + "]";
    }

    private static String bias(int layer, int gate, int cell, int b) {
        return "main[" + (2 * layer + 1) + ", " + (gate * b + cell) + "]";
    }

    /** The program of {@code problem}'s shape compiled, bound to its state and sequence. */
    public static CompiledFunction compile(LstmProblem problem) {
        return Fluxion.create().compile(text(problem.l(), problem.b()), Options.defaults().withSize("c", problem.c()))
                .withData(problem.state(), problem.sequence());
    }
}

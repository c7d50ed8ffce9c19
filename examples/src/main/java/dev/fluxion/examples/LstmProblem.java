package dev.fluxion.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ADBench LSTM input ({@code utils.cpp::read_lstm_instance}): {@code l c b}, then the main
 * parameters (2l·4b), the extra parameters (3b), the state (2l·b) and the sequence (c·b), read
 * as one stream of numbers.
 *
 * @param l        layers
 * @param c        characters in the sequence
 * @param b        cells per layer
 * @param main     the main parameters, row-major [2l, 4b]
 * @param extra    in_weight, out_weight, out_bias, row-major [3, b]
 * @param state    the initial hidden state and memory of every layer, [2l, b]
 * @param sequence the characters, [c, b]
 */
public record LstmProblem(int l, int c, int b, double[] main, double[] extra, double[] state, double[] sequence) {

    /**
     * ADBench's expected values ({@code lstm_l2_c1024_expected.txt}): the objective (8 digits)
     * and the gradient, main parameters then extra parameters.
     *
     * @param objective the objective
     * @param gradient  the gradient
     */
    public record Reference(double objective, double[] gradient) {

        /** Reads a reference file, skipping its comment lines. */
        public static Reference read(Path file) throws IOException {
            String[] lines = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .toArray(String[]::new);
            double objective = Double.parseDouble(lines[0].trim().split("\\s+")[1]);
            double[] gradient = java.util.Arrays.stream(lines[1].trim().split("\\s+")).mapToDouble(Double::parseDouble)
                    .toArray();
            return new Reference(objective, gradient);
        }
    }

    /** Reads an ADBench LSTM file. */
    public static LstmProblem read(Path file) throws IOException {
        String[] tok = Files.readString(file).trim().split("\\s+");
        int p = 0;
        int l = Integer.parseInt(tok[p++]);
        int c = Integer.parseInt(tok[p++]);
        int b = Integer.parseInt(tok[p++]);
        double[][] parts = {new double[2 * l * 4 * b], new double[3 * b], new double[2 * l * b], new double[c * b]};
        for (double[] part : parts) {
            for (int i = 0; i < part.length; i++) {
                part[i] = Double.parseDouble(tok[p++]);
            }
        }
        if (p != tok.length) {
            throw new IOException(file + ": " + (tok.length - p) + " numbers after the sequence");
        }
        return new LstmProblem(l, c, b, parts[0], parts[1], parts[2], parts[3]);
    }

    /** The function's inputs: the main parameters, then the extra ones (ADBench's gradient order). */
    public double[] inputs() {
        double[] x = new double[main.length + extra.length];
        System.arraycopy(main, 0, x, 0, main.length);
        System.arraycopy(extra, 0, x, main.length, extra.length);
        return x;
    }
}

package dev.fluxion.examples;

/**
 * ADBench's LSTM objective and its gradient written by hand in plain Java, as ADBench's "Manual"
 * tool writes them ({@code lstm.h} and its hand-derived adjoint): the forward pass stores each
 * step's gates, the backward pass runs the steps from the last, layer by layer from the top. It
 * shares no code with the compiler, so it checks {@link LstmProgram} on the files ADBench gives
 * no reference for (four layers, 4,096 characters); {@code LstmTest} checks it against
 * {@code lstm_l2_c1024_expected.txt} first.
 */
public final class LstmManual {

    /** Values stored per step, layer and cell: input, hidden and memory at the start, f, i, o, g, tanh(memory). */
    private static final int STORED = 8;

    private LstmManual() {
    }

    /** The objective at {@code x} (the main parameters, then the extra ones). */
    public static double objective(LstmProblem p, double[] x) {
        return sweep(p, x, null);
    }

    /** The gradient at {@code x}, main parameters then extra ones (ADBench's order). */
    public static double[] gradient(LstmProblem p, double[] x) {
        double[] grad = new double[x.length];
        sweep(p, x, grad);
        return grad;
    }

    /** The objective; with {@code grad} non-null, also its gradient into {@code grad}. */
    private static double sweep(LstmProblem p, double[] x, double[] grad) {
        int l = p.l();
        int b = p.b();
        int steps = p.c() - 1;
        int extra = 8 * l * b;
        double[] seq = p.sequence();
        double[] h = new double[l * b];
        double[] s = new double[l * b];
        for (int i = 0; i < l; i++) {
            System.arraycopy(p.state(), 2 * i * b, h, i * b, b);
            System.arraycopy(p.state(), (2 * i + 1) * b, s, i * b, b);
        }
        double[] tape = grad == null ? null : new double[steps * l * b * STORED];
        double[] ys = grad == null ? null : new double[steps * (b + 1)];
        double[] in = new double[b];
        double[] y = new double[b];
        double total = 0;
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < b; j++) {
                in[j] = seq[t * b + j] * x[extra + j];
            }
            for (int i = 0; i < l; i++) {
                int w = 2 * i * 4 * b;
                int bias = w + 4 * b;
                for (int j = 0; j < b; j++) {
                    int k = i * b + j;
                    double f = sigmoid(in[j] * x[w + j] + x[bias + j]);
                    double ig = sigmoid(h[k] * x[w + b + j] + x[bias + b + j]);
                    double o = sigmoid(in[j] * x[w + 2 * b + j] + x[bias + 2 * b + j]);
                    double g = Math.tanh(h[k] * x[w + 3 * b + j] + x[bias + 3 * b + j]);
                    double memory = s[k] * f + ig * g;
                    double th = Math.tanh(memory);
                    if (tape != null) {
                        int at = ((t * l + i) * b + j) * STORED;
                        double[] v = {in[j], h[k], s[k], f, ig, o, g, th};
                        System.arraycopy(v, 0, tape, at, STORED);
                    }
                    s[k] = memory;
                    h[k] = o * th;
                    in[j] = h[k];
                }
            }
            double sum = 2;
            for (int j = 0; j < b; j++) {
                y[j] = in[j] * x[extra + b + j] + x[extra + 2 * b + j];
                sum += Math.exp(y[j]);
            }
            double lse = Math.log(sum);
            for (int j = 0; j < b; j++) {
                total += seq[(t + 1) * b + j] * (y[j] - lse);
            }
            if (ys != null) {
                System.arraycopy(in, 0, ys, t * (b + 1), b);
                ys[t * (b + 1) + b] = sum;
            }
        }
        double scale = -1.0 / (steps * b);
        if (grad != null) {
            backward(p, x, grad, tape, ys, scale);
        }
        return total * scale;
    }

    /** The reverse sweep: the adjoints of the parameters from the stored gates, steps from the last. */
    private static void backward(LstmProblem p, double[] x, double[] grad, double[] tape, double[] ys, double scale) {
        int l = p.l();
        int b = p.b();
        int steps = p.c() - 1;
        int extra = 8 * l * b;
        double[] seq = p.sequence();
        double[] dh = new double[l * b];   // the adjoints of the carried hidden state and memory
        double[] ds = new double[l * b];
        double[] dx = new double[b];       // the adjoint of the current layer's output (the next one's input)
        for (int t = steps - 1; t >= 0; t--) {
            double targets = 0;
            for (int j = 0; j < b; j++) {
                targets += seq[(t + 1) * b + j];
            }
            double sum = ys[t * (b + 1) + b];
            for (int j = 0; j < b; j++) {
                double top = ys[t * (b + 1) + j];
                double yj = top * x[extra + b + j] + x[extra + 2 * b + j];
                double dy = scale * (seq[(t + 1) * b + j] - targets * Math.exp(yj) / sum);
                grad[extra + b + j] += dy * top;
                grad[extra + 2 * b + j] += dy;
                dx[j] = dy * x[extra + b + j];
            }
            for (int i = l - 1; i >= 0; i--) {
                int w = 2 * i * 4 * b;
                int bias = w + 4 * b;
                for (int j = 0; j < b; j++) {
                    int k = i * b + j;
                    int at = ((t * l + i) * b + j) * STORED;
                    double in = tape[at];
                    double hPrev = tape[at + 1];
                    double sPrev = tape[at + 2];
                    double f = tape[at + 3];
                    double ig = tape[at + 4];
                    double o = tape[at + 5];
                    double g = tape[at + 6];
                    double th = tape[at + 7];
                    double dOut = dh[k] + dx[j];
                    double dMemory = ds[k] + dOut * o * (1 - th * th);
                    double dzf = dMemory * sPrev * f * (1 - f);
                    double dzi = dMemory * g * ig * (1 - ig);
                    double dzo = dOut * th * o * (1 - o);
                    double dzc = dMemory * ig * (1 - g * g);
                    grad[w + j] += dzf * in;
                    grad[bias + j] += dzf;
                    grad[w + b + j] += dzi * hPrev;
                    grad[bias + b + j] += dzi;
                    grad[w + 2 * b + j] += dzo * in;
                    grad[bias + 2 * b + j] += dzo;
                    grad[w + 3 * b + j] += dzc * hPrev;
                    grad[bias + 3 * b + j] += dzc;
                    ds[k] = dMemory * f;
                    dh[k] = dzi * x[w + b + j] + dzc * x[w + 3 * b + j];
                    dx[j] = dzf * x[w + j] + dzo * x[w + 2 * b + j];
                }
            }
            for (int j = 0; j < b; j++) {
                grad[extra + j] += dx[j] * seq[t * b + j];
            }
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}

package dev.fluxion.tests.tensor;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.runtime.model.Model;
import java.util.Random;

/**
 * Run in a forked JVM with a small heap by {@link MemoryTest}: one gradient of a
 * 4096→4096 layer at batch 16. Prints the loss and the sum of |∂loss/∂W| on success.
 * A materialized Jacobian of the layer output would need 16·4096 × 4096·4096 doubles.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        Model m = Fluxion.create().compileModel("model wide {\n input x[B, " + n + "]\n label y[B] of " + n
                + "\n param W[" + n + ", " + n + "]\n param b[" + n + "]\n"
                + " loss = mean(cross_entropy(x @ W + b, y))\n}").newModel();
        Random r = new Random(1);
        double[] w = m.parameters()[0];
        for (int i = 0; i < w.length; i++) {
            w[i] = (r.nextDouble() - 0.5) * 0.01;
        }
        double[] x = new double[batch * n];
        double[] y = new double[batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextInt(n);
        }
        double loss = m.lossAndGradient(new double[][] {x, y}, batch);
        double total = 0;
        for (double g : m.gradients()[0]) {
            total += Math.abs(g);
        }
        System.out.println("loss=" + loss + " gradAbsSum=" + total + " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1 << 20));
    }
}

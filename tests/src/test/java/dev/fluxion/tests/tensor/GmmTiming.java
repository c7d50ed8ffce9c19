package dev.fluxion.tests.tensor;

import dev.fluxion.examples.GmmProblem;
import dev.fluxion.examples.GmmProgram;
import dev.fluxion.runtime.model.Model;
import java.nio.file.Path;

/** Not a test: objective and gradient time of the general GMM program on an ADBench file. Usage: GmmTiming FILE. */
public final class GmmTiming {

    private GmmTiming() {
    }

    public static void main(String[] args) throws Exception {
        GmmProblem pr = GmmProblem.read(Path.of(args[0]));
        Model m = GmmProgram.loadGeneral(pr);
        double[][] in = GmmProgram.inputs(pr);
        long obj = Long.MAX_VALUE;
        long grad = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                m.loss(in, pr.n());
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                m.lossAndGradient(in, pr.n());
            }
            long t2 = System.nanoTime();
            obj = Math.min(obj, (t1 - t0) / 200);
            grad = Math.min(grad, (t2 - t1) / 200);
        }
        System.out.printf("%s: objective %.1f us, gradient %.1f us, ratio %.2f%n", args[0], obj / 1e3, grad / 1e3,
                (double) grad / obj);
    }
}

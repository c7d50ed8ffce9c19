package dev.fluxion.bench.nets;

import dev.fluxion.examples.GmmProblem;
import dev.fluxion.examples.GmmProgram;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.util.Locale;

/**
 * Command line, not JMH: the GMM gradient / objective ratio with the two timed in
 * alternating blocks in one JVM, so that both see the same load and the same JIT state.
 * On a shared machine JMH times them in separate forks minutes apart, and the ratio of
 * two such figures moves with the other jobs' load; this gives the ratio those figures
 * cannot. Best block of 20 after 10 warm-up rounds.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.fluxion.bench.nets.GmmInterleaved [FILE relative to the GMM data dir ...]
 * </pre>
 */
public final class GmmInterleaved {

    private GmmInterleaved() {
    }

    public static void main(String[] args) throws IOException {
        String[] files = args.length > 0 ? args
                : new String[] {"1k/gmm_d2_K5.txt", "1k/gmm_d10_K5.txt", "10k/gmm_d2_K5.txt"};
        for (String file : files) {
            GmmProblem p = GmmProblem.read(Locations.gmmDirectory().resolve(file));
            Model m = GmmProgram.loadGeneral(p);
            double[][] in = GmmProgram.inputs(p);
            int reps = Math.max(20, 2_000_000 / (p.n() * p.d()));
            long objective = Long.MAX_VALUE;
            long gradient = Long.MAX_VALUE;
            for (int round = 0; round < 30; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    m.loss(in, p.n());
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    m.lossAndGradient(in, p.n());
                }
                long t2 = System.nanoTime();
                if (round >= 10) {
                    objective = Math.min(objective, (t1 - t0) / reps);
                    gradient = Math.min(gradient, (t2 - t1) / reps);
                }
            }
            System.out.printf(Locale.ROOT, "%s: objective %.1f us, gradient %.1f us, gradient/objective %.2f%n", file,
                    objective / 1e3, gradient / 1e3, (double) gradient / objective);
        }
    }
}

package dev.fluxion.bench.nets;

import dev.fluxion.bench.report.Result;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the issue-3 tables: Fluxion's JMH results beside the peers' figures from the
 * same run, in microseconds, with the ratios the issue sets targets on. A pure function
 * of its inputs, so the report is reproducible from the saved logs.
 *
 * @param fluxion        the JMH results of {@link MlpStepBenchmark} and {@link GmmBenchmark}
 * @param mlpPeers       {@code mnist_peers.py}'s step times by batch
 * @param gmmPeers       {@code gmm_peers.py}'s figures
 * @param best           the fastest iteration of each result; the GMM rows use it, as gmm_peers.py reports its best repetition
 * @param gradientAgreement max |Fluxion gradient − JAX gradient| / max |JAX gradient| per GMM file (relative path), possibly empty
 */
public record NetsTables(List<Result> fluxion, Map<Integer, PeerResults.MlpStep> mlpPeers,
                         List<PeerResults.Gmm> gmmPeers, BestIterations best, Map<String, Double> gradientAgreement) {

    /** MLP step: faster than JAX jit at these batches ... */
    static final double MLP_SMALL_BATCH_TARGET = 1.0;
    /** ... and within this factor of it at batch 256. */
    static final double MLP_LARGE_BATCH_TARGET = 1.5;
    /** GMM: gradient / objective time of Fluxion at most this. */
    static final double GMM_CHEAP_GRADIENT_TARGET = 4.0;

    public NetsTables {
        fluxion = List.copyOf(fluxion);
        mlpPeers = Map.copyOf(mlpPeers);
        gmmPeers = List.copyOf(gmmPeers);
        gradientAgreement = Map.copyOf(gradientAgreement);
        java.util.Objects.requireNonNull(best, "best");
    }

    /** The Markdown tables. */
    public String render() {
        StringBuilder md = new StringBuilder();
        mlp(md);
        gmm(md);
        return md.toString();
    }

    private void mlp(StringBuilder md) {
        md.append("#### MLP 784-128-10, one training step (forward, backward, SGD update), µs (Fluxion: JMH mean ± 99.9% error; the peers also report a mean)\n\n");
        md.append("Fluxion's matrix products in float64 (the default: every sum in double) or float32 (the option"
                + " `Options.withMatmulPrecision(FLOAT32)`: the large products summed in float, as JAX and PyTorch"
                + " compute); everything else in double either way.\n\n");
        md.append("| batch | Fluxion's products | Fluxion | JAX jit | PyTorch | Fluxion / JAX (target) | Fluxion / PyTorch |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (Result r : fluxion) {
            if (!r.benchmarkClass().equals("MlpStepBenchmark")) {
                continue;
            }
            int batch = Integer.parseInt(r.param("batch"));
            String precision = r.param("precision") == null ? "float64" : r.param("precision").toLowerCase(Locale.ROOT);
            PeerResults.MlpStep peer = mlpPeers.get(batch);
            double f = r.nanos() / 1e3;
            double jax = peer == null ? Double.NaN : peer.jaxMicros();
            double torch = peer == null ? Double.NaN : peer.torchMicros();
            double limit = batch >= 256 ? MLP_LARGE_BATCH_TARGET : MLP_SMALL_BATCH_TARGET;
            String target = batch >= 256 ? "≤ " + ratio(limit) : "< " + ratio(limit);
            md.append("| ").append(batch).append(" | ").append(precision).append(" | ").append(micros(f, r.errorNanos() / 1e3))
                    .append(" | ")
                    .append(micros(jax)).append(" | ").append(micros(torch)).append(" | ")
                    .append(judged(f / jax, target, batch >= 256 ? f / jax <= limit : f / jax < limit)).append(" | ")
                    .append(ratio(f / torch)).append(" |\n");
        }
        md.append('\n');
    }

    private void gmm(StringBuilder md) {
        md.append("#### GMM objective and full gradient, µs (Fluxion: best iteration, as gmm_peers.py reports its best repetition, then JMH mean ± 99.9% error)\n\n");
        md.append("| file | d | K | n | Fluxion objective | Fluxion gradient | JAX jit objective | JAX jit gradient "
                + "| PyTorch objective | PyTorch gradient | gradient vs JAX, max \\|Δ\\| / max \\|∇\\| |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder ratios = new StringBuilder();
        ratios.append("#### GMM ratios (from the best iterations)\n\n");
        ratios.append("| file | gradient / objective, Fluxion (target ≤ ").append(ratio(GMM_CHEAP_GRADIENT_TARGET))
                .append(") | JAX jit | PyTorch | gradient Fluxion / JAX (target < 1x) | gradient Fluxion / PyTorch |\n");
        ratios.append("|---|---:|---:|---:|---:|---:|\n");
        for (Result obj : fluxion) {
            if (!obj.benchmarkClass().equals("GmmBenchmark") || !obj.method().equals("objective")) {
                continue;
            }
            String file = obj.param("file");
            Result grad = find("GmmBenchmark", "gradient", "file", file);
            PeerResults.Gmm peer = gmmPeers.stream().filter(g -> g.isFile(file)).findFirst().orElse(null);
            double fo = best.micros("GmmBenchmark.objective", obj.params());
            double fg = grad == null ? Double.NaN : best.micros("GmmBenchmark.gradient", grad.params());
            double jo = peer == null ? Double.NaN : peer.jaxObjectiveMicros();
            double jg = peer == null ? Double.NaN : peer.jaxGradientMicros();
            double to = peer == null ? Double.NaN : peer.torchObjectiveMicros();
            double tg = peer == null ? Double.NaN : peer.torchGradientMicros();
            Double agreement = gradientAgreement.get(file);
            md.append("| `").append(file).append("` | ").append(peer == null ? "—" : peer.d()).append(" | ")
                    .append(peer == null ? "—" : peer.k()).append(" | ").append(peer == null ? "—" : peer.n())
                    .append(" | ").append(bestAndMean(fo, obj)).append(" | ").append(bestAndMean(fg, grad))
                    .append(" | ").append(micros(jo)).append(" | ").append(micros(jg)).append(" | ")
                    .append(micros(to)).append(" | ").append(micros(tg)).append(" | ")
                    .append(agreement == null ? "—" : String.format(Locale.ROOT, "%.1e", agreement)).append(" |\n");
            ratios.append("| `").append(file).append("` | ")
                    .append(judged(fg / fo, "", fg / fo <= GMM_CHEAP_GRADIENT_TARGET)).append(" | ")
                    .append(ratio(jg / jo)).append(" | ").append(ratio(tg / to)).append(" | ")
                    .append(judged(fg / jg, "", fg / jg < 1)).append(" | ").append(ratio(fg / tg)).append(" |\n");
        }
        md.append('\n').append(ratios).append('\n');
    }

    private Result find(String cls, String method, String param, String value) {
        for (Result r : fluxion) {
            if (r.benchmarkClass().equals(cls) && r.method().equals(method) && value.equals(r.param(param))) {
                return r;
            }
        }
        return null;
    }

    /** 83.0, 2,643: one decimal below 100 µs, whole microseconds above; a dash when missing. */
    static String micros(double us) {
        if (Double.isNaN(us)) {
            return "—";
        }
        return us < 100 ? String.format(Locale.ROOT, "%.1f", us) : String.format(Locale.ROOT, "%,.0f", us);
    }

    /** The best iteration, then the JMH mean with its error in parentheses. */
    static String bestAndMean(double best, Result r) {
        return r == null ? "—" : micros(best) + " (" + micros(r.nanos() / 1e3, r.errorNanos() / 1e3) + ")";
    }

    /** A time with JMH's 99.9% error, when it has one. */
    static String micros(double us, double error) {
        return Double.isNaN(error) || Double.isNaN(us) ? micros(us) : micros(us) + " ± " + micros(error);
    }

    /** 0.44x, 12.3x; a dash when either side is missing. */
    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "—";
        }
        return r < 10 ? String.format(Locale.ROOT, "%.2fx", r) : String.format(Locale.ROOT, "%.1fx", r);
    }

    private static String judged(double r, String target, boolean met) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "—";
        }
        return ratio(r) + (target.isEmpty() ? "" : " (" + target + ")") + (met ? " ✔" : " ✘");
    }
}

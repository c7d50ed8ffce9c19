package dev.fluxion.bench.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the peer scripts of {@code shared/peers} print, parsed: the MLP step times of
 * {@code mnist_peers.py} and the GMM times of {@code gmm_peers.py}, in microseconds.
 * Lines the parser does not know (accuracies, warnings) are ignored; a log with no
 * figure at all is an error, so a crashed peer run cannot pass for an empty one.
 */
public final class PeerResults {

    /** One MLP step time per batch, microseconds. */
    public record MlpStep(int batch, double torchMicros, double jaxMicros) {
    }

    /** One GMM file: both peers' objective and gradient times, microseconds, and the objective JAX computed. */
    public record Gmm(String path, int d, int k, int n, double jaxObjective, double jaxObjectiveMicros,
                      double jaxGradientMicros, double torchObjectiveMicros, double torchGradientMicros) {

        /** Whether this is the file at {@code relative} (e.g. {@code 1k/gmm_d2_K5.txt}) of the GMM data directory. */
        public boolean isFile(String relative) {
            return path.replace('\\', '/').endsWith("/" + relative) || path.equals(relative);
        }
    }

    private static final Pattern MLP = Pattern.compile(
            "mlp train step batch=(\\d+): torch_us=([0-9.eE+-]+) jax_jit_us=([0-9.eE+-]+)");
    private static final Pattern GMM_HEAD = Pattern.compile(
            "^(\\S+): d=(\\d+) K=(\\d+) n=(\\d+) objective jax=(\\S+) torch=(\\S+)");
    private static final Pattern GMM_TIMES = Pattern.compile(
            "^\\s*(jax_jit|torch)\\s+f=\\s*([0-9.eE+-]+)us\\s+grad=\\s*([0-9.eE+-]+)us");

    private PeerResults() {
    }

    /** The MLP step times of a {@code mnist_peers.py} log, by batch. */
    public static Map<Integer, MlpStep> mlp(String log) {
        Map<Integer, MlpStep> out = new TreeMap<>();
        Matcher m = MLP.matcher(log);
        while (m.find()) {
            int batch = Integer.parseInt(m.group(1));
            out.put(batch, new MlpStep(batch, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no 'mlp train step batch=...' line in the mnist_peers.py output");
        }
        return out;
    }

    /** The GMM figures of a {@code gmm_peers.py} log, in file order. */
    public static List<Gmm> gmm(String log) {
        List<Gmm> out = new ArrayList<>();
        String[] lines = log.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher head = GMM_HEAD.matcher(lines[i]);
            if (!head.find()) {
                continue;
            }
            double[] jax = null;
            double[] torch = null;
            for (int j = i + 1; j < Math.min(lines.length, i + 3); j++) {
                Matcher t = GMM_TIMES.matcher(lines[j]);
                if (t.find()) {
                    double[] f = {Double.parseDouble(t.group(2)), Double.parseDouble(t.group(3))};
                    if (t.group(1).equals("jax_jit")) {
                        jax = f;
                    } else {
                        torch = f;
                    }
                }
            }
            if (jax == null || torch == null) {
                throw new IllegalArgumentException("gmm_peers.py output: no jax_jit and torch time lines after: " + lines[i]);
            }
            out.add(new Gmm(head.group(1), Integer.parseInt(head.group(2)), Integer.parseInt(head.group(3)),
                    Integer.parseInt(head.group(4)), Double.parseDouble(head.group(5)), jax[0], jax[1], torch[0],
                    torch[1]));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no GMM result line in the gmm_peers.py output");
        }
        return out;
    }
}

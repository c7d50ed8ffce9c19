package dev.fluxion.bench.nets;

import dev.fluxion.bench.report.JmhJson;
import dev.fluxion.bench.report.Result;
import dev.fluxion.examples.GmmProblem;
import dev.fluxion.examples.GmmProgram;
import dev.fluxion.runtime.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: puts the JMH results of the nets benchmarks beside the peers' logs of the
 * same run and writes the tables into BENCHMARKS.md (between {@value #BEGIN} and
 * {@value #END}) or prints them. {@code bench/run-nets.sh} calls it:
 *
 * <pre>
 * NetsReport --jmh jmh-nets.json --mnist mnist_peers.log --gmm gmm_peers.log
 *            [--jax-gradients DIR] [--run run.txt] [BENCHMARKS.md]
 * </pre>
 *
 * <p>{@code --jax-gradients} names the directory where {@code gmm_peers.py} saved JAX's
 * gradients ({@code gmm_grad_D_K_N.txt}, its temporary directory); the report then
 * recomputes Fluxion's gradient of each file and gives the largest difference, relative to
 * the largest gradient entry. {@code --run} is a text file of facts about the run (time,
 * load) printed as a list above the tables.
 */
public final class NetsReport {

    public static final String BEGIN = "<!-- nets:begin -->";
    public static final String END = "<!-- nets:end -->";

    private NetsReport() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (!opts.containsKey("jmh") || !opts.containsKey("mnist") || !opts.containsKey("gmm") || rest.size() > 1) {
            System.err.println("usage: NetsReport --jmh FILE --mnist LOG --gmm LOG [--jax-gradients DIR] [--run FILE]"
                    + " [BENCHMARKS.md]");
            System.exit(2);
        }
        List<Result> results = JmhJson.read(Path.of(opts.get("jmh")));
        BestIterations best = BestIterations.parse(read(opts.get("jmh")));
        Map<String, Double> agreement = opts.containsKey("jax-gradients")
                ? agreement(results, Path.of(opts.get("jax-gradients"))) : Map.of();
        String run = opts.containsKey("run") ? runFacts(Files.readString(Path.of(opts.get("run")))) : "";
        String tables = run + new NetsTables(results, PeerResults.mlp(read(opts.get("mnist"))),
                PeerResults.gmm(read(opts.get("gmm"))), best, agreement).render();
        if (rest.isEmpty()) {
            System.out.print(tables);
            return;
        }
        Path doc = Path.of(rest.get(0));
        Files.writeString(doc, splice(Files.readString(doc, StandardCharsets.UTF_8), tables), StandardCharsets.UTF_8);
        System.out.println("wrote the nets tables into " + doc);
    }

    /** {@code doc} with the text between the markers replaced by {@code tables}. */
    static String splice(String doc, String tables) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("the document has no " + BEGIN + " ... " + END + " section");
        }
        return doc.substring(0, b + BEGIN.length()) + "\n\n" + tables + doc.substring(e);
    }

    /** Each non-blank line of the run file as a list item. */
    static String runFacts(String text) {
        StringBuilder s = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                s.append("- ").append(line.strip()).append('\n');
            }
        }
        return s.length() == 0 ? "" : s.append('\n').toString();
    }

    /** Per benchmarked GMM file: max |Fluxion gradient − JAX gradient| / max |JAX gradient|. */
    static Map<String, Double> agreement(List<Result> results, Path jaxDir) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Result r : results) {
            String file = r.param("file");
            if (!r.benchmarkClass().equals("GmmBenchmark") || !r.method().equals("gradient") || file == null) {
                continue;
            }
            GmmProblem p = GmmProblem.read(Locations.gmmDirectory().resolve(file));
            Path jax = jaxDir.resolve("gmm_grad_" + p.d() + "_" + p.k() + "_" + p.n() + ".txt");
            if (!Files.isRegularFile(jax)) {
                continue;
            }
            Model m = GmmProgram.loadGeneral(p);
            m.lossAndGradient(GmmProgram.inputs(p), p.n());
            double[] ours = Arrays.stream(m.gradients()).flatMapToDouble(Arrays::stream).toArray();
            double[] theirs = Arrays.stream(read(jax.toString()).trim().split("\\s+"))
                    .mapToDouble(Double::parseDouble).toArray();
            out.put(file, relativeDifference(ours, theirs));
        }
        return out;
    }

    static double relativeDifference(double[] ours, double[] theirs) {
        if (ours.length != theirs.length) {
            throw new IllegalArgumentException("Fluxion's gradient has " + ours.length + " entries, JAX's " + theirs.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < ours.length; i++) {
            diff = Math.max(diff, Math.abs(ours[i] - theirs[i]));
            scale = Math.max(scale, Math.abs(theirs[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + path, e);
        }
    }
}

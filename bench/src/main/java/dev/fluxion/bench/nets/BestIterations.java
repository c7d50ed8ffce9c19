package dev.fluxion.bench.nets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fastest measured iteration of each JMH result, from the raw data of a JMH JSON
 * file, in microseconds. {@code gmm_peers.py} reports the best of several repetitions,
 * so the GMM rows compare best with best; on a machine shared with other jobs the best
 * iteration is also the figure least inflated by their load.
 */
final class BestIterations {

    private final Map<String, Double> best;

    private BestIterations(Map<String, Double> best) {
        this.best = Map.copyOf(best);
    }

    /** Reads every result's raw iterations from a JMH JSON document (time per operation in µs). */
    static BestIterations parse(String json) {
        Map<String, Double> out = new HashMap<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            JsonObject metric = o.getAsJsonObject("primaryMetric");
            String unit = metric.get("scoreUnit").getAsString();
            if (!unit.equals("us/op")) {
                throw new IllegalArgumentException("expected us/op results, got " + unit);
            }
            double min = Double.POSITIVE_INFINITY;
            for (JsonElement fork : metric.getAsJsonArray("rawData")) {
                for (JsonElement it : (JsonArray) fork) {
                    min = Math.min(min, it.getAsDouble());
                }
            }
            Map<String, String> params = new TreeMap<>();
            if (o.has("params")) {
                for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
                    params.put(p.getKey(), p.getValue().getAsString());
                }
            }
            String full = o.get("benchmark").getAsString();
            int dot = full.lastIndexOf('.');
            String name = full.substring(full.lastIndexOf('.', dot - 1) + 1);
            out.put(key(name, params), min);
        }
        return new BestIterations(out);
    }

    static BestIterations none() {
        return new BestIterations(Map.of());
    }

    /** The best iteration of {@code Class.method} with these parameters, µs, or NaN. */
    double micros(String classAndMethod, Map<String, String> params) {
        return best.getOrDefault(key(classAndMethod, new TreeMap<>(params)), Double.NaN);
    }

    private static String key(String classAndMethod, Map<String, String> sortedParams) {
        return classAndMethod + sortedParams;
    }
}

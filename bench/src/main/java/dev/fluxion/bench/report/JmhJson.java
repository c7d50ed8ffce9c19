package dev.fluxion.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the file JMH writes with {@code -rf json}. */
public final class JmhJson {

    private JmhJson() {
    }

    /** Every result in {@code file}, in file order. */
    public static List<Result> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Every result in a JMH JSON document. */
    public static List<Result> parse(String json) {
        JsonArray all = JsonParser.parseString(json).getAsJsonArray();
        List<Result> out = new ArrayList<>();
        for (JsonElement e : all) {
            out.add(result(e.getAsJsonObject()));
        }
        return out;
    }

    private static Result result(JsonObject o) {
        String full = o.get("benchmark").getAsString();
        int dot = full.lastIndexOf('.');
        String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
        String method = full.substring(dot + 1);
        Map<String, String> params = new TreeMap<>();
        if (o.has("params")) {
            for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
                params.put(p.getKey(), p.getValue().getAsString());
            }
        }
        JsonObject metric = o.getAsJsonObject("primaryMetric");
        String unit = metric.get("scoreUnit").getAsString();
        double scale = nanosPer(unit);
        double score = metric.get("score").getAsDouble() * scale;
        double error = number(metric.get("scoreError")) * scale;
        String mode = o.get("mode").getAsString();
        String settings = o.get("warmupIterations").getAsInt() + " x " + o.get("warmupTime").getAsString()
                + " warm-up, " + o.get("measurementIterations").getAsInt() + " x "
                + o.get("measurementTime").getAsString() + " measured, " + o.get("forks").getAsInt() + " fork";
        if (mode.equals("ss")) {
            settings = o.get("warmupIterations").getAsInt() + " warm-up shots, "
                    + o.get("measurementIterations").getAsInt() + " measured shots, " + o.get("forks").getAsInt()
                    + " fork";
        }
        return new Result(cls, method, params, score, error, mode, settings);
    }

    private static double number(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        String s = e.getAsString();
        return s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    /** Nanoseconds in one unit of a JMH time-per-op unit ("us/op", "ms/op", ...). */
    static double nanosPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1.0;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            case "min/op" -> 60e9;
            default -> throw new IllegalArgumentException("not a time-per-operation unit: " + unit
                    + " (run JMH in AverageTime or SingleShotTime mode)");
        };
    }
}

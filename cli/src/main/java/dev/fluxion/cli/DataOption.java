package dev.fluxion.cli;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.runtime.io.ParameterFormat;
import dev.fluxion.runtime.io.Parameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a function with data parameters ({@code fn nll(w[d], b; X[m, d], y[m])}), given on
 * the command line as {@code --data NAME=VALUES}: a number ({@code lam=0.1}), a list
 * ({@code y=[1,-1,1]}, nested for more axes), or a file after {@code @}: CSV or whitespace-separated
 * numbers read row by row ({@code X=@points.csv}), or a NumPy {@code .npy}/{@code .npz} or
 * safetensors file holding one array.
 */
final class DataOption {

    private DataOption() {
    }

    /** {@code f} bound to the data {@code specs} give, or {@code f} itself for a function without data. */
    static CompiledFunction bind(CompiledFunction f, List<String> specs) {
        List<String> names = f.dataNames();
        List<String> given = specs == null ? List.of() : specs;
        if (names.isEmpty()) {
            if (!given.isEmpty()) {
                throw new UserError("--data " + given.get(0) + ": this function has no data parameters");
            }
            return f;
        }
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (String spec : given) {
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new UserError("--data " + spec + ": write NAME=VALUES, e.g. --data y=[1,-1,1] or --data X=@X.csv");
            }
            String name = spec.substring(0, eq).trim();
            if (!names.contains(name)) {
                throw new UserError("--data " + spec + ": no data parameter '" + name + "'; they are " + String.join(", ", names));
            }
            if (byName.put(name, values(spec, spec.substring(eq + 1).trim())) != null) {
                throw new UserError("--data " + spec + ": '" + name + "' is given twice");
            }
        }
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(byName.keySet());
        if (!missing.isEmpty()) {
            throw new UserError("no data for " + String.join(", ", missing) + ": give --data NAME=VALUES for each of "
                    + String.join(", ", names));
        }
        double[][] data = new double[names.size()][];
        for (int k = 0; k < data.length; k++) {
            data[k] = byName.get(names.get(k));
        }
        try {
            return f.withData(data);
        } catch (IllegalArgumentException e) {
            throw new UserError("--data: " + e.getMessage());
        }
    }

    private static double[] values(String spec, String text) {
        if (text.startsWith("@")) {
            return file(spec, Path.of(text.substring(1)));
        }
        String flat = text.replace("[", " ").replace("]", " ").replace(",", " ").trim();
        return numbers(spec, flat);
    }

    private static double[] file(String spec, Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        try {
            if (name.endsWith(".npy") || name.endsWith(".npz") || name.endsWith(".safetensors")) {
                Parameters p = ParameterFormat.read(path);
                if (p.count() != 1) {
                    throw new UserError("--data " + spec + ": " + path + " holds " + p.count() + " arrays; give a file of one");
                }
                return p.values(0);
            }
            return numbers(spec, Files.readString(path, StandardCharsets.UTF_8).replace(",", " ").trim());
        } catch (NoSuchFileException e) {
            throw new UserError("--data " + spec + ": no such file: " + path);
        } catch (IOException e) {
            throw new UserError("--data " + spec + ": cannot read " + path + ": " + e.getMessage());
        }
    }

    private static double[] numbers(String spec, String text) {
        if (text.isEmpty()) {
            throw new UserError("--data " + spec + ": no numbers");
        }
        String[] parts = text.split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new UserError("--data " + spec + ": '" + parts[i] + "' is not a number");
            }
        }
        return v;
    }
}

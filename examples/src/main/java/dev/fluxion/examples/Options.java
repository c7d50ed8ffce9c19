package dev.fluxion.examples;

import dev.fluxion.runtime.tensor.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The command-line options every example takes, as an immutable value:
 * {@code --data DIR} (default {@code examples/data}, or {@code data} when run from inside
 * {@code examples/}), {@code --out DIR} (default {@code DATA/../target/runs/NAME}),
 * {@code --epochs N} (default: the setting), {@code --seed N} (the initialization
 * seed; default: the example's), {@code --init torch|declared} (the CNN's initialization:
 * PyTorch's defaults or the program's declared initializers; default torch),
 * {@code --precision float64|float32} (the arithmetic of the model's matrix products, see
 * {@link Precision}; default float64), {@code --quiet} (one line per epoch instead of the
 * live bar, for logs).
 *
 * @param data   the data directory
 * @param out    where parameters, curves and plots are written
 * @param epochs epochs to train, or 0 for the example's default
 * @param seed   the initialization seed, or null for the example's default
 * @param init   {@code "torch"}, {@code "declared"}, or null for the example's default
 * @param precision the arithmetic of matrix products, or null for the default (FLOAT64)
 * @param quiet  whether to print epoch lines only
 */
public record Options(Path data, Path out, int epochs, Long seed, String init, Precision precision, boolean quiet) {

    /** Reads {@code args} for the example called {@code name}; unknown options are errors. */
    public static Options parse(String name, String... args) {
        Map<String, String> values = new HashMap<>();
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quiet" -> quiet = true;
                case "--data", "--out", "--epochs", "--seed", "--init", "--precision" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    values.put(a, args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "'; expected --data DIR, --out DIR, --epochs N, --seed N, --init torch|declared,"
                        + " --precision float64|float32 or --quiet");
            }
        }
        Path data = values.containsKey("--data") ? Path.of(values.get("--data")) : defaultData();
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("data directory " + data.toAbsolutePath()
                    + " not found; run from the repository root or give --data DIR");
        }
        Path out = values.containsKey("--out") ? Path.of(values.get("--out"))
                : data.toAbsolutePath().getParent().resolve("target").resolve("runs").resolve(name);
        int epochs = 0;
        if (values.containsKey("--epochs")) {
            try {
                epochs = Integer.parseInt(values.get("--epochs"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--epochs expects a whole number, got '" + values.get("--epochs") + "'");
            }
            if (epochs <= 0) {
                throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
            }
        }
        Long seed = null;
        if (values.containsKey("--seed")) {
            try {
                seed = Long.parseLong(values.get("--seed"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed expects a whole number, got '" + values.get("--seed") + "'");
            }
        }
        String init = values.get("--init");
        if (init != null && !init.equals("torch") && !init.equals("declared")) {
            throw new IllegalArgumentException("--init expects torch or declared, got '" + init + "'");
        }
        String p = values.get("--precision");
        if (p != null && !p.equals("float64") && !p.equals("float32")) {
            throw new IllegalArgumentException("--precision expects float64 or float32, got '" + p + "'");
        }
        Precision precision = p == null ? null : p.equals("float32") ? Precision.FLOAT32 : Precision.FLOAT64;
        return new Options(data, out, epochs, seed, init, precision, quiet);
    }

    /**
     * {@link #parse} for a {@code main}: a bad option prints its message and the usage on
     * standard error and exits with status 64 (EX_USAGE) instead of a stack trace.
     */
    public static Options parseOrExit(String name, String... args) {
        try {
            return parse(name, args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("usage: ./examples/run EXAMPLE [--epochs N] [--seed N] [--init torch|declared]"
                    + " [--precision float64|float32] [--quiet] [--data DIR] [--out DIR]");
            System.exit(64);
            throw e;
        }
    }

    /** These options, after checking {@code --init} was not given to an example ({@code name}) that has no choice of it. */
    public Options withoutInit(String name) {
        if (init != null) {
            System.err.println(name + ": --init applies to MnistCnn only; this example uses its program's initializers");
            System.exit(64);
        }
        return this;
    }

    /** These options, after checking {@code --precision} was not given to an example ({@code name}) that must compute in double. */
    public Options withoutPrecision(String name) {
        if (precision != null) {
            System.err.println(name + ": --precision applies to the classifier examples; this one computes in double");
            System.exit(64);
        }
        return this;
    }

    /** The arithmetic of the model's matrix products: the option when given, else FLOAT64. */
    public Precision precisionOrDefault() {
        return precision == null ? Precision.FLOAT64 : precision;
    }

    private static Path defaultData() {
        Path fromRoot = Path.of("examples", "data");
        return Files.isDirectory(fromRoot) ? fromRoot : Path.of("data");
    }

    /** The epochs to train: the option when given, else {@code fallback}. */
    public int epochsOr(int fallback) {
        return epochs > 0 ? epochs : fallback;
    }

    /** {@code recipe} with the epochs and the initialization seed these options give. */
    public Recipe apply(Recipe recipe) {
        Recipe r = recipe.withEpochs(epochsOr(recipe.epochs()));
        return seed == null ? r : r.withInitSeed(seed);
    }
}

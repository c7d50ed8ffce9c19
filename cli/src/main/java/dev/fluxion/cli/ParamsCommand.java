package dev.fluxion.cli;

import dev.fluxion.runtime.io.ElementType;
import dev.fluxion.runtime.io.ParameterFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fluxion params}: what a parameter file holds, and conversion between the formats.
 * The format of every file is chosen by its extension ({@link ParameterFormat}: {@code .fxp}
 * {@code .npy} {@code .npz} {@code .safetensors}); a file that breaks its format is a user
 * error (exit 2) with the reader's reason.
 */
@Command(name = "params", mixinStandardHelpOptions = true,
        description = "Show or convert parameter files (.fxp, .npy, .npz, .safetensors; chosen by extension).",
        subcommands = {ParamsCommand.Show.class, ParamsCommand.Convert.class})
public final class ParamsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** No subcommand: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }

    /** {@code fluxion params show FILE}: one line per tensor with its shape and statistics. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print each tensor's shape, stored element type, and min, max, mean and standard deviation "
                    + "(population, as numpy.std).")
    static final class Show implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "A .fxp, .npy, .npz or .safetensors file.")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ParameterFormat format = format(file);
            dev.fluxion.runtime.io.Parameters p = read(format, file);
            PrintWriter out = spec.commandLine().getOut();
            long total = 0;
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"name", "shape", "type", "min", "max", "mean", "std"});
            for (int i = 0; i < p.count(); i++) {
                double[] v = p.values(i);
                total += v.length;
                rows.add(row(p.name(i), p.shape(i), p.elementType(i), v));
            }
            out.println(file + ": " + describe(format) + ", " + p.count() + " tensor" + (p.count() == 1 ? "" : "s")
                    + ", " + total + " value" + (total == 1 ? "" : "s"));
            if (p.count() > 0) {
                printTable(out, rows);
            }
            return Main.OK;
        }

        private static String[] row(String name, int[] shape, String type, double[] v) {
            String dims = Arrays.toString(shape);
            if (v.length == 0) {
                return new String[] {name, dims, type, "-", "-", "-", "-"};
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (double x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
            }
            double mean = sum / v.length;
            double squares = 0;
            for (double x : v) {
                squares += (x - mean) * (x - mean);
            }
            double std = Math.sqrt(squares / v.length);
            return new String[] {name, dims, type, number(min), number(max), number(mean), number(std)};
        }

        private static void printTable(PrintWriter out, List<String[]> rows) {
            int[] width = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int c = 0; c < r.length; c++) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int c = 0; c < r.length; c++) {
                    boolean text = c < 3;
                    String cell = text ? pad(r[c], width[c], false) : pad(r[c], width[c], true);
                    line.append(c > 0 ? "  " : "").append(cell);
                }
                out.println(line.toString().stripTrailing());
            }
        }

        private static String pad(String s, int width, boolean right) {
            String space = " ".repeat(width - s.length());
            return right ? space + s : s + space;
        }
    }

    /** {@code fluxion params convert IN OUT}: the same tensors in another format. */
    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Write the tensors of IN to OUT in the format OUT's extension names (values as float64 unless --float32).")
    static final class Convert implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "IN", description = "A .fxp, .npy, .npz or .safetensors file.")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT", description = "The file to write: .fxp, .npy (one tensor), .npz or .safetensors.")
        Path out;

        @Option(names = "--float32", description = "Store values as float32 (rounded to nearest; not for .fxp).")
        boolean float32;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ParameterFormat from = format(in);
            ParameterFormat to = format(out);
            if (float32 && to == ParameterFormat.FLUXION) {
                throw new UserError("--float32: the Fluxion format (.fxp) stores float64 only");
            }
            dev.fluxion.runtime.io.Parameters p = read(from, in);
            try {
                to.writeFile(out, p, float32 ? ElementType.FLOAT32 : ElementType.FLOAT64);
            } catch (IOException e) {
                throw new UserError(message(e, out));
            }
            spec.commandLine().getOut().println("wrote " + out + ": " + describe(to) + ", " + p.count() + " tensor"
                    + (p.count() == 1 ? "" : "s") + (float32 ? " as float32" : ""));
            return Main.OK;
        }
    }

    static ParameterFormat format(Path file) {
        try {
            return ParameterFormat.of(file);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    static dev.fluxion.runtime.io.Parameters read(ParameterFormat format, Path file) {
        try {
            return format.readFile(file);
        } catch (IOException e) {
            throw new UserError(message(e, file));
        }
    }

    private static String message(IOException e, Path file) {
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return file + ": permission denied";
        }
        return e.getMessage() == null ? file + ": " + e.getClass().getSimpleName() : e.getMessage();
    }

    static String describe(ParameterFormat format) {
        return switch (format) {
            case FLUXION -> "Fluxion parameters";
            case NPY -> "NumPy .npy";
            case NPZ -> "NumPy .npz";
            case SAFETENSORS -> "safetensors";
        };
    }

    /** Four significant digits, trailing zeros dropped: {@code 0.05041}, {@code -1.25}, {@code 6.5e+10}. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}

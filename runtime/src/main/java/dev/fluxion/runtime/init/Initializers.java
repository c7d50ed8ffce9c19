package dev.fluxion.runtime.init;

import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.random.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The initializers by name, and the step that initializes a whole model.
 *
 * <p>Names (case-insensitive; arguments optional where a default is shown):
 * <pre>
 *   zeros | ones | constant(v)
 *   uniform(low, high)          default uniform(-0.05, 0.05)
 *   normal(mean, std)           default normal(0, 0.01); normal(std) means mean 0
 *   xavier_uniform | glorot_uniform     U(±√(6/(in+out)))
 *   xavier_normal  | glorot_normal      N(0, 2/(in+out))
 *   he_uniform     | kaiming_uniform    U(±√(6/in))
 *   he_normal      | kaiming_normal     N(0, 2/in)
 *   lecun_uniform | lecun_normal        variance 1/in
 * </pre>
 * The variance-scaling ones accept an optional gain g, which multiplies the standard
 * deviation: {@code he_uniform(0.5)}.
 */
public final class Initializers {

    private static final List<String> NAMES = List.of("zeros", "ones", "constant", "uniform", "normal",
            "xavier_uniform", "glorot_uniform", "xavier_normal", "glorot_normal", "he_uniform", "kaiming_uniform",
            "he_normal", "kaiming_normal", "lecun_uniform", "lecun_normal");

    private Initializers() {
    }

    /**
     * The names {@link #parse} accepts, in a fixed order.
     *
     * @return the accepted names, for messages and documentation
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Reads an initializer from its name and optional arguments, e.g. {@code "normal(0, 0.1)"}.
     *
     * @param spec a name with optional arguments
     * @return the initializer
     * @throws IllegalArgumentException if the name is unknown or the arguments are wrong (the message lists the names)
     */
    public static Initializer parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty initializer name; expected one of " + NAMES);
        }
        String s = spec.strip();
        String name = s;
        double[] args = new double[0];
        int open = s.indexOf('(');
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException("initializer '" + spec + "': expected ')' at the end");
            }
            name = s.substring(0, open).strip();
            args = parseArguments(spec, s.substring(open + 1, s.length() - 1));
        }
        String key = name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "zeros" -> withArity(spec, args, 0, new Initializer.Constant(0.0));
            case "ones" -> withArity(spec, args, 0, new Initializer.Constant(1.0));
            case "constant" -> {
                requireArity(spec, args, 1, 1);
                yield new Initializer.Constant(args[0]);
            }
            case "uniform" -> {
                requireArity(spec, args, 0, 2);
                if (args.length == 1) {
                    throw new IllegalArgumentException("initializer '" + spec + "': uniform takes (low, high)");
                }
                yield args.length == 0 ? new Initializer.Uniform(-0.05, 0.05) : new Initializer.Uniform(args[0], args[1]);
            }
            case "normal" -> {
                requireArity(spec, args, 0, 2);
                yield switch (args.length) {
                    case 0 -> new Initializer.Normal(0.0, 0.01);
                    case 1 -> new Initializer.Normal(0.0, args[0]);
                    default -> new Initializer.Normal(args[0], args[1]);
                };
            }
            case "xavier_uniform", "glorot_uniform" -> scaling(spec, key, args, 1.0, Initializer.FanMode.FAN_AVG, true);
            case "xavier_normal", "glorot_normal" -> scaling(spec, key, args, 1.0, Initializer.FanMode.FAN_AVG, false);
            case "he_uniform", "kaiming_uniform" -> scaling(spec, key, args, 2.0, Initializer.FanMode.FAN_IN, true);
            case "he_normal", "kaiming_normal" -> scaling(spec, key, args, 2.0, Initializer.FanMode.FAN_IN, false);
            case "lecun_uniform" -> scaling(spec, key, args, 1.0, Initializer.FanMode.FAN_IN, true);
            case "lecun_normal" -> scaling(spec, key, args, 1.0, Initializer.FanMode.FAN_IN, false);
            default -> throw new IllegalArgumentException("unknown initializer '" + name + "'; expected one of " + NAMES);
        };
    }

    /**
     * Fills every parameter of {@code model} by its declared initializer. Parameter i
     * draws from {@code Rng.derive(seed, hash of its name)}, so its values depend only on
     * the seed, its name, its shape and its initializer.
     *
     * @param model the model whose parameter buffers are filled
     * @param seed the run's seed
     */
    public static void initialize(Model model, long seed) {
        String[] names = model.parameterNames();
        int[][] shapes = model.parameterShapes();
        String[] inits = model.parameterInitializers();
        double[][] params = model.parameters();
        if (shapes.length != names.length || inits.length != names.length || params.length != names.length) {
            throw new IllegalStateException("model '" + model.name() + "' reports " + names.length + " parameter names, "
                    + shapes.length + " shapes, " + inits.length + " initializers and " + params.length + " buffers");
        }
        for (int i = 0; i < names.length; i++) {
            Initializer init;
            try {
                init = parse(inits[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter '" + names[i] + "': " + e.getMessage(), e);
            }
            long size = 1;
            for (int d : shapes[i]) {
                size *= d;
            }
            if (params[i].length != size) {
                throw new IllegalStateException("parameter '" + names[i] + "' of shape "
                        + java.util.Arrays.toString(shapes[i]) + " has a buffer of " + params[i].length + " values");
            }
            init.fill(params[i], shapes[i], Rng.derive(seed, streamOf(names[i])));
        }
    }

    /** A 64-bit stream id for a name: FNV-1a over its UTF-16 units, stable across JVMs. */
    static long streamOf(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static Initializer scaling(String spec, String key, double[] args, double scale,
                                       Initializer.FanMode mode, boolean uniform) {
        requireArity(spec, args, 0, 1);
        if (args.length == 0) {
            return new Initializer.VarianceScaling(scale, mode, uniform, key);
        }
        double gain = args[0];
        if (!(gain > 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("initializer '" + spec + "': gain must be positive, got " + gain);
        }
        return new Initializer.VarianceScaling(scale * gain * gain, mode, uniform, key + "(" + gain + ")");
    }

    private static Initializer withArity(String spec, double[] args, int arity, Initializer init) {
        requireArity(spec, args, arity, arity);
        return init;
    }

    private static void requireArity(String spec, double[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw new IllegalArgumentException("initializer '" + spec + "': expected " + expected
                    + " argument(s), got " + args.length);
        }
    }

    private static double[] parseArguments(String spec, String inside) {
        if (inside.isBlank()) {
            return new double[0];
        }
        List<Double> values = new ArrayList<>();
        for (String part : inside.split(",", -1)) {
            try {
                values.add(Double.parseDouble(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("initializer '" + spec + "': '" + part.strip() + "' is not a number");
            }
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}

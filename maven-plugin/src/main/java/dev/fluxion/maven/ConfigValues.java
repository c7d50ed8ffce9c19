package dev.fluxion.maven;

import dev.fluxion.compiler.Mode;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.tensor.Precision;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the plugin's configuration strings into the compiler's types, with messages that
 * list what is accepted. Case does not matter; an element may hold several names
 * separated by commas, so {@code <capabilities>gradient,hessian</capabilities>} and one
 * {@code <capability>} element per name both work.
 */
final class ConfigValues {

    private ConfigValues() {
    }

    /** The capabilities named in {@code names}; VALUE is added when absent. */
    static Set<Capability> capabilities(List<String> names) {
        EnumSet<Capability> caps = EnumSet.of(Capability.VALUE);
        for (String element : names) {
            for (String name : element.split(",")) {
                String n = name.trim();
                if (n.isEmpty()) {
                    continue;
                }
                caps.add(parse(Capability.class, n, "capability"));
            }
        }
        return caps;
    }

    /** The Jacobian mode named {@code name}: forward, reverse or auto. */
    static Mode jacobianMode(String name) {
        return parse(Mode.class, name.trim(), "jacobianMode");
    }

    /** The precision of matrix products named {@code name}: float64 or float32. */
    static Precision precision(String name) {
        return parse(Precision.class, name.trim(), "matmulPrecision");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAConstant) {
            // Not chained: its message is Java's ("No enum constant ...HESSAIN"), not the user's words.
            String accepted = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("unknown " + what + " '" + name + "'; expected one of " + accepted);
        }
    }
}

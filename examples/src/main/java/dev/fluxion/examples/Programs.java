package dev.fluxion.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The example programs, read from the classpath ({@code fluxion/NAME}), where the build puts
 * {@code examples/src/main/fluxion/*.flx} and {@code examples/gmm/*}: the shaded jar then
 * runs from any directory.
 */
public final class Programs {

    private Programs() {
    }

    /** The text of program {@code name}, e.g. {@code "mlp.flx"} or {@code "gmm/gmm_d2.flx"}. */
    public static String read(String name) {
        String resource = "fluxion/" + name;
        try (InputStream in = Programs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no program " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

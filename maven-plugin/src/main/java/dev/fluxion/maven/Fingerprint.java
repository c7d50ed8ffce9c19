package dev.fluxion.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

/**
 * Identifies the code generator, so that outputs made by another build of the compiler
 * are regenerated even when the version string did not change (a SNAPSHOT rebuilt between
 * two runs): the SHA-256 of the jar, or of the class files of the directory, that a class
 * was loaded from.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    /** A hash of where {@code cls} was loaded from, or {@code "unknown"} when that cannot be read. */
    static String ofCodeSource(Class<?> cls) {
        CodeSource cs = cls.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "unknown";
        }
        try {
            Path where = Path.of(cs.getLocation().toURI());
            if (Files.isRegularFile(where)) {
                return Sha256.of(Files.readAllBytes(where));
            }
            if (Files.isDirectory(where)) {
                return ofDirectory(where);
            }
            return "unknown";
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "unknown";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Fluxion compiler at " + cs.getLocation(), e);
        }
    }

    private static String ofDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest md = Sha256.digest();
        for (Path f : files) {
            md.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Files.readAllBytes(f));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}

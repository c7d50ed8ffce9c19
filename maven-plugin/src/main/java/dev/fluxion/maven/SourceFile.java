package dev.fluxion.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code .flx} file under the source directory.
 *
 * @param file     absolute path
 * @param relative path relative to the source directory with {@code /} separators: the
 *                 key of the incremental state, the same on every platform
 * @param folders  the folders between the source directory and the file, outermost first
 */
record SourceFile(Path file, String relative, List<String> folders) {

    SourceFile {
        folders = List.copyOf(folders);
    }

    String fileName() {
        return file.getFileName().toString();
    }

    /** Every {@code .flx} file under {@code root}, in order of relative path; none when {@code root} does not exist. */
    static List<SourceFile> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<SourceFile> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(JavaNames.EXTENSION)) {
                    Path rel = root.relativize(p);
                    List<String> folders = new ArrayList<>();
                    for (int i = 0; i < rel.getNameCount() - 1; i++) {
                        folders.add(rel.getName(i).toString());
                    }
                    List<String> parts = new ArrayList<>(folders);
                    parts.add(rel.getFileName().toString());
                    found.add(new SourceFile(p.toAbsolutePath().normalize(), String.join("/", parts), folders));
                }
            }
        }
        found.sort(Comparator.comparing(SourceFile::relative));
        return found;
    }
}

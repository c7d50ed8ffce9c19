package dev.fluxion.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * What one run of {@link Generator} did. Paths are absolute.
 *
 * @param generated the Java files written (new or changed)
 * @param upToDate  the sources skipped because neither they nor the options changed
 * @param removed   the Java files deleted because their source is gone or now generates another file
 * @param problems  why some sources could not be generated; the build fails when there is any
 */
public record GenerationReport(List<Path> generated, List<Path> upToDate, List<Path> removed, List<Problem> problems) {

    public GenerationReport {
        generated = List.copyOf(generated);
        upToDate = List.copyOf(upToDate);
        removed = List.copyOf(removed);
        problems = List.copyOf(problems);
    }

    public boolean failed() {
        return !problems.isEmpty();
    }

    /** One line for the build log. */
    public String summary() {
        return generated.size() + " generated, " + upToDate.size() + " up to date, " + removed.size() + " removed"
                + (problems.isEmpty() ? "" : ", " + problems.size() + " error" + (problems.size() == 1 ? "" : "s"));
    }
}

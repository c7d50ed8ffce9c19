package dev.fluxion.cli;

import dev.fluxion.runtime.data.Csv;
import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.Idx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data set named on the command line ({@code fluxion train --train DATA}): one CSV file,
 * plain or gzip-compressed, label in the last column ({@code digits.csv.gz}), or an IDX
 * images file and an IDX labels file separated by a comma
 * ({@code images-idx3-ubyte.gz,labels-idx1-ubyte.gz}); optionally followed by a range of
 * examples {@code [FROM:TO]} (from inclusive, to exclusive, either may be left out:
 * {@code [:8000]}, {@code [8000:]}), so one file can give the training and the test set.
 * The loaders are the runtime's {@link Csv} and {@link Idx}.
 *
 * @param files the CSV file, or the images and the labels file
 * @param from the first example, or -1 for the start
 * @param to one past the last example, or -1 for the end
 * @param text the argument as given, for messages
 */
record DataSource(Path[] files, int from, int to, String text) {

    private static final Pattern RANGE = Pattern.compile("^(.*)\\[(\\d*):(\\d*)]$");

    /** Reads the syntax above; a malformed argument is a {@link UserError} naming the option. */
    static DataSource parse(String option, String text) {
        String names = text;
        int from = -1;
        int to = -1;
        Matcher m = RANGE.matcher(text);
        if (m.matches()) {
            names = m.group(1);
            try {
                from = m.group(2).isEmpty() ? -1 : Integer.parseInt(m.group(2));
                to = m.group(3).isEmpty() ? -1 : Integer.parseInt(m.group(3));
            } catch (NumberFormatException e) {
                throw new UserError(option + " " + text + ": the range [FROM:TO] is too large");
            }
        }
        String[] parts = names.split(",", -1);
        if (parts.length > 2 || names.isEmpty() || parts[0].isEmpty() || parts[parts.length - 1].isEmpty()) {
            throw new UserError(option + " " + text + ": expected FILE.csv[.gz] or IMAGES,LABELS (IDX files), "
                    + "optionally followed by [FROM:TO]");
        }
        Path[] files = new Path[parts.length];
        for (int i = 0; i < parts.length; i++) {
            files[i] = Path.of(parts[i]);
            if (!Files.isRegularFile(files[i])) {
                throw new UserError(option + ": no such file: " + files[i]);
            }
        }
        return new DataSource(files, from, to, text);
    }

    /** The examples, read and cut to the range. */
    Dataset load(String option) {
        Dataset all;
        try {
            all = files.length == 1 ? Csv.read(files[0]) : Idx.dataset(files[0], files[1]);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(option + " " + text + ": " + e.getMessage());
        }
        int start = from < 0 ? 0 : from;
        int end = to < 0 ? all.size() : to;
        if (start >= end || end > all.size()) {
            throw new UserError(option + " " + text + ": the range [" + start + ":" + end + "] is not within the "
                    + all.size() + " examples");
        }
        return start == 0 && end == all.size() ? all : all.slice(start, end);
    }
}

package dev.fluxion.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: turns a JMH JSON result into the Markdown tables of BENCHMARKS.md.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.fluxion.bench.report.ReportTable results.json            # print
 * java -cp bench/target/benchmarks.jar dev.fluxion.bench.report.ReportTable results.json BENCHMARKS.md
 * </pre>
 *
 * <p>With a second argument, the tables replace whatever stands between the lines
 * {@value #BEGIN} and {@value #END} in that file, so the prose around them stays.
 */
public final class ReportTable {

    public static final String BEGIN = "<!-- results:begin -->";
    public static final String END = "<!-- results:end -->";

    private ReportTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ReportTable <jmh-result.json> [BENCHMARKS.md]");
            System.exit(2);
        }
        String tables = new MarkdownReport(JmhJson.read(Path.of(args[0]))).render();
        if (args.length == 1) {
            System.out.print(tables);
            return;
        }
        Path doc = Path.of(args[1]);
        Files.writeString(doc, splice(Files.readString(doc, StandardCharsets.UTF_8), tables), StandardCharsets.UTF_8);
        System.out.println("wrote the tables into " + doc);
    }

    /** {@code doc} with the text between the markers replaced by {@code tables}. */
    static String splice(String doc, String tables) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("the document has no " + BEGIN + " ... " + END + " section");
        }
        return doc.substring(0, b + BEGIN.length()) + "\n\n" + tables + doc.substring(e);
    }
}

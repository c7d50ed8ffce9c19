package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code fluxion help} as a user reads it: lines of at most 80 characters, wrapped only at
 * spaces, so no formula, quoted example or dotted name is cut in two.
 */
class HelpTest {

    private static final List<String> COMMANDS = List.of("", "diff", "grad", "trace", "gen", "check", "graph",
            "compare", "train");

    @Test
    void linesFitAndNothingIsCut() {
        for (String c : COMMANDS) {
            Cli.Result r = c.isEmpty() ? Cli.run("help") : Cli.run("help", c);
            assertEquals(0, r.status(), r.err());
            String help = r.out();
            for (String line : help.split("\n")) {
                // Only a single word longer than the line may overflow it.
                assertTrue(line.length() <= 80 || !line.strip().contains(" "), c + ": " + line);
            }
            // Every quoted formula or example the command's text holds appears whole.
            Matcher quoted = Pattern.compile("'[^'\\n]+'|`[^`\\n]+`").matcher(help);
            while (quoted.find()) {
                assertTrue(!quoted.group().contains("\n"), quoted.group());
            }
        }
    }

    @Test
    void formulasStayWhole() {
        assertTrue(Cli.run("help", "diff").out().contains("'ln(x1)+x1*x2-sin(x2)'"));
        assertTrue(Cli.run("help").out().contains("ln(x1)+x1*x2-sin(x2)"));
        assertTrue(Cli.run("help", "gen").out().contains("dev.fluxion.generated"));
        assertTrue(Cli.run("help", "compare").out().contains("`f: R^m -> R^n, y_j = sum_i sin(a_ij x_i)`"));
        String train = Cli.run("help", "train").out();
        assertTrue(train.contains("'examples/data/digits8x8.csv.gz[:1500]'"), train);
    }

    @Test
    void aLongExampleContinuesUnderItsCommand() {
        String compare = Cli.run("help", "compare").out();
        int at = compare.indexOf("Example: fluxion compare 'ln(x1)+x1*x2-sin(x2)'");
        assertTrue(at >= 0, compare);
    }
}

package dev.fluxion.tests.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated model: its text, and whether a shape in it holds the batch size twice (which
 * the compiler may refuse with a position). Shrinks by deleting one declaration or statement.
 */
record ModelCase(String text, boolean batchTwice) {

    List<ModelCase> shrinks() {
        String[] lines = text.split("\n");
        List<ModelCase> out = new ArrayList<>();
        for (int i = lines.length - 2; i >= 1; i--) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < lines.length; j++) {
                if (j != i) {
                    sb.append(lines[j]).append('\n');
                }
            }
            out.add(new ModelCase(sb.toString(), batchTwice));
        }
        return out;
    }
}

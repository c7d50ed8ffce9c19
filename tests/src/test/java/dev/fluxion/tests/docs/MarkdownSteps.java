package dev.fluxion.tests.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Markdown document as a list of steps: a fenced code block (what the reader
 * runs) and, when the next fenced block follows with only blank lines and HTML comments
 * in between and has no language (or {@code text}), that block as its output. The
 * comments between the two are the step's markers, e.g. {@code <!-- output: not checked -->}.
 *
 * <p>Only what a test needs is parsed: fences start at the beginning of a line with
 * three backticks and end at a line of exactly three backticks.
 */
final class MarkdownSteps {

    /** A fenced code block: the 1-based line of its opening fence, its language and its text. */
    record Block(int line, String lang, String text) {
    }

    /** A code block, the markers between it and its output, and the output (null if none). */
    record Step(Block code, List<String> markers, Block output) {

        /** The value of the marker {@code <!-- key: value -->}, or null. */
        String marker(String key) {
            for (String m : markers) {
                if (m.startsWith(key + ":")) {
                    return m.substring(key.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private static final Pattern COMMENT = Pattern.compile("<!--(.*?)-->", Pattern.DOTALL);

    private MarkdownSteps() {
    }

    /** The steps of {@code markdown}, in document order; output blocks are not steps of their own. */
    static List<Step> parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> gaps = new ArrayList<>();   // gaps.get(i): the text before blocks.get(i)
        String[] lines = markdown.split("\n", -1);
        StringBuilder gap = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.startsWith("```")) {
                String lang = line.substring(3).trim();
                int start = i;
                StringBuilder text = new StringBuilder();
                i++;
                while (i < lines.length && !lines[i].equals("```")) {
                    text.append(lines[i]).append('\n');
                    i++;
                }
                if (i == lines.length) {
                    throw new IllegalArgumentException("unclosed code block at line " + (start + 1));
                }
                blocks.add(new Block(start + 1, lang, text.toString()));
                gaps.add(gap.toString());
                gap.setLength(0);
            } else {
                gap.append(line).append('\n');
            }
            i++;
        }
        List<Step> steps = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Block code = blocks.get(b);
            if (b + 1 < blocks.size() && isOutput(blocks.get(b + 1)) && !isOutput(code)) {
                List<String> markers = commentsOnly(gaps.get(b + 1));
                if (markers != null) {
                    steps.add(new Step(code, markers, blocks.get(b + 1)));
                    b++;
                    continue;
                }
            }
            if (!isOutput(code)) {
                steps.add(new Step(code, List.of(), null));
            }
        }
        return steps;
    }

    private static boolean isOutput(Block block) {
        return block.lang().isEmpty() || block.lang().equals("text");
    }

    /** The comments of {@code gap} if it holds nothing else (blank lines aside), else null. */
    private static List<String> commentsOnly(String gap) {
        List<String> comments = new ArrayList<>();
        Matcher m = COMMENT.matcher(gap);
        while (m.find()) {
            comments.add(m.group(1).trim());
        }
        return m.replaceAll("").isBlank() ? comments : null;
    }
}

package dev.fluxion.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The layout of {@code fluxion help}: picocli's sections, wrapped only at spaces outside
 * quotes, so a formula ({@code 'ln(x1)+x1*x2-sin(x2)'}, {@code dev.fluxion.generated},
 * {@code `y = f(x)`}) is never cut in two. picocli's own wrapping breaks wherever Java's
 * line {@link java.text.BreakIterator} allows, which includes after {@code .}, before
 * {@code (} and around {@code +}. A word longer than the line is printed whole. Long
 * example lines in footers continue on the next line, indented under their command.
 */
final class HelpLayout {

    /** The width of the help text. */
    static final int WIDTH = 80;

    /** Where option descriptions start, at most (a longer option name puts its description below it). */
    private static final int DESCRIPTION_COLUMN = 30;

    private HelpLayout() {
    }

    /** Installs the layout on {@code cl} and every subcommand below it. */
    static void install(CommandLine cl) {
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> paragraph(help.commandSpec()
                .usageMessage().description(), false));
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> paragraph(help.commandSpec()
                .usageMessage().footer(), true));
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub);
        }
    }

    /**
     * {@code text} in lines of at most {@code width} characters, the first indented by
     * {@code first}, the others by {@code rest} spaces; breaks only at spaces outside
     * {@code '...'}, {@code "..."} and {@code `...`}.
     */
    static List<String> wrap(String text, int width, int first, int rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(" ".repeat(first));
        boolean empty = true;
        for (String word : words(text)) {
            if (!empty && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(rest));
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** The words of {@code text}: runs between spaces, a quoted part (with its spaces) inside one word. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && c == ' ') {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"' || c == '`') && word.length() == 0 || c == quote) {
                // A quote opens at the start of a word (so "model's" opens nothing) and closes at its match.
                quote = quote == 0 ? c : 0;
            }
            word.append(c);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Lines of text, each wrapped; with {@code examples}, a continuation is indented under the
     * line's command ({@code fluxion ...}), else it starts where the line starts.
     */
    private static String paragraph(String[] lines, boolean examples) {
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            String line = Help.Ansi.OFF.string(l);
            int lead = line.length() - line.stripLeading().length();
            int command = line.indexOf("fluxion ");
            int rest = examples ? (command >= 0 ? command : lead) + 4 : lead;
            for (String w : wrap(line.strip(), WIDTH, lead, rest)) {
                out.append(w.stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }

    /** The option rows (left cell, description) of {@code help}'s command, in picocli's order. */
    private static List<String[]> optionRows(Help help) {
        List<String[]> rows = new ArrayList<>();
        List<OptionSpec> options = new ArrayList<>(help.commandSpec().options());
        options.removeIf(OptionSpec::hidden);
        options.sort(Help.createShortOptionNameComparator());
        Help.IOptionRenderer renderer = help.createDefaultOptionRenderer();
        for (OptionSpec o : options) {
            Help.Ansi.Text[][] cells = renderer.render(o, help.createDefaultParamLabelRenderer(), help.colorScheme());
            String left = "  " + pad(cells[0][1].plainString(), 2) + pad(cells[0][2].plainString(), 1) + " "
                    + cells[0][3].plainString();
            rows.add(new String[] {left, description(o)});
        }
        return rows;
    }

    private static List<String[]> parameterRows(Help help) {
        List<String[]> rows = new ArrayList<>();
        for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            rows.add(new String[] {"      " + help.createDefaultParamLabelRenderer().renderParameterLabel(p,
                    Help.Ansi.OFF, List.of()).plainString(), description(p)});
        }
        return rows;
    }

    private static String options(Help help) {
        return table(optionRows(help), column(help));
    }

    private static String parameters(Help help) {
        return table(parameterRows(help), column(help));
    }

    /** Where descriptions start, the same for parameters and options, as picocli aligns them. */
    private static int column(Help help) {
        int widest = 0;
        for (List<String[]> rows : List.of(optionRows(help), parameterRows(help))) {
            for (String[] r : rows) {
                widest = Math.max(widest, r[0].length());
            }
        }
        return Math.min(widest + 2, DESCRIPTION_COLUMN);
    }

    private static String commands(Help help) {
        if (help.subcommands().isEmpty()) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        for (var e : help.subcommands().entrySet()) {
            // As picocli lists them: the command's header if it has one, else its description's first line.
            UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
            String[] d = usage.header().length > 0 ? usage.header() : usage.description();
            rows.add(new String[] {"  " + e.getKey(), d.length == 0 ? "" : Help.Ansi.OFF.string(d[0]).replace("%n", " ").strip()});
        }
        int column = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            List<String> lines = wrap(r[1], WIDTH, column, column + 2);
            out.append(pad(r[0], column)).append(lines.get(0).substring(column).stripTrailing()).append('\n');
            for (String l : lines.subList(1, lines.size())) {
                out.append(l.stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }

    /** The description of an option or parameter, its lines joined, variables such as the default filled in. */
    private static String description(ArgSpec a) {
        return String.join(" ", a.renderedDescription());
    }

    /** Left cells and descriptions side by side; the description wraps in its own column. */
    private static String table(List<String[]> rows, int column) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            List<String> lines;
            if (r[0].length() + 2 <= column) {
                lines = wrap(r[1], WIDTH - column, 0, 2);
                out.append(pad(r[0], column)).append(lines.get(0)).append('\n');
            } else {
                out.append(r[0]).append('\n');
                lines = wrap(r[1], WIDTH - column, 0, 2);
                out.append(" ".repeat(column)).append(lines.get(0)).append('\n');
            }
            for (String l : lines.subList(1, lines.size())) {
                out.append(" ".repeat(column)).append(l).append('\n');
            }
        }
        return out.toString().replaceAll(" +\n", "\n");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

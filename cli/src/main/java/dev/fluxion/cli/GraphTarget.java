package dev.fluxion.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code fluxion graph -o FILE} writes, read from the file's extension: DOT text
 * ({@code .dot}, {@code .gv}, or no extension), or a picture Graphviz draws ({@code .svg},
 * {@code .png}, {@code .pdf}). Any other extension is refused, so a picture's name never
 * ends up holding DOT text.
 *
 * @param picture the Graphviz output format ({@code svg}, {@code png}, {@code pdf}), or null for DOT
 * @param wantsGraphviz whether Graphviz is needed or used: a picture, or DOT with pictures beside it
 */
record GraphTarget(String picture, boolean wantsGraphviz) {

    /** The pictures Graphviz draws for {@code -o}. */
    static final List<String> PICTURES = List.of("svg", "png", "pdf");

    /** How to get Graphviz, in the words every message uses. */
    static final String INSTALL = "install Graphviz: apt-get install graphviz on Debian or Ubuntu, "
            + "dnf install graphviz on Fedora, brew install graphviz on macOS";

    /** The target of {@code -o file}; {@code file} null is DOT on standard output. */
    static GraphTarget of(Path file) {
        if (file == null) {
            return new GraphTarget(null, false);
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (extension.isEmpty() || extension.equals("dot") || extension.equals("gv")) {
            return new GraphTarget(null, true);
        }
        if (PICTURES.contains(extension)) {
            return new GraphTarget(extension, true);
        }
        throw new UserError("-o " + file + ": expected FILE.dot or FILE.gv (DOT text), or FILE.svg, FILE.png or "
                + "FILE.pdf (drawn by Graphviz)");
    }

    /** The refusal of a picture on a machine without Graphviz: how to get it, or what to write instead. */
    static String missingGraphviz(Path picture) {
        String name = picture.getFileName().toString();
        Path dotFile = picture.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".dot");
        return "cannot draw " + picture + ": Graphviz `dot` is not installed (not found on the PATH).\n"
                + "  Either " + INSTALL + ",\n"
                + "  or write the DOT text with -o " + dotFile + " and render it elsewhere.";
    }
}

package dev.fluxion.maven;

import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.codegen.ClassNames;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/**
 * Java names for things found on disk: the class name of a bare expression from its file
 * name, and the package of a program from the folders it sits in.
 */
final class JavaNames {

    /** The extension of Fluxion sources. */
    static final String EXTENSION = ".flx";

    private JavaNames() {
    }

    /**
     * The class name for a bare expression in file {@code fileName}: the name without
     * {@code .flx}, split at characters a Java name cannot hold ({@code -}, {@code .},
     * space) and at {@code _}, each part capitalized: {@code rosenbrock.flx} gives
     * {@code Rosenbrock}, {@code sigmoid_neuron.flx} and {@code sigmoid-neuron.flx} give
     * {@code SigmoidNeuron}. Empty when no valid class name results (a file name that
     * starts with a digit, say).
     */
    static Optional<String> classNameFromFile(String fileName) {
        String base = fileName.endsWith(EXTENSION) ? fileName.substring(0, fileName.length() - EXTENSION.length()) : fileName;
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (c == '_' || !Character.isJavaIdentifierPart(c)) {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String name = sb.toString();
        return isClassName(name) && name.length() <= Options.MAX_CLASS_NAME_CHARS ? Optional.of(name) : Optional.empty();
    }

    /**
     * The class name for a program or model named {@code name} in the source: split at
     * {@code _}, each part capitalized, as the compiler names {@code fn} programs
     * ({@code softmax_regression} gives {@code SoftmaxRegression}, {@code _0} gives
     * {@code Fn0}): a valid class name for every name the language accepts.
     */
    static String classNameFromProgram(String name) {
        return ClassNames.camelCase(name);
    }

    /**
     * The package for a source in folders {@code folders} (relative to the source
     * directory, outermost first) under {@code basePackage}; empty when a folder is not a
     * Java identifier. Folders map to subpackages one to one, as javac expects of sources.
     */
    static Optional<String> packageFor(String basePackage, List<String> folders) {
        StringBuilder sb = new StringBuilder(basePackage);
        for (String folder : folders) {
            if (!isClassName(folder)) {
                return Optional.empty();
            }
            sb.append(sb.length() == 0 ? "" : ".").append(folder);
        }
        return Optional.of(sb.toString());
    }

    static boolean isClassName(String s) {
        return SourceVersion.isIdentifier(s) && !SourceVersion.isKeyword(s);
    }
}

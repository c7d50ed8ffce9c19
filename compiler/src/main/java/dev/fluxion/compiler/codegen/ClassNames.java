package dev.fluxion.compiler.codegen;

import javax.lang.model.SourceVersion;

/**
 * The class name a program gets when none is given: a valid Java class name for every name
 * the grammar accepts, the same every time. Names are at most
 * {@link dev.fluxion.compiler.parse.Frontend#MAX_NAME_CHARS} characters (the front end
 * refuses longer ones), so a class name, with its {@code .java} or {@code Test.java} file
 * name, fits the 255 bytes most file systems allow.
 *
 * <p>A class named like a {@code java.lang} or runtime type ({@code fn Double}) is fine:
 * generated code writes every type through JavaPoet's {@code $T}, which qualifies
 * {@code java.lang.Double} in a class named {@code Double} (see {@link Identifiers}).
 */
public final class ClassNames {

    /** The name of a bare expression's program, whose class is {@value #EXPRESSION}. */
    private static final String BARE_EXPRESSION = "f";
    private static final String EXPRESSION = "Expression";
    /** Put before a name that would start with a digit ({@code fn _0} gives {@code Fn0}). */
    private static final String DIGIT_PREFIX = "Fn";

    private ClassNames() {
    }

    /**
     * The class of function {@code programName}: {@link #camelCase} of the name, and
     * {@code Expression} for a bare expression (program {@code f}).
     *
     * @param programName the program's name, as the grammar accepts it
     * @return a Java class name
     */
    public static String ofFunction(String programName) {
        return programName.equals(BARE_EXPRESSION) ? EXPRESSION : camelCase(programName);
    }

    /**
     * The class of model {@code modelName}: the name with its first letter capitalized and
     * {@code Model} appended unless it ends so ({@code mlp} gives {@code MlpModel}).
     *
     * @param modelName the model's name, as the grammar accepts it
     * @return a Java class name
     */
    public static String ofModel(String modelName) {
        String base = Character.toUpperCase(modelName.charAt(0)) + modelName.substring(1);
        return base.endsWith("Model") ? base : base + "Model";
    }

    /**
     * {@code name} split at {@code _}, each part capitalized ({@code sigmoid_neuron} gives
     * {@code SigmoidNeuron}); {@code Fn} in front of a result that would start with a digit
     * ({@code _0} gives {@code Fn0}, {@code __9} {@code Fn9}), and {@code Expression} for a
     * name of underscores only.
     *
     * @param name an identifier: letters, digits and {@code _}
     * @return a Java class name (never a keyword: it starts with a capital)
     */
    public static String camelCase(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = true;
            } else if (Character.isJavaIdentifierPart(c)) {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (sb.length() == 0) {
            return EXPRESSION;
        }
        if (!Character.isJavaIdentifierStart(sb.charAt(0))) {
            sb.insert(0, DIGIT_PREFIX);
        }
        String s = sb.toString();
        if (!SourceVersion.isIdentifier(s) || SourceVersion.isKeyword(s)) {
            throw new IllegalStateException("no class name for " + name + ": " + s);
        }
        return s;
    }
}

package dev.fluxion.tests.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Identifiers chosen to break generated code: Java keywords and literals, names of
 * {@code java.lang} and runtime classes the generated code refers to, the generator's own
 * naming conventions ({@code v3}, {@code dv3}, {@code bv3}), leading underscores and
 * digits, very long names; and names the grammar does not accept at all (unicode, NUL
 * and control characters, {@code $}), which must give a CompileException with a position.
 * A generated program gets one of them as its function name, an input or a temporary.
 */
final class HostileNames {

    static final List<String> JAVA_KEYWORDS = List.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "record",
            "yield", "sealed", "permits", "_", "__");

    /** Classes generated code names without importing ({@code java.lang}) or may import. */
    static final List<String> JAVA_CLASSES = List.of(
            "Double", "Math", "StrictMath", "String", "Object", "System", "Integer", "Long", "Float", "Boolean", "Number",
            "Class", "Override", "Deprecated", "SuppressWarnings", "Exception", "RuntimeException", "Error",
            "IllegalArgumentException", "ArrayIndexOutOfBoundsException", "UnsupportedOperationException", "Thread",
            "Runtime", "Void", "Character", "StringBuilder", "Arrays", "List", "Objects", "Generated");

    /** Names of the runtime and of generated classes' members. */
    static final List<String> RUNTIME_NAMES = List.of(
            "DifferentiableFunction", "Capability", "Fn", "Names", "Workspace", "Checks", "Constants", "Model", "MatMul",
            "Tensor", "value", "gradient", "jvp", "vjp", "jvpMany", "hessian", "hessianVector", "jacobianForward",
            "jacobianReverse", "supports", "inputCount", "outputCount", "inputNames", "outputNames", "INPUTS",
            "OUTPUTS", "x", "y", "g", "h", "v", "xdot", "ydot", "xbar", "ybar", "grad", "jac", "out", "in", "i", "j", "k",
            "n", "m", "v0", "v1", "dv0", "bv0", "bv1", "d_y_d_x", "t", "tmp", "result", "args", "length");

    /** Valid by the grammar ({@code [a-zA-Z_][a-zA-Z_0-9]*}) but unusual. */
    static final List<String> ODD_SHAPES = List.of("_0", "_1a", "__9", "_", "___", "_x", "x_", "X", "xX", "x0x0", "O0",
            "l1", "I", "B", "pi_", "e", "E", "Infinity", "NaN", "inf", "nan", "pi", "sin", "ln", "max", "sum", "fn", "model",
            "input", "param", "return", "of", "init", "then");

    /** Not identifiers of the language: each must be a CompileException with a position. */
    static final List<String> INVALID = List.of("é", "变量", "x\u0301", "\uD835\uDC65", "Ω", "x\u0000", "\u0000", "x\u0001y",
            "\u007f", "x\u200by", "\uFEFFx", "x$", "$x", "x\u2028y", "x\u00a0y", "\uD800", "x-y", "1x", "x.y", "x\"y", "x\\y",
            "x`", "x@y", "x#y");

    private HostileNames() {
    }

    /** A hostile name: valid by the grammar or not; now and then very long. */
    static String random(Random r) {
        return switch (r.nextInt(12)) {
            case 0, 1, 2 -> JAVA_KEYWORDS.get(r.nextInt(JAVA_KEYWORDS.size()));
            case 3, 4, 5 -> JAVA_CLASSES.get(r.nextInt(JAVA_CLASSES.size()));
            case 6, 7 -> RUNTIME_NAMES.get(r.nextInt(RUNTIME_NAMES.size()));
            case 8, 9 -> ODD_SHAPES.get(r.nextInt(ODD_SHAPES.size()));
            case 10 -> INVALID.get(r.nextInt(INVALID.size()));
            default -> longName(r);
        };
    }

    /** 100 to 70,000 characters: past the class file's 65,535-byte limit on a constant at the top. */
    static String longName(Random r) {
        int length = (int) Math.round(Math.exp(Math.log(100) + r.nextDouble() * Math.log(700)));
        return "x" + "a".repeat(length - 1);
    }

    /**
     * {@code p} with one or more of its names (the function's name, an input, a temporary)
     * replaced by hostile ones; a name of the language ({@code pi}, a function) may be hit too.
     */
    static ScalarProgram rename(ScalarProgram p, Random r) {
        String name = p.isExpression() ? "f" : p.name();
        List<String> names = new ArrayList<>(p.params().stream().filter(n -> !n.contains("[")).toList());
        p.assignments().forEach(a -> names.add(a.target()));
        Map<String, String> renaming = new HashMap<>();
        Set<String> taken = new LinkedHashSet<>(names);
        String newName = name;
        int count = 1 + r.nextInt(3);
        for (int k = 0; k < count; k++) {
            int which = r.nextBoolean() || names.isEmpty() ? names.size() : r.nextInt(names.size());
            String hostile = which == names.size() && r.nextBoolean() ? className(r) : random(r);
            if (which == names.size()) {
                newName = hostile;
            } else if (!taken.contains(hostile) && !renaming.containsValue(hostile)) {
                renaming.put(names.get(which), hostile);
            }
        }
        ScalarProgram renamed = p.rename(newName, renaming);
        if (r.nextInt(3) == 0) {
            // max(y, -1e999) = y, and the generated code now names Double.NEGATIVE_INFINITY
            List<Term> outputs = new ArrayList<>(renamed.outputs());
            outputs.set(0, Term.call("max", List.of(outputs.get(0), Term.negate(Term.number("1e999"), false))));
            renamed = new ScalarProgram(renamed.name(), renamed.params(), renamed.assignments(), outputs, renamed.data());
        }
        return renamed;
    }

    /** A name that generated code may also use for a class: java.lang, runtime, or not a Java name at all ({@code _0}). */
    static String className(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> JAVA_CLASSES.get(r.nextInt(JAVA_CLASSES.size()));
            case 1 -> RUNTIME_NAMES.get(r.nextInt(RUNTIME_NAMES.size()));
            default -> ODD_SHAPES.get(r.nextInt(ODD_SHAPES.size()));
        };
    }
}

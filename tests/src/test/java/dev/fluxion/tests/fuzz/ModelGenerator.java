package dev.fluxion.tests.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random small models over every tensor op and documented form of docs/models.md: inputs
 * with the batch size {@code B} first, last or in the middle; elementwise functions (every
 * scalar function of the op table, of one or two arguments, and {@code where} with a
 * comparison where the language has them) and operators with broadcasting against parameters of
 * a suffix shape, {@code [1]} or a row; every form of {@code @} (matrix, vector, stack,
 * {@code B} on either side, {@code h @ transpose(h)} of shape {@code [B, B]}); reductions
 * over everything, one axis, negative axes and axis lists; softmax, log_softmax and
 * logsumexp; transpose, flatten, reshape, slicing, concat; einsum with one to three
 * operands; prelu, elu, leaky_relu, maxout; conv2d, maxpool2d, avgpool2d; and the losses
 * cross_entropy (labels and probabilities), mse, euclidean, l1 and l2.
 *
 * <p>Shapes are tracked as the generator goes, so every model is well formed; a model with
 * {@code B} twice in one shape is marked, since the compiler may refuse it (with a position).
 */
final class ModelGenerator {

    /** A generated model and whether a shape in it holds B twice. */
    record Generated(String text, boolean batchTwice) {
    }

    private static final String B = "B";

    private final Random r;
    private final Language language;
    private final List<String> unary;
    private final List<String> binaryFunctions;
    private final List<String> declarations = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    /** Every value a statement may read (inputs, parameters, statements), with its shape. */
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> params = new ArrayList<>();
    private int counter;
    private boolean batchTwice;

    ModelGenerator(Random r, Language language) {
        this.r = r;
        this.language = language;
        this.unary = language.numericFunctions(1);
        this.binaryFunctions = language.numericFunctions(2);
    }

    Generated model() {
        int features = 2 + r.nextInt(3);
        switch (r.nextInt(10)) {
            case 0 -> input(List.of(String.valueOf(features), B));
            case 1 -> input(List.of(B, r.nextBoolean() ? "1" : "2", String.valueOf(3 + r.nextInt(3)), String.valueOf(4 + r.nextInt(2))));
            case 2 -> input(List.of(B, "2", String.valueOf(features)));
            case 3 -> input(List.of(String.valueOf(features)));
            case 4 -> input(List.of("2", B, String.valueOf(features)));
            default -> input(List.of(B, String.valueOf(features)));
        }
        int count = 1 + r.nextInt(4);
        String last = values.keySet().iterator().next();
        for (int i = 0; i < count; i++) {
            String operand = r.nextInt(3) == 0 ? pick() : last;
            String made = statement(operand);
            if (made != null) {
                last = made;
            }
        }
        statements.add("loss = " + loss(last));
        StringBuilder sb = new StringBuilder("model m").append(r.nextInt(100)).append(" {\n");
        for (String d : declarations) {
            sb.append("  ").append(d).append('\n');
        }
        for (String s : statements) {
            sb.append("  ").append(s).append('\n');
        }
        return new Generated(sb.append("}\n").toString(), batchTwice);
    }

    private String pick() {
        List<String> names = new ArrayList<>(values.keySet());
        return names.get(r.nextInt(names.size()));
    }

    private void input(List<String> shape) {
        String name = "x" + (counter++);
        declarations.add("input " + name + shape(shape));
        values.put(name, shape);
    }

    private String param(List<String> shape) {
        String name = "W" + (counter++);
        String init = switch (r.nextInt(6)) {
            case 0 -> "he_uniform";
            case 1 -> "uniform(-0.1, 0.1)";
            default -> "uniform(-0.5, 0.5)";
        };
        declarations.add("param " + name + shape(shape) + " init " + init);
        values.put(name, shape);
        params.add(name);
        return name;
    }

    private static String shape(List<String> dims) {
        return "[" + String.join(", ", dims) + "]";
    }

    /** A new statement reading {@code a}; its name, or null if the chosen op does not apply to a's shape. */
    private String statement(String a) {
        List<String> s = values.get(a);
        if (r.nextInt(10) == 0) {
            return loop(a, s);
        }
        Typed t = switch (r.nextInt(9)) {
            case 0, 1 -> elementwise(a, s);
            case 2, 3 -> product(a, s);
            case 4 -> reduction(a, s);
            case 5 -> reshaping(a, s);
            case 6 -> einsum(a, s);
            case 7 -> network(a, s);
            default -> binary(a, s);
        };
        if (t == null) {
            return null;
        }
        String name = "h" + (counter++);
        statements.add(name + " = " + t.expr);
        values.put(name, t.shape);
        if (countB(t.shape) > 1) {
            batchTwice = true;
        }
        return name;
    }

    private record Typed(String expr, List<String> shape) {
    }

    /**
     * A {@code for} loop carrying a new variable that starts as {@code a}: each step applies an
     * elementwise or broadcasting op that keeps a's shape, sometimes scaled by the loop variable;
     * its name, or null if the chosen op would change the shape.
     */
    private String loop(String a, List<String> s) {
        String name = "h" + (counter++);
        String k = "k" + (counter++);
        // binary() broadcasts a scalar to [1], which a carried variable may not become.
        Typed step = s.isEmpty() || r.nextBoolean() ? elementwise(name, s) : binary(name, s);
        if (!step.shape().equals(s)) {
            return null;
        }
        String body = r.nextInt(3) == 0 ? "(" + step.expr() + ") * (1 + 0.1 * " + k + ")" : step.expr();
        statements.add(name + " = " + a);
        statements.add("for " + k + " in 0.." + (1 + r.nextInt(3)) + " { " + name + " = " + body + " }");
        values.put(name, s);
        return name;
    }

    private static int countB(List<String> s) {
        return (int) s.stream().filter(B::equals).count();
    }

    private static int size(String dim) {
        return dim.equals(B) ? -1 : Integer.parseInt(dim);
    }

    private Typed elementwise(String a, List<String> s) {
        String f = unary.get(r.nextInt(unary.size()));
        String arg = switch (r.nextInt(3)) {
            case 0 -> "(1 + " + a + "^2)";
            case 1 -> "tanh(" + a + ")";
            default -> a;
        };
        return switch (r.nextInt(9)) {
            case 0 -> new Typed("leaky_relu(" + a + ", alpha=0.2)", s);
            case 1 -> new Typed("elu(" + a + ", alpha=0.7)", s);
            case 2 -> language.hasConditionals()
                    ? new Typed("where(" + a + " " + language.comparisons().get(r.nextInt(language.comparisons().size()))
                            + " 0, " + f + "(" + arg + "), -" + a + ")", s)
                    : new Typed(f + "(" + arg + ")", s);
            default -> new Typed(f + "(" + arg + ")", s);
        };
    }

    /** {@code a op b} with b of a's shape, a suffix of it, [1], or a row: broadcasting. */
    private Typed binary(String a, List<String> s) {
        String b;
        int k = r.nextInt(5);
        if (k == 0 || s.isEmpty()) {
            b = param(List.of("1"));
        } else if (k == 1 && s.size() >= 2 && !s.get(s.size() - 1).equals(B)) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < s.size() - 1; i++) {
                row.add("1");
            }
            row.add(s.get(s.size() - 1));
            b = param(row);
        } else if (k == 2) {
            b = a;
        } else if (countB(s) == 0) {
            b = param(s);
        } else {
            int from = s.lastIndexOf(B) + 1;
            b = from == s.size() ? param(List.of("1")) : param(s.subList(from, s.size()));
        }
        String g = binaryFunctions.isEmpty() ? "max" : binaryFunctions.get(r.nextInt(binaryFunctions.size()));
        String expr = switch (r.nextInt(8)) {
            case 6 -> g + "(" + a + ", " + b + ")";
            case 0 -> a + " + " + b;
            case 1 -> a + " - " + b;
            case 2 -> a + " / (1 + " + b + "^2)";
            case 3 -> "(1 + " + a + "^2)^" + b;
            case 4 -> (r.nextBoolean() ? "max(" : "min(") + a + ", " + b + ")";
            default -> a + " * " + b;
        };
        return new Typed(expr, s);
    }

    /** Every form of {@code @} that applies to a's shape. */
    private Typed product(String a, List<String> s) {
        int m = 2 + r.nextInt(3);
        String last = s.isEmpty() ? null : s.get(s.size() - 1);
        if (s.size() == 2 && s.get(0).equals(B) && !last.equals(B)) {
            return switch (r.nextInt(5)) {
                case 0 -> new Typed("transpose(" + a + ") @ " + a, List.of(last, last));
                case 1 -> new Typed(a + " @ transpose(" + a + ")", List.of(B, B));
                case 2 -> new Typed(a + " @ " + param(List.of(last)), List.of(B));
                default -> new Typed(a + " @ " + param(List.of(last, String.valueOf(m))), List.of(B, String.valueOf(m)));
            };
        }
        if (s.size() == 2 && last.equals(B)) {
            return new Typed(param(List.of(String.valueOf(m), s.get(0))) + " @ " + a, List.of(String.valueOf(m), B));
        }
        if (s.size() == 1 && !last.equals(B)) {
            return switch (r.nextInt(3)) {
                case 0 -> new Typed(a + " @ " + a, List.of());
                case 1 -> new Typed(param(List.of(String.valueOf(m), last)) + " @ " + a, List.of(String.valueOf(m)));
                default -> new Typed(a + " @ " + param(List.of(last, String.valueOf(m))), List.of(String.valueOf(m)));
            };
        }
        if (s.size() == 3 && !last.equals(B)) {
            if (r.nextBoolean() && !s.get(1).equals(B)) {
                // [n, k] @ [d0, k, m]: a matrix times a stack
                return new Typed(param(List.of(String.valueOf(m), s.get(1))) + " @ " + a, List.of(s.get(0), String.valueOf(m), last));
            }
            // [d0, n, k] @ [k, m]: a stack times a matrix
            return new Typed(a + " @ " + param(List.of(last, String.valueOf(m))), List.of(s.get(0), s.get(1), String.valueOf(m)));
        }
        return null;
    }

    private Typed reduction(String a, List<String> s) {
        String f = List.of("sum", "mean", "max").get(r.nextInt(3));
        if (s.isEmpty() || r.nextInt(4) == 0) {
            return new Typed(f + "(" + a + ")", List.of());
        }
        int axis = r.nextInt(s.size());
        List<String> kept = new ArrayList<>(s);
        kept.remove(axis);
        switch (r.nextInt(5)) {
            case 0 -> {
                return new Typed(f + "(" + a + ", axis=" + (axis - s.size()) + ")", kept);
            }
            case 1 -> {
                if (s.size() >= 2) {
                    return new Typed(f + "(" + a + ", axis=(0, " + (s.size() - 1) + "))", s.subList(1, s.size() - 1));
                }
                return new Typed(f + "(" + a + ", axis=0)", kept);
            }
            case 2 -> {
                return new Typed((r.nextBoolean() ? "softmax(" : "log_softmax(") + a + ", axis=" + axis + ")", s);
            }
            case 3 -> {
                return new Typed("logsumexp(" + a + ", axis=" + axis + ")", kept);
            }
            default -> {
                return new Typed(f + "(" + a + ", axis=" + axis + ")", kept);
            }
        }
    }

    private Typed reshaping(String a, List<String> s) {
        switch (r.nextInt(5)) {
            case 0 -> {
                List<String> t = new ArrayList<>(s);
                java.util.Collections.reverse(t);
                return new Typed("transpose(" + a + ")", t);
            }
            case 1 -> {
                if (s.size() >= 2 && s.get(0).equals(B) && countB(s) == 1) {
                    int n = 1;
                    for (String d : s.subList(1, s.size())) {
                        n *= size(d);
                    }
                    if (r.nextBoolean() && n % 2 == 0) {
                        return new Typed("reshape(" + a + ", \"B, 2, " + (n / 2) + "\")", List.of(B, "2", String.valueOf(n / 2)));
                    }
                    return new Typed("flatten(" + a + ")", List.of(B, String.valueOf(n)));
                }
                return null;
            }
            case 2 -> {
                return concat(a, s);
            }
            default -> {
                return slice(a, s);
            }
        }
    }

    private Typed slice(String a, List<String> s) {
        if (s.isEmpty()) {
            return null;
        }
        int axis = r.nextInt(s.size());
        if (s.get(axis).equals(B)) {
            return null;
        }
        int n = size(s.get(axis));
        List<String> index = new ArrayList<>();
        List<String> shape = new ArrayList<>(s);
        for (int i = 0; i < s.size(); i++) {
            index.add(":");
        }
        if (r.nextBoolean() || n < 2) {
            int at = r.nextInt(n);
            index.set(axis, String.valueOf(r.nextBoolean() ? at : at - n));
            shape.remove(axis);
        } else {
            int lo = r.nextInt(n - 1);
            int hi = lo + 1 + r.nextInt(n - lo - 1) + 1;
            index.set(axis, (lo == 0 && r.nextBoolean() ? "" : String.valueOf(lo)) + ":" + (hi == n && r.nextBoolean() ? "" : hi));
            shape.set(axis, String.valueOf(hi - lo));
        }
        return new Typed(a + "[" + String.join(", ", index) + "]", shape);
    }

    private Typed concat(String a, List<String> s) {
        if (s.isEmpty()) {
            return null;
        }
        int axis = r.nextInt(s.size());
        if (s.get(axis).equals(B)) {
            return null;
        }
        List<String> other = new ArrayList<>(s);
        other.set(axis, "1");
        String b = countB(s) == 0 ? param(other) : "sin(" + a + ")";
        List<String> shape = new ArrayList<>(s);
        int bSize = countB(s) == 0 ? 1 : size(s.get(axis));
        shape.set(axis, String.valueOf(size(s.get(axis)) + bSize));
        return new Typed("concat(" + a + ", " + b + ", axis=" + (r.nextBoolean() ? axis : axis - s.size()) + ")", shape);
    }

    private Typed einsum(String a, List<String> s) {
        String letters = "ijkl";
        if (s.isEmpty() || s.size() > 3) {
            return null;
        }
        StringBuilder idx = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            idx.append(s.get(i).equals(B) ? 'b' : letters.charAt(i));
        }
        if (idx.chars().filter(c -> c == 'b').count() > 1) {
            return null;
        }
        String ia = idx.toString();
        int m = 2 + r.nextInt(2);
        String lastLetter = ia.substring(ia.length() - 1);
        List<String> lastDim = List.of(s.get(s.size() - 1));
        switch (r.nextInt(5)) {
            case 0 -> {
                // contract the last axis with a matrix
                if (lastLetter.equals("b")) {
                    return null;
                }
                String w = param(List.of(s.get(s.size() - 1), String.valueOf(m)));
                String out = ia.substring(0, ia.length() - 1) + "z";
                List<String> shape = new ArrayList<>(s.subList(0, s.size() - 1));
                shape.add(String.valueOf(m));
                return new Typed("einsum(\"" + ia + "," + lastLetter + "z->" + out + "\", " + a + ", " + w + ")", shape);
            }
            case 1 -> {
                // elementwise product with itself, summed over everything but the first axis
                return new Typed("einsum(\"" + ia + "," + ia + "->" + ia.charAt(0) + "\", " + a + ", " + a + ")", List.of(s.get(0)));
            }
            case 2 -> {
                // outer product with a vector
                String v = param(List.of(String.valueOf(m)));
                List<String> shape = new ArrayList<>(s);
                shape.add(String.valueOf(m));
                return new Typed("einsum(\"" + ia + ",z->" + ia + "z\", " + a + ", " + v + ")", shape);
            }
            case 3 -> {
                // three operands: a, a vector over its last axis, and a summed-away vector
                if (lastLetter.equals("b")) {
                    return null;
                }
                String v = param(lastDim);
                String u = param(List.of("2"));
                String out = ia.substring(0, ia.length() - 1);
                return new Typed("einsum(\"" + ia + "," + lastLetter + ",y->" + out + "\", " + a + ", " + v + ", " + u + ")",
                        s.subList(0, s.size() - 1));
            }
            default -> {
                // the Gram matrix over the first axis: [B, n] gives [B, B]
                if (s.size() != 2) {
                    return null;
                }
                String x = ia.substring(0, 1);
                String out = x.equals("b") ? "bc" : x + "c";
                String second = ia.equals("bi") ? "ci" : "c" + ia.substring(1);
                if (!ia.startsWith("b")) {
                    return null;
                }
                return new Typed("einsum(\"" + ia + "," + second + "->" + out + "\", " + a + ", " + a + ")", List.of(B, B));
            }
        }
    }

    private Typed network(String a, List<String> s) {
        if (s.size() == 4 && !s.get(1).equals(B) && !s.get(2).equals(B) && !s.get(3).equals(B)) {
            int c = size(s.get(1));
            int h = size(s.get(2));
            int w = size(s.get(3));
            switch (r.nextInt(3)) {
                case 0 -> {
                    int kh = 1 + r.nextInt(Math.min(3, h));
                    int kw = 1 + r.nextInt(Math.min(3, w));
                    int stride = 1 + r.nextInt(2);
                    int pad = r.nextInt(2);
                    int o = 1 + r.nextInt(2);
                    String k = param(List.of(String.valueOf(o), String.valueOf(c), String.valueOf(kh), String.valueOf(kw)));
                    int ho = (h + 2 * pad - kh) / stride + 1;
                    int wo = (w + 2 * pad - kw) / stride + 1;
                    return new Typed("conv2d(" + a + ", " + k + ", stride=" + stride + ", padding=" + pad + ")",
                            List.of(s.get(0), String.valueOf(o), String.valueOf(ho), String.valueOf(wo)));
                }
                default -> {
                    int size = 1 + r.nextInt(Math.min(2, Math.min(h, w)));
                    int stride = size == 1 ? 1 : 1 + r.nextInt(2);
                    String op = r.nextBoolean() ? "maxpool2d" : "avgpool2d";
                    return new Typed(op + "(" + a + ", size=" + size + ", stride=" + stride + ")",
                            List.of(s.get(0), s.get(1), String.valueOf((h - size) / stride + 1), String.valueOf((w - size) / stride + 1)));
                }
            }
        }
        if (s.isEmpty() || s.get(s.size() - 1).equals(B)) {
            return null;
        }
        int last = size(s.get(s.size() - 1));
        if (r.nextBoolean() && last % 2 == 0) {
            List<String> shape = new ArrayList<>(s);
            shape.set(s.size() - 1, String.valueOf(last / 2));
            return new Typed("maxout(" + a + ", pieces=2)", shape);
        }
        return new Typed("prelu(" + a + ", " + param(List.of(r.nextBoolean() ? "1" : s.get(s.size() - 1))) + ")", s);
    }

    /** The loss: a reduction or a loss function of the last value, sometimes with a penalty on a parameter. */
    private String loss(String v) {
        List<String> s = values.get(v);
        String main;
        int k = r.nextInt(6);
        if (k == 0 && s.size() == 2 && s.get(0).equals(B) && !s.get(1).equals(B)) {
            String y = "y" + (counter++);
            declarations.add("label " + y + "[B] of " + s.get(1));
            main = "mean(cross_entropy(" + v + ", " + y + "))";
        } else if (k == 1 && s.size() == 2 && s.get(0).equals(B) && !s.get(1).equals(B)) {
            String t = "t" + (counter++);
            declarations.add("input " + t + shape(s));
            main = "mean(cross_entropy(" + v + ", softmax(" + t + ")))";
        } else if (k == 2 && !s.isEmpty()) {
            String t = "t" + (counter++);
            declarations.add("input " + t + shape(s));
            main = (r.nextBoolean() ? "mse(" : "euclidean(") + v + ", " + t + ")";
        } else if (k == 3) {
            main = "mean(sin(" + v + "))";
        } else {
            main = "sum(" + v + ")";
        }
        if (!params.isEmpty() && r.nextInt(3) == 0) {
            String p = params.get(r.nextInt(params.size()));
            main += r.nextBoolean() ? " + 0.01 * l2(" + p + ")" : " + 0.001 * l1(" + p + ")";
        }
        if (params.isEmpty()) {
            String w = param(List.of("1"));
            main += " + sum(" + w + " * " + v + ")";
        }
        return main;
    }
}

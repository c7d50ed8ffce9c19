package dev.fluxion.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A point given on the command line: {@code x1=2,x2=5} (by name, any order, every input
 * once; an array parameter whole as {@code x=[1,2,3]}) or {@code 2,5} (in input order). Parsed only once the program's inputs are known,
 * so a message can list them.
 */
public final class Point {

    private Point() {
    }

    /** The point {@code spec} for {@code inputs}, as the inspection tools take it. */
    public static dev.fluxion.compiler.inspect.Point of(String spec, List<String> inputs) {
        return dev.fluxion.compiler.inspect.Point.of(inputs, parse(spec, inputs));
    }

    /** The values of {@code spec} for {@code inputs}, in input order. */
    public static double[] parse(String spec, List<String> inputs) {
        String[] parts = spec.trim().isEmpty() ? new String[0] : expandArrays(spec, topLevel(spec));
        boolean named = parts.length > 0 && parts[0].contains("=");
        if (!named) {
            if (parts.length != inputs.size()) {
                throw new UserError("--at " + spec + ": expected " + inputs.size() + " value(s), one for each of "
                        + String.join(", ", inputs) + "; got " + parts.length);
            }
            double[] x = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].contains("=")) {
                    throw new UserError("--at " + spec + ": give every value by name (x1=2,x2=5) or none (2,5)");
                }
                x[i] = number(spec, parts[i]);
            }
            return x;
        }
        Map<String, Double> byName = new LinkedHashMap<>();
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new UserError("--at " + spec + ": give every value by name (x1=2,x2=5) or none (2,5)");
            }
            String name = part.substring(0, eq).trim();
            if (!inputs.contains(name)) {
                throw new UserError("--at " + spec + ": no input '" + name + "'; the inputs are " + String.join(", ", inputs));
            }
            if (byName.put(name, number(spec, part.substring(eq + 1))) != null) {
                throw new UserError("--at " + spec + ": '" + name + "' is given twice");
            }
        }
        List<String> missing = new ArrayList<>();
        double[] x = new double[inputs.size()];
        for (int i = 0; i < x.length; i++) {
            Double v = byName.get(inputs.get(i));
            if (v == null) {
                missing.add(inputs.get(i));
            } else {
                x[i] = v;
            }
        }
        if (!missing.isEmpty()) {
            throw new UserError("--at " + spec + ": no value for " + String.join(", ", missing));
        }
        return x;
    }

    /** {@code spec} split at the commas outside brackets. */
    private static String[] topLevel(String spec) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth < 0) {
                    throw new UserError("--at " + spec + ": ']' without '['");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(spec.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new UserError("--at " + spec + ": '[' without ']'");
        }
        parts.add(spec.substring(start));
        return parts.toArray(new String[0]);
    }

    /**
     * An array given whole, {@code x=[1,2,3]} (nested for more axes: {@code A=[[1,2],[3,4]]}),
     * becomes one named value per element, {@code x[0]=1,x[1]=2,...}, as the inputs are named.
     */
    private static String[] expandArrays(String spec, String[] parts) {
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            int eq = part.indexOf('=');
            String value = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (!value.startsWith("[")) {
                out.add(part);
                continue;
            }
            String name = part.substring(0, eq).trim();
            elements(spec, name, value, new ArrayList<>(), out);
        }
        return out.toArray(new String[0]);
    }

    private static void elements(String spec, String name, String value, List<Integer> index, List<String> out) {
        String v = value.trim();
        if (!v.startsWith("[")) {
            StringBuilder label = new StringBuilder(name).append('[');
            for (int k = 0; k < index.size(); k++) {
                label.append(k == 0 ? "" : ", ").append(index.get(k));
            }
            out.add(label.append("]=").append(v).toString());
            return;
        }
        if (!v.endsWith("]")) {
            throw new UserError("--at " + spec + ": " + v + " is not a list [a, b, ...]");
        }
        String inner = v.substring(1, v.length() - 1);
        if (inner.isBlank()) {
            throw new UserError("--at " + spec + ": the list for '" + name + "' is empty");
        }
        String[] items = topLevel(inner);
        for (int k = 0; k < items.length; k++) {
            List<Integer> next = new ArrayList<>(index);
            next.add(k);
            elements(spec, name, items[k], next, out);
        }
    }

    private static double number(String spec, String text) {
        String t = text.trim();
        if (t.equals("pi") || t.equals("-pi")) {
            return t.startsWith("-") ? -Math.PI : Math.PI;
        }
        try {
            if (t.isEmpty() || t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UserError("--at " + spec + ": '" + t + "' is not a number");
        }
    }

    /** The point as {@code x1 = 2, x2 = 5}. */
    public static String describe(List<String> inputs, double[] x, java.util.function.DoubleFunction<String> format) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            parts.add(inputs.get(i) + " = " + format.apply(x[i]));
        }
        return String.join(", ", parts);
    }
}

package dev.fluxion.examples;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.sparse.ItemMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ADBench BA objective as a program of the language: {@code adbench/ba.flx} is one
 * observation's residuals (2 reprojection errors and the weight error) as a function of its
 * camera, point and weight, the feature as data; a per-item map
 * ({@link CompiledFunction#itemMap}) applies it to every observation and assembles the
 * 3p × (11n + 3m + p) Jacobian in ADBench's compressed-sparse-rows layout: rows 2i and 2i + 1
 * for observation i's reprojection errors (11 camera, 3 point, 1 weight entry each), row 2p + i
 * for its weight error (the one entry −2w).
 */
public final class BaProgram {

    private BaProgram() {
    }

    /** The program text. */
    public static String text() {
        return Programs.read("adbench/ba.flx");
    }

    /** The one-observation function, compiled. */
    public static CompiledFunction compile() {
        return Fluxion.create().compile(text(), Options.defaults());
    }

    /** The map of {@code f} (the compiled program) over the observations of {@code problem}, by {@code sweep}. */
    public static ItemMap map(CompiledFunction f, BaProblem problem, ItemMap.Sweep sweep) {
        return builder(f, problem).sweep(sweep).build();
    }

    /** The map with the sweep the compiler chose (reverse: 3 sweeps per observation against 15 tangent passes). */
    public static ItemMap map(CompiledFunction f, BaProblem problem) {
        return builder(f, problem).build();
    }

    /** Observation i reads camera camIndex[i], point pointIndex[i], its own weight and feature; rows 2i, 2i+1, then 2p+i. */
    private static ItemMap.Builder builder(CompiledFunction f, BaProblem problem) {
        return f.itemMap(problem.p())
                .gather(problem.n(), problem.camIndex())
                .gather(problem.m(), problem.pointIndex())
                .own()
                .data(problem.features())
                .rowGroups(2, 1);
    }

    /**
     * The whole residual vector of {@code problem} as one function, for the general sparse
     * Jacobian ({@link CompiledFunction#jacobianSparse}) to be compared with the per-item map:
     * {@code fn ba_all(cams[n, 11], pts[m, 3], wt[p]; feat[p, 2])} with {@code ba.flx}'s body
     * written out once per observation (its locals suffixed {@code _i}, {@code cam[k]} read as
     * {@code cams[i mod n, k]}, {@code X[k]} as {@code pts[i mod m, k]}, {@code w} as
     * {@code wt[i]}), returning the 2p reprojection errors (observation by observation) and
     * then the p weight errors: ADBench's row order. A function that gathers by integer data
     * ({@code cams[obs[k, 0], j]}) may not return several values, so this is the only way to give
     * BA's residual vector to the general sparse Jacobian; its size grows with p: for the small
     * files only.
     */
    public static String wholeVector(BaProblem problem) {
        String text = text().replaceAll("#[^\n]*", "");
        String body = text.substring(text.indexOf('{') + 1, text.lastIndexOf('}'));
        List<String[]> statements = new ArrayList<>();
        String returned = null;
        for (String line : body.split("\n")) {
            String t = line.trim();
            if (t.startsWith("return")) {
                returned = t.substring(t.indexOf('(') + 1, t.lastIndexOf(')'));
            } else if (!t.isEmpty()) {
                int eq = t.indexOf('=');
                statements.add(new String[] {t.substring(0, eq).trim(), t.substring(eq + 1).trim()});
            }
        }
        List<String> outputs = topLevelParts(returned);
        Set<String> locals = new HashSet<>();
        statements.forEach(st -> locals.add(st[0]));
        StringBuilder out = new StringBuilder();
        out.append("fn ba_all(cams[").append(problem.n()).append(", 11], pts[").append(problem.m()).append(", 3], wt[")
                .append(problem.p()).append("]; feat[").append(problem.p()).append(", 2]) {\n");
        List<List<String>> results = new ArrayList<>();
        for (int o = 0; o < outputs.size(); o++) {
            results.add(new ArrayList<>());
        }
        for (int i = 0; i < problem.p(); i++) {
            for (String[] st : statements) {
                out.append("  ").append(st[0]).append('_').append(i).append(" = ")
                        .append(observation(st[1], i, problem, locals)).append('\n');
            }
            for (int o = 0; o < outputs.size(); o++) {
                String name = "out" + o + "_" + i;
                out.append("  ").append(name).append(" = ").append(observation(outputs.get(o), i, problem, locals)).append('\n');
                results.get(o).add(name);
            }
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < problem.p(); i++) {
            order.add(results.get(0).get(i));
            order.add(results.get(1).get(i));
        }
        order.addAll(results.get(2));
        out.append("  return (").append(String.join(", ", order)).append(")\n}\n");
        return out.toString();
    }

    /** {@code expr} of ba.flx for observation {@code i}. */
    private static String observation(String expr, int i, BaProblem problem, Set<String> locals) {
        Matcher m = NAME.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String k = m.group(3);
            String r;
            if (name.equals("cam") && k != null) {
                r = "cams[" + problem.camIndex()[i] + ", " + k + "]";
            } else if (name.equals("X") && k != null) {
                r = "pts[" + problem.pointIndex()[i] + ", " + k + "]";
            } else if (name.equals("feat") && k != null) {
                r = "feat[" + i + ", " + k + "]";
            } else if (name.equals("w") && k == null) {
                r = "wt[" + i + "]";
            } else if (locals.contains(name) && k == null) {
                r = name + "_" + i;
            } else {
                r = m.group();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(r));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static final Pattern NAME = Pattern.compile("\\b([A-Za-z_]\\w*)\\b(\\[(\\d+)\\])?");

    /** The comma-separated parts of {@code s} outside parentheses. */
    private static List<String> topLevelParts(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int c = 0; c < s.length(); c++) {
            char ch = s.charAt(c);
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (ch == ',' && depth == 0) {
                parts.add(s.substring(start, c).trim());
                start = c + 1;
            }
        }
        parts.add(s.substring(start).trim());
        return parts;
    }
}

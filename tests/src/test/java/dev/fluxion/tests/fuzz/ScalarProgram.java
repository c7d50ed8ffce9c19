package dev.fluxion.tests.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A generated scalar program: a bare expression ({@code name == null}, one output, its
 * inputs given explicitly so that an unused one is still an input), or
 * {@code fn name(params) { assignments; return outputs }} with one output or a tuple.
 *
 * @param name        the function's name, or null for a bare expression
 * @param params      the inputs, in order
 * @param assignments the intermediate statements, in order
 * @param outputs     what is returned, at least one
 * @param data        the data parameters, after {@code ;} (given when the function is called, never
 *                    differentiated): the oracle binds random values and the reference reads them
 *                    after the inputs
 */
record ScalarProgram(String name, List<String> params, List<Assignment> assignments, List<Term> outputs,
                     List<String> data) {

    /**
     * {@code target = value}, and when {@code loop} is not null, then
     * {@code for var in lo..hi { target = body }}: a loop carrying {@code target}, whose body may
     * read it, the loop variable's array elements and everything defined before.
     */
    record Assignment(String target, Term value, Loop loop) {

        Assignment(String target, Term value) {
            this(target, value, null);
        }

        /** Every name the statement reads (the loop's own variable and carry excepted inside its body). */
        void names(Set<String> into) {
            value.names(into);
            if (loop != null) {
                Set<String> body = new LinkedHashSet<>();
                loop.body().names(body);
                body.remove(loop.var());
                body.remove(target);
                into.addAll(body);
            }
        }

        void ops(Set<String> into) {
            value.ops(into);
            if (loop != null) {
                into.add("for");
                loop.body().ops(into);
            }
        }

        Assignment rename(Map<String, String> renaming) {
            return new Assignment(renaming.getOrDefault(target, target), value.rename(renaming),
                    loop == null ? null : new Loop(loop.var(), loop.lo(), loop.hi(), loop.body().rename(renaming)));
        }

        Assignment map(java.util.function.UnaryOperator<Term> f) {
            return new Assignment(target, f.apply(value),
                    loop == null ? null : new Loop(loop.var(), loop.lo(), loop.hi(), f.apply(loop.body())));
        }
    }

    /** {@code for var in lo..hi { carry = body }}. */
    record Loop(String var, int lo, int hi, Term body) {
    }

    ScalarProgram(String name, List<String> params, List<Assignment> assignments, List<Term> outputs) {
        this(name, params, assignments, outputs, List.of());
    }

    ScalarProgram {
        params = List.copyOf(params);
        data = List.copyOf(data);
        if (name == null && !data.isEmpty()) {
            throw new IllegalArgumentException("a bare expression has no data parameters");
        }
        assignments = List.copyOf(assignments);
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a program returns at least one value");
        }
        if (name == null && (!assignments.isEmpty() || outputs.size() != 1)) {
            throw new IllegalArgumentException("a bare expression has no statements and one output");
        }
    }

    boolean isExpression() {
        return name == null;
    }

    /** Whether a parameter is an array ({@code v[3]}, {@code A[2, 3]}): its inputs are its elements. */
    boolean hasArrays() {
        return params.stream().anyMatch(p -> p.contains("[")) || !data.isEmpty();
    }

    /**
     * The inputs, one per element of each array parameter in row-major order
     * ({@code v[0]}, {@code A[0, 1]}), as the compiler orders them.
     */
    List<String> inputNames() {
        List<String> names = new ArrayList<>();
        List<String> all = new ArrayList<>(params);
        all.addAll(data);
        for (String p : all) {
            int open = p.indexOf('[');
            if (open < 0) {
                names.add(p);
                continue;
            }
            String array = p.substring(0, open);
            String[] dims = p.substring(open + 1, p.length() - 1).split(",");
            int[] size = new int[dims.length];
            int total = 1;
            for (int d = 0; d < dims.length; d++) {
                size[d] = Integer.parseInt(dims[d].strip());
                total *= size[d];
            }
            for (int flat = 0; flat < total; flat++) {
                int[] at = new int[size.length];
                for (int d = size.length - 1, rest = flat; d >= 0; d--) {
                    at[d] = rest % size[d];
                    rest /= size[d];
                }
                names.add(element(array, at));
            }
        }
        return names;
    }

    /**
     * The data arrays the program gathers by ({@code v[g[i]]}), each with the number of elements of
     * the axis it indexes (the smallest, if it indexes several): their values must be whole numbers
     * below it, which the oracle draws.
     */
    java.util.Map<String, Integer> indexData() {
        java.util.Map<String, Integer> bounds = new java.util.HashMap<>();
        java.util.Map<String, int[]> dims = new java.util.HashMap<>();
        List<String> all = new ArrayList<>(params);
        all.addAll(data);
        for (String p : all) {
            int open = p.indexOf('[');
            if (open > 0) {
                dims.put(p.substring(0, open), java.util.Arrays.stream(p.substring(open + 1, p.length() - 1).split(","))
                        .mapToInt(d -> Integer.parseInt(d.strip())).toArray());
            }
        }
        java.util.ArrayDeque<Term> stack = new java.util.ArrayDeque<>(outputs);
        for (Assignment a : assignments) {
            stack.push(a.value());
            if (a.loop() != null) {
                stack.push(a.loop().body());
            }
        }
        while (!stack.isEmpty()) {
            Term t = stack.pop();
            stack.addAll(t.args());
            if (t.kind() == Term.Kind.INDEX && dims.containsKey(t.symbol())) {
                for (int d = 0; d < t.args().size(); d++) {
                    Term ix = t.args().get(d);
                    if (ix.kind() == Term.Kind.INDEX) {
                        bounds.merge(ix.symbol(), dims.get(t.symbol())[d], Math::min);
                    } else if (ix.kind() == Term.Kind.INFIX && ix.symbol().equals("+")
                            && ix.args().get(0).kind() == Term.Kind.INDEX
                            && ix.args().get(1).kind() == Term.Kind.NUMBER) {
                        // v[g[i] + 1]: g below the axis' size less the offset
                        int offset = (int) Double.parseDouble(ix.args().get(1).symbol());
                        bounds.merge(ix.args().get(0).symbol(), dims.get(t.symbol())[d] - offset, Math::min);
                    }
                }
            }
        }
        return bounds;
    }

    /** The name of an element: {@code v[2]}, {@code A[0, 1]}. */
    static String element(String array, int[] at) {
        StringBuilder sb = new StringBuilder(array).append('[');
        for (int d = 0; d < at.length; d++) {
            sb.append(d > 0 ? ", " : "").append(at[d]);
        }
        return sb.append(']').toString();
    }

    String text() {
        if (isExpression()) {
            return outputs.get(0).toString();
        }
        StringBuilder sb = new StringBuilder("fn ").append(name).append('(').append(String.join(", ", params))
                .append(data.isEmpty() ? "" : "; " + String.join(", ", data)).append(") {\n");
        for (Assignment a : assignments) {
            sb.append("  ").append(a.target()).append(" = ");
            a.value().print(sb);
            sb.append('\n');
            if (a.loop() != null) {
                sb.append("  for ").append(a.loop().var()).append(" in ").append(a.loop().lo()).append("..")
                        .append(a.loop().hi()).append(" {\n    ").append(a.target()).append(" = ");
                a.loop().body().print(sb);
                sb.append("\n  }\n");
            }
        }
        sb.append("  return ");
        if (outputs.size() == 1) {
            outputs.get(0).print(sb);
        } else {
            sb.append('(');
            for (int i = 0; i < outputs.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                outputs.get(i).print(sb);
            }
            sb.append(')');
        }
        return sb.append("\n}\n").toString();
    }

    /**
     * The inputs the outputs depend on syntactically (through the assignments they read).
     * An input outside this set must get a derivative of exactly 0 in every mode.
     */
    Set<String> usedInputs() {
        Set<String> live = new LinkedHashSet<>();
        for (Term t : outputs) {
            t.names(live);
        }
        for (int i = assignments.size() - 1; i >= 0; i--) {
            Assignment a = assignments.get(i);
            if (live.remove(a.target())) {
                a.names(live);
            }
        }
        live.retainAll(params);
        return live;
    }

    /** Every call and operator the program uses. */
    Set<String> ops() {
        Set<String> ops = new LinkedHashSet<>();
        for (Assignment a : assignments) {
            a.ops(ops);
        }
        for (Term t : outputs) {
            t.ops(ops);
        }
        return ops;
    }

    /** The same program with every name (function, inputs, temporaries) renamed. */
    ScalarProgram rename(String newName, Map<String, String> renaming) {
        List<String> ps = params.stream().map(p -> renaming.getOrDefault(p, p)).toList();
        List<Assignment> as = assignments.stream()
                .map(a -> a.rename(renaming)).toList();
        List<Term> os = outputs.stream().map(t -> t.rename(renaming)).toList();
        return new ScalarProgram(newName, ps, as, os, data.stream().map(p -> renaming.getOrDefault(p, p)).toList());
    }

    /**
     * Smaller programs: fewer outputs, fewer statements (a statement's uses replaced by
     * its value would change little; its uses become the constant 1), fewer inputs, and
     * each expression shrunk.
     */
    List<ScalarProgram> shrinks() {
        List<ScalarProgram> out = new ArrayList<>();
        if (!isExpression() && assignments.isEmpty() && outputs.size() == 1 && !hasOddName() && data.isEmpty()) {
            out.add(new ScalarProgram(null, params, List.of(), outputs));
        }
        for (int i = 0; outputs.size() > 1 && i < outputs.size(); i++) {
            List<Term> fewer = new ArrayList<>(outputs);
            fewer.remove(i);
            out.add(new ScalarProgram(name, params, assignments, fewer, data));
        }
        for (int i = 0; i < assignments.size(); i++) {
            Assignment gone = assignments.get(i);
            List<Assignment> fewer = new ArrayList<>(assignments);
            fewer.remove(i);
            Map<String, Term> constant = new HashMap<>();
            constant.put(gone.target(), Term.number("1"));
            out.add(new ScalarProgram(name, params, fewer.stream()
                    .map(a -> a.map(t -> substitute(t, constant))).toList(),
                    outputs.stream().map(t -> substitute(t, constant)).toList(), data));
        }
        Set<String> used = new LinkedHashSet<>();
        for (Assignment a : assignments) {
            a.names(used);
        }
        for (Term t : outputs) {
            t.names(used);
        }
        for (String p : params) {
            if (!used.contains(p) && params.size() > 1) {
                List<String> fewer = new ArrayList<>(params);
                fewer.remove(p);
                out.add(new ScalarProgram(name, fewer, assignments, outputs, data));
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            for (Term t : outputs.get(i).shrinks()) {
                List<Term> changed = new ArrayList<>(outputs);
                changed.set(i, t);
                out.add(new ScalarProgram(name, params, assignments, changed, data));
            }
        }
        for (int i = 0; i < assignments.size(); i++) {
            Assignment a = assignments.get(i);
            for (Term t : a.value().shrinks()) {
                List<Assignment> changed = new ArrayList<>(assignments);
                changed.set(i, new Assignment(a.target(), t, a.loop()));
                out.add(new ScalarProgram(name, params, changed, outputs, data));
            }
            if (a.loop() != null) {
                List<Assignment> unlooped = new ArrayList<>(assignments);
                unlooped.set(i, new Assignment(a.target(), a.value()));
                out.add(new ScalarProgram(name, params, unlooped, outputs, data));
                for (Term t : a.loop().body().shrinks()) {
                    List<Assignment> changed = new ArrayList<>(assignments);
                    changed.set(i, new Assignment(a.target(), a.value(), new Loop(a.loop().var(), a.loop().lo(),
                            a.loop().hi(), t)));
                    out.add(new ScalarProgram(name, params, changed, outputs, data));
                }
            }
        }
        return out;
    }

    /** Whether a name of this function matters to how it fails (kept when shrinking to a bare expression). */
    private boolean hasOddName() {
        return !name.matches("f[0-9]*");
    }

    private static Term substitute(Term t, Map<String, Term> by) {
        if (t.kind() == Term.Kind.NAME) {
            return by.getOrDefault(t.symbol(), t);
        }
        return t.withArgs(t.args().stream().map(a -> substitute(a, by)).toList());
    }
}

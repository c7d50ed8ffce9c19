package dev.fluxion.compiler.ops;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.compiler.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * einsum with an index string, {@code "ij,jk->ik"}: the sum over every letter not in the
 * output of the product of the operands. Multilinear, so its derivatives are einsums too:
 * the JVP replaces one operand at a time by its tangent; the VJP of operand i is the einsum
 * of the cotangent with the other operands onto operand i's letters (broadcast along a
 * letter that only operand i has). Each operand names distinct letters (no diagonals).
 */
public final class Einsum {

    private Einsum() {
    }

    /** The parsed index string: each operand's letters and the output's. */
    public record Spec(List<String> inputs, String output) {
        public Spec {
            inputs = List.copyOf(inputs);
        }

        /** Parses {@code "ij,jk->ik"}; the arrow and output are required. */
        public static Spec parse(String text) {
            String s = text.replace(" ", "");
            int arrow = s.indexOf("->");
            if (arrow < 0) {
                throw new IllegalArgumentException("einsum needs an index string such as \"ij,jk->ik\", got \"" + text + "\"");
            }
            List<String> ins = Arrays.asList(s.substring(0, arrow).split(",", -1));
            String out = s.substring(arrow + 2);
            List<String> all = new ArrayList<>(ins);
            all.add(out);
            for (String t : all) {
                if (!t.matches("[a-zA-Z]*") || t.chars().distinct().count() != t.length()) {
                    throw new IllegalArgumentException("einsum: '" + t + "' in \"" + text
                            + "\" must be distinct letters (no repeated index within one operand)");
                }
            }
            for (char c : out.toCharArray()) {
                if (ins.stream().noneMatch(t -> t.indexOf(c) >= 0)) {
                    throw new IllegalArgumentException("einsum: output index '" + c + "' appears in no operand of \"" + text + "\"");
                }
            }
            return new Spec(ins, out);
        }

        /** Every letter, output letters first (the loop order). */
        String letters() {
            StringBuilder sb = new StringBuilder(output);
            for (String t : inputs) {
                for (char c : t.toCharArray()) {
                    if (sb.indexOf(String.valueOf(c)) < 0) {
                        sb.append(c);
                    }
                }
            }
            return sb.toString();
        }

        /**
         * The loop order of the emitted kernel: {@link #letters()}, except that the summed
         * letters go outermost when that makes the innermost loop walk the output and every
         * operand it touches contiguously, the output is small enough ({@code
         * outputElements} ≤ {@value #CACHED_OUTPUT}) to stay in cache across the sums, and
         * the sums are at least as long as the output is big (otherwise, as in
         * {@code "nka,kab->nb"}, the output would be swept many times for short sums). Output
         * letters innermost then store to a new element each step, instead of the same
         * element of a sum (a chain of dependent adds) while reading operands with a stride;
         * {@code "nka,nb->kab"} at n = 1000, d = 10 ran 1.7 to 2.5 times faster so. The
         * sums are reassociated only in the order their terms are added.
         *
         * @param outputElements the output's element count, or -1 if it depends on the batch
         * @param summedElements the product of the summed letters' extents (large if one is the batch)
         */
        String loopOrder(long outputElements, long summedElements) {
            String all = letters();
            if (output.isEmpty() || all.length() == output.length() || outputElements < 0
                    || outputElements > CACHED_OUTPUT || summedElements < outputElements) {
                return all;
            }
            char last = output.charAt(output.length() - 1);
            for (String t : inputs) {
                int at = t.indexOf(last);
                if (at >= 0 && at != t.length() - 1) {
                    return all;
                }
            }
            return all.substring(output.length()) + output;
        }

        @Override
        public String toString() {
            return String.join(",", inputs) + "->" + output;
        }
    }

    /** Output elements (256 KiB of doubles) up to which a kernel may revisit the whole output per summed index. */
    static final int CACHED_OUTPUT = 32768;

    /** The extent of each letter, checked for agreement between operands. */
    static Map<Character, Integer> sizes(Spec spec, List<Shape> shapes) {
        if (shapes.size() != spec.inputs().size()) {
            throw new IllegalArgumentException("einsum \"" + spec + "\" names " + spec.inputs().size() + " operands, got "
                    + shapes.size());
        }
        Map<Character, Integer> sizes = new LinkedHashMap<>();
        for (int k = 0; k < shapes.size(); k++) {
            String t = spec.inputs().get(k);
            Shape s = shapes.get(k);
            if (t.length() != s.rank()) {
                throw new IllegalArgumentException("einsum \"" + spec + "\": operand " + (k + 1) + " '" + t
                        + "' needs rank " + t.length() + ", got shape " + s);
            }
            for (int d = 0; d < t.length(); d++) {
                Integer prev = sizes.putIfAbsent(t.charAt(d), s.dim(d));
                if (prev != null && prev != s.dim(d)) {
                    throw new IllegalArgumentException("einsum \"" + spec + "\": index '" + t.charAt(d) + "' is "
                            + (prev == Shape.BATCH ? "B" : prev) + " in one operand and " + new Shape(List.of(s.dim(d)))
                            + " in operand " + (k + 1) + " " + s);
                }
            }
        }
        return sizes;
    }

    /** The variadic op; its arity is fixed per index string, so there is one instance per operand count. */
    private static final class EinsumOp extends TensorOp {
        EinsumOp(int arity) {
            super("einsum", arity, Linearity.multilinear());
        }

        @Override
        public Shape shape(List<Shape> a, Object attr) {
            Spec spec = (Spec) attr;
            Map<Character, Integer> sizes = sizes(spec, a);
            List<Integer> out = new ArrayList<>();
            for (char c : spec.output().toCharArray()) {
                out.add(sizes.get(c));
            }
            return new Shape(out);
        }

        @Override
        public Tensor evaluate(List<Tensor> a, Object attr) {
            Spec spec = (Spec) attr;
            List<Shape> shapes = a.stream().map(Tensor::shape).toList();
            Map<Character, Integer> sizes = sizes(spec, shapes);
            Shape out = shape(shapes, attr);
            String letters = spec.letters();
            int[] ext = new int[letters.length()];
            for (int i = 0; i < ext.length; i++) {
                ext[i] = sizes.get(letters.charAt(i));
            }
            int[][] strides = new int[a.size() + 1][];
            for (int k = 0; k <= a.size(); k++) {
                String t = k < a.size() ? spec.inputs().get(k) : spec.output();
                Shape s = k < a.size() ? shapes.get(k) : out;
                int[] own = Tensor.strides(s);
                strides[k] = new int[letters.length()];
                for (int d = 0; d < t.length(); d++) {
                    strides[k][letters.indexOf(t.charAt(d))] = own[d];
                }
            }
            double[] r = new double[(int) out.size()];
            int[] idx = new int[ext.length];
            long total = 1;
            for (int e : ext) {
                total *= e;
            }
            for (long step = 0; step < total; step++) {
                double prod = 1;
                for (int k = 0; k < a.size(); k++) {
                    int flat = 0;
                    for (int d = 0; d < idx.length; d++) {
                        flat += idx[d] * strides[k][d];
                    }
                    prod *= a.get(k).get(flat);
                }
                int o = 0;
                for (int d = 0; d < idx.length; d++) {
                    o += idx[d] * strides[a.size()][d];
                }
                r[o] += prod;
                for (int d = idx.length - 1; d >= 0; d--) {
                    if (++idx[d] < ext[d]) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
            return new Tensor(out, r);
        }

        @Override
        protected int[] vjp(GraphBuilder b, int ans, int[] x, int ct, Object attr) {
            Spec spec = (Spec) attr;
            int[] cts = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                cts[i] = operandCotangent(b, spec, x, ct, i);
            }
            return cts;
        }

        @Override
        public void emitKernel(Kernel k) {
            Spec spec = (Spec) k.node().attr();
            Node n = k.node();
            Shape out = k.outShape();
            EinsumMatrixForm product = EinsumMatrixForm.of(spec);
            if (product != null && k.constant(0) == null && k.constant(1) == null) {
                product.emit(k);
                return;
            }
            long summed = 1;
            for (Map.Entry<Character, Integer> e : sizes(spec, argShapes(k)).entrySet()) {
                if (spec.output().indexOf(e.getKey()) < 0) {
                    summed = e.getValue() == Shape.BATCH ? Integer.MAX_VALUE : Math.min(Integer.MAX_VALUE, summed * e.getValue());
                }
            }
            String letters = spec.loopOrder(out.hasBatch() ? -1 : out.size(), summed);
            CodeBlock.Builder c = k.code();
            c.addStatement("$T.fill($L, 0, $L, 0.0)", Arrays.class, k.out(), k.size(out));
            String[] vars = new String[letters.length()];
            // When every summed letter is inside every output letter, each output element's
            // terms come in one run: sum them in a local (a register), not in the output array,
            // whose load-add-store per term waits on the previous store. Same terms, same order.
            // The letters are distinct: when the first `outer` are the output's, the rest are summed.
            int outer = 0;
            while (outer < letters.length() && spec.output().indexOf(letters.charAt(outer)) >= 0) {
                outer++;
            }
            boolean local = outer < letters.length() && outer == spec.output().length();
            String sum = local ? k.local("sum") : null;
            // An operand without the innermost letter is read once before the innermost loop:
            // C2 cannot hoist that load itself past the stores into the output (same array type).
            int last = vars.length - 1;
            CodeBlock[] hoisted = new CodeBlock[n.arity()];
            for (int d = 0; d < vars.length; d++) {
                if (local && d == outer) {
                    c.addStatement("double $N = 0.0", sum);
                }
                if (d == last) {
                    for (int a = 0; a < n.arity(); a++) {
                        if (k.constant(a) == null && spec.inputs().get(a).indexOf(letters.charAt(last)) < 0) {
                            String h = k.local("f" + a);
                            c.addStatement("double $N = $L[$L]", h, k.arg(a),
                                    flat(k, spec.inputs().get(a), k.argShape(a), letters, vars));
                            hoisted[a] = CodeBlock.of("$N", h);
                        }
                    }
                }
                vars[d] = k.local(String.valueOf(letters.charAt(d)));
                Shape owner = out;
                int axis = spec.output().indexOf(letters.charAt(d));
                for (int a = 0; axis < 0; a++) {
                    owner = k.argShape(a);
                    axis = spec.inputs().get(a).indexOf(letters.charAt(d));
                }
                loop(k, vars[d], k.dim(owner, axis));
            }
            List<CodeBlock> factors = new ArrayList<>();
            for (int a = 0; a < n.arity(); a++) {
                Double constant = k.constant(a);
                factors.add(constant != null ? CodeBlock.of("$L", constant) : hoisted[a] != null ? hoisted[a]
                        : CodeBlock.of("$L[$L]", k.arg(a), flat(k, spec.inputs().get(a), k.argShape(a), letters, vars)));
            }
            if (local) {
                c.addStatement("$N += $L", sum, CodeBlock.join(factors, " * "));
                for (int d = outer; d < vars.length; d++) {
                    end(k);
                }
                c.addStatement("$L[$L] += $N", k.out(), flat(k, spec.output(), out, letters, vars), sum);
                for (int d = 0; d < outer; d++) {
                    end(k);
                }
            } else {
                c.addStatement("$L[$L] += $L", k.out(), flat(k, spec.output(), out, letters, vars),
                        CodeBlock.join(factors, " * "));
                for (int d = 0; d < vars.length; d++) {
                    end(k);
                }
            }
        }
    }

    private static List<Shape> argShapes(Kernel k) {
        List<Shape> shapes = new ArrayList<>();
        for (int a = 0; a < k.node().arity(); a++) {
            shapes.add(k.argShape(a));
        }
        return shapes;
    }

    /** The flat row-major index of an operand with letters {@code t} at the loop variables. */
    private static CodeBlock flat(Kernel k, String t, Shape s, String letters, String[] vars) {
        if (t.isEmpty()) {
            return CodeBlock.of("0");
        }
        List<CodeBlock> terms = new ArrayList<>();
        for (int d = 0; d < t.length(); d++) {
            CodeBlock stride = k.product(s, d + 1, s.rank());
            String v = vars[letters.indexOf(t.charAt(d))];
            terms.add(stride.toString().equals("1") ? CodeBlock.of("$N", v) : CodeBlock.of("$N * ($L)", v, stride));
        }
        return CodeBlock.join(terms, " + ");
    }

    /**
     * ∂/∂x_i of ⟨ct, einsum(x)⟩: the einsum of ct (with the output's letters) and the other
     * operands onto x_i's letters; a letter of x_i alone is summed in the primal, so the
     * cotangent is constant along it and is broadcast back.
     */
    private static int operandCotangent(GraphBuilder b, Spec spec, int[] x, int ct, int i) {
        String target = spec.inputs().get(i);
        List<String> ins = new ArrayList<>();
        List<Integer> args = new ArrayList<>();
        ins.add(spec.output());
        args.add(ct);
        for (int j = 0; j < x.length; j++) {
            if (j != i) {
                ins.add(spec.inputs().get(j));
                args.add(x[j]);
            }
        }
        StringBuilder reachable = new StringBuilder();
        for (char c : target.toCharArray()) {
            if (ins.stream().anyMatch(t -> t.indexOf(c) >= 0)) {
                reachable.append(c);
            }
        }
        Spec back = new Spec(ins, reachable.toString());
        int r = b.applyWith(of(args.size()), back, args.stream().mapToInt(Integer::intValue).toArray());
        Shape full = b.node(x[i]).shape();
        if (reachable.length() == target.length()) {
            return r;
        }
        List<Integer> withOnes = new ArrayList<>();
        for (int d = 0; d < target.length(); d++) {
            withOnes.add(reachable.indexOf(String.valueOf(target.charAt(d))) >= 0 ? full.dim(d) : 1);
        }
        return Shapes.broadcastTo(b, Shapes.reshape(b, r, new Shape(withOnes)), full);
    }

    private static final List<TensorOp> BY_ARITY = List.of(new EinsumOp(1), new EinsumOp(2), new EinsumOp(3),
            new EinsumOp(4), new EinsumOp(5), new EinsumOp(6));

    /** The einsum op for {@code operands} operands (1 to 6). */
    public static Op of(int operands) {
        if (operands < 1 || operands > BY_ARITY.size()) {
            throw new IllegalArgumentException("einsum takes 1 to " + BY_ARITY.size() + " operands, got " + operands);
        }
        return BY_ARITY.get(operands - 1);
    }

    /** The family, in table order. */
    public static List<TensorOp> all() {
        return BY_ARITY;
    }
}

package dev.fluxion.compiler.ops;

import dev.fluxion.compiler.ir.Kernel;
import dev.fluxion.compiler.ir.Shape;
import dev.fluxion.runtime.tensor.MatMul;

/**
 * A two-operand einsum that is one matrix product of flat views of its operands, such as
 * {@code "kab,nb->nka"} ({@code x·Qᵀ} with Q viewed as [(ka), b]) or {@code "nka,nb->kab"}
 * ({@code ctᵀ·x}): every letter is in exactly two of the three index strings, the output
 * is the left operand's free letters followed by the right one's, and in each operand its
 * free letters and the summed letters form two runs in the same order everywhere. Row-major
 * buffers then already are the matrices [m, k] or [k, m] (read transposed) and [k, n] or
 * [n, k], so the kernel calls {@link MatMul} as {@code @} does: C2 on Java 17 does not
 * vectorize the emitted einsum loops (an output and an operand indexed at different
 * offsets: one load and store of the output per multiply-add), while MatMul sums blocks
 * of the output in registers. Each output element is still the sum of the same terms in the
 * same order (the summed letters in row-major order), up to the zero terms MatMul skips.
 *
 * @param left the operand read as A (its free letters come first in the output)
 * @param ta whether A is read transposed (its summed letters come first)
 * @param right the operand read as B
 * @param tb whether B is read transposed (its free letters come first)
 * @param free the left operand's free letters (the rows of C)
 * @param otherFree the right operand's free letters (the columns of C)
 * @param summed the summed letters, in the left operand's order
 */
record EinsumMatrixForm(int left, boolean ta, int right, boolean tb, String free, String otherFree, String summed) {

    /** The matrix form of {@code spec}, or null if it is not a single (unbatched) matrix product. */
    static EinsumMatrixForm of(Einsum.Spec spec) {
        if (spec.inputs().size() != 2) {
            return null;
        }
        String out = spec.output();
        String a = spec.inputs().get(0);
        String b = spec.inputs().get(1);
        if (!eachInTwo(a, b, out) || !eachInTwo(b, a, out)) {
            return null;
        }
        String aFree = common(a, out);
        String bFree = common(b, out);
        int left;
        if (out.equals(aFree + bFree)) {
            left = 0;
        } else if (out.equals(bFree + aFree)) {
            left = 1;
        } else {
            return null;
        }
        String l = spec.inputs().get(left);
        String r = spec.inputs().get(1 - left);
        String m = common(l, out);
        String n = common(r, out);
        String k = common(l, r);
        Boolean ta = l.equals(m + k) ? Boolean.FALSE : l.equals(k + m) ? Boolean.TRUE : null;
        Boolean tb = r.equals(k + n) ? Boolean.FALSE : r.equals(n + k) ? Boolean.TRUE : null;
        if (ta == null || tb == null) {
            return null;
        }
        return new EinsumMatrixForm(left, ta, 1 - left, tb, m, n, k);
    }

    /** Whether each letter of {@code t} is in exactly one of {@code other} and {@code out} (no batch letter, no lone sum). */
    private static boolean eachInTwo(String t, String other, String out) {
        for (char c : t.toCharArray()) {
            if ((other.indexOf(c) >= 0) == (out.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** The letters of {@code t} that are also in {@code in}, in {@code t}'s order. */
    private static String common(String t, String in) {
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            if (in.indexOf(c) >= 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Emits the call: C[m, n] = op(A)·op(B), overwriting the output. */
    void emit(Kernel k) {
        Shape a = k.argShape(left);
        Shape b = k.argShape(right);
        int s = summed.length();
        LinearAlgebra.multiply(k, k.arg(left), ta, k.arg(right), tb,
                ta ? k.product(a, s, s + free.length()) : k.product(a, 0, free.length()),
                tb ? k.product(b, 0, otherFree.length()) : k.product(b, s, s + otherFree.length()),
                ta ? k.product(a, 0, s) : k.product(a, free.length(), free.length() + s));
    }
}

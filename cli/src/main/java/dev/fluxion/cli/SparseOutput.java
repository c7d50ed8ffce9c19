package dev.fluxion.cli;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Sparsity;
import dev.fluxion.compiler.inspect.Json;
import dev.fluxion.runtime.sparse.CsrMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code fluxion grad --sparse}: the values, the Jacobian in compressed sparse rows with its
 * report (mode, colors, non-zeros), each stored entry by name, and, for a function with one
 * output, the Hessian alike (star coloring).
 */
final class SparseOutput {

    private SparseOutput() {
    }

    static String text(CompiledFunction f, double[] x, Mode mode) {
        StringBuilder sb = new StringBuilder();
        List<String> in = f.inputs();
        List<String> out = f.outputs();
        sb.append(in.isEmpty() ? "no inputs" : "at " + Point.describe(in, x, Numbers::exact)).append('\n');
        double[] y = f.values(x);
        for (int j = 0; j < y.length; j++) {
            sb.append(out.get(j)).append(" = ").append(Numbers.exact(y[j])).append('\n');
        }
        CsrMatrix jac = f.jacobianSparse(mode, x);
        sb.append('\n').append(f.sparsity(mode)).append('\n');
        picture(sb, jac);
        entries(sb, jac, (i, k) -> "d" + out.get(i) + "/d" + in.get(k));
        csr(sb, jac);
        if (out.size() == 1) {
            CsrMatrix h = f.hessianSparse(x);
            sb.append('\n').append(f.hessianSparsity()).append('\n');
            picture(sb, h);
            entries(sb, h, (i, k) -> "d2" + out.get(0) + "/d" + in.get(i) + "d" + in.get(k));
            csr(sb, h);
        }
        return sb.toString();
    }

    private interface Name {
        String of(int row, int col);
    }

    private static void entries(StringBuilder sb, CsrMatrix m, Name name) {
        int[] ptr = m.rowPointers();
        int[] idx = m.columnIndices();
        double[] val = m.values();
        for (int i = 0; i < m.rows(); i++) {
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                sb.append(name.of(i, idx[k])).append(" = ").append(Numbers.exact(val[k])).append('\n');
            }
        }
    }

    /** The pattern, one line per row, {@code x} where an entry is stored: for matrices up to 40 × 60. */
    private static void picture(StringBuilder sb, CsrMatrix m) {
        if (m.rows() > 40 || m.cols() > 60 || m.nonZeros() == 0) {
            return;
        }
        for (int i = 0; i < m.rows(); i++) {
            sb.append("  ");
            for (int j = 0; j < m.cols(); j++) {
                sb.append(j == 0 ? "" : " ").append(m.isStored(i, j) ? 'x' : '.');
            }
            sb.append('\n');
        }
    }

    private static void csr(StringBuilder sb, CsrMatrix m) {
        sb.append("row pointers:   ").append(Arrays.toString(m.rowPointers())).append('\n');
        sb.append("column indices: ").append(Arrays.toString(m.columnIndices())).append('\n');
        sb.append("values:         [").append(Arrays.stream(m.values()).mapToObj(Numbers::exact)
                .collect(Collectors.joining(", "))).append("]\n");
    }

    static String json(CompiledFunction f, double[] x, Mode mode) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"inputs\": ").append(Json.strings(f.inputs()));
        sb.append(", \"point\": ").append(Json.numbers(x));
        sb.append(", \"outputs\": ").append(Json.strings(f.outputs()));
        sb.append(", \"values\": ").append(Json.numbers(f.values(x)));
        sb.append(", \"jacobian\": ").append(matrix(f.jacobianSparse(mode, x), f.sparsity(mode)));
        if (f.outputCount() == 1) {
            sb.append(", \"hessian\": ").append(matrix(f.hessianSparse(x), f.hessianSparsity()));
        }
        return sb.append("}\n").toString();
    }

    private static String matrix(CsrMatrix m, Sparsity s) {
        return "{\"rows\": " + m.rows() + ", \"cols\": " + m.cols() + ", \"nnz\": " + m.nonZeros()
                + ", \"mode\": " + Json.string(s.hessian() ? (s.colors() == s.rowColors() ? "star" : "columns")
                        : s.mode().name().toLowerCase(java.util.Locale.ROOT))
                + ", \"colors\": " + s.colors()
                + ", \"row_pointers\": " + ints(m.rowPointers()) + ", \"column_indices\": " + ints(m.columnIndices())
                + ", \"values\": " + Json.numbers(m.values()) + "}";
    }

    private static String ints(int[] xs) {
        return Arrays.stream(xs).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}

package dev.fluxion.compiler.trace;

import java.util.List;
import java.util.Objects;

/**
 * One of the three tables, its rows in the order the computation runs: the evaluation
 * and tangent traces from the inputs to the outputs, the adjoint trace back from the
 * output to the inputs.
 */
public record Table(Kind kind, List<Row> rows) {

    /** Which of the lecture's tables. */
    public enum Kind {
        /** Forward evaluation trace: v_i = op(earlier v's). */
        EVALUATION,
        /** Forward tangent trace for one input direction: dv_i = the op's JVP. */
        TANGENT,
        /** Reverse adjoint trace for one output: bv_i = sum over consumers of the ops' VJPs. */
        ADJOINT
    }

    public Table {
        Objects.requireNonNull(kind, "kind");
        rows = List.copyOf(rows);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase()).append('\n');
        for (Row r : rows) {
            sb.append("  ").append(r).append('\n');
        }
        return sb.toString();
    }
}

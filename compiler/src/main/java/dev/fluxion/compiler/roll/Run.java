package dev.fluxion.compiler.roll;

import java.util.Arrays;
import java.util.List;

/**
 * Terms of one sum that a loop can compute: the terms at {@code positions}, of the same
 * {@link TermShape}, whose slots read inputs at affine positions, the {@code i}-th term's
 * slot {@code j} reading {@code x[base[j] + i * step[j]]}.
 *
 * @param root      the sum the terms belong to
 * @param sign      +1 if the terms are added, -1 if subtracted
 * @param positions the terms' positions in the sum's term list
 * @param template  the node of the first term (i = 0), whose sub-graph is the loop's template
 * @param shape     the first term's shape; its slots are the inputs each slot reads at i = 0
 * @param step      how far each slot moves per iteration (0: the same input every time)
 * @param constants each constant of the template (in node order) over the terms
 */
record Run(int root, int sign, List<Integer> positions, int template, TermShape shape, int[] step,
           List<Column> constants) {

    Run {
        positions = List.copyOf(positions);
        constants = List.copyOf(constants);
        step = step.clone();
    }

    /** The number of terms. */
    int count() {
        return positions.size();
    }

    /** The input each slot reads at i = 0: the first term's. */
    int[] base() {
        return shape.slots();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Run r && r.root == root && r.sign == sign && r.positions.equals(positions)
                && r.template == template && r.shape.equals(shape) && Arrays.equals(r.step, step)
                && r.constants.equals(constants);
    }

    @Override
    public int hashCode() {
        return 31 * positions.hashCode() + template;
    }
}

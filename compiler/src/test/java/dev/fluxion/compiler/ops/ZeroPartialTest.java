package dev.fluxion.compiler.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Zero;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The op table's {@code zeroPartial} agrees with each scalar op's own derivative rule: an
 * argument is declared structurally zero exactly when the op's JVP, given a tangent for that
 * argument alone, builds the symbolic zero. A declaration the rule contradicts would drop
 * entries from sparse Jacobians (a wrong derivative); a zero the table fails to declare would
 * only keep an entry that is always 0, so both directions are checked to keep patterns tight.
 */
class ZeroPartialTest {

    @Test
    void everyScalarOpDeclaresExactlyTheArgumentsItsRuleIgnores() {
        List<String> checked = new ArrayList<>();
        for (Op op : OpTable.scalar()) {
            for (int k = 0; k < op.arity(); k++) {
                GraphBuilder b = GraphBuilder.literal();
                int[] x = new int[op.arity()];
                int[] t = new int[op.arity()];
                for (int a = 0; a < op.arity(); a++) {
                    x[a] = b.input(0, a);
                    t[a] = a == k ? b.input(1, a) : Zero.ID;
                }
                int ans = b.apply(op, x);
                boolean ruleZero = Zero.is(op.jvp(b, ans, x, t));
                assertEquals(ruleZero, op.zeroPartial(k), op.name() + ": the JVP with a tangent for argument " + k
                        + " alone is " + (ruleZero ? "" : "not ") + "zero, but the table says the opposite");
                checked.add(op.name() + "/" + k);
            }
        }
        assertTrue(checked.size() > 50, "checked " + checked);
    }

    @Test
    void theDeclaredZerosAreTheOnesExpected() {
        assertTrue(Logic.WHERE.zeroPartial(0), "the condition of where");
        assertFalse(Logic.WHERE.zeroPartial(1));
        assertFalse(Logic.WHERE.zeroPartial(2));
        assertTrue(Logic.LT.zeroPartial(0) && Logic.LT.zeroPartial(1));
        assertTrue(Rounding.FLOOR.zeroPartial(0));
        assertTrue(GammaFunctions.POLYGAMMA.zeroPartial(0), "polygamma's order");
        assertFalse(GammaFunctions.POLYGAMMA.zeroPartial(1));
        assertFalse(Arithmetic.TIMES.zeroPartial(0));
        assertFalse(Activations.RELU.zeroPartial(0));
    }
}

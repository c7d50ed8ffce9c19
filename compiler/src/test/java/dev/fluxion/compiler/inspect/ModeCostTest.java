package dev.fluxion.compiler.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ops.Arithmetic;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModeCostTest {

    @Test
    void peakLiveCountsIntermediatesUntilTheirLastUse() {
        // a = x*y; b = a+x; c = b*a  -> a is alive while b is computed: peak 2
        GraphBuilder g = GraphBuilder.literal();
        int x = g.input(0, 0);
        int y = g.input(0, 1);
        int a = g.apply(Arithmetic.MUL, x, y);
        int b = g.apply(Arithmetic.ADD, a, x);
        int c = g.apply(Arithmetic.MUL, b, a);
        Graph graph = g.build(List.of(Port.input("x", List.of("x", "y"))), List.of(new Port("y", List.of("y"), List.of(c))));
        assertEquals(2, ModeCost.peakLive(graph));
    }

    @Test
    void forwardPassesAreInputsReversePassesOutputs() {
        ModeComparison c = ModeComparison.of(Fluxion.create(), "fn f(a, b, c) { return (a*b*c, a+b+c) }", null, null);
        assertEquals(3, c.forwardCost().passes());
        assertEquals(2, c.reverseCost().passes());
        assertEquals(c.forwardCost().sharedOps() + 3L * c.forwardCost().perPassOps(), c.forwardCost().totalOps());
        assertTrue(Double.isNaN(c.forwardCost().nanos()), "no timing was asked for");
        assertEquals(0.0, c.maxRelativeDifference());
    }

    @Test
    void familyCountsCrossWhereInputsEqualOutputs() {
        Fluxion f = Fluxion.create();
        ModeComparison wide = ModeComparison.of(f, Family.program(8, 2), null, null);
        ModeComparison tall = ModeComparison.of(f, Family.program(2, 8), null, null);
        assertTrue(wide.reverseCost().totalOps() < wide.forwardCost().totalOps(), wide.format());
        assertTrue(tall.forwardCost().totalOps() < tall.reverseCost().totalOps(), tall.format());
        assertEquals(Mode.REVERSE, wide.recommended());
        assertEquals(Mode.FORWARD, tall.recommended());
    }

    @Test
    void differenceIsRelativeAboveOneAndAbsoluteBelow() {
        assertEquals(0.0, ModeComparison.difference(Double.NaN, Double.NaN));
        assertEquals(0.0, ModeComparison.difference(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(ModeComparison.difference(1, Double.NaN)));
        assertEquals(0.5, ModeComparison.difference(0.5, 0), 0);
        assertEquals(0.5, ModeComparison.difference(100, 50), 0);
    }

    @Test
    void timingGivesAPositiveTimePerCall() {
        double[] sink = new double[1];
        double[] t = Timing.quick().nanosPerCall(() -> sink[0] += Math.sin(sink[0]), () -> sink[0] += 1);
        assertEquals(2, t.length);
        assertTrue(t[0] > 0 && t[1] > 0);
    }
}

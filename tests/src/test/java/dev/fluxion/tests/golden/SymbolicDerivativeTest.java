package dev.fluxion.tests.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import org.junit.jupiter.api.Test;

/** The lecture's result, printed: the simplified derivative of ln(x1)+x1*x2-sin(x2). */
class SymbolicDerivativeTest {

    @Test
    void lectureExampleDerivativeWithRespectToX1() {
        CompiledFunction f = Fluxion.create().compile(GoldenPrograms.LECTURE);
        assertEquals("1/x1 + x2", f.derivative("x1"));
    }

    @Test
    void lectureExampleDerivativeWithRespectToX2() {
        CompiledFunction f = Fluxion.create().compile(GoldenPrograms.LECTURE);
        assertEquals("x1 - cos(x2)", f.derivative("x2"));
    }
}

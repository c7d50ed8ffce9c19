package dev.fluxion.runtime.plot;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TicksPropertyTest {

    @Property(tries = 500)
    void ticksCoverTheRangeWithNiceSteps(@ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
                                         @ForAll @DoubleRange(min = 0, max = 1e6) double width,
                                         @ForAll @IntRange(min = 2, max = 12) int target) {
        double b = a + width;
        Ticks t = Ticks.covering(a, b, target);
        assertTrue(t.start() <= a + 1e-9 * Math.max(1, Math.abs(a)), t + " starts after " + a);
        assertTrue(t.end() >= b - 1e-9 * Math.max(1, Math.abs(b)), t + " ends before " + b);
        assertTrue(t.count() >= 2 && t.count() <= 2 * target + 3, t + " for " + target + " ticks");
        double mantissa = t.step() / Math.pow(10, Math.floor(Math.log10(t.step())));
        assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9
                || Math.abs(mantissa - 10) < 1e-9, "step " + t.step());
    }
}

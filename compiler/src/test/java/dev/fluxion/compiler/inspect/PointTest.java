package dev.fluxion.compiler.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PointTest {

    private static final List<String> XYZ = List.of("x", "y", "z");

    @Test
    void formatsInInputOrder() {
        Point p = Point.of(XYZ, -2, 5, -4);
        assertArrayEquals(new double[] {-2, 5, -4}, p.values());
        assertEquals("x=-2, y=5, z=-4", p.format(4));
    }

    @Test
    void needsOneValuePerName() {
        assertThrows(IllegalArgumentException.class, () -> Point.of(XYZ, 1, 2));
    }

    @Test
    void spreadIsPositiveDistinctAndDeterministic() {
        Point p = Point.spread(List.of("a", "b", "c", "d"));
        assertEquals(p, Point.spread(List.of("a", "b", "c", "d")));
        double[] v = p.values();
        for (int i = 0; i < v.length; i++) {
            assertTrue(v[i] >= 0.5 && v[i] < 1.5, "value " + v[i]);
            for (int j = 0; j < i; j++) {
                assertTrue(v[i] != v[j]);
            }
        }
    }
}

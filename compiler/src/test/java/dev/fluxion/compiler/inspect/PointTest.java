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
    void parsesInInputOrderWhateverTheOrderGiven() {
        Point p = Point.parse(" z=-4, x = -2,y=5e0 ", XYZ);
        assertArrayEquals(new double[] {-2, 5, -4}, p.values());
        assertEquals("x=-2, y=5, z=-4", p.format(4));
    }

    @Test
    void acceptsPi() {
        assertEquals(Math.PI, Point.parse("x=pi", List.of("x")).value(0));
        assertEquals(-Math.PI, Point.parse("x=-pi", List.of("x")).value(0));
    }

    @Test
    void namesEachMistake() {
        assertTrue(message("x=1,y=2", XYZ).contains("no value for z"));
        assertTrue(message("x=1,y=2,z=3,w=4", XYZ).contains("'w', which is not an input"));
        assertTrue(message("x=1,x=2,y=1,z=1", XYZ).contains("'x' twice"));
        assertTrue(message("x=1,y,z=3", XYZ).contains("expected name=value"));
        assertTrue(message("x=one,y=1,z=1", XYZ).contains("'one' is not a number"));
        assertTrue(message("x=1f,y=1,z=1", XYZ).contains("'1f' is not a number"));
    }

    @Test
    void noInputsNeedNoValues() {
        assertEquals(0, Point.parse("", List.of()).size());
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

    private static String message(String spec, List<String> inputs) {
        return assertThrows(IllegalArgumentException.class, () -> Point.parse(spec, inputs)).getMessage();
    }
}

package dev.fluxion.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The class-file reader itself: it must see every method and measure a known size right. */
class ClassFilesTest {

    @Test
    void readsTheCodeLengthOfEveryMethod() {
        String src = "public class Sizes {\n"
                + "  static final double K = 2.5;\n"
                + "  public static double empty() { return 0.0; }\n"
                + "  public static double ten(double a) { return a * 3.0 + 1e300 + (long) a + \"s\".length(); }\n"
                + "}\n";
        Map<String, Integer> lengths = ClassFiles.methodCodeLengths(ClassFiles.compile(src).get("Sizes"));
        assertEquals(3, lengths.size(), "constructor, empty and ten: " + lengths);
        // dconst_0, dreturn
        assertEquals(2, lengths.get("empty()D"));
        assertTrue(lengths.get("ten(D)D") > 10, lengths.toString());
    }

    @Test
    void measuresLongMethods() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            body.append("    s = s * 1.0001 + ").append(i).append(".5;\n");
        }
        String src = "public class Long1 {\n  public static double f(double s) {\n" + body + "    return s;\n  }\n}\n";
        int len = ClassFiles.methodCodeLengths(ClassFiles.compile(src).get("Long1")).get("f(D)D");
        assertTrue(len > ClassFiles.HUGE_METHOD_LIMIT, "3000 statements are longer than the JIT limit: " + len);
    }
}

package dev.fluxion.compiler.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void significantDigitsWithoutTrailingZerosOrLocale() {
        assertEquals("0.7311", Numbers.format(0.7310585786300049, 4));
        assertEquals("-12", Numbers.format(-12.0, 4));
        assertEquals("1.368", Numbers.format(1.3678794411714423, 4));
        assertEquals("123500", Numbers.format(123456.0, 4));
        assertEquals("1.5e-7", Numbers.format(1.5e-7, 4));
        assertEquals("0", Numbers.format(-0.0, 4));
        assertEquals("NaN", Numbers.format(Double.NaN, 4));
        assertEquals("-Infinity", Numbers.format(Double.NEGATIVE_INFINITY, 4));
        assertEquals("2.68", Numbers.format(2.675, 3));          // as written, not as the double (2.67499...)
        assertEquals("1e-300", Numbers.format(1e-300, 4));
    }

    @Test
    void durationsAndBytes() {
        assertEquals("812 ns", Numbers.duration(812));
        assertEquals("3.4 µs", Numbers.duration(3400));
        assertEquals("12 ms", Numbers.duration(12e6));
        assertEquals("n/a", Numbers.duration(Double.NaN));
        assertEquals("96 B", Numbers.bytes(96));
        assertEquals("1.5 KiB", Numbers.bytes(1536));
    }
}

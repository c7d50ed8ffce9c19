package dev.fluxion.runtime.data;

import dev.fluxion.runtime.testing.DataFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    private static Dataset parse(String text, CsvOptions options) throws IOException {
        return Csv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", options);
    }

    @Test
    void readsTheDigitsFile() throws IOException {
        Dataset digits = Csv.read(DataFiles.get("digits8x8.csv.gz"));
        assertEquals(1797, digits.size());
        assertEquals(64, digits.featureSize());
        assertEquals(10, digits.classCount());
        assertEquals(0, digits.label(0));
        assertEquals(5, digits.feature(0, 2));
        int total = 0;
        for (int c : digits.classCounts()) {
            assertTrue(c >= 170 && c <= 190, "class count " + c);
            total += c;
        }
        assertEquals(1797, total);
    }

    @Test
    void headerLabelColumnAndDelimiter() throws IOException {
        Dataset d = parse("label;a;b\n1;0.5;2\n\n0;-1;3e2\n", CsvOptions.defaults().withDelimiter(';').withLabelColumn(0));
        assertEquals(2, d.size());
        assertArrayEquals(new double[] {0.5, 2, -1, 300}, d.features());
        assertArrayEquals(new int[] {1, 0}, d.labels());
    }

    @Test
    void badFieldsAreReportedWithLineAndColumn() {
        IOException e = assertThrows(IOException.class, () -> parse("1,2,0\n1,x,1\n", CsvOptions.defaults()));
        assertEquals("t.csv line 2, column 2: 'x' is not a number", e.getMessage());
        IOException label = assertThrows(IOException.class, () -> parse("1,2,0.5\n", CsvOptions.defaults()));
        assertTrue(label.getMessage().contains("not a class index"), label.getMessage());
        IOException ragged = assertThrows(IOException.class, () -> parse("1,2,0\n1,1\n", CsvOptions.defaults()));
        assertTrue(ragged.getMessage().contains("line 2: expected 3 fields, got 2"), ragged.getMessage());
    }
}

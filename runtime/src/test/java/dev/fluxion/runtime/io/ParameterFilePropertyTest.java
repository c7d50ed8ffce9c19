package dev.fluxion.runtime.io;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParameterFilePropertyTest {

    static Parameters build(List<@IntRange(min = 0, max = 6) Integer> dims, List<Double> pool) {
        int count = Math.max(1, dims.size() / 2);
        String[] names = new String[count];
        int[][] shapes = new int[count][];
        double[][] values = new double[count][];
        int k = 0;
        for (int i = 0; i < count; i++) {
            names[i] = "p" + i + (i % 2 == 0 ? "_é" : "");
            int rank = i < dims.size() ? dims.get(i) % 4 : 0;
            shapes[i] = new int[rank];
            int size = 1;
            for (int r = 0; r < rank; r++) {
                shapes[i][r] = dims.get((i + r + 1) % dims.size());
                size *= shapes[i][r];
            }
            values[i] = new double[size];
            for (int j = 0; j < size; j++) {
                values[i][j] = pool.isEmpty() ? j : pool.get(k++ % pool.size());
            }
        }
        return new Parameters(names, shapes, values);
    }

    @Property(tries = 200)
    void writeThenReadIsExact(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 6) Integer> dims,
                              @ForAll @Size(max = 20) List<Double> pool) throws IOException {
        Parameters p = build(dims, pool);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParameterFile.write(out, p);
        Parameters q = ParameterFile.read(new ByteArrayInputStream(out.toByteArray()), "mem");
        assertEquals(p.names(), q.names());
        for (int i = 0; i < p.count(); i++) {
            assertArrayEquals(p.shape(i), q.shape(i));
            double[] a = p.values(i);
            double[] b = q.values(i);
            assertEquals(a.length, b.length);
            for (int j = 0; j < a.length; j++) {
                assertEquals(Double.doubleToRawLongBits(a[j]), Double.doubleToRawLongBits(b[j]));
            }
        }
    }

    @Property(tries = 200)
    void anyFlippedByteIsDetected(@ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 4) Integer> dims,
                                  @ForAll @IntRange(min = 0, max = 10_000) int where,
                                  @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParameterFile.write(out, build(dims, List.of(1.5, -2.25, 3e-300)));
        byte[] bytes = out.toByteArray();
        bytes[where % bytes.length] ^= (byte) mask;
        assertThrows(IOException.class, () -> ParameterFile.read(new ByteArrayInputStream(bytes), "mem"));
    }
}

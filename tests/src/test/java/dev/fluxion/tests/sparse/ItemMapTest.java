package dev.fluxion.tests.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Mode;
import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.sparse.CsrMatrix;
import dev.fluxion.runtime.sparse.ItemMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-item map ({@link CompiledFunction#itemMap}) against the dense Jacobian of the same
 * work written out by hand as one function: random index lists with repeats, row groups, data
 * per item, an output that reads one parameter only, both sweeps.
 */
class ItemMapTest {

    /** Output 0 reads a, b, c; output 1 reads a and b (a[1] not at all); output 2 reads c only. */
    private static final String ITEM = """
            fn item(a[2], b[3], c; d[2]) {
              s = a[0]*b[1] + sin(a[1])*c
              return (s + d[0]*b[2], exp(b[0]) - a[0]*d[1]*b[1], c*c + d[0])
            }
            """;
    private static final int NA = 3;
    private static final int NB = 4;
    private static final int P = 9;

    /** The item's three outputs for item i, over the global A[NA, 2], B[NB, 3], C[P], D[P, 2]. */
    private static String[] outputs(int i, int ai, int bi) {
        String a0 = "A[" + ai + ", 0]";
        String a1 = "A[" + ai + ", 1]";
        String b0 = "B[" + bi + ", 0]";
        String b1 = "B[" + bi + ", 1]";
        String b2 = "B[" + bi + ", 2]";
        String c = "C[" + i + "]";
        String d0 = "D[" + i + ", 0]";
        String d1 = "D[" + i + ", 1]";
        return new String[] {
            a0 + "*" + b1 + " + sin(" + a1 + ")*" + c + " + " + d0 + "*" + b2,
            "exp(" + b0 + ") - " + a0 + "*" + d1 + "*" + b1,
            c + "*" + c + " + " + d0};
    }

    @Test
    void theMapEqualsTheDenseJacobianOfTheWrittenOutFunctionInBothSweeps() {
        Random rnd = new Random(15);
        int[] ai = new int[P];
        int[] bi = new int[P];
        for (int i = 0; i < P; i++) {
            ai[i] = rnd.nextInt(NA);
            bi[i] = rnd.nextInt(NB);
        }
        ai[1] = ai[0];                         // repeats, for sure
        bi[5] = bi[2];
        double[] d = rnd.doubles(2 * P, -1, 1).toArray();
        double[] x = rnd.doubles(2 * NA + 3 * NB + P, -1, 1).toArray();

        // Rows: output 0 of every item (group of 1), then outputs 1 and 2 item by item (group of 2).
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < P; i++) {
            String[] o = outputs(i, ai[i], bi[i]);
            first.add(o[0]);
            second.add(o[1]);
            second.add(o[2]);
        }
        first.addAll(second);
        String whole = "fn whole(A[" + NA + ", 2], B[" + NB + ", 3], C[" + P + "]; D[" + P + ", 2]) { return ("
                + String.join(", ", first) + ") }";
        CompiledFunction w = Fluxion.create().compile(whole, Options.defaults()).withData(d);
        double[][] dense = w.jacobian(Mode.FORWARD, x);
        double[] values = w.values(x);

        CompiledFunction item = Fluxion.create().compile(ITEM, Options.defaults());
        for (ItemMap.Sweep sweep : ItemMap.Sweep.values()) {
            ItemMap map = item.itemMap(P).gather(NA, ai).gather(NB, bi).own().data(d).rowGroups(1, 2).sweep(sweep).build();
            assertEquals(3 * P, map.rows());
            assertEquals(x.length, map.cols());
            double[] y = new double[map.rows()];
            map.values(x, y);
            assertArrayEquals(values, y, 1e-14, sweep + ": values");
            double[] y2 = new double[map.rows()];
            CsrMatrix j = map.jacobian(x, y2);
            assertArrayEquals(values, y2, 1e-14, sweep + ": values beside the Jacobian");
            double[][] got = j.toDense();
            for (int r = 0; r < dense.length; r++) {
                assertArrayEquals(dense[r], got[r], 1e-12, sweep + ": row " + r);
            }
            // Whole blocks: output 0 stores 2 + 3 + 1, output 1 stores a and b (5, a[1]'s entry 0), output 2 c alone.
            assertEquals(P * (6 + 5 + 1), j.nonZeros());
            for (int i = 0; i < P; i++) {
                int row1 = P + 2 * i;
                assertTrue(j.isStored(row1, 2 * ai[i] + 1), "a[1] is in output 1's block");
                assertEquals(0, j.get(row1, 2 * ai[i] + 1), 0.0);
                assertEquals(1, j.rowPointers()[P + 2 * i + 2] - j.rowPointers()[P + 2 * i + 1], "output 2 stores c alone");
            }
            double[] v = new double[map.nonZeros()];
            map.jacobian(x, new double[map.rows()], v);
            assertArrayEquals(j.values(), v, 0, "into the caller's array");
            assertEquals(map.structure().withValues(v), j);
        }
    }

    @Test
    void theDefaultSweepHasFewerPassesPerItem() {
        CompiledFunction item = Fluxion.create().compile(ITEM, Options.defaults());
        assertEquals(ItemMap.Sweep.REVERSE, item.itemMap(1).gather(1, new int[1]).gather(1, new int[1]).own()
                .data(new double[2]).build().sweep(), "3 outputs against 6 inputs");
        CompiledFunction wide = Fluxion.create().compile("fn g(u, v) { return (u*v, u + v, u - v) }", Options.defaults());
        assertEquals(ItemMap.Sweep.FORWARD, wide.itemMap(2).own().own().build().sweep(), "2 inputs against 3 outputs");
        double[] y = new double[6];
        CsrMatrix j = wide.itemMap(2).own().own().rowGroups(1, 1, 1).build().jacobian(new double[] {1, 2, 3, 4}, y);
        assertArrayEquals(new double[] {3, 8, 4, 6, -2, -2}, y);
        assertArrayEquals(new double[][] {{3, 0, 1, 0}, {0, 4, 0, 2}, {1, 0, 1, 0}, {0, 1, 0, 1}, {1, 0, -1, 0},
            {0, 1, 0, -1}}, j.toDense());
    }

    @Test
    void threadsCallingOneMapAtOnceGetTheirOwnResults() throws Exception {
        CompiledFunction item = Fluxion.create().compile(ITEM, Options.defaults());
        int p = 2000;
        Random rnd = new Random(3);
        int[] ai = rnd.ints(p, 0, NA).toArray();
        int[] bi = rnd.ints(p, 0, NB).toArray();
        ItemMap map = item.itemMap(p).gather(NA, ai).gather(NB, bi).own().data(rnd.doubles(2 * p).toArray()).build();
        double[][] xs = new double[4][];
        CsrMatrix[] alone = new CsrMatrix[4];
        for (int t = 0; t < 4; t++) {
            xs[t] = rnd.doubles(map.cols(), -1, 1).toArray();
            alone[t] = map.jacobian(xs[t], new double[map.rows()]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> same = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int k = t;
                same.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int r = 0; r < 20; r++) {
                        ok &= map.jacobian(xs[k], new double[map.rows()]).equals(alone[k]);
                    }
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Boolean> f : same) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badSourcesAreRefusedWithAMessage() {
        CompiledFunction item = Fluxion.create().compile(ITEM, Options.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> item.itemMap(2).gather(3, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("item 1 reads element 3 of a block of 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> item.itemMap(2).gather(3, new int[] {0}));
        assertTrue(e.getMessage().contains("1 entries for 2 items"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> item.itemMap(2).own().own().data(new double[4]).build());
        assertTrue(e.getMessage().contains("3 parameters; 2 were given a source"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> item.itemMap(2).own().own().own().data(new double[3]).build());
        assertTrue(e.getMessage().contains("data 'd' needs 4 values (2 per item), got 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> item.itemMap(2).rowGroups(2, 2));
        assertTrue(e.getMessage().contains("add up to 4, but the item function has 3 outputs"), e.getMessage());
    }
}

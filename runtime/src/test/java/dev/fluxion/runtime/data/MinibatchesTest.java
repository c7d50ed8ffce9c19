package dev.fluxion.runtime.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinibatchesTest {

    /** 10 examples whose two features are (i, 10 + i) and whose label is i mod 3. */
    private static Dataset numbered() {
        double[] f = new double[20];
        int[] l = new int[10];
        for (int i = 0; i < 10; i++) {
            f[2 * i] = i;
            f[2 * i + 1] = 10 + i;
            l[i] = i % 3;
        }
        return Dataset.of(f, l, new int[] {2}, 3);
    }

    private static List<Integer> epochOrder(Minibatches mb, int epoch, List<Integer> sizes) {
        List<Integer> order = new ArrayList<>();
        mb.startEpoch(epoch);
        while (mb.next()) {
            sizes.add(mb.size());
            for (int k = 0; k < mb.size(); k++) {
                int i = (int) mb.features()[2 * k];
                assertEquals(10 + i, mb.features()[2 * k + 1]);
                assertEquals(i % 3, mb.label(k));
                order.add(i);
            }
        }
        return order;
    }

    @Test
    void everyEpochIsAPermutationFixedByTheSeed() {
        Minibatches a = Minibatches.shuffled(numbered(), 4, LabelEncoding.INDEX, 11);
        Minibatches b = Minibatches.shuffled(numbered(), 4, LabelEncoding.INDEX, 11);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> e0 = epochOrder(a, 0, sizes);
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(3, a.batchesPerEpoch());
        List<Integer> sorted = new ArrayList<>(e0);
        sorted.sort(null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sorted);
        assertEquals(e0, epochOrder(b, 0, new ArrayList<>()));
        assertNotEquals(e0, epochOrder(a, 1, new ArrayList<>()));
        assertEquals(e0, epochOrder(a, 0, new ArrayList<>()), "an epoch's order depends only on seed and epoch");
    }

    @Test
    void inOrderAndOneHot() {
        Minibatches mb = Minibatches.inOrder(numbered(), 3, LabelEncoding.ONE_HOT);
        assertTrue(mb.next());
        assertArrayEquals(new double[] {0, 10, 1, 11, 2, 12}, mb.features());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, mb.labels());
        double[] buffer = mb.features();
        assertTrue(mb.next());
        assertSame(buffer, mb.features(), "full batches reuse one buffer");
        assertTrue(mb.next());
        assertTrue(mb.next());
        assertEquals(1, mb.size());
        assertArrayEquals(new double[] {9, 19}, mb.features());
        assertFalse(mb.next());
    }

    @Test
    void nextAllocatesNothing() {
        // One epoch long enough for every call Allocation.bytesOf makes: a warm-up of 5 x 20,000
        // and up to 10 x 20,000 measured (startEpoch may allocate its generator).
        int n = 310_000;
        Dataset big = Dataset.of(new double[2 * n], new int[n], new int[] {2}, 3);
        Minibatches mb = Minibatches.shuffled(big, 1, LabelEncoding.ONE_HOT, 1);
        Runnable r = () -> assertTrue(mb.next());
        assertEquals(0, dev.fluxion.runtime.optim.Allocation.bytesOf(r, 20_000));
    }
}

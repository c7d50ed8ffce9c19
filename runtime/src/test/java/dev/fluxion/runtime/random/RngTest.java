package dev.fluxion.runtime.random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RngTest {

    @Test
    void matchesTheReferenceSplitMix64Stream() {
        // Reference values of splitmix64.c (Vigna) seeded with 0.
        Rng rng = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, rng.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, rng.nextLong());
        assertEquals(0x06C45D188009454FL, rng.nextLong());
    }

    @Test
    void sameSeedSameStreamAndDerivedStreamsDiffer() {
        Rng a = Rng.derive(42, 1);
        Rng b = Rng.derive(42, 1);
        Rng c = Rng.derive(42, 2);
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong();
            assertEquals(x, b.nextLong());
            assertNotEquals(x, c.nextLong());
        }
    }

    @Test
    void uniformAndGaussianHaveTheRightMoments() {
        Rng rng = new Rng(7);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        double gSum = 0;
        double gSq = 0;
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            assertTrue(u >= 0 && u < 1);
            sum += u;
            sumSq += u * u;
            double g = rng.nextGaussian();
            gSum += g;
            gSq += g * g;
        }
        assertEquals(0.5, sum / n, 0.005);
        assertEquals(1.0 / 12, sumSq / n - 0.25, 0.002);
        assertEquals(0.0, gSum / n, 0.01);
        assertEquals(1.0, gSq / n, 0.01);
    }

    @Test
    void nextIntIsInRangeAndCoversIt() {
        Rng rng = new Rng(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[rng.nextInt(7)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
        assertThrows(IllegalArgumentException.class, () -> rng.nextInt(0));
    }

    @Test
    void shuffleIsAPermutation() {
        int[] a = new int[100];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        new Rng(5).shuffle(a);
        boolean[] seen = new boolean[100];
        int moved = 0;
        for (int i = 0; i < a.length; i++) {
            seen[a[i]] = true;
            moved += a[i] != i ? 1 : 0;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        assertTrue(moved > 80);
    }
}

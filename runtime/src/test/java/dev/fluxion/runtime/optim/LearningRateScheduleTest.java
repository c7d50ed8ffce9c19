package dev.fluxion.runtime.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearningRateScheduleTest {

    @Test
    void constant() {
        assertEquals(0.1, LearningRateSchedule.constant(0.1).at(1_000_000));
    }

    @Test
    void stepDecayMultipliesEveryPeriod() {
        LearningRateSchedule s = new LearningRateSchedule.StepDecay(0.1, 0.1, 100);
        assertEquals(0.1, s.at(0), 1e-17);
        assertEquals(0.1, s.at(99), 1e-17);
        assertEquals(0.01, s.at(100), 1e-17);
        assertEquals(0.001, s.at(250), 1e-17);
    }

    @Test
    void cosineGoesFromInitialToFloor() {
        LearningRateSchedule s = new LearningRateSchedule.Cosine(1.0, 0.1, 100);
        assertEquals(1.0, s.at(0), 1e-15);
        assertEquals(0.55, s.at(50), 1e-15);
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.at(25), 1e-15);
        assertEquals(0.1, s.at(100), 1e-15);
        assertEquals(0.1, s.at(1000), 1e-15);
    }

    @Test
    void warmupRampsThenHandsOver() {
        LearningRateSchedule s = new LearningRateSchedule.Warmup(4, LearningRateSchedule.constant(0.8));
        assertEquals(0.2, s.at(0), 1e-15);
        assertEquals(0.8, s.at(3), 1e-15);
        assertEquals(0.8, s.at(10), 1e-15);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.StepDecay(0.1, 1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.Cosine(0.1, 0.2, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(Double.NaN));
    }
}

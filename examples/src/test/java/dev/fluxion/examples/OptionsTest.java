package dev.fluxion.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.tensor.Precision;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The examples' command line: defaults, values, and clear errors. */
class OptionsTest {

    @Test
    void defaultsFindTheDataFromTheModuleDirectory() {
        Options o = Options.parse("mlp");
        assertEquals(Path.of("data"), o.data());
        assertTrue(o.out().endsWith(Path.of("target", "runs", "mlp")), o.out().toString());
        assertEquals(10, o.epochsOr(10));
        assertTrue(!o.quiet());
    }

    @Test
    void readsEveryOption() {
        Options o = Options.parse("cnn", "--epochs", "2", "--quiet", "--out", "/tmp/x", "--data", "data", "--seed", "3");
        assertEquals(2, o.epochsOr(5));
        assertTrue(o.quiet());
        assertEquals(Path.of("/tmp/x"), o.out());
        Recipe r = o.apply(MnistCnn.RECIPE);
        assertEquals(new Recipe(2, 32, 0.05, 3, MnistCnn.RECIPE.shuffleSeed()), r);
        assertEquals(MnistCnn.RECIPE, Options.parse("cnn").apply(MnistCnn.RECIPE));
        assertEquals("declared", Options.parse("cnn", "--init", "declared").init());
        assertEquals(null, Options.parse("cnn").init());
        assertEquals(Precision.FLOAT64, Options.parse("mlp").precisionOrDefault());
        assertEquals(Precision.FLOAT32, Options.parse("mlp", "--precision", "float32").precisionOrDefault());
        assertEquals(Precision.FLOAT64, Options.parse("mlp", "--precision", "float64").precision());
    }

    @Test
    void rejectsBadInputWithAMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("x", "--epoch", "2"))
                .getMessage().contains("unknown option '--epoch'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("x", "--epochs", "two"))
                .getMessage().contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("x", "--epochs", "0"))
                .getMessage().contains("positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("x", "--init", "he"))
                .getMessage().contains("torch or declared"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("x", "--precision", "half"))
                .getMessage().contains("float64 or float32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("x", "--seed", "1.5"))
                .getMessage().contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("x", "--data"))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse("x", "--data", "no/such/dir"))
                .getMessage().contains("not found"));
    }
}

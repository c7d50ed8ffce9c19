package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.io.ParameterFile;
import dev.fluxion.runtime.io.Parameters;
import dev.fluxion.tests.support.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fluxion train} end to end, as a user runs it: a JVM of its own, its output into a
 * pipe (so one line per epoch and no carriage return), the files it writes read back.
 */
class TrainTest {

    private static final Path ROOT = Golden.ROOT.resolve("../../../..").normalize();
    private static final String MODEL = ROOT.resolve("examples/src/main/fluxion/digits_softmax.flx").toString();
    private static final String DIGITS = ROOT.resolve("examples/data/digits8x8.csv.gz").toString();

    private static String[] command(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "-f", MODEL,
                "--train", DIGITS + "[:1500]", "--test", DIGITS + "[1500:]", "--scale", "0.0625",
                "--epochs", "4", "--batch", "32", "--seed", "3"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void trainsTheDigitsModelAndWritesWhatWasAsked(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.process(dir, Map.of(), command("--lr", "0.5", "-o", "digits.fxp", "--plot", "digits.png",
                "--history", "digits.csv"));
        assertEquals(0, r.status(), r.out() + r.err());
        assertFalse(r.out().contains("\r"), "a pipe gets no carriage returns: " + r.out());
        String[] lines = r.out().split("\n");
        assertEquals("training model digits_softmax on 1500 examples of " + DIGITS + "[:1500], testing on 297 examples of "
                + DIGITS + "[1500:]", lines[0]);
        assertEquals("sgd(lr=constant 0.5), batch 32, 4 epochs, seed 3, features scale 0.0625", lines[1]);
        for (int e = 1; e <= 4; e++) {
            assertTrue(lines[1 + e].startsWith("epoch " + e + "/4 [====================] 47/47 loss "), lines[1 + e]);
            assertTrue(lines[1 + e].contains(" | test loss "), lines[1 + e]);
        }
        Matcher m = Pattern.compile("final test loss [0-9.]+, test accuracy ([0-9.]+)%").matcher(lines[6]);
        assertTrue(m.matches(), lines[6]);
        // Softmax regression on the 8x8 digits reaches about 90% in a few epochs; chance is 10%.
        assertTrue(Double.parseDouble(m.group(1)) > 80, lines[6]);
        assertEquals(List.of("wrote digits.fxp", "wrote digits.png", "wrote digits.csv"),
                List.of(lines).subList(7, lines.length));

        Parameters p = ParameterFile.read(dir.resolve("digits.fxp"));
        assertEquals(List.of("W", "b"), p.names());
        assertArrayEquals(new int[] {64, 10}, p.shape(0));
        assertTrue(java.util.Arrays.stream(p.values(0)).anyMatch(v -> v != 0), "trained weights are not all zero");
        byte[] png = Files.readAllBytes(dir.resolve("digits.png"));
        assertEquals('P', png[1]);
        assertEquals(5, Files.readAllLines(dir.resolve("digits.csv")).size(), "a header and one line per epoch");

        // Seeded: the same command writes the same parameters, bit for bit, here as NumPy's .npz.
        Cli.Result again = Cli.process(dir, Map.of(), command("--lr", "0.5", "-o", "again.npz"));
        assertEquals(0, again.status(), again.err());
        Parameters npz = dev.fluxion.runtime.io.ParameterFormat.read(dir.resolve("again.npz"));
        assertEquals(p.names(), npz.names());
        for (int i = 0; i < p.count(); i++) {
            assertArrayEquals(p.values(i), npz.values(i));
        }
    }

    @Test
    void adamTrainsToo(@TempDir Path dir) {
        Cli.Result r = Cli.run(command("--optimizer", "adam", "--lr", "0.01", "-o", dir.resolve("a.fxp").toString()));
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("\nadam(lr=constant 0.01"), r.out());
        assertTrue(Files.exists(dir.resolve("a.fxp")));
    }

    @Test
    void badArgumentsAreRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Cli.Result format = Cli.run(command("--lr", "0.5", "-o", dir.resolve("p.bin").toString()));
        assertEquals(2, format.status());
        assertEquals("fluxion: -o " + dir.resolve("p.bin") + ": the parameter format follows the extension; known: "
                + "FILE.fxp, FILE.npy, FILE.npz, FILE.safetensors\n", format.err());
        assertEquals("", format.out());

        Cli.Result missing = Cli.run("train", "-f", MODEL, "--train", dir.resolve("none.csv").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--train: no such file: "), missing.err());

        Cli.Result range = Cli.run("train", "-f", MODEL, "--train", DIGITS + "[1700:2000]");
        assertEquals(2, range.status());
        assertTrue(range.err().contains("is not within the 1797 examples"), range.err());

        Cli.Result function = Cli.run("train", "x*y", "--train", DIGITS);
        assertEquals(2, function.status());
        assertTrue(function.err().contains("train needs a model"), function.err());

        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "1,2,3,0\n4,5,6,1\n");
        Cli.Result shape = Cli.run("train", "-f", MODEL, "--train", wide.toString());
        assertEquals(2, shape.status());
        assertTrue(shape.err().startsWith("fluxion: the data do not fit model digits_softmax: "), shape.err());
    }
}

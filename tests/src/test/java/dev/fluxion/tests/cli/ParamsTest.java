package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.runtime.io.ParameterFormat;
import dev.fluxion.runtime.io.Parameters;
import dev.fluxion.tests.support.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fluxion params show|convert}, run as a user runs them. */
class ParamsTest {

    /** b[3], W[2,3], s[] (a scalar) and an empty e[0, 4]. */
    private static final Parameters TENSORS = new Parameters(
            new String[] {"b", "W", "s", "e"},
            new int[][] {{3}, {2, 3}, {}, {0, 4}},
            new double[][] {{0.5, -1.25, 3.0}, {1.0, -2.0, 0.25, 1e-3, -0.0, 6.5e10}, {0.125}, {}});

    @Test
    void showPrintsShapesAndStatistics(@TempDir Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String ext : List.of(".fxp", ".npz", ".safetensors")) {
            Path f = dir.resolve("model" + ext);
            ParameterFormat.write(f, TENSORS);
            Cli.Result r = Cli.run("params", "show", f.toString());
            assertEquals(0, r.status(), r.err());
            all.append(r.out().replace(dir.toString(), "DIR"));
        }
        Path one = dir.resolve("W.npy");
        ParameterFormat.write(one, new Parameters(new String[] {"W"}, new int[][] {{2, 3}}, new double[][] {TENSORS.values(1)}));
        all.append(Cli.run("params", "show", one.toString()).out().replace(dir.toString(), "DIR"));
        Path single = dir.resolve("single.safetensors");
        ParameterFormat.write(single, TENSORS, dev.fluxion.runtime.io.ElementType.FLOAT32);
        all.append(Cli.run("params", "show", single.toString()).out().replace(dir.toString(), "DIR"));
        Golden.check("cli/params-show.txt", all.toString());
    }

    @Test
    void theStatisticsAreNumpys() {
        // numpy.std is the population deviation: b = [0.5, -1.25, 3] has mean 0.75 and std 1.7440...
        Cli.Result r = Cli.run("params", "show", write("b.npy", new Parameters(new String[] {"b"}, new int[][] {{3}},
                new double[][] {{0.5, -1.25, 3.0}})).toString());
        double std = Math.sqrt(((0.5 - 0.75) * (0.5 - 0.75) + 2 * 2 + 2.25 * 2.25) / 3);
        assertTrue(r.out().contains("0.75  " + String.format(java.util.Locale.ROOT, "%.4g", std).replaceAll("0+$", "")),
                r.out());
    }

    @Test
    void convertGoesThroughEveryFormatExactly(@TempDir Path dir) throws IOException {
        Path start = dir.resolve("a.npz");
        ParameterFormat.write(start, TENSORS);
        Path previous = start;
        for (String next : List.of("b.safetensors", "c.fxp", "d.npz")) {
            Path to = dir.resolve(next);
            Cli.Result r = Cli.run("params", "convert", previous.toString(), to.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith("wrote " + to + ": "), r.out());
            previous = to;
        }
        Parameters back = ParameterFormat.read(previous);
        for (int i = 0; i < TENSORS.count(); i++) {
            int j = back.indexOf(TENSORS.name(i));
            assertArrayEquals(TENSORS.shape(i), back.shape(j));
            assertEquals(Arrays.toString(bits(TENSORS.values(i))), Arrays.toString(bits(back.values(j))));
        }
        Path again = dir.resolve("again.npz");
        assertEquals(0, Cli.run("params", "convert", start.toString(), again.toString()).status());
        assertArrayEquals(Files.readAllBytes(start), Files.readAllBytes(again), "npz → npz gives the same bytes");

        Path f32 = dir.resolve("half.safetensors");
        assertEquals(0, Cli.run("params", "convert", start.toString(), f32.toString(), "--float32").status());
        assertEquals((double) (float) 1e-3, ParameterFormat.read(f32).values(0)[3]);   // W sorts first in safetensors
    }

    @Test
    void badFilesExitTwoWithAReason(@TempDir Path dir) throws IOException {
        Path damaged = dir.resolve("damaged.safetensors");
        Files.write(damaged, new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '"', 'x', '"', ':', '1', '}', ' '});
        Path model = write("m.npz", TENSORS);
        String[][] cases = {
            {"params", "show", dir.resolve("missing.npz").toString()},
            {"params", "show", damaged.toString()},
            {"params", "show", dir.resolve("notes.txt").toString()},
            {"params", "convert", model.toString(), dir.resolve("one.npy").toString()},
            {"params", "convert", model.toString(), dir.resolve("x.fxp").toString(), "--float32"},
        };
        String[] expected = {
            "fluxion: " + dir.resolve("missing.npz") + ": no such file",
            "fluxion: " + damaged + ": tensor 'x': expected {\"dtype\": string, \"shape\": [integers], \"data_offsets\": [begin, end]}",
            "fluxion: " + dir.resolve("notes.txt") + ": unknown parameter file extension (expected one of .fxp .npy .npz .safetensors)",
            "fluxion: " + dir.resolve("one.npy") + ": an .npy file holds one tensor, these are 4 (b, W, s, e); write .npz or .safetensors",
            "fluxion: --float32: the Fluxion format (.fxp) stores float64 only",
        };
        for (int i = 0; i < cases.length; i++) {
            Cli.Result r = Cli.run(cases[i]);
            assertEquals(2, r.status(), String.join(" ", cases[i]));
            assertEquals(expected[i] + "\n", r.err());
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(dir.resolve("one.npy")));
    }

    @Test
    void asAProcess(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("p.safetensors");
        ParameterFormat.write(good, TENSORS);
        Cli.Result ok = Cli.process("params", "show", good.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("W     [2, 3]"), ok.out());
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not numpy");
        Cli.Result r = Cli.process("params", "show", bad.toString());
        assertEquals(2, r.status());
        assertEquals("fluxion: " + bad + ": not a NumPy .npy file (it does not start with \\x93NUMPY)\n", r.err());
    }

    private static Path write(String name, Parameters p) {
        try {
            Path f = Files.createTempDirectory("params").resolve(name);
            ParameterFormat.write(f, p);
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}

package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.inspect.Graphviz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fluxion graph -o x.png} as a user runs it: drawn by Graphviz when it is installed
 * (CI installs it, {@code .ci/run}); refused with exit status 2 and the way out when it is
 * not, which the test arranges by running the command with a {@code PATH} that has no
 * {@code dot} on it.
 */
class GraphPictureTest {

    @Test
    void withoutGraphvizAPictureIsRefusedWithTheWayOut(@TempDir Path dir) throws Exception {
        Path emptyBin = Files.createDirectory(dir.resolve("bin"));
        for (String picture : new String[] {"x.png", "x.svg"}) {
            Cli.Result r = Cli.process(dir, Map.of("PATH", emptyBin.toString()), "graph", "(x+y)*z", "-o", picture);
            assertEquals(2, r.status(), r.out() + r.err());
            assertEquals("", r.out());
            assertEquals("fluxion: cannot draw " + picture + ": Graphviz `dot` is not installed (not found on the PATH).\n"
                    + "  Either install Graphviz: apt-get install graphviz on Debian or Ubuntu, dnf install graphviz on "
                    + "Fedora, brew install graphviz on macOS,\n"
                    + "  or write the DOT text with -o x.dot and render it elsewhere.\n", r.err());
            assertFalse(Files.exists(dir.resolve(picture)), "nothing may be written under the picture's name");
        }
        // What the message suggests works on the same machine.
        Cli.Result dot = Cli.process(dir, Map.of("PATH", emptyBin.toString()), "graph", "(x+y)*z", "-o", "x.dot");
        assertEquals(0, dot.status(), dot.err());
        assertTrue(Files.readString(dir.resolve("x.dot")).contains("digraph fluxion"));
        assertTrue(dot.out().contains("only the DOT was written"), dot.out());
    }

    @Test
    void withGraphvizThePictureIsDrawn(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Graphviz.find().isPresent(), "Graphviz dot is not installed (.ci/run installs it)");
        Cli.Result r = Cli.process(dir, Map.of(), "graph", "(x+y)*z", "--at", "x=-2,y=5,z=-4", "--backward",
                "-o", "circuit.png");
        assertEquals(0, r.status(), r.err());
        assertEquals("wrote circuit.png\n", r.out());
        byte[] png = Files.readAllBytes(dir.resolve("circuit.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals('N', png[2]);
        assertEquals('G', png[3]);
    }
}

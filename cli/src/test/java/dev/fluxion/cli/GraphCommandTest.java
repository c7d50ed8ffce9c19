package dev.fluxion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.inspect.Graphviz;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fluxion graph} run through picocli, as the {@code fluxion} command will run it. */
class GraphCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(GraphCommand command, String... args) {
        CommandLine cl = Main.withErrorHandling(new CommandLine(command));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printsDotWithValuesAndAdjoints() {
        int code = run(new GraphCommand(), "(x+y)*z", "--at", "x=-2,y=5,z=-4", "--backward");
        assertEquals(0, code, err.toString());
        String dot = out.toString();
        assertTrue(dot.startsWith("// Computation graph drawn by Fluxion"), dot);
        assertTrue(dot.contains("label=\"bx = -4\""), dot);
        assertTrue(dot.contains("label=\"bz = 3\""), dot);
        assertTrue(dot.contains("v3 * z\\nv4 = -12"), dot);
        assertTrue(dot.contains("label=\"× z = -4\""), dot);     // mul switches: d(v3*z)/dv3 = z
    }

    @Test
    void sameOutputEveryRun() {
        run(new GraphCommand(), "1/(1+exp(-(w0*x0+w1*x1+b)))", "--at", "w0=2,x0=-1,w1=-3,x1=-2,b=-3", "--backward");
        String first = out.toString();
        out.getBuffer().setLength(0);
        run(new GraphCommand(), "1/(1+exp(-(w0*x0+w1*x1+b)))", "--at", "w0=2,x0=-1,w1=-3,x1=-2,b=-3", "--backward");
        assertEquals(first, out.toString());
    }

    @Test
    void withoutGraphvizWritesOnlyTheDotAndSaysSo(@TempDir Path dir) throws Exception {
        GraphCommand c = new GraphCommand();
        c.graphviz = Optional::empty;
        Path file = dir.resolve("g.dot");
        assertEquals(0, run(c, "ln(x1)+x1*x2-sin(x2)", "-o", file.toString()), err.toString());
        assertTrue(Files.readString(file).contains("digraph fluxion"));
        assertTrue(out.toString().contains("not installed"), out.toString());
        assertFalse(Files.exists(dir.resolve("g.svg")));
    }

    @Test
    void aPictureWithoutGraphvizIsRefusedAndNothingIsWritten(@TempDir Path dir) {
        for (String name : new String[] {"x.png", "x.svg", "x.PDF"}) {
            GraphCommand c = new GraphCommand();
            c.graphviz = Optional::empty;
            err.getBuffer().setLength(0);
            Path file = dir.resolve(name);
            assertEquals(2, run(c, "(x+y)*z", "-o", file.toString()));
            assertFalse(Files.exists(file), name);
            assertTrue(err.toString().contains("Graphviz `dot` is not installed"), err.toString());
            assertTrue(err.toString().contains("apt-get install graphviz"), err.toString());
            assertTrue(err.toString().contains("-o " + dir.resolve("x.dot")), err.toString());
        }
        assertEquals("", out.toString());
    }

    @Test
    void anUnknownExtensionIsRefused(@TempDir Path dir) {
        assertEquals(2, run(new GraphCommand(), "(x+y)*z", "-o", dir.resolve("x.txt").toString()));
        assertTrue(err.toString().contains("expected FILE.dot"), err.toString());
        assertFalse(Files.exists(dir.resolve("x.txt")));
    }

    @Test
    void aPictureIsDrawnByGraphvizUnderItsOwnName(@TempDir Path dir) throws Exception {
        Optional<Graphviz> gv = Graphviz.find();
        org.junit.jupiter.api.Assumptions.assumeTrue(gv.isPresent(), "Graphviz dot is not installed");
        Path svg = dir.resolve("circuit.svg");
        assertEquals(0, run(new GraphCommand(), "(x+y)*z", "-o", svg.toString()), err.toString());
        assertTrue(Files.readString(svg).contains("<svg"));
        assertEquals("wrote " + svg + "\n", out.toString().replace("\r\n", "\n"));
        assertFalse(Files.exists(dir.resolve("circuit.dot")));
        assertEquals(2, run(new GraphCommand(), "(x+y)*z", "-o", svg.toString(), "--no-render"));
    }

    @Test
    void rendersSvgAndPngWhenGraphvizIsInstalled(@TempDir Path dir) throws Exception {
        Optional<Graphviz> gv = Graphviz.find();
        org.junit.jupiter.api.Assumptions.assumeTrue(gv.isPresent(), "Graphviz dot is not installed");
        Path file = dir.resolve("circuit.dot");
        assertEquals(0, run(new GraphCommand(), "(x+y)*z", "--backward", "--at", "x=-2,y=5,z=-4", "-o", file.toString()),
                err.toString());
        assertTrue(Files.readString(dir.resolve("circuit.svg")).contains("<svg"));
        byte[] png = Files.readAllBytes(dir.resolve("circuit.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void aMissingInputInAtIsAnErrorNamingIt() {
        assertEquals(2, run(new GraphCommand(), "(x+y)*z", "--at", "x=1,y=2"));
        assertTrue(err.toString().contains("no value for z"), err.toString());
    }

    @Test
    void programFromAFile(@TempDir Path dir) throws Exception {
        Path flx = dir.resolve("neuron.flx");
        Files.writeString(flx, "fn neuron(w, x, b) {\n  return sigmoid(w*x + b)\n}\n");
        assertEquals(0, run(new GraphCommand(), "-f", flx.toString()), err.toString());
        assertTrue(out.toString().contains("sigmoid("), out.toString());
        assertEquals(2, run(new GraphCommand(), "-f", dir.resolve("missing.flx").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertEquals(2, run(new GraphCommand(), "x+y", "-f", flx.toString()));
        assertTrue(err.toString().contains("not both"), err.toString());
    }

    @Test
    void aSyntaxErrorShowsWhere() {
        assertEquals(2, run(new GraphCommand(), "(x+*y"));
        assertTrue(err.toString().contains("^"), err.toString());
    }

    @Test
    void chooseTheOutputWhoseAdjointsAreDrawn() {
        assertEquals(0, run(new GraphCommand(), "fn polar(r, t) { return (r*cos(t), r*sin(t)) }", "--backward",
                "--at", "r=2,t=0", "--of", "y1"), err.toString());
        assertTrue(out.toString().contains("br = 0"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(2, run(new GraphCommand(), "fn polar(r, t) { return (r*cos(t), r*sin(t)) }", "--backward",
                "--of", "nope"));
    }
}

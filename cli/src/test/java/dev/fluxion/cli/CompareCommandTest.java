package dev.fluxion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fluxion compare} run through picocli, with short timings (no assertions on times). */
class CompareCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.withErrorHandling(new CommandLine(new CompareCommand()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void reportsAgreementCountsAndARecommendation() {
        assertEquals(0, run("ln(x1)+x1*x2-sin(x2)", "--at", "x1=2,x2=5", "--time", "5"), err.toString());
        String r = out.toString();
        assertTrue(r.contains("f: R^2 -> R^1"), r);
        assertTrue(r.contains("(agree)"), r);
        assertTrue(r.contains("forward ") && r.contains("reverse "), r);
        assertTrue(r.contains("recommended: "), r);
    }

    @Test
    void sweepDrawsAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sweep.png");
        assertEquals(0, run("x*y", "--time", "2", "--sweep", png.toString(), "--sweep-fixed", "2", "--sweep-max", "4"),
                err.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 600 && img.getHeight() > 300);
        assertTrue(out.toString().contains("m=  4 n=  2"), out.toString());
    }

    @Test
    void jsonReport() {
        assertEquals(0, run("fn polar(r, t) { return (r*cos(t), r*sin(t)) }", "--at", "r=2,t=0", "--time", "3", "--json"),
                err.toString());
        String j = out.toString().strip();
        assertTrue(j.startsWith("{\"program\": \"fn polar(r, t) { return (r*cos(t), r*sin(t)) }\", \"inputs\": [\"r\", \"t\"]"), j);
        assertTrue(j.contains("\"point\": [2, 0], \"maxRelativeDifference\": 0"), j);
        assertTrue(j.contains("\"forward\": {\"passes\": 2,"), j);
        assertTrue(j.contains("\"recommended\": \""), j);
        assertTrue(j.endsWith("}") && j.lines().count() == 1, j);
    }

    @Test
    void badPointIsAnError() {
        assertEquals(2, run("x*y", "--at", "x=1,w=2"));
        assertTrue(err.toString().contains("no input 'w'"), err.toString());
        assertEquals(2, run("x*y", "--sweep", "s.png", "--sweep-max", "0"));
        assertTrue(err.toString().contains("at least 1"), err.toString());
    }
}

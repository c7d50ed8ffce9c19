package dev.fluxion.tests.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/sparse.md stays true: its command prints what the page shows, and its reports are the real ones at n = 1,000. */
class SparseDocTest {

    private static String page() throws IOException {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/sparse.md")) && Files.exists(p.resolve("grammar"))) {
                return Files.readString(p.resolve("docs/sparse.md"));
            }
        }
        throw new IllegalStateException("cannot find docs/sparse.md");
    }

    @Test
    void theCommandLineExamplePrintsWhatThePageShows() throws IOException {
        Matcher m = Pattern.compile("```\n\\$ fluxion grad '([^']+)' --at 1,2,3,4 --sparse\n(.*?)```", Pattern.DOTALL)
                .matcher(page());
        assertTrue(m.find(), "docs/sparse.md has no grad --sparse example");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = dev.fluxion.cli.Main.run(new String[] {"grad", m.group(1), "--at", "1,2,3,4", "--sparse"},
                new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertEquals(0, status, err.toString());
        assertEquals(m.group(2), out.toString());
    }

    @Test
    void theReportsOnThePageAreTheRealOnes() throws IOException {
        String page = page();
        CompiledFunction rosenbrock = Fluxion.create().compile(
                "fn rosenbrock(x[n]) { return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2) }",
                Options.defaults().withSize("n", 1000));
        assertTrue(page.contains("// " + rosenbrock.hessianSparsity() + "\n"), rosenbrock.hessianSparsity().toString());
        StringJoiner out = new StringJoiner(", ", "fn broyden(x[n]) { return (", ") }");
        for (int i = 0; i < 1000; i++) {
            out.add("(3 - 2*x[" + i + "])*x[" + i + "]" + (i > 0 ? " - x[" + (i - 1) + "]" : "")
                    + (i < 999 ? " - 2*x[" + (i + 1) + "]" : "") + " + 1");
        }
        CompiledFunction broyden = Fluxion.create().compile(out.toString(), Options.defaults().withSize("n", 1000));
        assertTrue(page.contains("// " + broyden.sparsity() + "\n"), broyden.sparsity().toString());
    }
}

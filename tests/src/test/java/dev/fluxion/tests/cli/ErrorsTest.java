package dev.fluxion.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fluxion.tests.support.Golden;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input: a message on stderr, exit status 2, never a stack trace. The messages of bad
 * programs are golden (one file); bad options are checked one by one.
 */
class ErrorsTest {

    @Test
    void badProgramsMatchGolden() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("syntax error", "ln(x1)+*x2");
        cases.put("unclosed parenthesis", "sin(x");
        cases.put("unknown function", "foo(x)");
        cases.put("wrong arity", "sin(x, y)");
        cases.put("undefined variable", "fn f(a) {\n  return a + b\n}");
        cases.put("duplicated variable", "fn f(a, a) {\n  return a\n}");
        cases.put("empty input", "");
        cases.put("only a comment", "# nothing here\n");
        cases.put("code injection (quote)", "x\"; System.exit(1); //");
        cases.put("code injection (comment)", "x*/ System.exit(1); /*");
        cases.put("code injection (unicode escape)", "x\\u0022");
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Cli.Result r = Cli.run("grad", c.getValue(), "--at", "1");
            assertEquals(2, r.status(), c.getKey() + ": " + r.err());
            assertEquals("", r.out(), c.getKey());
            assertNoStackTrace(r.err());
            sb.append("## ").append(c.getKey()).append('\n').append(r.err()).append('\n');
        }
        Golden.check("cli/errors.txt", sb.toString());
    }

    @Test
    void badOptions() {
        expect("fluxion: --at 1: expected 2 value(s), one for each of x, y; got 1\n", "grad", "x*y", "--at", "1");
        expect("fluxion: --at x=1,z=2: no input 'z'; the inputs are x, y\n", "grad", "x*y", "--at", "x=1,z=2");
        expect("fluxion: --at x=1,y=abc: 'abc' is not a number\n", "grad", "x*y", "--at", "x=1,y=abc");
        expect("fluxion: --at x=1,x=2: 'x' is given twice\n", "grad", "x*y", "--at", "x=1,x=2");
        expect("fluxion: --at x=1: no value for y\n", "grad", "x*y", "--at", "x=1");
        expect("fluxion: --wrt q: no such variable; the program has x, y\n", "trace", "x*y", "--at", "1,2", "--wrt", "q");
        expect("fluxion: --wrt q: no such variable; the program has x, y\n", "diff", "x*y", "--wrt", "q");
        expect("fluxion: no such file: does/not/exist.flx\n", "diff", "-f", "does/not/exist.flx");
        expect("fluxion: no program: give EXPR or -f FILE\n", "diff");
        expect("fluxion: no such file: does/not/exist.flx\n", "diff", "does/not/exist.flx");
        expect("fluxion: the program has no inputs: there is nothing to differentiate\n", "trace", "3", "--at", "");
        expect("fluxion: nothing to check: the program has no inputs\n", "check", "3");
        expect("fluxion: not a Java class name: 'Foo;'\n", "gen", "x", "--class", "Foo;");
    }

    @Test
    void usageErrorsExitWithTwo() {
        for (String[] args : new String[][] {
                {"grad", "x*y"},                      // --at is required
                {"bogus"},
                {"trace", "x", "--at", "1", "--format", "pdf"},
                {"gen", "x", "--capabilities", "value,everything"},
                {}}) {
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertNoStackTrace(r.err());
        }
    }

    private static void expect(String err, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.status(), r.err());
        assertEquals(err, r.err());
        assertEquals("", r.out());
    }

    private static void assertNoStackTrace(String err) {
        assertFalse(err.contains("\tat ") || err.contains("Exception"), () -> "stack trace or exception name in:\n" + err);
    }
}

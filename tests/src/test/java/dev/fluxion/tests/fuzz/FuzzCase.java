package dev.fluxion.tests.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * One input the fuzzer hands to the compiler: its text, the input order to compile it
 * with, whether it must compile, its tree when it has one (for the reference value and
 * the inputs it reads), and smaller cases that may fail the same way (for shrinking).
 */
sealed interface FuzzCase {

    /** Which generator made it: the summary counts by family. */
    String family();

    String text();

    /** The input order to pass to the compiler, or null to let it decide. */
    List<String> variables();

    /** True for well-formed programs over ordinary names: a CompileException is then a failure. */
    boolean mustCompile();

    /** True for programs the language must refuse (ill-typed): compiling is then a failure. */
    default boolean mustReject() {
        return false;
    }

    /** The tree of the program, or null for text that has none (mutations, size extremes). */
    ScalarProgram program();

    /** Smaller cases, most aggressive first. */
    List<FuzzCase> shrinks();

    /** What the compiler must do with a generated program. */
    enum Expect { COMPILE, EITHER, REJECT }

    /** A generated, renamed or deliberately ill-typed program. */
    record Generated(String family, ScalarProgram program, Expect expect) implements FuzzCase {

        @Override
        public boolean mustCompile() {
            return expect == Expect.COMPILE;
        }

        @Override
        public boolean mustReject() {
            return expect == Expect.REJECT;
        }

        @Override
        public String text() {
            return program.text();
        }

        @Override
        public List<String> variables() {
            return program.isExpression() ? program.params() : null;
        }

        /** Smaller programs; none for an ill-typed one, whose smaller versions may be well typed. */
        @Override
        public List<FuzzCase> shrinks() {
            List<FuzzCase> out = new ArrayList<>();
            if (expect == Expect.REJECT) {
                return out;
            }
            for (ScalarProgram p : program.shrinks()) {
                out.add(new Generated(family, p, expect));
            }
            return out;
        }
    }

    /** Text without a tree: a mutated corpus row. Shrinks by deleting characters. */
    record Text(String family, String text, List<String> variables) implements FuzzCase {

        @Override
        public boolean mustCompile() {
            return false;
        }

        @Override
        public ScalarProgram program() {
            return null;
        }

        @Override
        public List<FuzzCase> shrinks() {
            List<FuzzCase> out = new ArrayList<>();
            for (int chunk = Math.max(1, text.length() / 2); chunk >= 1; chunk /= 2) {
                for (int at = 0; at + chunk <= text.length(); at += chunk) {
                    out.add(new Text(family, text.substring(0, at) + text.substring(at + chunk), null));
                }
                if (chunk == 1) {
                    break;
                }
            }
            return out;
        }
    }

    /**
     * A program of a parametrized size ({@link SizeExtremes}), well formed at every size.
     * Shrinks by halving the size.
     */
    record Sized(SizeExtremes.Shape shape, int size) implements FuzzCase {

        @Override
        public String family() {
            return "size extreme";
        }

        @Override
        public String text() {
            return shape.text(size);
        }

        @Override
        public List<String> variables() {
            return null;
        }

        @Override
        public boolean mustCompile() {
            return true;
        }

        @Override
        public ScalarProgram program() {
            return null;
        }

        @Override
        public List<FuzzCase> shrinks() {
            return size > 1 ? List.of(new Sized(shape, size / 2)) : List.of();
        }
    }
}

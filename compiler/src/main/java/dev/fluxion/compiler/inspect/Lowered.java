package dev.fluxion.compiler.inspect;

import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.diag.SourceText;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.ir.Schedule;
import dev.fluxion.compiler.parse.Frontend;

/**
 * The program as the user wrote it (lowered, constants folded) in lecture order: what
 * {@link dev.fluxion.compiler.Compilation#parsed()} returns, without simplifying,
 * differentiating or generating code, which a picture of the program does not need and
 * which takes most of the time on a large one.
 */
public final class Lowered {

    private Lowered() {
    }

    /**
     * Parses and lowers {@code text} with the variable order, rules, source name and entry of
     * {@code options}.
     *
     * @throws dev.fluxion.compiler.diag.CompileException for a program that does not parse
     */
    public static Program of(String text, Options options) {
        Program p = Frontend.parse(new SourceText(options.sourceName(), text), options.variables(),
                options.sizes(), options.rules().newBuilder(), options.entry());
        return new Program(p.name(), Schedule.lectureOrder(p.graph()));
    }
}

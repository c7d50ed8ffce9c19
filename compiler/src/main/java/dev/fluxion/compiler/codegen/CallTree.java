package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls to a list of generated methods, in order, from one method body. More than
 * {@link #CALLS_PER_METHOD} calls would make the caller itself too large for HotSpot's JIT,
 * so they are grouped into private methods that each call at most that many, level upon
 * level, until one method can call them all. Used for the parts of a split method
 * ({@link MethodEmitter}) and for the loop methods of a rolled function ({@link RolledMethods}).
 */
final class CallTree {

    /**
     * Calls a method makes at most: each call loads up to six references and invokes (at most
     * 15 bytes), so 256 calls stay far below the JIT limit whatever the caller's own code.
     */
    static final int CALLS_PER_METHOD = 256;

    /** Opens a grouping method: its name, header and Javadoc. */
    interface Group {
        /**
         * A method that will call {@code count} callees covering leaves {@code first..last}
         * (0-based positions in the original list).
         */
        MethodSpec.Builder open(int first, int last, int count);
    }

    private CallTree() {
    }

    /**
     * Statements calling {@code callees} in order, each as {@code callee(args)}; grouping
     * methods opened by {@code group} are added to {@code out}.
     */
    static CodeBlock calls(List<String> callees, String args, Group group, List<MethodSpec> out) {
        List<String> level = callees;
        int width = 1; // leaves each callee of this level covers
        while (level.size() > CALLS_PER_METHOD) {
            List<String> groups = new ArrayList<>();
            for (int from = 0; from < level.size(); from += CALLS_PER_METHOD) {
                List<String> chunk = level.subList(from, Math.min(level.size(), from + CALLS_PER_METHOD));
                int first = from * width;
                int last = Math.min(callees.size() - 1, first + chunk.size() * width - 1);
                MethodSpec.Builder m = group.open(first, last, chunk.size());
                for (String callee : chunk) {
                    m.addStatement("$N($L)", callee, args);
                }
                MethodSpec built = m.build();
                out.add(built);
                groups.add(built.name);
            }
            level = groups;
            width *= CALLS_PER_METHOD;
        }
        CodeBlock.Builder code = CodeBlock.builder();
        for (String callee : level) {
            code.addStatement("$N($L)", callee, args);
        }
        return code.build();
    }
}

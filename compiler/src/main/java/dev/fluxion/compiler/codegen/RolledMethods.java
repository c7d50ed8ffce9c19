package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.roll.Loop;
import dev.fluxion.compiler.roll.Rolling;
import dev.fluxion.compiler.roll.ScanLoop;
import dev.fluxion.runtime.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The {@code value} and {@code gradient} methods of a function whose sums were re-rolled
 * ({@link Rolling}): each calls the loop methods ({@link LoopEmitter}), which leave the loop
 * sums in a per-thread buffer {@code s}, and the straight-line helpers for the residual
 * ({@link MethodEmitter}), which read them from there.
 *
 * <pre>
 * value:    loops (values) → residual value
 * gradient: grad = 0 → loops whose sums a seed reads (values) → seeds (adjoints of the sums)
 *           → loops (values and grad += seed · ∂term/∂x) → residual value and grad += its own adjoints
 * </pre>
 */
final class RolledMethods {

    /** The field holding the per-thread buffer of loop sums and their adjoints. */
    static final String FIELD = "loopSums";

    private RolledMethods() {
    }

    /** The field holding the per-thread tape of scan {@code q}'s reverse sweep. */
    static String tapeField(int q) {
        return "scanTape" + (q + 1);
    }

    /** The buffer's length: the sums, then their adjoints. */
    static int bufferSize(Rolling r) {
        return 2 * r.sums();
    }

    static List<MethodSpec> emit(Rolling r, int inputs, boolean withGradient, ClassContext cls) {
        List<MethodSpec> out = new ArrayList<>();
        TypeName da = ArrayTypeName.of(double.class);
        MethodPlan.Param x = MethodPlan.Param.array("x", Integer.toString(inputs));
        MethodPlan.Param s = MethodPlan.Param.array("s", Integer.toString(bufferSize(r)));

        List<MethodSpec> valueLoops = loopMethods(r, false, cls);
        String valueRest = cls.allocateMethodName("valueRest");
        MethodSpec.Builder value = MethodSpec.methodBuilder("value").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Computes {@code y = f(x)}: the loops sum the re-rolled terms, then the rest of f.\n")
                .addParameter(da, "x", Modifier.FINAL).addParameter(da, "y", Modifier.FINAL)
                .addStatement("$T.length(x, $L, $S)", Checks.class, inputs, "x")
                .addStatement("$T.length(y, 1, $S)", Checks.class, "y")
                .addStatement("final double[] s = $N.get()", FIELD);
        value.addCode(calls(valueLoops, "x, s", "valueLoops", false, out, cls));
        List<MethodSpec> scanValues = new ArrayList<>();
        String[] steps = new String[r.scans().size()];
        for (int q = 0; q < r.scans().size(); q++) {
            ScanLoop scan = r.scans().get(q);
            String name = cls.allocateMethodName("scanValue" + (q + 1));
            if (scan.split() != null) {
                ScanSplitEmitter e = new ScanSplitEmitter(scan, q, r.sums(), cls);
                steps[q] = cls.allocateMethodName("scanStep" + (q + 1));
                MethodSpec m = e.forward(name, steps[q], false);
                value.addStatement("$N(x, s, $N.get())", m, ScanSplitEmitter.workField(q));
                scanValues.add(m);
                scanValues.addAll(e.step(steps[q]));
                continue;
            }
            MethodSpec m = new ScanEmitter(scan, r.sums(), cls).value(name);
            value.addStatement("$N(x, s)", m);
            scanValues.add(m);
        }
        value.addStatement("$N(x, s, y)", valueRest);
        out.add(value.build());
        out.addAll(valueLoops);
        out.addAll(scanValues);
        out.addAll(helper(r, valueRest, "The rest of {@link #value}, given the loop sums {@code s}.", r.residual(),
                List.of(x, s, MethodPlan.Param.array("y", "1")), Map.of(Derivatives.Y, Access.plain("y")), null, cls));
        if (!withGradient) {
            return out;
        }

        boolean seeded = r.loops().stream().anyMatch(RolledMethods::anySeeded) || !r.scans().isEmpty();
        String seeds = seeded ? cls.allocateMethodName("gradientSeeds") : null;
        String rest = cls.allocateMethodName("gradientRest");
        List<MethodSpec> gradientLoops = loopMethods(r, true, cls);
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement("$T.length(x, $L, $S)", Checks.class, inputs, "x")
                .addStatement("$T.length(grad, $L, $S)", Checks.class, inputs, "grad")
                .addStatement("final double[] s = $N.get()", FIELD)
                .addStatement("$T.fill(grad, 0.0)", java.util.Arrays.class);
        for (int l = 0; l < r.loops().size(); l++) {
            if (r.early(l)) {
                body.addStatement("$N(x, s)", valueLoops.get(l));
            }
        }
        List<MethodSpec> scanMethods = new ArrayList<>();
        List<MethodSpec> backward = new ArrayList<>();
        List<String> backwardArgs = new ArrayList<>();
        for (int q = 0; q < r.scans().size(); q++) {
            ScanLoop scan = r.scans().get(q);
            if (scan.split() != null) {
                ScanSplitEmitter e = new ScanSplitEmitter(scan, q, r.sums(), cls);
                String record = cls.allocateMethodName("scanRecord" + (q + 1));
                scanMethods.addAll(e.record(record));
                MethodSpec f = e.forward(cls.allocateMethodName("scanForward" + (q + 1)), record, true);
                body.addStatement("$N(x, s, $N.get(), $N.get())", f, ScanSplitEmitter.workField(q), tapeField(q));
                scanMethods.add(f);
                String adjoint = cls.allocateMethodName("scanStepAdjoint" + (q + 1));
                backward.add(e.backward(cls.allocateMethodName("scanBackward" + (q + 1)), adjoint, record));
                backwardArgs.add(ScanSplitEmitter.workField(q) + ".get(), ");
                scanMethods.addAll(e.adjoint(adjoint));
                continue;
            }
            ScanEmitter e = new ScanEmitter(scan, q, r.sums(), cls);
            MethodSpec f = e.forward(cls.allocateMethodName("scanForward" + (q + 1)));
            body.addStatement("$N(x, s, $N.get())", f, tapeField(q));
            scanMethods.add(f);
            backward.add(e.backward(cls.allocateMethodName("scanBackward" + (q + 1))));
            backwardArgs.add("");
        }
        if (seeded) {
            body.addStatement("$N(x, s)", seeds);
        }
        body.add(calls(gradientLoops, "x, grad, s", "gradientLoops", true, out, cls));
        for (int q = 0; q < backward.size(); q++) {
            body.addStatement("$N(x, grad, s, $L$N.get())", backward.get(q), backwardArgs.get(q), tapeField(q));
        }
        scanMethods.addAll(backward);
        body.addStatement("return $N(x, s, grad)", rest);
        out.add(MethodSpec.methodBuilder("gradient").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(double.class)
                .addJavadoc("Reverse mode: writes the gradient, returns {@code f(x)}. The loops sum the re-rolled "
                        + "terms and add\ntheir adjoints; the rest of f adds its own.\n")
                .addParameter(da, "x", Modifier.FINAL).addParameter(da, "grad", Modifier.FINAL)
                .addCode(body.build()).build());
        if (seeded) {
            out.addAll(helper(r, seeds, "The adjoints of the loop sums, into {@code s[" + r.sums() + " ..]}.", r.seeds(),
                    List.of(x, s), Map.of(Rolling.SBAR, Access.at("s", r.sums())), null, cls));
        }
        out.addAll(gradientLoops);
        out.addAll(scanMethods);
        out.addAll(helper(r, rest, "The rest of {@link #gradient}: f from the loop sums, and the adjoints of the inputs "
                        + "f reads outside the loops.", r.rest(),
                List.of(x, s, MethodPlan.Param.array("grad", Integer.toString(inputs))),
                Map.of(Derivatives.GRAD, Access.adding("grad").mapped(r.inputs())), Derivatives.Y, cls));
        return out;
    }

    /**
     * A straight-line private helper ({@link MethodEmitter}) of the residual's graphs: it reads
     * the inputs from {@code x} and the loop sums from {@code s}.
     */
    static List<MethodSpec> helper(Rolling r, String name, String javadoc, Graph graph, List<MethodPlan.Param> params,
                                           Map<String, Access> writes, String returns, ClassContext cls) {
        Map<String, Access> reads = Map.of(Derivatives.X, Access.plain("x").mapped(r.inputs()), Rolling.S, Access.plain("s"));
        return new MethodEmitter(new MethodPlan(name, javadoc, graph, params, reads, writes, returns, null, true), cls)
                .emit();
    }

    /**
     * One method per loop, in order, named {@code valueLoop1, valueLoop2, ...} for the value
     * form or {@code gradientLoop1, ...} for the gradient form.
     */
    private static List<MethodSpec> loopMethods(Rolling r, boolean gradient, ClassContext cls) {
        List<MethodSpec> methods = new ArrayList<>();
        for (Loop loop : r.loops()) {
            String name = cls.allocateMethodName((gradient ? "gradientLoop" : "valueLoop") + (methods.size() + 1));
            methods.add(new LoopEmitter(loop, gradient, r.sums(), cls).emit(name));
        }
        return methods;
    }

    /** Statements calling the loop methods {@code callees} in order with {@code args}, grouped by {@link CallTree}. */
    private static CodeBlock calls(List<MethodSpec> callees, String args, String groupPrefix, boolean withGrad,
                                   List<MethodSpec> out, ClassContext cls) {
        return calls(callees, withGrad ? List.of("x", "grad", "s") : List.of("x", "s"), groupPrefix, out, cls);
    }

    /**
     * Statements calling the loop methods {@code callees} in order, each with the arrays
     * {@code params}, grouped by {@link CallTree} into methods named {@code groupPrefix1, ...}.
     */
    static CodeBlock calls(List<MethodSpec> callees, List<String> params, String groupPrefix, List<MethodSpec> out,
                           ClassContext cls) {
        int[] groups = {0};
        return CallTree.calls(callees.stream().map(m -> m.name).toList(), String.join(", ", params),
                (first, last, count) -> {
                    if (first == 0) {
                        groups[0] = 0; // numbered from 1 on each level
                    }
                    MethodSpec.Builder group = MethodSpec.methodBuilder(
                                    cls.allocateMethodName(groupPrefix + (++groups[0])))
                            .addModifiers(Modifier.PRIVATE)
                            .addJavadoc("Calls $L loop methods in order.\n", count);
                    for (String p : params) {
                        group.addParameter(ArrayTypeName.of(double.class), p, Modifier.FINAL);
                    }
                    return group;
                }, out);
    }

    static boolean anySeeded(Loop loop) {
        for (int q = 0; q < loop.members().size(); q++) {
            if (loop.seeded(q)) {
                return true;
            }
        }
        return false;
    }
}

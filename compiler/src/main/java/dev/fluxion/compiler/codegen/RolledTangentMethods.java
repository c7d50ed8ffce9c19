package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.roll.Loop;
import dev.fluxion.compiler.roll.Rolling;
import dev.fluxion.compiler.roll.Tangents;
import dev.fluxion.runtime.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The forward-mode and second-order methods of a function whose sums were re-rolled
 * ({@link Tangents}), so that they loop over the sums as {@code value} and {@code gradient}
 * do ({@link RolledMethods}) instead of growing with the number of terms.
 *
 * <p>The per-thread buffer {@code s} holds, for R loop sums: the sums {@code s[0 ..]}, their
 * adjoints {@code s[R ..]}, their tangents {@code s[2R ..]}, the adjoints' tangents
 * {@code s[3R ..]}, and the tangent of f at {@code s[4R]}.
 *
 * <pre>
 * jvpSweep:            loops (sums and tangents) → residual's JVP (y, and dy into s[4R])
 * jvp, jvpMany:        one sweep per direction
 * jacobianForward:     one sweep per unit direction
 * hessianVectorSweep:  hv = 0 → loops whose sums a seed reads (sums and tangents) → seeds' JVP
 *                      (sbar, dsbar) → loops (sums, tangents, hv += d(sbar · ∂term/∂x))
 *                      → rest's JVP (y, hv += its own part)
 * hessian:             one Hessian-vector sweep per unit direction, one row each
 * </pre>
 */
final class RolledTangentMethods {

    /** The field holding the per-thread direction of a sweep (jvpMany, jacobianForward, hessian). */
    static final String DIRECTION = "direction";
    /** The field holding the per-thread row of the Hessian a sweep computes. */
    static final String ROW = "hessianRow";

    private static final TypeName DA = ArrayTypeName.of(double.class);

    private RolledTangentMethods() {
    }

    /** The buffer's length with tangents: sums, adjoints, their tangents, and the tangent of f. */
    static int bufferSize(Rolling r) {
        return 4 * r.sums() + 1;
    }

    /** The field holding the per-thread tape of scan {@code q}'s Hessian-vector sweep: each step's carries and tangents. */
    static String hessianTapeField(int q) {
        return "scanHessianTape" + (q + 1);
    }

    /** Whether the class needs the per-thread direction buffer. */
    static boolean needsDirection(boolean jvp, boolean jacobian, boolean hessian) {
        return jvp || jacobian || hessian;
    }

    /**
     * The methods: {@code jvp} and {@code jvpMany} with {@code jvp}, {@code jacobianForward}
     * with {@code jacobian}, {@code hessianVector} and {@code hessian} with {@code hessian}
     * (which needs the rolling's second-order graphs), with their private helpers.
     */
    static List<MethodSpec> emit(Rolling r, int m, boolean jvp, boolean jacobian, boolean hessian, ClassContext cls) {
        Tangents t = r.tangents();
        int sums = r.sums();
        List<MethodSpec> out = new ArrayList<>();
        MethodPlan.Param x = MethodPlan.Param.array("x", Integer.toString(m));
        MethodPlan.Param s = MethodPlan.Param.array("s", Integer.toString(bufferSize(r)));
        String dy = Integer.toString(4 * sums);

        // tangent loops: every loop for the first-order methods, the early ones for the Hessian
        List<MethodSpec> tangentLoops = new ArrayList<>();
        List<MethodSpec> earlyLoops = new ArrayList<>();
        for (int l = 0; l < r.loops().size(); l++) {
            if (jvp || jacobian || (hessian && r.early(l))) {
                Loop loop = r.loops().get(l);
                MethodSpec method = new LoopEmitter(loop, t.loops().get(l).tangent(), LoopEmitter.Form.TANGENT, sums,
                        cls).emit(cls.allocateMethodName("jvpLoop" + (l + 1)));
                tangentLoops.add(method);
                if (r.early(l)) {
                    earlyLoops.add(method);
                }
            }
        }

        List<MethodSpec> tangentSteps = new ArrayList<>();
        for (int q = 0; (jvp || jacobian) && q < r.scans().size(); q++) {
            if (r.scans().get(q).split() != null) {
                ScanSplitEmitter e = new ScanSplitEmitter(r.scans().get(q), q, sums, cls);
                String step = cls.allocateMethodName("scanTangentStep" + (q + 1));
                tangentLoops.add(e.tangent(cls.allocateMethodName("scanTangent" + (q + 1)), step));
                tangentSteps.addAll(e.tangentStep(step));
                continue;
            }
            tangentLoops.add(new ScanEmitter(r.scans().get(q), sums, cls)
                    .tangent(cls.allocateMethodName("scanTangent" + (q + 1)), false));
        }

        if (jvp || jacobian) {
            String sweep = cls.allocateMethodName("jvpSweep");
            String rest = cls.allocateMethodName("jvpRest");
            List<MethodSpec> helpers = new ArrayList<>();
            CodeBlock loops = RolledMethods.calls(tangentLoops, List.of("x", "xdot", "s"), "jvpLoops", helpers, cls);
            out.add(MethodSpec.methodBuilder(sweep).addModifiers(Modifier.PRIVATE)
                    .addJavadoc("One tangent sweep: {@code y[0] = f(x)}, and the tangent of f along {@code xdot} "
                            + "into {@code s[$L]}.\n", dy)
                    .addParameter(DA, "x", Modifier.FINAL).addParameter(DA, "xdot", Modifier.FINAL)
                    .addParameter(DA, "y", Modifier.FINAL).addParameter(DA, "s", Modifier.FINAL)
                    .addCode(loops)
                    .addStatement("$N(x, s, xdot, y)", rest)
                    .build());
            out.addAll(helpers);
            out.addAll(tangentLoops);
            out.addAll(tangentSteps);
            out.addAll(helper(rest, "The rest of {@link #" + sweep + "}: f and its tangent from the loop sums and "
                            + "their tangents.", t.residual(),
                    List.of(x, s, MethodPlan.Param.array("xdot", Integer.toString(m)), MethodPlan.Param.array("y", "1")),
                    Map.of(Derivatives.X, Access.plain("x").mapped(r.inputs()), Rolling.S, Access.plain("s"),
                            Derivatives.XDOT, Access.plain("xdot").mapped(r.inputs()), Tangents.SDOT, Access.at("s", 2 * sums)),
                    Map.of(Derivatives.Y, Access.plain("y"), Derivatives.DY, Access.at("s", 4 * sums)), null, cls));
            if (jvp) {
                out.add(publicMethod("jvp", "Forward mode: {@code y = f(x)}, {@code ydot = J xdot}, the loops summing "
                        + "the terms' tangents.")
                        .addParameter(DA, "x", Modifier.FINAL).addParameter(DA, "xdot", Modifier.FINAL)
                        .addParameter(DA, "y", Modifier.FINAL).addParameter(DA, "ydot", Modifier.FINAL)
                        .addCode(lengths(m, "x", "xdot"))
                        .addCode(lengths("1", "y", "ydot"))
                        .addStatement("final double[] s = $N.get()", RolledMethods.FIELD)
                        .addStatement("$N(x, xdot, y, s)", sweep)
                        .addStatement("ydot[0] = s[$L]", dy)
                        .build());
                out.add(publicMethod("jvpMany", "Forward mode, {@code k} directions (rows of {@code xdots}), one "
                        + "tangent sweep each.")
                        .addParameter(DA, "x", Modifier.FINAL).addParameter(DA, "xdots", Modifier.FINAL)
                        .addParameter(int.class, "k", Modifier.FINAL)
                        .addParameter(DA, "y", Modifier.FINAL).addParameter(DA, "ydots", Modifier.FINAL)
                        .addStatement("$T.count(k, $S)", Checks.class, "k")
                        .addCode(lengths(Integer.toString(m), "x"))
                        .addCode(lengths("k * " + m, "xdots"))
                        .addCode(lengths("1", "y"))
                        .addCode(lengths("k * 1", "ydots"))
                        .beginControlFlow("if (k == 0)")
                        .addStatement("value(x, y)")
                        .addStatement("return")
                        .endControlFlow()
                        .addStatement("final double[] s = $N.get()", RolledMethods.FIELD)
                        .addStatement("final double[] dir = $N.get()", DIRECTION)
                        .beginControlFlow("for (int d = 0; d < k; d++)")
                        .addStatement("$T.arraycopy(xdots, d * $L, dir, 0, $L)", System.class, m, m)
                        .addStatement("$N(x, dir, y, s)", sweep)
                        .addStatement("ydots[d] = s[$L]", dy)
                        .endControlFlow()
                        .build());
            }
            if (jacobian) {
                out.add(publicMethod("jacobianForward", "The Jacobian (one row) by forward mode, one tangent sweep per "
                        + "input.")
                        .addParameter(DA, "x", Modifier.FINAL).addParameter(DA, "y", Modifier.FINAL)
                        .addParameter(DA, "jacobian", Modifier.FINAL)
                        .addCode(lengths(Integer.toString(m), "x"))
                        .addCode(lengths("1", "y"))
                        .addCode(lengths(Integer.toString(m), "jacobian"))
                        .addStatement("final double[] s = $N.get()", RolledMethods.FIELD)
                        .addStatement("final double[] dir = $N.get()", DIRECTION)
                        .addStatement("$T.fill(dir, 0.0)", Arrays.class)
                        .beginControlFlow("for (int d = 0; d < $L; d++)", m)
                        .addStatement("dir[d] = 1.0")
                        .addStatement("$N(x, dir, y, s)", sweep)
                        .addStatement("dir[d] = 0.0")
                        .addStatement("jacobian[d] = s[$L]", dy)
                        .endControlFlow()
                        .build());
            }
        } else {
            out.addAll(tangentLoops);
            out.addAll(tangentSteps);
        }

        if (hessian) {
            out.addAll(hessianMethods(r, m, earlyLoops, cls));
        }
        return out;
    }

    private static List<MethodSpec> hessianMethods(Rolling r, int m, List<MethodSpec> earlyLoops, ClassContext cls) {
        Tangents t = r.tangents();
        int sums = r.sums();
        List<MethodSpec> out = new ArrayList<>();
        MethodPlan.Param x = MethodPlan.Param.array("x", Integer.toString(m));
        MethodPlan.Param s = MethodPlan.Param.array("s", Integer.toString(bufferSize(r)));
        MethodPlan.Param v = MethodPlan.Param.array("v", Integer.toString(m));
        Map<String, Access> reads = Map.of(Derivatives.X, Access.plain("x").mapped(r.inputs()), Rolling.S, Access.plain("s"),
                Derivatives.V, Access.plain("v").mapped(r.inputs()), Tangents.SDOT, Access.at("s", 2 * sums));
        boolean seeded = r.loops().stream().anyMatch(RolledMethods::anySeeded) || !r.scans().isEmpty();
        String sweep = cls.allocateMethodName("hessianVectorSweep");
        String seeds = seeded ? cls.allocateMethodName("hessianVectorSeeds") : null;
        String rest = cls.allocateMethodName("hessianVectorRest");
        List<MethodSpec> loops = new ArrayList<>();
        for (int l = 0; l < r.loops().size(); l++) {
            loops.add(new LoopEmitter(r.loops().get(l), t.loops().get(l).hessian(), LoopEmitter.Form.HESSIAN, sums, cls)
                    .emit(cls.allocateMethodName("hessianVectorLoop" + (l + 1))));
        }
        List<MethodSpec> helpers = new ArrayList<>();
        CodeBlock.Builder body = CodeBlock.builder().addStatement("$T.fill(hv, 0.0)", Arrays.class);
        body.add(RolledMethods.calls(earlyLoops, List.of("x", "v", "s"), "hessianVectorEarly", helpers, cls));
        List<MethodSpec> scanMethods = new ArrayList<>();
        List<MethodSpec> backward = new ArrayList<>();
        for (int q = 0; q < r.scans().size(); q++) {
            ScanEmitter e = new ScanEmitter(r.scans().get(q), sums, cls);
            MethodSpec f = e.tangent(cls.allocateMethodName("hessianVectorScanForward" + (q + 1)), true);
            body.addStatement("$N(x, v, s, $N.get())", f, hessianTapeField(q));
            scanMethods.add(f);
            backward.add(e.hessianBackward(cls.allocateMethodName("hessianVectorScanBackward" + (q + 1))));
        }
        if (seeded) {
            body.addStatement("$N(x, s, v)", seeds);
        }
        body.add(RolledMethods.calls(loops, List.of("x", "v", "hv", "s"), "hessianVectorLoops", helpers, cls));
        for (int q = 0; q < backward.size(); q++) {
            body.addStatement("$N(x, v, hv, s, $N.get())", backward.get(q), hessianTapeField(q));
        }
        scanMethods.addAll(backward);
        body.addStatement("return $N(x, s, v, hv)", rest);
        out.add(MethodSpec.methodBuilder(sweep).addModifiers(Modifier.PRIVATE).returns(double.class)
                .addJavadoc("One Hessian-vector sweep: writes {@code hv = H v}, returns {@code f(x)}.\n")
                .addParameter(DA, "x", Modifier.FINAL).addParameter(DA, "v", Modifier.FINAL)
                .addParameter(DA, "hv", Modifier.FINAL).addParameter(DA, "s", Modifier.FINAL)
                .addCode(body.build())
                .build());
        out.addAll(helpers);
        if (seeded) {
            out.addAll(helper(seeds, "The adjoints of the loop sums into {@code s[" + sums + " ..]}, and their tangents "
                            + "along {@code v} into {@code s[" + 3 * sums + " ..]}.", t.seeds(), List.of(x, s, v), reads,
                    Map.of(Rolling.SBAR, Access.at("s", sums), "d" + Rolling.SBAR, Access.at("s", 3 * sums)), null,
                    cls));
        }
        out.addAll(loops);
        out.addAll(scanMethods);
        out.addAll(helper(rest, "The rest of {@link #" + sweep + "}: f from the loop sums, and the tangents of the "
                        + "adjoints of the inputs f reads outside the loops.", t.rest(),
                List.of(x, s, v, MethodPlan.Param.array("hv", Integer.toString(m))), reads,
                Map.of(Derivatives.DGRAD, Access.adding("hv").mapped(r.inputs())), Derivatives.Y, cls));
        out.add(publicMethod("hessianVector", "Forward over reverse: {@code hv = H v}; returns {@code f(x)}. The loops "
                + "sum the terms' second-order parts.")
                .returns(double.class)
                .addParameter(DA, "x", Modifier.FINAL).addParameter(DA, "v", Modifier.FINAL)
                .addParameter(DA, "hv", Modifier.FINAL)
                .addCode(lengths(Integer.toString(m), "x", "v", "hv"))
                .addStatement("return $N(x, v, hv, $N.get())", sweep, RolledMethods.FIELD)
                .build());
        if ((long) m * m > Integer.MAX_VALUE - 8) {
            // m * m elements do not fit in one Java array: the dense Hessian cannot be asked for.
            out.add(publicMethod("hessian", "The dense Hessian has " + m + "^2 elements, more than a Java array holds: "
                    + "use {@link #hessianVector} (or {@code CompiledFunction.hessianSparse}).")
                    .returns(double.class)
                    .addParameter(DA, "x", Modifier.FINAL).addParameter(DA, "hessian", Modifier.FINAL)
                    .addStatement("throw new $T($S)", IllegalArgumentException.class, "the dense Hessian of " + m
                            + " inputs has " + ((long) m * m) + " elements, more than a Java array holds; use hessianVector "
                            + "(or CompiledFunction.hessianSparse)")
                    .build());
            return out;
        }
        out.add(publicMethod("hessian", "The Hessian, forward over reverse, one Hessian-vector sweep per input; "
                + "returns {@code f(x)}.")
                .returns(double.class)
                .addParameter(DA, "x", Modifier.FINAL).addParameter(DA, "hessian", Modifier.FINAL)
                .addCode(lengths(Integer.toString(m), "x"))
                .addCode(lengths(Long.toString((long) m * m), "hessian"))
                .addStatement("final double[] s = $N.get()", RolledMethods.FIELD)
                .addStatement("final double[] dir = $N.get()", DIRECTION)
                .addStatement("final double[] row = $N.get()", ROW)
                .addStatement("$T.fill(dir, 0.0)", Arrays.class)
                .addStatement("double y = 0.0")
                .beginControlFlow("for (int d = 0; d < $L; d++)", m)
                .addStatement("dir[d] = 1.0")
                .addStatement("y = $N(x, dir, row, s)", sweep)
                .addStatement("dir[d] = 0.0")
                .addStatement("$T.arraycopy(row, 0, hessian, d * $L, $L)", System.class, m, m)
                .endControlFlow()
                .addStatement("return y")
                .build());
        return out;
    }

    private static MethodSpec.Builder publicMethod(String name, String javadoc) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addJavadoc("$L\n", javadoc);
    }

    private static CodeBlock lengths(int length, String... arrays) {
        return lengths(Integer.toString(length), arrays);
    }

    private static CodeBlock lengths(String length, String... arrays) {
        CodeBlock.Builder c = CodeBlock.builder();
        for (String a : arrays) {
            c.addStatement("$T.length($N, $L, $S)", Checks.class, a, length, a);
        }
        return c.build();
    }

    /** A straight-line private helper ({@link MethodEmitter}) of one of the residual's tangent graphs. */
    private static List<MethodSpec> helper(String name, String javadoc, Graph graph, List<MethodPlan.Param> params,
                                           Map<String, Access> reads, Map<String, Access> writes, String returns,
                                           ClassContext cls) {
        return new MethodEmitter(new MethodPlan(name, javadoc, graph, params, reads, writes, returns, null, true), cls)
                .emit();
    }
}

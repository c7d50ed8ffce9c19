package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.fluxion.compiler.diff.DerivativeKind;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.Leaf;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Printer;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.roll.Rolling;
import dev.fluxion.compiler.roll.Tangents;
import dev.fluxion.runtime.Checks;
import dev.fluxion.runtime.Constants;
import dev.fluxion.runtime.DifferentiableFunction;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.Names;
import dev.fluxion.runtime.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Builds the Java source of a generated class with JavaPoet: a final class implementing
 * {@link DifferentiableFunction} whose methods are the straight-line code of the value
 * and derivative graphs. Output is deterministic: the same program and options give
 * byte-identical source. The generated code depends on the runtime jar only.
 */
public final class ClassEmitter {

    private ClassEmitter() {
    }

    /**
     * The source of class {@code packageName.className} for {@code program}, whose
     * {@code jacobian} method (with the JACOBIAN capability) picks its mode from the shape.
     */
    public static String emit(Program program, Derivatives d, Set<Capability> capabilities, String packageName,
                              String className) {
        return emit(program, d, capabilities, packageName, className,
                program.inputCount() < program.outputCount());
    }

    /**
     * The source of class {@code packageName.className} for {@code program}.
     *
     * @param forwardJacobian whether the generated {@code jacobian} method (with the
     *                        JACOBIAN capability) sweeps forward, else in reverse
     */
    public static String emit(Program program, Derivatives d, Set<Capability> capabilities, String packageName,
                              String className, boolean forwardJacobian) {
        return emit(program, d, null, capabilities, packageName, className, forwardJacobian);
    }

    /**
     * The source of class {@code packageName.className} for {@code program}, whose value and
     * gradient methods loop over the re-rolled sums of {@code rolling} (null: straight-line code).
     *
     * @param forwardJacobian whether the generated {@code jacobian} method (with the
     *                        JACOBIAN capability) sweeps forward, else in reverse
     */
    public static String emit(Program program, Derivatives d, Rolling rolling, Set<Capability> capabilities,
                              String packageName, String className, boolean forwardJacobian) {
        if (!SourceVersion.isName(packageName) && !packageName.isEmpty()) {
            throw new IllegalArgumentException("not a Java package name: " + packageName);
        }
        if (!SourceVersion.isIdentifier(className) || SourceVersion.isKeyword(className)) {
            throw new IllegalArgumentException("not a Java class name: " + className);
        }
        int m = program.inputCount();
        int n = program.outputCount();
        SharedCode shared = SharedCode.of(plans(program, d, capabilities), m, n);
        List<MethodPlan> plans = new ArrayList<>(shared.plans());
        boolean rolledGradient = false;
        List<Graph> graphs = new ArrayList<>();
        boolean rolledJvp = false;
        boolean rolledJacobian = false;
        boolean rolledHessian = false;
        Tangents tangents = rolling == null ? null : rolling.tangents();
        if (rolling != null) {
            // the loops replace every straight-line method of a scalar function (d need not hold their graphs)
            plans.removeIf(p -> List.of("value", "gradient", "jvp", "jvpMany", "jacobianForward", "hessianVector",
                    "hessian").contains(p.name()));
            rolledGradient = capabilities.contains(Capability.GRADIENT);
            rolledJvp = capabilities.contains(Capability.JVP);
            rolledJacobian = capabilities.contains(Capability.JACOBIAN);
            rolledHessian = capabilities.contains(Capability.HESSIAN);
            if ((rolledJvp || rolledJacobian || rolledHessian) && tangents == null
                    || rolledHessian && !tangents.secondOrder()) {
                throw new IllegalArgumentException("the rolling lacks the tangent graphs " + capabilities + " need");
            }
            graphs.addAll(List.of(rolling.residual(), rolling.seeds(), rolling.rest()));
            rolling.loops().forEach(l -> graphs.addAll(List.of(l.value(), l.gradient())));
            rolling.scans().forEach(q -> {
                graphs.addAll(List.of(q.value(), q.adjoint()));
                if (q.split() != null) {
                    graphs.addAll(List.of(q.split().step(), q.split().adjoint(), q.split().record()));
                    if (q.split().tangent() != null) {
                        graphs.add(q.split().tangent());
                    }
                }
                if (q.tangent() != null) {
                    graphs.add(q.tangent());
                }
                if (q.hessian() != null) {
                    graphs.add(q.hessian());
                }
            });
        }
        if (tangents != null) {
            graphs.add(tangents.residual());
            if (tangents.secondOrder()) {
                graphs.addAll(List.of(tangents.seeds(), tangents.rest()));
            }
            for (Tangents.Templates t : tangents.loops()) {
                graphs.add(t.tangent());
                if (t.hessian() != null) {
                    graphs.add(t.hessian());
                }
            }
        }
        boolean rolledTangents = rolledJvp || rolledJacobian || rolledHessian;
        plans.forEach(p -> graphs.add(p.graph()));
        ClassContext cls = new ClassContext(List.of(ClassContext.CONSTANTS, "inputCount", "outputCount", "inputNames", "outputNames",
                "supports", "value", "gradient", "vjp", "jvp", "jvpMany", "jacobianForward", "jacobianReverse",
                "jacobian", "hessianVector", "hessian"), distinctConstants(graphs) > INLINE_CONSTANTS);
        TypeSpec.Builder type = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(DifferentiableFunction.class)
                .addJavadoc("$L: $L input$L, $L output$L. Generated by Fluxion; do not edit.\n"
                        + "<p>Thread-safe: instances hold no state shared between calls.\n",
                        program.name(), m, m == 1 ? "" : "s", n, n == 1 ? "" : "s");
        List<String> declared = dev.fluxion.compiler.ir.Labels.declarations(program.inputNames());
        boolean namesByDeclaration = declared != null && program.inputNames().size() > INLINE_NAMES;
        if (!namesByDeclaration) {
            type.addField(FieldSpec.builder(ArrayTypeName.of(String.class), "INPUT_NAMES", Modifier.PRIVATE,
                    Modifier.STATIC, Modifier.FINAL).initializer(stringArray(program.inputNames())).build());
        }
        type.addField(FieldSpec.builder(ArrayTypeName.of(String.class), "OUTPUT_NAMES", Modifier.PRIVATE,
                Modifier.STATIC, Modifier.FINAL).initializer(stringArray(program.outputNames())).build());
        type.addMethod(simple("inputCount", TypeName.INT, CodeBlock.of("return $L", m)));
        type.addMethod(simple("outputCount", TypeName.INT, CodeBlock.of("return $L", n)));
        // The names of a million array elements are made when asked for, from the declarations.
        type.addMethod(simple("inputNames", ArrayTypeName.of(String.class), namesByDeclaration
                ? CodeBlock.of("return $L", stringArray(program.inputNames())) : CodeBlock.of("return $T.copy(INPUT_NAMES)", Names.class)));
        type.addMethod(simple("outputNames", ArrayTypeName.of(String.class), CodeBlock.of("return $T.copy(OUTPUT_NAMES)", Names.class)));
        type.addMethod(supports(capabilities));
        dataMembers(program, className, cls, type);
        List<MethodSpec> methods = new ArrayList<>();
        if (rolling != null) {
            methods.addAll(RolledMethods.emit(rolling, m, rolledGradient, cls));
        }
        if (rolledTangents) {
            methods.addAll(RolledTangentMethods.emit(rolling, m, rolledJvp, rolledJacobian, rolledHessian, cls));
        }
        for (MethodPlan plan : plans) {
            methods.addAll(new MethodEmitter(plan, cls).emit());
        }
        methods.addAll(shared.callers());
        boolean reverse = capabilities.contains(Capability.GRADIENT) || capabilities.contains(Capability.JACOBIAN)
                || capabilities.contains(Capability.HESSIAN);
        if (n == 1 && (d.get(DerivativeKind.GRADIENT) != null || rolling != null && reverse)) {
            methods.addAll(scalarReverse(m, capabilities));
        }
        for (String missing : missing(plans, methods)) {
            methods.add(unsupported(missing, n));
        }
        if (capabilities.contains(Capability.JACOBIAN)) {
            methods.add(jacobian(forwardJacobian, m, n));
        }
        if (cls.tabulatesConstants()) {
            List<String> texts = cls.constantTable().stream().map(v -> Double.toString(v)).toList();
            type.addField(FieldSpec.builder(double[].class, ClassContext.CONSTANTS, Modifier.PRIVATE, Modifier.STATIC,
                            Modifier.FINAL)
                    .addJavadoc("The $L distinct constants, too many to write inline (see {@link $T}).\n",
                            texts.size(), Constants.class)
                    .initializer(chunked(Constants.class, "parse", texts)).build());
        }
        for (Map.Entry<String, double[]> t : cls.tables().entrySet()) {
            List<String> texts = java.util.Arrays.stream(t.getValue()).mapToObj(Double::toString).toList();
            type.addField(FieldSpec.builder(double[].class, t.getKey(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The constant that changes from term to term of a loop, one per iteration.\n")
                    .initializer(chunked(Constants.class, "parse", texts)).build());
        }
        if (rolling != null && !rolledTangents) {
            type.addField(FieldSpec.builder(Workspace.class, RolledMethods.FIELD, Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("The loop sums ($L), then their adjoints, one buffer per thread.\n", rolling.sums())
                    .initializer("new $T($L)", Workspace.class, RolledMethods.bufferSize(rolling)).build());
        }
        if (rolledTangents) {
            type.addField(FieldSpec.builder(Workspace.class, RolledMethods.FIELD, Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("The loop sums ($L), their adjoints, the sums' tangents, the adjoints' tangents, and the "
                            + "tangent of f; one buffer per thread.\n", rolling.sums())
                    .initializer("new $T($L)", Workspace.class, RolledTangentMethods.bufferSize(rolling)).build());
            type.addField(FieldSpec.builder(Workspace.class, RolledTangentMethods.DIRECTION, Modifier.PRIVATE,
                            Modifier.FINAL)
                    .addJavadoc("The direction of one tangent sweep, one buffer per thread.\n")
                    .initializer("new $T($L)", Workspace.class, m).build());
        }
        for (int q = 0; rolling != null && q < rolling.scans().size(); q++) {
            dev.fluxion.compiler.roll.ScanLoop scan = rolling.scans().get(q);
            if (scan.split() != null) {
                type.addField(FieldSpec.builder(Workspace.class, ScanSplitEmitter.workField(q), Modifier.PRIVATE,
                                Modifier.FINAL)
                        .addJavadoc("The work array of loop $L's step methods, one per thread.\n", q + 1)
                        .initializer("new $T($L)", Workspace.class, ScanSplitEmitter.workSize(scan)).build());
            }
        }
        for (int q = 0; rolledGradient && q < rolling.scans().size(); q++) {
            dev.fluxion.compiler.roll.ScanLoop scan = rolling.scans().get(q);
            if (scan.binomial()) {
                type.addField(FieldSpec.builder(int[].class, ScanEmitter.planField(q), Modifier.PRIVATE, Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc("The binomial checkpointing plan of loop $L: $L steps, $L snapshots ($L steps run "
                                + "forward again).\n", q + 1, scan.count(), scan.snapshots(), scan.recomputedSteps())
                        .initializer("$T.plan($L, $L)", dev.fluxion.runtime.Revolve.class, scan.count(), scan.snapshots())
                        .build());
            }
            type.addField(FieldSpec.builder(Workspace.class, RolledMethods.tapeField(q), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("The tape of the reverse sweep of loop $L, one per thread: $L\n", q + 1, scan.binomial()
                            ? (scan.snapshots() + 1) + " snapshots of the " + scan.width() + " carries." : scan.checkpointed()
                            ? "the carries (" + scan.width() + ") at every " + scan.checkpoints() + "th step, then one segment's "
                            + scan.checkpoints() + " steps of " + scan.stepWidth() + " doubles (each step recomputed once)."
                            : scan.count() + " steps of " + scan.stepWidth() + " doubles (" + scan.width() + " carries, "
                            + scan.taped().length + " values the backward loop reads).")
                    .initializer("new $T($L)", Workspace.class, scan.tapeDoubles()).build());
        }
        for (int q = 0; rolledHessian && q < rolling.scans().size(); q++) {
            dev.fluxion.compiler.roll.ScanLoop scan = rolling.scans().get(q);
            type.addField(FieldSpec.builder(Workspace.class, RolledTangentMethods.hessianTapeField(q), Modifier.PRIVATE,
                            Modifier.FINAL)
                    .addJavadoc("The tape of the Hessian-vector sweep of loop $L, one per thread: $L steps of $L carries "
                            + "and their tangents.\n", q + 1, scan.count(), scan.width())
                    .initializer("new $T($L)", Workspace.class, 2L * scan.count() * scan.width()).build());
        }
        if (rolledHessian) {
            type.addField(FieldSpec.builder(Workspace.class, RolledTangentMethods.ROW, Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("The row of the Hessian one sweep computes, one buffer per thread.\n")
                    .initializer("new $T($L)", Workspace.class, m).build());
        }
        if (cls.scratchUsed()) {
            type.addField(FieldSpec.builder(Workspace.class, "workspace", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Scratch for values that cross from one part method to the next, one buffer per thread.\n")
                    .initializer("new $T($L)", Workspace.class, cls.scratch()).build());
        }
        methods.sort((a, b) -> Integer.compare(order(a.name), order(b.name)));
        type.addMethods(methods);
        JavaFile file = JavaFile.builder(packageName, type.build())
                .addFileComment("$L", header(program))
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        return file.toString();
    }

    /** Graphs above this many nodes are not printed into the file comment. */
    private static final int PRINTED_PROGRAM_NODES = 400;

    private static String header(Program program) {
        Graph g = program.graph();
        if (g.size() > PRINTED_PROGRAM_NODES) {
            return "Generated by Fluxion from program " + program.name() + " (" + g.size() + " nodes, "
                    + g.operationCount() + " operations; too large to print here).";
        }
        return "Generated by Fluxion from this program (printed from its IR):\n\n"
                + Printer.program(program).stripTrailing();
    }

    /** Public methods in interface order, each followed by its parts. */
    private static int order(String name) {
        List<String> main = List.of("value", "gradient", "vjp", "jvp", "jvpMany", "jacobianForward",
                "jacobianReverse", "jacobian", "hessianVector", "hessian");
        String base = name.replaceAll("Part\\d+(_+)?$", "");
        int i = main.indexOf(base);
        if (i < 0 && name.matches("(value|gradient|jvp|hessianVector)(Loops?\\d+|Rest|Seeds|Sweep|Early\\d+).*")) {
            String owner = name.startsWith("value") ? "value" : name.startsWith("gradient") ? "gradient"
                    : name.startsWith("jvp") ? "jvp" : "hessianVector";
            return main.indexOf(owner) * 100000;  // helpers, in emission order
        }
        int part = name.equals(base) ? 0 : Integer.parseInt(name.substring(base.length() + 4).replaceAll("_+$", ""));
        return (i < 0 ? 99 : i) * 100000 + part;
    }

    private static List<MethodPlan> plans(Program p, Derivatives d, Set<Capability> caps) {
        int m = p.inputCount();
        int n = p.outputCount();
        String sm = Integer.toString(m);
        String sn = Integer.toString(n);
        List<MethodPlan> plans = new ArrayList<>();
        if (caps.contains(Capability.VALUE)) {
            plans.add(new MethodPlan("value", "Computes {@code y = f(x)}.", d.value(),
                    List.of(MethodPlan.Param.array("x", sm), MethodPlan.Param.array("y", sn)),
                    Map.of(Derivatives.X, Access.plain("x")), Map.of(Derivatives.Y, Access.plain("y")), null, null));
        }
        Graph grad = d.get(DerivativeKind.GRADIENT);
        if (grad != null && caps.contains(Capability.GRADIENT)) {
            plans.add(new MethodPlan("gradient", "Reverse mode: writes the gradient, returns {@code f(x)}.", grad,
                    List.of(MethodPlan.Param.array("x", sm), MethodPlan.Param.array("grad", sm)),
                    Map.of(Derivatives.X, Access.plain("x")), Map.of(Derivatives.GRAD, Access.plain("grad")),
                    Derivatives.Y, null));
        }
        Graph vjp = d.get(DerivativeKind.VJP);
        if (vjp != null && caps.contains(Capability.GRADIENT)) {
            plans.add(new MethodPlan("vjp", "Reverse mode: {@code y = f(x)}, {@code xbar = ybar^T J}.", vjp,
                    List.of(MethodPlan.Param.array("x", sm), MethodPlan.Param.array("ybar", sn),
                            MethodPlan.Param.array("y", sn), MethodPlan.Param.array("xbar", sm)),
                    Map.of(Derivatives.X, Access.plain("x"), Derivatives.YBAR, Access.plain("ybar")),
                    Map.of(Derivatives.Y, Access.plain("y"), Derivatives.XBAR, Access.plain("xbar")), null, null));
        }
        Graph jvp = d.get(DerivativeKind.JVP);
        if (jvp != null && caps.contains(Capability.JVP)) {
            plans.add(jvpPlan(jvp, m, n));
            plans.add(jvpManyPlan(jvp, m, n));
        }
        if (caps.contains(Capability.JACOBIAN)) {
            plans.add(new MethodPlan("jacobianForward", "The Jacobian by forward mode, one tangent sweep per input.",
                    jvp, List.of(MethodPlan.Param.array("x", sm), MethodPlan.Param.array("y", sn),
                            MethodPlan.Param.array("jacobian", Integer.toString(n * m))),
                    Map.of(Derivatives.X, Access.plain("x"), Derivatives.XDOT, Access.unitVector()),
                    Map.of(Derivatives.Y, Access.plain("y"), Derivatives.DY, Access.strided("jacobian", m, 1)),
                    null, sm));
        }
        Graph jacobian = d.get(DerivativeKind.JACOBIAN);
        if (caps.contains(Capability.JACOBIAN) && jacobian != null) {
            plans.add(new MethodPlan("jacobianReverse", "The Jacobian by reverse mode, one adjoint sweep per output, "
                    + "written out: each sweep is seeded by its output alone and skips what only the others read.",
                    jacobian, List.of(MethodPlan.Param.array("x", sm), MethodPlan.Param.array("y", sn),
                            MethodPlan.Param.array("jacobian", Integer.toString(n * m))),
                    Map.of(Derivatives.X, Access.plain("x")),
                    Map.of(Derivatives.Y, Access.plain("y"), Derivatives.JAC, Access.plain("jacobian")), null, null));
        } else if (caps.contains(Capability.JACOBIAN) && vjp != null) {
            plans.add(new MethodPlan("jacobianReverse", "The Jacobian by reverse mode, one adjoint sweep per output.",
                    vjp, List.of(MethodPlan.Param.array("x", sm), MethodPlan.Param.array("y", sn),
                            MethodPlan.Param.array("jacobian", Integer.toString(n * m))),
                    Map.of(Derivatives.X, Access.plain("x"), Derivatives.YBAR, Access.unitVector()),
                    Map.of(Derivatives.Y, Access.plain("y"), Derivatives.XBAR, Access.strided("jacobian", 1, m)),
                    null, sn));
        }
        Graph hvp = d.get(DerivativeKind.HVP);
        if (hvp != null && caps.contains(Capability.HESSIAN)) {
            plans.add(new MethodPlan("hessianVector", "Forward over reverse: {@code hv = H v}; returns {@code f(x)}.",
                    hvp, List.of(MethodPlan.Param.array("x", sm), MethodPlan.Param.array("v", sm),
                            MethodPlan.Param.array("hv", sm)),
                    Map.of(Derivatives.X, Access.plain("x"), Derivatives.V, Access.plain("v")),
                    Map.of(Derivatives.DGRAD, Access.plain("hv")), Derivatives.Y, null));
            plans.add(new MethodPlan("hessian", "The Hessian, forward over reverse, one sweep per input; returns {@code f(x)}.",
                    hvp, List.of(MethodPlan.Param.array("x", sm),
                            MethodPlan.Param.array("hessian", Long.toString((long) m * m))),
                    Map.of(Derivatives.X, Access.plain("x"), Derivatives.V, Access.unitVector()),
                    Map.of(Derivatives.DGRAD, Access.strided("hessian", 1, m)), Derivatives.Y, sm));
        }
        return plans;
    }

    /** {@code jvpMany(x, xdots, k, y, ydots)}: the primal once, then one tangent sweep per direction. */
    static MethodPlan jvpManyPlan(Graph jvp, int m, int n) {
        return new MethodPlan("jvpMany",
                "Forward mode, {@code k} directions (rows of {@code xdots}) sharing one primal evaluation.", jvp,
                List.of(MethodPlan.Param.array("x", Integer.toString(m)), MethodPlan.Param.array("xdots", "k * " + m),
                        MethodPlan.Param.count("k"), MethodPlan.Param.array("y", Integer.toString(n)),
                        MethodPlan.Param.array("ydots", "k * " + n)),
                Map.of(Derivatives.X, Access.plain("x"), Derivatives.XDOT, Access.strided("xdots", 1, m)),
                Map.of(Derivatives.Y, Access.plain("y"), Derivatives.DY, Access.strided("ydots", 1, n)), null, "k");
    }

    /** {@code jvp(x, xdot, y, ydot)}: one tangent sweep. */
    static MethodPlan jvpPlan(Graph jvp, int m, int n) {
        String sm = Integer.toString(m);
        String sn = Integer.toString(n);
        return new MethodPlan("jvp", "Forward mode: {@code y = f(x)}, {@code ydot = J xdot}.", jvp,
                List.of(MethodPlan.Param.array("x", sm), MethodPlan.Param.array("xdot", sm),
                        MethodPlan.Param.array("y", sn), MethodPlan.Param.array("ydot", sn)),
                Map.of(Derivatives.X, Access.plain("x"), Derivatives.XDOT, Access.plain("xdot")),
                Map.of(Derivatives.Y, Access.plain("y"), Derivatives.DY, Access.plain("ydot")), null, null);
    }

    private static List<String> missing(List<MethodPlan> plans, List<MethodSpec> emitted) {
        List<String> all = new ArrayList<>(List.of("value", "gradient", "vjp", "jvp", "jvpMany", "jacobianForward",
                "jacobianReverse", "hessianVector", "hessian"));
        for (MethodPlan p : plans) {
            all.remove(p.name());
        }
        for (MethodSpec s : emitted) {
            all.remove(s.name);
        }
        return all;
    }

    /**
     * For a scalar function, the VJP and the reverse-mode Jacobian are the gradient (times
     * the seed): they call {@code gradient} rather than repeat the adjoint code.
     */
    private static List<MethodSpec> scalarReverse(int m, Set<Capability> caps) {
        TypeName da = ArrayTypeName.of(double.class);
        List<MethodSpec> out = new ArrayList<>();
        if (caps.contains(Capability.GRADIENT)) {
            out.add(MethodSpec.methodBuilder("vjp").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .addJavadoc("Reverse mode: {@code y = f(x)}, {@code xbar = ybar[0] * grad f(x)}.\n")
                    .addParameter(da, "x", Modifier.FINAL).addParameter(da, "ybar", Modifier.FINAL)
                    .addParameter(da, "y", Modifier.FINAL).addParameter(da, "xbar", Modifier.FINAL)
                    .addStatement("$T.length(ybar, 1, $S)", Checks.class, "ybar")
                    .addStatement("$T.length(y, 1, $S)", Checks.class, "y")
                    .addStatement("y[0] = gradient(x, xbar)")
                    .addStatement("final double seed = ybar[0]")
                    .beginControlFlow("for (int i = 0; i < $L; i++)", m)
                    .addStatement("xbar[i] = seed * xbar[i]")
                    .endControlFlow()
                    .build());
        }
        if (caps.contains(Capability.JACOBIAN) && caps.contains(Capability.GRADIENT)) {
            out.add(MethodSpec.methodBuilder("jacobianReverse").addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("The Jacobian (one row) by reverse mode: the gradient.\n")
                    .addParameter(da, "x", Modifier.FINAL).addParameter(da, "y", Modifier.FINAL)
                    .addParameter(da, "jacobian", Modifier.FINAL)
                    .addStatement("$T.length(y, 1, $S)", Checks.class, "y")
                    .addStatement("y[0] = gradient(x, jacobian)")
                    .build());
        }
        return out;
    }


    private static MethodSpec unsupported(String name, int outputs) {
        TypeName da = ArrayTypeName.of(double.class);
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
        switch (name) {
            case "value" -> m.addParameter(da, "x").addParameter(da, "y");
            case "gradient" -> m.returns(double.class).addParameter(da, "x").addParameter(da, "grad");
            case "vjp" -> m.addParameter(da, "x").addParameter(da, "ybar").addParameter(da, "y").addParameter(da, "xbar");
            case "jvp" -> m.addParameter(da, "x").addParameter(da, "xdot").addParameter(da, "y").addParameter(da, "ydot");
            case "jvpMany" -> m.addParameter(da, "x").addParameter(da, "xdots").addParameter(int.class, "k")
                    .addParameter(da, "y").addParameter(da, "ydots");
            case "jacobianForward", "jacobianReverse" -> m.addParameter(da, "x").addParameter(da, "y")
                    .addParameter(da, "jacobian");
            case "hessianVector" -> m.returns(double.class).addParameter(da, "x").addParameter(da, "v")
                    .addParameter(da, "hv");
            case "hessian" -> m.returns(double.class).addParameter(da, "x").addParameter(da, "hessian");
            default -> throw new IllegalArgumentException(name);
        }
        String why = (name.equals("gradient") || name.startsWith("hessian")) && outputs != 1
                ? name + " needs a function with one output; this one has " + outputs
                : name + " was not generated for this class; generate it with the matching capability";
        m.addStatement("throw new $T($S)", UnsupportedOperationException.class, why);
        return m.build();
    }

    /**
     * {@code jacobian(x, y, jacobian)}: the Jacobian in the mode fixed when the class was
     * generated, so code that uses a class generated at build time calls one method and
     * gets the mode its build configured (or the one the shape favours).
     */
    private static MethodSpec jacobian(boolean forward, int m, int n) {
        TypeName da = ArrayTypeName.of(double.class);
        return MethodSpec.methodBuilder("jacobian").addModifiers(Modifier.PUBLIC)
                .addJavadoc("The Jacobian ($L rows of $L) by $L mode, the mode chosen when this class was generated.\n",
                        n, m, forward ? "forward" : "reverse")
                .addParameter(da, "x").addParameter(da, "y").addParameter(da, "jacobian")
                .addStatement("$L(x, y, jacobian)", forward ? "jacobianForward" : "jacobianReverse")
                .build();
    }

    private static MethodSpec supports(Set<Capability> caps) {
        ClassName cap = ClassName.get(Capability.class);
        CodeBlock.Builder expr = CodeBlock.builder();
        List<Capability> list = new ArrayList<>(caps);
        list.sort(null);
        if (list.isEmpty()) {
            expr.add("false");
        }
        for (int i = 0; i < list.size(); i++) {
            expr.add(i == 0 ? "capability == $T.$L" : " || capability == $T.$L", cap, list.get(i).name());
        }
        return MethodSpec.methodBuilder("supports").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(boolean.class).addParameter(cap, "capability")
                .addStatement("return $L", expr.build()).build();
    }

    private static MethodSpec simple(String name, TypeName returns, CodeBlock body) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(returns).addStatement(body).build();
    }

    /** Names above this count are stored as comma-separated chunks (see {@link Names}). */
    private static final int INLINE_NAMES = 200;
    private static final int NAME_CHUNK_CHARS = 16000;

    /**
     * Classes with more distinct constants than this keep them in a table: each literal
     * takes two of the constant pool's 65,535 slots, which names, methods and index
     * literals share.
     */
    private static final int INLINE_CONSTANTS = 16_000;

    private static int distinctConstants(List<Graph> graphs) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Graph g : graphs) {
            for (int i = 0; i < g.size(); i++) {
                if (g.node(i).op() == Leaf.CONST) {
                    seen.add(Double.doubleToLongBits((Double) g.node(i).attr()));
                }
            }
        }
        return seen.size();
    }

    /** {@code Owner.method("a,b,...", "...")}: values as comma-separated string chunks. */
    private static CodeBlock chunked(Class<?> owner, String method, List<String> values) {
        CodeBlock.Builder b = CodeBlock.builder().add("$T.$N(", owner, method);
        StringBuilder chunk = new StringBuilder();
        boolean first = true;
        for (int i = 0; i <= values.size(); i++) {
            if (i == values.size() || chunk.length() + values.get(i).length() + 1 > NAME_CHUNK_CHARS) {
                b.add(first ? "$S" : ",\n        $S", chunk.toString());
                first = false;
                chunk.setLength(0);
            }
            if (i < values.size()) {
                chunk.append(chunk.length() == 0 ? "" : ",").append(values.get(i));
            }
        }
        return b.add(")").build();
    }

    /**
     * For a function with data parameters: a final field per data parameter, a constructor
     * leaving them unbound and a private one binding them, and {@code dataCount},
     * {@code dataNames}, {@code dataSizes} and {@code withData}. Methods read the data as
     * {@code this.data_X[...]} ({@link ClassContext#dataAccess}).
     */
    private static void dataMembers(Program program, String className, ClassContext cls, TypeSpec.Builder type) {
        List<Port> data = program.dataPorts();
        if (data.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<String> sizes = new ArrayList<>();
        MethodSpec.Builder unbound = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("An instance without data: bind them with {@link #withData} before computing.\n");
        MethodSpec.Builder bound = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
        CodeBlock.Builder args = CodeBlock.builder();
        for (int k = 0; k < data.size(); k++) {
            Port p = data.get(k);
            String name = Program.dataName(p);
            String field = "data_" + name;
            cls.dataField(2 + k, p.name(), field);
            List<String> declared = dev.fluxion.compiler.ir.Labels.declarations(p.labels());
            type.addField(FieldSpec.builder(double[].class, field, Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("Data $L, row-major ($L element$L), as bound; never differentiated.\n",
                            declared == null ? name : declared.get(0), p.size(), p.size() == 1 ? "" : "s").build());
            unbound.addStatement("this.$N = null", field);
            bound.addParameter(double[].class, field).addStatement("this.$N = $N", field, field);
            args.add(k == 0 ? "data[$L]" : ", data[$L]", k);
            names.add(name);
            sizes.add(Integer.toString(p.size()));
        }
        type.addField(FieldSpec.builder(ArrayTypeName.of(String.class), "DATA_NAMES", Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL).initializer(stringArray(names)).build());
        type.addField(FieldSpec.builder(int[].class, "DATA_SIZES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("{$L}", String.join(", ", sizes)).build());
        type.addMethod(unbound.build());
        type.addMethod(bound.build());
        type.addMethod(simple("dataCount", TypeName.INT, CodeBlock.of("return $L", data.size())));
        type.addMethod(simple("dataNames", ArrayTypeName.of(String.class), CodeBlock.of("return $T.copy(DATA_NAMES)", Names.class)));
        type.addMethod(simple("dataSizes", ArrayTypeName.of(int.class), CodeBlock.of("return new int[] {$L}",
                String.join(", ", sizes))));
        type.addMethod(MethodSpec.methodBuilder("withData").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(DifferentiableFunction.class).addParameter(double[][].class, "data").varargs(true)
                .addStatement("$T.data(data, DATA_NAMES, DATA_SIZES)", Checks.class)
                .addStatement("return new $N($L)", className, args.build()).build());
    }

    private static CodeBlock stringArray(List<String> values) {
        List<String> declared = dev.fluxion.compiler.ir.Labels.declarations(values);
        if (values.size() > INLINE_NAMES && declared != null) {
            CodeBlock.Builder b = CodeBlock.builder().add("$T.declared(", Names.class);
            for (int i = 0; i < declared.size(); i++) {
                b.add(i == 0 ? "$S" : ", $S", declared.get(i));
            }
            return b.add(")").build();
        }
        if (values.size() > INLINE_NAMES) {
            return chunked(Names.class, "split", values);
        }
        CodeBlock.Builder b = CodeBlock.builder().add("{");
        for (int i = 0; i < values.size(); i++) {
            b.add(i == 0 ? "$S" : ", $S", values.get(i));
        }
        return b.add("}").build();
    }
}

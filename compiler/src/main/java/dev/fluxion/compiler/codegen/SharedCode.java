package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.fluxion.runtime.Checks;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * One copy of a large derivative's code per class. {@code jvp}, {@code jvpMany} and
 * {@code jacobianForward} compute the same tangent graph, {@code hessian} the graph
 * {@code hessianVector} computes, each with its own straight-line copy. Above
 * {@link #OPERATIONS} operations a second copy costs more than it saves (a 10,000-deep chain's
 * Hessian-vector code is megabytes of Java, which JavaPoet writes and Janino compiles twice),
 * so the class keeps one:
 * <ul>
 *   <li>the forward group keeps {@code jvpMany}, whose primal part runs once for all its
 *       directions; {@code jvp} calls it with one direction, {@code jacobianForward} with the
 *       unit vectors, {@value #BLOCK} at a time (a sparse Jacobian's colors are one call, not one
 *       primal evaluation per color);</li>
 *   <li>{@code hessian} calls {@code hessianVector} once per input, with a unit vector.</li>
 * </ul>
 * The numbers are those of the copies (the same code runs), bit for bit.
 *
 * @param plans   the plans whose code is emitted
 * @param callers the methods that call one of them instead of carrying a copy
 */
record SharedCode(List<MethodPlan> plans, List<MethodSpec> callers) {

    /** Graphs above this many operations are emitted once per class. */
    static final int OPERATIONS = 2_000;

    SharedCode {
        plans = List.copyOf(plans);
        callers = List.copyOf(callers);
    }

    /** The plans of a class of m inputs and n outputs, with each large copy replaced by a caller. */
    static SharedCode of(List<MethodPlan> all, int m, int n) {
        List<MethodPlan> plans = new ArrayList<>(all);
        List<MethodSpec> callers = new ArrayList<>();
        MethodPlan many = find(plans, "jvpMany");
        MethodPlan forward = find(plans, "jacobianForward");
        MethodPlan tangents = many != null ? many : forward;
        if (tangents != null && large(tangents)) {
            MethodPlan one = find(plans, "jvp");
            if (many == null) {
                plans.add(ClassEmitter.jvpManyPlan(tangents.graph(), m, n));
            }
            if (one != null) {
                plans.remove(one);
            }
            callers.add(jvp(m, n));
            if (forward != null) {
                plans.remove(forward);
                callers.add(jacobianForward(m, n));
            }
        }
        MethodPlan hessian = find(plans, "hessian");
        if (hessian != null && find(plans, "hessianVector") != null && large(hessian)) {
            plans.remove(hessian);
            callers.add(hessian(m));
        }
        return new SharedCode(plans, callers);
    }

    private static boolean large(MethodPlan p) {
        return p.graph() != null && p.graph().operationCount() > OPERATIONS;
    }

    private static MethodPlan find(List<MethodPlan> plans, String name) {
        return plans.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private static MethodSpec.Builder method(String name, String javadoc) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addJavadoc(javadoc + "\n");
    }

    private static final TypeName DOUBLES = ArrayTypeName.of(double.class);

    /** {@code jvp}: {@code jvpMany} with one direction. */
    private static MethodSpec jvp(int m, int n) {
        return method("jvp", "Forward mode: {@code y = f(x)}, {@code ydot = J xdot}, by {@code jvpMany} with one "
                + "direction (the tangent code is too large to copy here).")
                .addParameter(DOUBLES, "x", Modifier.FINAL).addParameter(DOUBLES, "xdot", Modifier.FINAL)
                .addParameter(DOUBLES, "y", Modifier.FINAL).addParameter(DOUBLES, "ydot", Modifier.FINAL)
                .addStatement("$T.length(xdot, $L, $S)", Checks.class, m, "xdot")
                .addStatement("$T.length(ydot, $L, $S)", Checks.class, n, "ydot")
                .addStatement("jvpMany(x, xdot, 1, y, ydot)")
                .build();
    }

    /** The unit vectors {@code jacobianForward} passes to one {@code jvpMany}. */
    static final int BLOCK = 16;

    /** Most elements of a Java array. */
    private static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    /** A method whose dense result has more elements than a Java array holds: it says so. */
    private static MethodSpec tooLarge(MethodSpec.Builder b, String what, long elements, String instead) {
        return b.addStatement("throw new $T($S)", IllegalArgumentException.class, what + " has " + elements
                + " elements, more than a Java array holds; use " + instead).build();
    }

    /** {@code jacobianForward}: {@code jvpMany} along the unit vectors, {@link #BLOCK} inputs at a time. */
    private static MethodSpec jacobianForward(int m, int n) {
        MethodSpec.Builder b = method("jacobianForward", "The Jacobian by forward mode: {@code jvpMany} along the unit "
                + "vectors, " + BLOCK + " inputs at a time (the tangent code is too large to copy here).")
                .addParameter(DOUBLES, "x", Modifier.FINAL).addParameter(DOUBLES, "y", Modifier.FINAL)
                .addParameter(DOUBLES, "jacobian", Modifier.FINAL);
        if ((long) n * m > ARRAY_LIMIT) {
            return tooLarge(b, "the Jacobian of " + n + " outputs and " + m + " inputs", (long) n * m, "jvp");
        }
        b.addStatement("$T.length(jacobian, $L, $S)", Checks.class, (long) n * m, "jacobian");
        if (m == 0) {
            return b.addComment("no input: jvpMany with no direction computes y")
                    .addStatement("jvpMany(x, new double[0], 0, y, new double[0])").build();
        }
        int block = Math.min(BLOCK, m);
        return b.addStatement("final double[] full = new double[$L]", (long) block * m)
                .addStatement("final double[] out = new double[$L]", (long) block * n)
                .beginControlFlow("for (int i0 = 0; i0 < $L; i0 += $L)", m, block)
                .addStatement("final int k = Math.min($L, $L - i0)", block, m)
                .addComment("the last block may be shorter: jvpMany takes exactly k directions")
                .addStatement("final double[] xdots = k == $L ? full : new double[k * $L]", block, m)
                .addStatement("final double[] ydots = k == $L ? out : new double[k * $L]", block, n)
                .beginControlFlow("for (int d = 0; d < k; d++)")
                .addStatement("xdots[d * $L + i0 + d] = 1.0", m)
                .endControlFlow()
                .addStatement("jvpMany(x, xdots, k, y, ydots)")
                .beginControlFlow("for (int d = 0; d < k; d++)")
                .addStatement("xdots[d * $L + i0 + d] = 0.0", m)
                .beginControlFlow("for (int j = 0; j < $L; j++)", n)
                .addStatement("jacobian[j * $L + i0 + d] = ydots[d * $L + j]", m, n)
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** {@code hessian}: one {@code hessianVector} per input, along its unit vector. */
    private static MethodSpec hessian(int m) {
        MethodSpec.Builder b = method("hessian", "The Hessian, forward over reverse: one {@code hessianVector} per "
                + "input, along its unit vector (the code is too large to copy here); returns {@code f(x)}.")
                .returns(double.class)
                .addParameter(DOUBLES, "x", Modifier.FINAL).addParameter(DOUBLES, "hessian", Modifier.FINAL);
        if ((long) m * m > ARRAY_LIMIT) {
            return tooLarge(b, "the dense Hessian of " + m + " inputs", (long) m * m, "hessianVector");
        }
        b.addStatement("$T.length(hessian, $L, $S)", Checks.class, (long) m * m, "hessian")
                .addStatement("final double[] v = new double[$L]", m)
                .addStatement("final double[] hv = new double[$L]", m);
        if (m == 0) {
            return b.addStatement("return hessianVector(x, v, hv)").build();
        }
        return b.addStatement("double fx = 0.0")
                .beginControlFlow("for (int i = 0; i < $L; i++)", m)
                .addStatement("v[i] = 1.0")
                .addStatement("fx = hessianVector(x, v, hv)")
                .addStatement("v[i] = 0.0")
                .addStatement("$T.arraycopy(hv, 0, hessian, i * $L, $L)", System.class, m, m)
                .endControlFlow()
                .addStatement("return fx")
                .build();
    }
}

package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.fluxion.runtime.Checks;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * One copy of a large derivative's code per class. {@code jvpMany} and
 * {@code jacobianForward} compute the graph {@code jvp} computes, {@code hessian} the graph
 * {@code hessianVector} computes, each with its own straight-line copy that evaluates the
 * primal once for all directions. Above {@link #OPERATIONS} operations that copy costs more
 * than it saves (a 10,000-deep chain's Hessian-vector code is megabytes of Java, which
 * JavaPoet writes and Janino compiles twice): those methods then call the one method once
 * per direction, with a unit vector or a row of the directions, and recompute the primal
 * each time. The numbers are those of the copies (the same code runs), bit for bit.
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
            if (find(plans, "jvp") == null) {
                plans.add(ClassEmitter.jvpPlan(tangents.graph(), m, n));
            }
            if (many != null) {
                plans.remove(many);
                callers.add(jvpMany(m, n));
            }
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

    /** {@code jvpMany}: one {@code jvp} per row of {@code xdots}. */
    private static MethodSpec jvpMany(int m, int n) {
        return method("jvpMany", "Forward mode, {@code k} directions (rows of {@code xdots}): one {@code jvp} per "
                + "direction (the tangent code is too large to copy here).")
                .addParameter(DOUBLES, "x", Modifier.FINAL).addParameter(DOUBLES, "xdots", Modifier.FINAL)
                .addParameter(int.class, "k", Modifier.FINAL).addParameter(DOUBLES, "y", Modifier.FINAL)
                .addParameter(DOUBLES, "ydots", Modifier.FINAL)
                .addStatement("$T.count(k, $S)", Checks.class, "k")
                .addStatement("$T.length(xdots, k * $L, $S)", Checks.class, m, "xdots")
                .addStatement("$T.length(ydots, k * $L, $S)", Checks.class, n, "ydots")
                .addStatement("final double[] xdot = new double[$L]", m)
                .addStatement("final double[] ydot = new double[$L]", n)
                .addComment("k = 0 still computes y")
                .addStatement("jvp(x, xdot, y, ydot)")
                .beginControlFlow("for (int d = 0; d < k; d++)")
                .addStatement("$T.arraycopy(xdots, d * $L, xdot, 0, $L)", System.class, m, m)
                .addStatement("jvp(x, xdot, y, ydot)")
                .addStatement("$T.arraycopy(ydot, 0, ydots, d * $L, $L)", System.class, n, n)
                .endControlFlow()
                .build();
    }

    /** Most elements of a Java array. */
    private static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    /** A method whose dense result has more elements than a Java array holds: it says so. */
    private static MethodSpec tooLarge(MethodSpec.Builder b, String what, long elements, String instead) {
        return b.addStatement("throw new $T($S)", IllegalArgumentException.class, what + " has " + elements
                + " elements, more than a Java array holds; use " + instead).build();
    }

    /** {@code jacobianForward}: one {@code jvp} per input, along its unit vector. */
    private static MethodSpec jacobianForward(int m, int n) {
        MethodSpec.Builder b = method("jacobianForward", "The Jacobian by forward mode: one {@code jvp} per input, "
                + "along its unit vector (the tangent code is too large to copy here).")
                .addParameter(DOUBLES, "x", Modifier.FINAL).addParameter(DOUBLES, "y", Modifier.FINAL)
                .addParameter(DOUBLES, "jacobian", Modifier.FINAL);
        if ((long) n * m > ARRAY_LIMIT) {
            return tooLarge(b, "the Jacobian of " + n + " outputs and " + m + " inputs", (long) n * m, "jvp");
        }
        b.addStatement("$T.length(jacobian, $L, $S)", Checks.class, (long) n * m, "jacobian")
                .addStatement("final double[] xdot = new double[$L]", m)
                .addStatement("final double[] ydot = new double[$L]", n);
        if (m == 0) {
            b.addStatement("jvp(x, xdot, y, ydot)");
        }
        return b.beginControlFlow("for (int i = 0; i < $L; i++)", m)
                .addStatement("xdot[i] = 1.0")
                .addStatement("jvp(x, xdot, y, ydot)")
                .addStatement("xdot[i] = 0.0")
                .beginControlFlow("for (int j = 0; j < $L; j++)", n)
                .addStatement("jacobian[j * $L + i] = ydot[j]", m)
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

package dev.fluxion.compiler.diff;

/**
 * The naming convention of derivative values, after Griewank and the lecture's trace:
 * a primal value is {@code v3}, its tangent {@code dv3}, its adjoint {@code bv3}.
 */
public final class Naming {

    public static final String PRIMAL = "v";
    public static final String TANGENT = "d";
    public static final String ADJOINT = "b";

    private Naming() {
    }

    public static String primal(int index) {
        return PRIMAL + index;
    }

    /** The tangent of a value named {@code name}. */
    public static String tangent(String name) {
        return TANGENT + name;
    }

    /** The adjoint of a value named {@code name}. */
    public static String adjoint(String name) {
        return ADJOINT + name;
    }
}

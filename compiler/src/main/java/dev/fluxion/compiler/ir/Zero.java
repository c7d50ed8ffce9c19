package dev.fluxion.compiler.ir;

/**
 * The symbolic zero of a tangent or cotangent. A derivative rule that receives it
 * produces nothing, and a rule returns it instead of building {@code 0*x}; an input
 * nobody depends on ends with an exact zero gradient.
 */
public final class Zero {

    /** The node id that stands for symbolic zero. Never a real node. */
    public static final int ID = -1;

    private Zero() {
    }

    public static boolean is(int id) {
        return id == ID;
    }
}

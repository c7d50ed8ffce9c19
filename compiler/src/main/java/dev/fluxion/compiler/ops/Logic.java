package dev.fluxion.compiler.ops;

import com.squareup.javapoet.CodeBlock;
import dev.fluxion.compiler.ir.Notation;
import dev.fluxion.compiler.ir.Op;
import dev.fluxion.compiler.ir.Zero;
import java.util.List;
import java.util.Set;

/**
 * Conditions and the choice between two values: the comparisons {@code < <= > >= == !=},
 * {@code and}, {@code or}, {@code not}, and {@code where(c, a, b)}, which the conditional
 * {@code if c then a else b} lowers to (and which chooses per element on tensors).
 *
 * <p>A condition is a number that is 1 (true) or 0 (false). Comparisons and the logical ops
 * are piecewise constant: their derivative is 0 wherever it exists, and 0 is also what both
 * modes give at the jumps. {@code where} selects: its tangent is the tangent of the chosen
 * side, and the cotangent goes to the chosen side only; the other side receives an exact 0,
 * never {@code 0 * x}, so a side that is NaN or infinite where it is not chosen
 * ({@code sin(t)/t} at t = 0) reaches neither the value nor the derivative.
 */
public final class Logic {

    private Logic() {
    }

    /** a &lt; b. */
    public static final Op LT = comparison("<", (x, y) -> x < y);
    /** a &lt;= b. */
    public static final Op LE = comparison("<=", (x, y) -> x <= y);
    /** a > b. */
    public static final Op GT = comparison(">", (x, y) -> x > y);
    /** a >= b. */
    public static final Op GE = comparison(">=", (x, y) -> x >= y);
    /** a == b (exact; NaN equals nothing). */
    public static final Op EQ = comparison("==", (x, y) -> x == y);
    /** a != b (true when either is NaN). */
    public static final Op NE = comparison("!=", (x, y) -> x != y);

    /** c and d: 1 if both are true. Derivative 0. */
    public static final Op AND = ScalarOp.operator("and", 2, Notation.infix("and", Notation.CONJUNCTION))
            .eval(a -> a[0] != 0 && a[1] != 0 ? 1.0 : 0.0)
            .partials(ScalarOp.ZERO, ScalarOp.ZERO)
            .emit("($L != 0.0 && $L != 0.0 ? 1.0 : 0.0)")
            .build();

    /** c or d: 1 if either is true. Derivative 0. */
    public static final Op OR = ScalarOp.operator("or", 2, Notation.infix("or", Notation.DISJUNCTION))
            .eval(a -> a[0] != 0 || a[1] != 0 ? 1.0 : 0.0)
            .partials(ScalarOp.ZERO, ScalarOp.ZERO)
            .emit("($L != 0.0 || $L != 0.0 ? 1.0 : 0.0)")
            .build();

    /** not c: 1 if c is false. Derivative 0. */
    public static final Op NOT = ScalarOp.operator("not", 1, Notation.prefix("not "))
            .eval(a -> a[0] == 0 ? 1.0 : 0.0)
            .partials(ScalarOp.ZERO)
            .emit("($L == 0.0 ? 1.0 : 0.0)")
            .build();

    /**
     * where(c, a, b): a where c is true, else b; {@code if c then a else b} is this op. It
     * selects, so it is linear in (a, b) for a fixed c: the tangent is where(c, ta, tb) and the
     * transpose sends where(c, ct, 0) to a and where(c, 0, ct) to b; the condition gets none.
     */
    public static final Op WHERE = ScalarOp.call("where", 3)
            .eval(a -> a[0] != 0 ? a[1] : a[2])
            .linear((b, ans, x, t) -> Zero.is(t[1]) && Zero.is(t[2]) ? Zero.ID
                            : b.apply(Logic.WHERE, x[0], Algebra.materialize(b, t[1]), Algebra.materialize(b, t[2])),
                    (b, ans, x, ct) -> new int[] {Zero.ID,
                            b.apply(Logic.WHERE, x[0], ct, b.constant(0.0)),
                            b.apply(Logic.WHERE, x[0], b.constant(0.0), ct)})
            .choosesBy(0)
            .emit("($L != 0.0 ? $L : $L)")
            .build();

    /** The ops whose value is a condition (1 or 0): what {@code if}, {@code where} and the logical ops accept. */
    public static final Set<Op> CONDITIONS = Set.of(LT, LE, GT, GE, EQ, NE, AND, OR, NOT);

    private interface Test {
        boolean holds(double x, double y);
    }

    private static Op comparison(String symbol, Test test) {
        return ScalarOp.operator(symbol, 2, Notation.infix(symbol, Notation.COMPARISON))
                .eval(a -> test.holds(a[0], a[1]) ? 1.0 : 0.0)
                .partials(ScalarOp.ZERO, ScalarOp.ZERO)
                .emit(args -> CodeBlock.of("($L $L $L ? 1.0 : 0.0)", args.get(0), symbol, args.get(1)))
                .build();
    }

    /** The family, in table order. */
    public static List<Op> all() {
        return List.of(LT, LE, GT, GE, EQ, NE, AND, OR, NOT, WHERE);
    }
}

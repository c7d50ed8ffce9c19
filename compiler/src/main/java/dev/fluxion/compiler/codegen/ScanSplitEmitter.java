package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.roll.ScanLoop;
import dev.fluxion.compiler.roll.SplitStep;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Emits the methods of a {@link ScanLoop} whose body is too large for one loop body
 * ({@link SplitStep}): the step and its adjoint are straight-line methods of their own
 * ({@link MethodEmitter}, split into parts as any large method), and the loops fill a work array
 * with what changes from step to step and call them.
 *
 * <p>The work array ({@code work}, a per-thread buffer of the class) holds {@code in} (the moving
 * slots, the columns, the carries: n doubles), then the next carries (w), then {@code gin} (n, at
 * the positions of the moving slots and the carries), then the carries' cotangents (w), then the
 * tangents of {@code in} (n) and of the next carries (w), then the values a step's adjoint reads
 * from the tape (m), then the sums over the steps of the fixed slots' cotangents (f). The slots
 * that read the same input at every step (an LSTM's weights) are not copied: the step methods
 * read them from {@code x} (and their tangents from {@code xdot}).
 *
 * <pre>
 * value:    work.in = carries' starts; for i: the moving slots and the columns of step i;
 *           step(x, work); carries = next                                → s[carries]
 * forward:  as value with the recording step, storing every step's carries and the values its
 *           adjoint reads into {@code tape}
 * backward: hbar = s[R + carries]; gfixed = 0; for i from the last step: fill step i's inputs,
 *           carries and taped values from the tape; adjoint(x, work) (which adds the fixed slots'
 *           cotangents into gfixed); grad[x index] += gin of each moving slot; hbar = gin of the
 *           carries; after the loop grad[fixed inputs] += gfixed
 *           (checkpointed: the forward loop stores every k-th step's carries, and the backward loop
 *           first recomputes each segment's carries with step(x, work) from its checkpoint)
 * </pre>
 */
final class ScanSplitEmitter {

    /** The shortest run of fixed slots whose cotangents are added into the gradient by a loop. */
    private static final int MIN_RUN = 4;

    private final ScanLoop scan;
    private final SplitStep split;
    private final int sums;
    private final ClassContext cls;
    private final int n;
    private final int w;
    private final String workField;

    ScanSplitEmitter(ScanLoop scan, int q, int sums, ClassContext cls) {
        this.workField = workField(q);
        this.scan = scan;
        this.split = scan.split();
        this.sums = sums;
        this.cls = cls;
        this.w = scan.width();
        this.n = split.inputs(w);
    }

    /** The doubles of the work array: in, next, gin, hbar, the tangents of in and next, taped, gfixed. */
    static int workSize(ScanLoop scan) {
        int n = scan.split().inputs(scan.width());
        return 3 * n + 3 * scan.width() + scan.split().taped() + scan.split().fixed().length;
    }

    /** Where the sums of the fixed slots' cotangents sit in the work array. */
    private int gfixedAt() {
        return tapedAt() + split.taped();
    }

    /** Where the taped values of a step sit in the work array. */
    private int tapedAt() {
        return 3 * n + 3 * w;
    }

    /** The field holding scan {@code q}'s work array. */
    static String workField(int q) {
        return "scanWork" + (q + 1);
    }

    /** Where the carries start in the work array. */
    private int carries() {
        return split.moving().length + split.columns();
    }

    /** The parameters of a step method: {@code x}, {@code work} (and {@code xdot} for the tangent step). */
    private List<MethodPlan.Param> stepParams(boolean tangent) {
        MethodPlan.Param x = MethodPlan.Param.array("x", "x.length");
        MethodPlan.Param work = MethodPlan.Param.array("work", Integer.toString(workSize(scan)));
        return tangent ? List.of(x, MethodPlan.Param.array("xdot", "xdot.length"), work) : List.of(x, work);
    }

    /** The inputs of a step method: port in from {@code work}, the fixed slots from {@code x}. */
    private Map<String, Access> stepReads() {
        return Map.of(SplitStep.IN, Access.plain("work"), SplitStep.FIXED, Access.plain("x").mapped(split.fixedInputs()));
    }

    private static Map<String, Access> with(Map<String, Access> a, String k1, Access v1, String k2, Access v2) {
        Map<String, Access> m = new java.util.HashMap<>(a);
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** The step method (and its parts): {@code name(x, work)}, next carries from {@code in} and the fixed slots. */
    List<MethodSpec> step(String name) {
        return new MethodEmitter(new MethodPlan(name, "One step of " + describe() + ": the carries at its end from "
                + "its inputs, in {@code work}, and the slots that do not move, in {@code x}.", split.step(),
                stepParams(false), stepReads(), Map.of(Scan.NEXT, Access.at("work", n)), null, null, true), cls).emit();
    }

    /**
     * The adjoint method (and its parts): {@code name(x, work)}, {@code gin} from {@code in}, the
     * cotangents and the taped values; the fixed slots' cotangents added into their sums.
     */
    List<MethodSpec> adjoint(String name) {
        return new MethodEmitter(new MethodPlan(name, "The adjoint of one step of " + describe() + ": the cotangents "
                + "of its inputs from those of the carries at its end and the step's taped values, in {@code work}; "
                + "those of the slots that do not move are added into their sums at {@code work[" + gfixedAt() + " ..]}.",
                split.adjoint(), stepParams(false),
                with(stepReads(), SplitStep.HBAR, Access.at("work", 2 * n + w), SplitStep.TAPED, Access.at("work", tapedAt())),
                Map.of(SplitStep.GIN, Access.at("work", n + w).mapped(split.ginPositions(w)),
                        SplitStep.GFIXED, new Access("work", gfixedAt(), 1, 0, false, true)), null, null, true), cls).emit();
    }

    /** The recording step method (and its parts): {@code name(x, work)}, the next carries and the values to tape. */
    List<MethodSpec> record(String name) {
        return new MethodEmitter(new MethodPlan(name, "One step of " + describe() + " for the reverse sweep: the carries "
                + "at its end and the " + split.taped() + " values its adjoint reads, in {@code work}.", split.record(),
                stepParams(false), stepReads(),
                Map.of(Scan.NEXT, Access.at("work", n), SplitStep.TAPED, Access.at("work", tapedAt())), null, null, true),
                cls).emit();
    }

    /** {@code name(x, s, work)} (value) or {@code name(x, s, work, tape)} (forward, {@code tape} true). */
    MethodSpec forward(String name, String step, boolean tape) {
        CodeBlock.Builder c = CodeBlock.builder();
        for (int k = 0; k < w; k++) {
            c.addStatement("work[$L] = $L", carries() + k, start(k));
        }
        c.beginControlFlow("for (int i = 0; i < $L; i++)", scan.count());
        moving(c);
        if (tape && scan.checkpointed()) {
            c.beginControlFlow("if (i % $L == 0)", scan.checkpoints());
            c.addStatement("$T.arraycopy(work, $L, tape, i / $L * $L, $L)", System.class, carries(), scan.checkpoints(), w,
                    w);
            c.endControlFlow();
        } else if (tape) {
            c.addStatement("$T.arraycopy(work, $L, tape, i * $L, $L)", System.class, carries(), scan.stepWidth(), w);
        }
        c.addStatement("$N(x, work)", step);
        if (tape && !scan.checkpointed() && split.taped() > 0) {
            c.addStatement("$T.arraycopy(work, $L, tape, i * $L + $L, $L)", System.class, tapedAt(), scan.stepWidth(), w,
                    split.taped());
        }
        c.addStatement("$T.arraycopy(work, $L, work, $L, $L)", System.class, n, carries(), w);
        c.endControlFlow();
        c.addStatement("$T.arraycopy(work, $L, s, $L, $L)", System.class, carries(), scan.offset(), w);
        List<String> params = tape ? List.of("x", "s", "work", "tape") : List.of("x", "s", "work");
        return method(name, (tape ? "The forward loop of the reverse sweep of " : "Runs the loop ") + describe()
                + ", one call of {@link #" + step + "} per step" + (tape ? ", storing each step's carries into {@code tape}" : "")
                + ": the final carries into {@code s[" + scan.offset() + " ..]}.", params, c);
    }

    /** The tangent step method (and its parts): {@code name(x, xdot, work)}, next carries and their tangents. */
    List<MethodSpec> tangentStep(String name) {
        return new MethodEmitter(new MethodPlan(name, "One step of " + describe() + " with its tangents: the carries at "
                + "its end and their tangents from its inputs and theirs, in {@code work}, and the slots that do not "
                + "move and their tangents, in {@code x} and {@code xdot}.", split.tangent(), stepParams(true),
                with(stepReads(), SplitStep.INDOT, Access.at("work", 2 * n + 2 * w),
                        SplitStep.FIXEDDOT, Access.plain("xdot").mapped(split.fixedInputs())),
                Map.of(Scan.NEXT, Access.at("work", n), SplitStep.DNEXT, Access.at("work", 3 * n + 2 * w)),
                null, null, true), cls).emit();
    }

    /**
     * {@code name(x, xdot, s)}: the loop with the tangents of its carries along {@code xdot}, one
     * call of {@code step} per step: the final carries into {@code s[offset ..]}, their tangents
     * into {@code s[2R + offset ..]}.
     */
    MethodSpec tangent(String name, String step) {
        CodeBlock.Builder c = CodeBlock.builder();
        int dot = 2 * n + 2 * w;
        c.addStatement("final double[] work = $N.get()", workField);
        int moving = split.moving().length;
        c.addStatement("$T.fill(work, $L, $L, 0.0)", java.util.Arrays.class, dot + moving, dot + carries());
        for (int k = 0; k < w; k++) {
            Scan.Init start = scan.scan().init().get(k);
            c.addStatement("work[$L] = $L", carries() + k, start(k));
            c.addStatement("work[$L] = $L", dot + carries() + k,
                    !start.isConstant() && start.port() == 0 ? "xdot[" + start.index() + "]" : "0.0");
        }
        c.beginControlFlow("for (int i = 0; i < $L; i++)", scan.count());
        moving(c);
        for (int j = 0; j < moving; j++) {
            c.addStatement("work[$L] = xdot[$L]", dot + j, scan.slotIndex(split.moving()[j], "i"));
        }
        c.addStatement("$N(x, xdot, work)", step);
        c.addStatement("$T.arraycopy(work, $L, work, $L, $L)", System.class, n, carries(), w);
        c.addStatement("$T.arraycopy(work, $L, work, $L, $L)", System.class, dot + n, dot + carries(), w);
        c.endControlFlow();
        c.addStatement("$T.arraycopy(work, $L, s, $L, $L)", System.class, carries(), scan.offset(), w);
        c.addStatement("$T.arraycopy(work, $L, s, $L, $L)", System.class, dot + carries(), 2 * sums + scan.offset(), w);
        return method(name, "Runs the loop " + describe() + " with the tangents of its carries along {@code xdot}, one "
                + "call of {@link #" + step + "} per step: the final carries into {@code s[" + scan.offset()
                + " ..]}, their tangents into {@code s[" + (2 * sums + scan.offset()) + " ..]}.", List.of("x", "xdot", "s"), c);
    }

    /** {@code name(x, grad, s, work, tape)}: the backward loop, adding the slots' cotangents into {@code grad}. */
    MethodSpec backward(String name, String adjoint, String step) {
        CodeBlock.Builder c = CodeBlock.builder();
        int gin = n + w;
        int hbar = 2 * n + w;
        c.addStatement("$T.arraycopy(s, $L, work, $L, $L)", System.class, sums + scan.offset(), hbar, w);
        int fixed = split.fixed().length;
        if (fixed > 0) {
            c.addStatement("$T.fill(work, $L, $L, 0.0)", java.util.Arrays.class, gfixedAt(), gfixedAt() + fixed);
        }
        int width = scan.stepWidth();
        String at = "i * " + width;
        if (scan.checkpointed()) {
            // per segment from the last: its tape recomputed from its checkpoint into tape[segmentAt ..]
            int segmentAt = scan.segments() * w;
            c.beginControlFlow("for (int segment = $L; segment >= 0; segment--)", scan.segments() - 1);
            c.addStatement("final int first = segment * $L", scan.checkpoints());
            c.addStatement("final int end = $T.min(first + $L, $L)", Math.class, scan.checkpoints(), scan.count());
            c.addStatement("$T.arraycopy(tape, segment * $L, work, $L, $L)", System.class, w, carries(), w);
            c.beginControlFlow("for (int i = first; i < end; i++)");
            moving(c);
            c.addStatement("$T.arraycopy(work, $L, tape, $L + (i - first) * $L, $L)", System.class, carries(), segmentAt,
                    width, w);
            c.addStatement("$N(x, work)", step);
            if (split.taped() > 0) {
                c.addStatement("$T.arraycopy(work, $L, tape, $L + (i - first) * $L + $L, $L)", System.class, tapedAt(),
                        segmentAt, width, w, split.taped());
            }
            c.addStatement("$T.arraycopy(work, $L, work, $L, $L)", System.class, n, carries(), w);
            c.endControlFlow();
            c.beginControlFlow("for (int i = end - 1; i >= first; i--)");
            at = segmentAt + " + (i - first) * " + width;
        } else {
            c.beginControlFlow("for (int i = $L; i >= 0; i--)", scan.count() - 1);
        }
        moving(c);
        c.addStatement("$T.arraycopy(tape, $L, work, $L, $L)", System.class, at, carries(), w);
        if (split.taped() > 0) {
            c.addStatement("$T.arraycopy(tape, $L + $L, work, $L, $L)", System.class, at, w, tapedAt(), split.taped());
        }
        c.addStatement("$N(x, work)", adjoint);
        for (int j = 0; j < split.moving().length; j++) {
            c.addStatement("grad[$L] += work[$L]", scan.slotIndex(split.moving()[j], "i"), gin + j);
        }
        c.addStatement("$T.arraycopy(work, $L, work, $L, $L)", System.class, gin + carries(), hbar, w);
        c.endControlFlow();
        if (scan.checkpointed()) {
            c.endControlFlow();
        }
        addFixed(c);
        for (int k = 0; k < w; k++) {
            Scan.Init start = scan.scan().init().get(k);
            if (!start.isConstant() && start.port() == 0) {
                c.addStatement("grad[$L] += work[$L]", start.index(), hbar + k);
            }
        }
        return method(name, "The backward loop of the reverse sweep of " + describe() + ", one call of {@link #"
                + adjoint + "} per step from the last, each step's carries read from {@code tape}: adds the adjoints of the "
                + "inputs the body reads into {@code grad}, from the adjoints of the final carries at {@code s["
                + (sums + scan.offset()) + " ..]}.", List.of("x", "grad", "s", "work", "tape"), c);
    }

    /** Where carry k starts: its constant, the input or the data element. */
    private CodeBlock start(int k) {
        Scan.Init start = scan.scan().init().get(k);
        return start.isConstant() ? CodeBlock.of("$L", dev.fluxion.compiler.ir.Leaf.javaLiteral(start.constant()))
                : start.port() == 0 ? CodeBlock.of("x[$L]", start.index())
                : CodeBlock.of("this.$N[$L]", cls.dataField(start.port()), start.index());
    }

    /**
     * The sums of the fixed slots' cotangents into {@code grad}, once after the backward loop: a
     * loop over each run of consecutive inputs (the slots are ordered by input), a statement for a
     * run shorter than {@value #MIN_RUN}.
     */
    private void addFixed(CodeBlock.Builder c) {
        int[] inputs = split.fixedInputs();
        for (int start = 0, end; start < inputs.length; start = end) {
            end = start + 1;
            while (end < inputs.length && inputs[end] == inputs[end - 1] + 1) {
                end++;
            }
            if (end - start < MIN_RUN) {
                for (int j = start; j < end; j++) {
                    c.addStatement("grad[$L] += work[$L]", inputs[j], gfixedAt() + j);
                }
            } else {
                c.beginControlFlow("for (int k = 0; k < $L; k++)", end - start);
                c.addStatement("grad[$L] += work[$L + k]", inputs[start] == 0 ? "k" : inputs[start] + " + k",
                        gfixedAt() + start);
                c.endControlFlow();
            }
        }
    }

    /** Step i's moving slots and columns into the work array. */
    private void moving(CodeBlock.Builder c) {
        int[] moving = split.moving();
        for (int j = 0; j < moving.length; j++) {
            c.addStatement("work[$L] = x[$L]", j, scan.slotIndex(moving[j], "i"));
        }
        for (int k = 0; k < split.columns(); k++) {
            c.addStatement("work[$L] = $L", moving.length + k, ScanBody.column(scan.columns().get(k), cls));
        }
    }

    private MethodSpec method(String name, String javadoc, List<String> params, CodeBlock.Builder code) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).addJavadoc("$L\n", javadoc);
        for (String p : params) {
            m.addParameter(ArrayTypeName.of(double.class), p, Modifier.FINAL);
        }
        return m.addCode(code.build()).build();
    }

    /** {@code for t in 0..999} (carrying h, c), a body of N operations. */
    private String describe() {
        Scan s = scan.scan();
        String v = s.body().inputs().get(2).labels().get(0);
        return "{@code for " + v + " in " + s.first() + ".." + (s.first() + s.count() - 1L) + "} (" + s.width()
                + " carries, a body of " + s.body().operationCount() + " operations)";
    }
}

package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import dev.fluxion.compiler.diff.Derivatives;
import dev.fluxion.compiler.ir.Node;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.roll.ScanLoop;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits the methods of one {@link ScanLoop} (a {@code for} loop kept as a loop): Java loops over
 * the steps that update one local per carried variable, the body's straight-line code inside
 * (one {@code final double} per node, commented with what it computes). Nodes that do not change
 * from step to step are computed once before the loop.
 *
 * <pre>
 * value:    h = start; for i: h = body(h, x[.. i ..])                 → s[carries]
 * forward:  as value, storing every step's carries and taped values into {@code tape}
 *           (checkpointed: only the carries at every k-th step)
 * backward: hbar = s[R + carries]; for i from the last step: load the step's tape, run the
 *           cotangent part of the body's VJP, grad[x index] += slot cotangents, hbar = the
 *           cotangents of the carries at the step's start; grad[start input] += hbar
 *           (checkpointed: per segment from the last, recompute its tape from its checkpoint
 *           with the forward statements, then sweep it backward)
 * tangent:  h, dh = start, its tangent; for i: h, dh = body and its JVP  → s[carries], s[2R + carries]
 * Hessian-vector product (forward over reverse):
 *   forward:  the tangent loop along v, storing every step's carries and their tangents into a tape
 *   backward: hbar, dhbar = s[R + carries], s[3R + carries]; for i from the last step: load h, dh,
 *             run the JVP of the body's VJP, hv[x index] += the tangents of the slots' cotangents,
 *             hbar, dhbar = the cotangents of the carries at the step's start and their tangents
 * </pre>
 */
final class ScanEmitter {

    private final ScanLoop scan;
    /** R, the elements of port {@code s}: a carry's cotangent is at {@code s[R + offset + k]}. */
    private final int sums;
    private final ClassContext cls;

    /** The static field holding the binomial plan ({@link #planField}). */
    private final String plan;

    ScanEmitter(ScanLoop scan, int sums, ClassContext cls) {
        this(scan, 0, sums, cls);
    }

    /** The emitter of the scan numbered {@code q} (from 0) in its class. */
    ScanEmitter(ScanLoop scan, int q, int sums, ClassContext cls) {
        this.scan = scan;
        this.sums = sums;
        this.cls = cls;
        this.plan = planField(q);
    }

    // ------------------------------------------------------------------ the methods

    private static final int H = Scan.CARRY_PORT;

    /** The reads of the value and forward loops: slots from x, the columns, the carries' locals. */
    private static java.util.Map<Integer, ScanBody.Read> primalReads() {
        return java.util.Map.of(0, new ScanBody.Slot("x"), 2, new ScanBody.Columns(), H, new ScanBody.Local(""));
    }

    /** {@code name(x, s)}: the final carries into {@code s[offset ..]}. */
    MethodSpec value(String name) {
        ScanBody v = new ScanBody(scan, cls, scan.value(), List.of("x", "s"), primalReads());
        CodeBlock.Builder c = CodeBlock.builder();
        v.declareCarries(c);
        boolean[] need = ScanLoop.needed(v.g, v.g.output(Scan.NEXT).nodes());
        v.hoisted(c, need);
        c.beginControlFlow("for (int i = 0; i < $L; i++)", scan.count());
        v.varying(c, need);
        v.update(c, v.g.output(Scan.NEXT), v.local(H));
        c.endControlFlow();
        v.store(c, H, 0);
        return method(name, "Runs the loop " + describe() + ": its final carries into {@code s[" + scan.offset()
                + " ..]}.", List.of("x", "s"), c);
    }

    /**
     * {@code name(x, s, tape)}: the forward loop of the reverse sweep, the final carries into
     * {@code s[offset ..]}; every step's tape, or the checkpoints.
     */
    MethodSpec forward(String name) {
        ScanBody f = new ScanBody(scan, cls, scan.adjoint(), List.of("x", "s", "tape"), primalReads());
        CodeBlock.Builder c = CodeBlock.builder();
        f.declareCarries(c);
        List<Integer> roots = new ArrayList<>(f.g.output(Scan.NEXT).nodes());
        if (!scan.checkpointed() && !scan.binomial()) {
            for (int id : scan.taped()) {
                roots.add(id);
            }
        }
        boolean[] need = primal(f, roots);
        boolean[] recorded = null;
        if (scan.checkpointed()) {
            List<Integer> all = new ArrayList<>(roots);
            for (int id : scan.taped()) {
                all.add(id);
            }
            recorded = primal(f, all);
        }
        f.hoisted(c, recorded != null ? recorded : need);
        int last = scan.checkpointed() ? (scan.segments() - 1) * scan.checkpoints() : scan.count();
        c.beginControlFlow("for (int i = 0; i < $L; i++)", last);
        if (scan.binomial()) {
            f.varying(c, need);
        } else if (scan.checkpointed()) {
            c.beginControlFlow("if (i % $L == 0)", scan.checkpoints());
            c.addStatement("final int at = i / $L * $L", scan.checkpoints(), scan.width());
            f.storeStep(c, false);
            c.endControlFlow();
            f.varying(c, need);
            f.update(c, f.g.output(Scan.NEXT), f.local(H));
            c.endControlFlow();
            // the last segment: its checkpoint, and its tape recorded at once (the backward loop does not
            // recompute it)
            c.beginControlFlow("for (int i = $L; i < $L; i++)", last, scan.count());
            c.beginControlFlow("if (i == $L)", last);
            c.addStatement("final int at = $L", (scan.segments() - 1) * scan.width());
            f.storeStep(c, false);
            c.endControlFlow();
            c.addStatement("final int at = $L + (i - $L) * $L", scan.segments() * scan.width(), last, scan.stepWidth());
            f.storeStep(c, false);
            f.varying(c, recorded);
            f.storeStep(c, true);
        } else {
            c.addStatement("final int at = i * $L", scan.stepWidth());
            f.storeStep(c, false);
            f.varying(c, need);
            f.storeStep(c, true);
        }
        f.update(c, f.g.output(Scan.NEXT), f.local(H));
        c.endControlFlow();
        f.store(c, H, 0);
        String what = scan.binomial() ? "storing nothing (the backward loop's binomial plan starts from the "
                + "loop's start)" : scan.checkpointed()
                ? "storing the carries at every " + scan.checkpoints() + "th step into {@code tape} (" + scan.segments()
                        + " checkpoints of " + scan.width() + "), and the last segment's tape"
                : "storing each step's " + scan.width() + " carries and " + scan.taped().length
                        + " values the backward loop reads into {@code tape}";
        return method(name, "The forward loop of the reverse sweep of " + describe() + ", " + what
                + "; the final carries into {@code s[" + scan.offset() + " ..]}.", List.of("x", "s", "tape"), c);
    }

    /**
     * {@code name(x, grad, s, tape)}: the backward loop, from the carries' cotangents at
     * {@code s[R + offset ..]}, adding the slots' cotangents into {@code grad}.
     */
    MethodSpec backward(String name) {
        java.util.Map<Integer, ScanBody.Read> reads = new java.util.HashMap<>(primalReads());
        reads.put(ScanLoop.HBAR_PORT, new ScanBody.Local("b"));
        ScanBody a = new ScanBody(scan, cls, scan.adjoint(), List.of("x", "grad", "s", "tape", plan), reads);
        String[] bar = a.local(ScanLoop.HBAR_PORT);
        CodeBlock.Builder c = CodeBlock.builder();
        boolean[] cot = ScanLoop.cotangent(a.g);
        List<Integer> outs = new ArrayList<>(a.g.output(Derivatives.GRAD).nodes());
        outs.addAll(a.g.output(ScanLoop.HIN).nodes());
        boolean[] loaded = new boolean[a.g.size()];
        for (int id : scan.taped()) {
            loaded[id] = true;
        }
        // what the backward statements compute: from the outputs, the cotangent nodes and the leaves
        // they read; a taped value is loaded (what it reads is not), a primal node that does not change
        // from step to step is hoisted before the loop
        boolean[] reached = new boolean[a.g.size()];
        outs.forEach(id -> reached[id] = true);
        boolean[] back = new boolean[a.g.size()];
        boolean[] hoist = new boolean[a.g.size()];
        for (int i = a.g.size() - 1; i >= 0; i--) {
            if (!reached[i]) {
                continue;
            }
            if (loaded[i]) {
                back[i] = true;
                continue;
            }
            if (!cot[i] && !a.varying[i]) {
                hoist[i] = true;
            } else {
                back[i] = true;
            }
            Node n = a.g.node(i);
            for (int k = 0; k < n.arity(); k++) {
                reached[n.arg(k)] = true;
            }
        }
        for (int k = 0; k < scan.width(); k++) {
            c.addStatement("double $N = s[$L]", bar[k], sums + scan.offset() + k);
        }
        boolean[] forwardNeed = null;
        boolean[] advanceNeed = null;
        if (scan.binomial()) {
            advanceNeed = primal(a, a.g.output(Scan.NEXT).nodes());
        }
        if (scan.checkpointed() || scan.binomial()) {
            List<Integer> roots = new ArrayList<>(a.g.output(Scan.NEXT).nodes());
            for (int id : scan.taped()) {
                roots.add(id);
            }
            forwardNeed = primal(a, roots);
            for (int i = 0; i < a.g.size(); i++) {
                hoist[i] |= forwardNeed[i] && !a.varying[i];
            }
        }
        a.hoisted(c, hoist);
        Port grad = a.g.output(Derivatives.GRAD);
        String[] fixed = fixedSums(a, c, grad, "gradAt");
        if (scan.binomial()) {
            binomial(a, c, forwardNeed, advanceNeed);
        } else if (scan.checkpointed()) {
            int tapeAt = scan.segments() * scan.width();
            c.beginControlFlow("for (int segment = $L; segment >= 0; segment--)", scan.segments() - 1);
            c.addStatement("final int first = segment * $L", scan.checkpoints());
            c.addStatement("final int end = $T.min(first + $L, $L)", Math.class, scan.checkpoints(), scan.count());
            String[] carry = a.local(H);
            for (int k = 0; k < scan.width(); k++) {
                c.addStatement("double $N = tape[segment * $L + $L]", carry[k], scan.width(), k);
            }
            c.add("// recompute the segment's tape from its checkpoint (the forward loop recorded the last one's)\n");
            c.beginControlFlow("if (segment != $L)", scan.segments() - 1);
            c.beginControlFlow("for (int i = first; i < end; i++)");
            c.addStatement("final int at = $L + (i - first) * $L", tapeAt, scan.stepWidth());
            a.storeStep(c, false);
            a.varying(c, forwardNeed);
            a.storeStep(c, true);
            a.update(c, a.g.output(Scan.NEXT), carry);
            c.endControlFlow();
            c.endControlFlow();
            c.beginControlFlow("for (int i = end - 1; i >= first; i--)");
            c.addStatement("final int at = $L + (i - first) * $L", tapeAt, scan.stepWidth());
        } else {
            c.beginControlFlow("for (int i = $L; i >= 0; i--)", scan.count() - 1);
            c.addStatement("final int at = i * $L", scan.stepWidth());
        }
        if (scan.binomial()) {
            // the step was just run forward in this block: its carries are the carries' locals, and
            // what the forward statements computed is not computed again
            boolean[] pick = new boolean[a.g.size()];
            for (int i = 0; i < a.g.size(); i++) {
                pick[i] = back[i] && a.varying[i] && !forwardNeed[i];
            }
            a.statements(c, pick, i -> null);
        } else {
            a.read(H, new ScanBody.Taped(0, ""));
            boolean[] pick = new boolean[a.g.size()];
            for (int i = 0; i < a.g.size(); i++) {
                pick[i] = back[i] && a.varying[i];
            }
            a.statements(c, pick, i -> loaded[i] ? CodeBlock.of("tape[at + $L]", a.tapeSlot(i)) : null);
        }
        scatter(a, c, grad, fixed, "grad");
        a.update(c, a.g.output(ScanLoop.HIN), bar);
        c.endControlFlow();
        if (scan.checkpointed() || scan.binomial()) {
            c.endControlFlow();
        }
        finish(c, fixed, bar, "grad");
        String what = scan.binomial() ? "running the binomial checkpointing plan {@code " + plan + "}: advances from the snapshots, takes and restores them, and reverses one step at a time" : scan.checkpointed()
                ? "recomputing each segment of " + scan.checkpoints() + " steps from its checkpoint, then sweeping it"
                : "reading each step's tape";
        return method(name, "The backward loop of the reverse sweep of " + describe() + ", " + what
                + ": adds the adjoints of the inputs the body reads into {@code grad}, from the adjoints of the "
                + "final carries at {@code s[" + (sums + scan.offset()) + " ..]}.", List.of("x", "grad", "s", "tape"), c);
    }

    /**
     * Opens the binomial plan's loop over its actions ({@code Revolve}): advance the carries (the
     * primal statements that compute the next carries), take or restore a snapshot, or reverse one
     * step (run it forward, then, after this method returns, its backward statements in the same
     * block, which read the forward statements' locals: no tape beyond the snapshots); leaves the
     * reverse branch open for the caller.
     */
    private void binomial(ScanBody a, CodeBlock.Builder c, boolean[] forwardNeed, boolean[] advanceNeed) {
        String[] carry = a.local(H);
        int w = scan.width();
        a.declareCarries(c);
        c.beginControlFlow("for (int action = 0; action < $N.length; action += 3)", plan);
        c.beginControlFlow("if ($N[action] == $T.ADVANCE)", plan, dev.fluxion.runtime.Revolve.class);
        c.beginControlFlow("for (int i = $N[action + 1]; i < $N[action + 2]; i++)", plan, plan);
        a.varying(c, advanceNeed);
        a.update(c, a.g.output(Scan.NEXT), carry);
        c.endControlFlow();
        c.nextControlFlow("else if ($N[action] == $T.TAKE)", plan, dev.fluxion.runtime.Revolve.class);
        for (int k = 0; k < w; k++) {
            c.addStatement("tape[$N[action + 1] * $L + $L] = $N", plan, w, k, carry[k]);
        }
        c.nextControlFlow("else if ($N[action] == $T.RESTORE)", plan, dev.fluxion.runtime.Revolve.class);
        for (int k = 0; k < w; k++) {
            c.addStatement("$N = tape[$N[action + 1] * $L + $L]", carry[k], plan, w, k);
        }
        c.nextControlFlow("else");
        c.addStatement("final int i = $N[action + 1]", plan);
        a.varying(c, forwardNeed);
    }

    /** The name of the static field holding scan {@code q}'s binomial plan. */
    static String planField(int q) {
        return "CHECKPOINT_PLAN_" + (q + 1);
    }

    /** The locals summing the cotangents of the slots that read the same input every step, declared. */
    private String[] fixedSums(ScanBody b, CodeBlock.Builder c, Port grad, String prefix) {
        String[] fixed = new String[grad.size()];
        for (int j = 0; j < fixed.length; j++) {
            if (scan.step(j) == 0 && !b.isZero(grad.node(j))) {
                fixed[j] = b.names.newName(prefix + scan.base(j), "fixed:" + j);
                c.addStatement("double $N = 0.0", fixed[j]);
            }
        }
        return fixed;
    }

    /** Inside the loop: each slot's cotangent into {@code into[x index]}, or its fixed sum. */
    private void scatter(ScanBody b, CodeBlock.Builder c, Port grad, String[] fixed, String into) {
        for (int j = 0; j < grad.size(); j++) {
            if (fixed[j] != null) {
                c.addStatement("$N += $L", fixed[j], b.ref(grad.node(j)));
            } else if (!b.isZero(grad.node(j))) {
                c.addStatement("$N[$L] += $L", into, scan.slotIndex(j, "i"), b.ref(grad.node(j)));
            }
        }
    }

    /** After the loop: the fixed sums, and the cotangents of the carries' starts, into {@code into}. */
    private void finish(CodeBlock.Builder c, String[] fixed, String[] bar, String into) {
        for (int j = 0; j < fixed.length; j++) {
            if (fixed[j] != null) {
                c.addStatement("$N[$L] += $N", into, scan.base(j), fixed[j]);
            }
        }
        for (int k = 0; k < scan.width(); k++) {
            Scan.Init start = scan.scan().init().get(k);
            if (!start.isConstant() && start.port() == 0) {
                c.addStatement("$N[$L] += $N", into, start.index(), bar[k]);
            }
        }
    }

    /**
     * {@code name(x, xdot, s)}: the final carries into {@code s[offset ..]} and their tangents
     * along {@code xdot} into {@code s[2R + offset ..]}; with {@code hessian}, {@code name(x, v, s,
     * tape)} along {@code v}, also storing every step's carries and their tangents into {@code tape}
     * for {@link #hessianBackward}.
     */
    MethodSpec tangent(String name, boolean hessian) {
        String dir = hessian ? "v" : "xdot";
        ScanBody t = new ScanBody(scan, cls, scan.tangent(), hessian ? List.of("x", dir, "s", "tape") : List.of("x", dir, "s"),
                java.util.Map.of(0, new ScanBody.Slot("x"), 2, new ScanBody.Columns(), H, new ScanBody.Local(""), 4, new ScanBody.Slot(dir), 5,
                        new ScanBody.Local("d")));
        String[] carry = t.local(H);
        String[] dcarry = t.local(5);
        CodeBlock.Builder c = CodeBlock.builder();
        t.declareCarries(c);
        for (int k = 0; k < scan.width(); k++) {
            Scan.Init start = scan.scan().init().get(k);
            c.addStatement("double $N = $L", dcarry[k],
                    !start.isConstant() && start.port() == 0 ? dir + "[" + start.index() + "]" : "0.0");
        }
        List<Integer> roots = new ArrayList<>(t.g.output(Scan.NEXT).nodes());
        roots.addAll(t.g.output(ScanLoop.DNEXT).nodes());
        boolean[] need = ScanLoop.needed(t.g, roots);
        t.hoisted(c, need);
        c.beginControlFlow("for (int i = 0; i < $L; i++)", scan.count());
        if (hessian) {
            c.addStatement("final int at = i * $L", 2 * scan.width());
            t.storeLocals(c, H, 0);
            t.storeLocals(c, 5, scan.width());
        }
        t.varying(c, need);
        String[] locals = new String[2 * scan.width()];
        for (int k = 0; k < scan.width(); k++) {
            locals[k] = carry[k];
            locals[scan.width() + k] = dcarry[k];
        }
        t.update(c, roots, locals);
        c.endControlFlow();
        t.store(c, H, 0);
        t.store(c, 5, 2 * sums);
        return method(name, "Runs the loop " + describe() + " with the tangents of its carries along {@code " + dir
                + "}: the final carries into {@code s[" + scan.offset() + " ..]}, their tangents into {@code s["
                + (2 * sums + scan.offset()) + " ..]}" + (hessian ? "; every step's carries and tangents into "
                + "{@code tape}" : "") + ".", hessian ? List.of("x", dir, "s", "tape") : List.of("x", dir, "s"), c);
    }

    /**
     * {@code name(x, v, hv, s, tape)}: the Hessian-vector product's backward loop, from the
     * carries' cotangents at {@code s[R + offset ..]} and their tangents at {@code s[3R + offset
     * ..]}, reading each step's carries and their tangents from {@code tape}: adds the tangents of
     * the slots' cotangents into {@code hv}.
     */
    MethodSpec hessianBackward(String name) {
        int w = scan.width();
        ScanBody h = new ScanBody(scan, cls, scan.hessian(), List.of("x", "v", "hv", "s", "tape"), java.util.Map.of(0, new ScanBody.Slot("x"),
                2, new ScanBody.Columns(), H, new ScanBody.Taped(0, ""), ScanLoop.HBAR_PORT, new ScanBody.Local("b"), 5, new ScanBody.Slot("v"), 6,
                new ScanBody.Taped(w, "d"), 7, new ScanBody.Local("db")));
        String[] bar = h.local(ScanLoop.HBAR_PORT);
        String[] dbar = h.local(7);
        CodeBlock.Builder c = CodeBlock.builder();
        for (int k = 0; k < w; k++) {
            c.addStatement("double $N = s[$L]", bar[k], sums + scan.offset() + k);
            c.addStatement("double $N = s[$L]", dbar[k], 3 * sums + scan.offset() + k);
        }
        Port dgrad = h.g.output(Derivatives.DGRAD);
        List<Integer> roots = new ArrayList<>(dgrad.nodes());
        roots.addAll(h.g.output(ScanLoop.HIN).nodes());
        roots.addAll(h.g.output(ScanLoop.DHIN).nodes());
        boolean[] need = ScanLoop.needed(h.g, roots);
        h.hoisted(c, need);
        String[] fixed = fixedSums(h, c, dgrad, "hvAt");
        c.beginControlFlow("for (int i = $L; i >= 0; i--)", scan.count() - 1);
        c.addStatement("final int at = i * $L", 2 * w);
        h.varying(c, need);
        scatter(h, c, dgrad, fixed, "hv");
        List<Integer> outs = new ArrayList<>(h.g.output(ScanLoop.HIN).nodes());
        outs.addAll(h.g.output(ScanLoop.DHIN).nodes());
        String[] locals = new String[2 * w];
        for (int k = 0; k < w; k++) {
            locals[k] = bar[k];
            locals[w + k] = dbar[k];
        }
        h.update(c, outs, locals);
        c.endControlFlow();
        finish(c, fixed, dbar, "hv");
        return method(name, "The backward loop of the Hessian-vector product of " + describe() + ": adds the tangents "
                + "along {@code v} of the adjoints of the inputs the body reads into {@code hv}.",
                List.of("x", "v", "hv", "s", "tape"), c);
    }

    private MethodSpec method(String name, String javadoc, List<String> params, CodeBlock.Builder code) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).addJavadoc("$L\n", javadoc);
        for (String p : params) {
            m.addParameter(ArrayTypeName.of(double.class), p, Modifier.FINAL);
        }
        return m.addCode(code.build()).build();
    }

    /** {@code for t in 0..999 (carries h, c)}. */
    private String describe() {
        Scan s = scan.scan();
        String v = s.body().inputs().get(2).labels().get(0);
        return "{@code for " + v + " in " + s.first() + ".." + (s.first() + s.count() - 1L) + "} (carrying "
                + String.join(", ", s.carries()) + ")";
    }

    /** The primal nodes (no cotangent) {@code roots} read, transitively. */
    private static boolean[] primal(ScanBody b, List<Integer> roots) {
        boolean[] need = ScanLoop.needed(b.g, roots);
        boolean[] cot = ScanLoop.cotangent(b.g);
        for (int i = 0; i < need.length; i++) {
            need[i] &= !cot[i];
        }
        return need;
    }
}

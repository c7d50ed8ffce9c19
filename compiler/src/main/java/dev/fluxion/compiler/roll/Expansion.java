package dev.fluxion.compiler.roll;

import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.compiler.ir.GraphBuilder;
import dev.fluxion.compiler.ir.Labels;
import dev.fluxion.compiler.ir.LoopSum;
import dev.fluxion.compiler.ir.Port;
import dev.fluxion.compiler.ir.Program;
import dev.fluxion.compiler.ir.Scan;
import dev.fluxion.compiler.ops.Arithmetic;
import java.util.List;

/**
 * A program's loop sums written out term by term, and its scans ({@code for} loops kept as
 * loops) unrolled step by step: the straight-line program that means the same, as lowering
 * builds it when sums and loops are not kept. The trace, the dumps, the printed
 * derivatives and the straight-line methods ({@code Options.withLoops(false)}) read this form;
 * its size grows with the trip counts, so it is built only when one of them asks.
 */
public final class Expansion {

    private Expansion() {
    }

    /**
     * {@code p} with every loop sum replaced by the sum of its terms, in index order.
     *
     * @param p the program (its loop sums, if any, on input port {@code s})
     * @param b the builder to build into (its rules fold constants as it goes)
     * @return a program of one input port, the same as {@code p} when it has no loop sums
     * @throws UnsupportedOperationException if a loop sum gathers by data ({@code x[idx[k]]}): which
     *         input it reads is known only when the function is called, so it has no written-out form
     */
    public static Program expand(Program p, GraphBuilder b) {
        if (p.graph().inputs().size() == 1) {
            return p;
        }
        String gather = p.firstGather();
        if (gather != null) {
            throw new UnsupportedOperationException(gather + " reads at a position taken from data when the function "
                    + "is called, so the program has no form written out term by term (the trace, --dump-after, "
                    + "derivative(), Options.withLoops(false) and the sparsity patterns of a program with for loops "
                    + "kept as loops need one); its generated class loops");
        }
        Graph g = p.graph();
        Port x = g.inputs().get(0);
        for (int d = 2; d < g.inputs().size(); d++) {
            b.unbounded(d);
        }
        java.util.Map<Integer, int[]> unrolled = new java.util.HashMap<>();
        int[] map = g.copyInto(b, (ref, shape) -> {
            if (ref.array() != 1) {
                return b.input(ref.array(), ref.index(), shape);
            }
            if (ref.index() < p.loops().size()) {
                return terms(p.loops().get(ref.index()), b, x.labels());
            }
            int q = 0;
            while (p.scanOffset(q + 1) <= ref.index() && q + 1 < p.scans().size()) {
                q++;
            }
            int scan = q;
            return unrolled.computeIfAbsent(scan, k -> steps(p.scans().get(scan), b, x.labels()))[ref.index()
                    - p.scanOffset(scan)];
        });
        List<Port> ports = new java.util.ArrayList<>(List.of(x));
        if (!p.dataPorts().isEmpty()) {
            ports.add(Port.input(Program.LOOP_SUMS, List.of()));
            ports.addAll(p.dataPorts());
        }
        return new Program(p.name(), b.build(ports, g.mapOutputs(map)));
    }

    /**
     * The final carries of {@code s}: its body once per iteration, in order, each reading the
     * carries the one before left, as lowering unrolls a {@code for} loop.
     */
    private static int[] steps(Scan s, GraphBuilder b, List<String> labels) {
        Graph body = s.body();
        Port next = body.output(Scan.NEXT);
        int[] carries = new int[s.width()];
        for (int k = 0; k < carries.length; k++) {
            Scan.Init start = s.init().get(k);
            carries[k] = start.isConstant() ? b.constant(start.constant()) : input(b, start.port(), start.index(), labels);
        }
        for (int it = 0; it < s.count(); it++) {
            int t0 = it;
            int[] in = carries;
            int[] map = body.copyInto(b, (ref, shape) -> switch (ref.array()) {
                case 0 -> input(b, 0, s.input(ref.index(), t0), labels);
                case Scan.CARRY_PORT -> in[ref.index()];
                default -> {
                    if (ref.index() == 0) {
                        yield b.constant(s.first() + t0);
                    }
                    LoopSum.DataRead d = s.data().get(ref.index() - 1);
                    yield b.input(d.port(), d.at(t0));
                }
            });
            carries = new int[carries.length];
            for (int k = 0; k < carries.length; k++) {
                carries[k] = map[next.node(k)];
            }
        }
        return carries;
    }

    /** Input {@code index} of port {@code port}, named as the parameter it is. */
    private static int input(GraphBuilder b, int port, int index, List<String> labels) {
        int id = b.input(port, index);
        if (port == 0) {
            b.hint(id, Labels.variableName(labels.get(index)));
        }
        return id;
    }

    /** The terms of {@code s} for every index, added in order. */
    private static int terms(LoopSum s, GraphBuilder b, List<String> labels) {
        Graph t = s.term();
        int out = t.output(LoopSum.TERM).node(0);
        int acc = -1;
        for (int it = 0; it < s.count(); it++) {
            int t0 = it;
            int[] map = t.copyInto(b, (ref, shape) -> {
                if (ref.array() == 0) {
                    int input = s.input(ref.index(), t0);
                    int id = b.input(0, input);
                    b.hint(id, Labels.variableName(labels.get(input)));
                    return id;
                }
                if (ref.index() == 0) {
                    return b.constant(s.first() + t0);
                }
                LoopSum.DataRead d = s.data().get(ref.index() - 1);
                return b.input(d.port(), d.at(t0));
            });
            acc = it == 0 ? map[out] : b.apply(Arithmetic.ADD, acc, map[out]);
        }
        return acc;
    }

}

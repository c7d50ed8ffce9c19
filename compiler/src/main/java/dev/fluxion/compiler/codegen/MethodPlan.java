package dev.fluxion.compiler.codegen;

import dev.fluxion.compiler.ir.Graph;
import java.util.List;
import java.util.Map;

/**
 * One public method of a generated class: the graph it computes, its parameters, how
 * each input port is read and each output port written, what it returns, and whether it
 * loops over directions.
 *
 * @param name       method name
 * @param javadoc    one sentence for the method's comment
 * @param graph      the graph (ports not in {@code writes} are dropped by DCE)
 * @param params     parameters in order: {@code double[] name} or {@code int name}
 * @param reads      input port name to access
 * @param writes     output port name to access
 * @param returns    output port whose element 0 is returned, or null for void
 * @param loopCount  null for no loop; else the trip count: a parameter name or a number
 * @param helper     a private method another generated method calls (no {@code @Override},
 *                   no argument checks: its caller checked them), rather than a public one
 */
public record MethodPlan(String name, String javadoc, Graph graph, List<Param> params, Map<String, Access> reads,
                         Map<String, Access> writes, String returns, String loopCount, boolean helper) {

    /** A public method of the {@link dev.fluxion.runtime.DifferentiableFunction} interface. */
    public MethodPlan(String name, String javadoc, Graph graph, List<Param> params, Map<String, Access> reads,
                      Map<String, Access> writes, String returns, String loopCount) {
        this(name, javadoc, graph, params, reads, writes, returns, loopCount, false);
    }

    /**
     * A method parameter: a {@code double[]} whose length is checked against a Java
     * expression ({@code "2"}, {@code "k * 2"}), or an {@code int} count.
     */
    public record Param(String name, boolean isArray, String length) {
        public static Param array(String name, String length) {
            return new Param(name, true, length);
        }

        public static Param count(String name) {
            return new Param(name, false, null);
        }
    }

    public MethodPlan {
        params = List.copyOf(params);
        reads = Map.copyOf(reads);
        writes = Map.copyOf(writes);
    }
}

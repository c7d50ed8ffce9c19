package dev.fluxion.compiler.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lecture's three tables for one program at one point: the forward evaluation trace,
 * the forward tangent trace in the direction of input {@link #wrt()}, and the reverse
 * adjoint trace of output {@link #of()}. Immutable; built by {@link Tracer}.
 *
 * <p>Besides the rows, a trace knows the value of everything a formula can refer to (the
 * point, the tangent seed ẋ, the adjoint seed ȳ), so a renderer can show a formula
 * with values substituted ({@code v̄1 = v̄3·v0 + v̄4·cos(v1) = 1·2 + (-1)·cos(5)}).
 */
public final class Trace {

    private final String program;
    private final List<String> inputs;
    private final List<Double> point;
    private final List<String> outputs;
    private final String wrt;
    private final String of;
    private final Table evaluation;
    private final Table tangent;
    private final Table adjoint;
    private final Map<Name, Double> values;

    Trace(String program, List<String> inputs, double[] point, List<String> outputs, String wrt, String of,
          Table evaluation, Table tangent, Table adjoint) {
        this.program = Objects.requireNonNull(program, "program");
        this.inputs = List.copyOf(inputs);
        List<Double> p = new ArrayList<>();
        for (double d : point) {
            p.add(d);
        }
        this.point = Collections.unmodifiableList(p);
        this.outputs = List.copyOf(outputs);
        this.wrt = wrt;
        this.of = of;
        this.evaluation = evaluation;
        this.tangent = tangent;
        this.adjoint = adjoint;
        Map<Name, Double> v = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            v.put(Name.input(Name.Role.VALUE, inputs.get(i)), point[i]);
            v.put(Name.input(Name.Role.TANGENT, inputs.get(i)), inputs.get(i).equals(wrt) ? 1.0 : 0.0);
        }
        for (String o : outputs) {
            v.put(Name.output(Name.Role.ADJOINT, o), o.equals(of) ? 1.0 : 0.0);
        }
        for (Table t : List.of(evaluation, tangent, adjoint)) {
            for (Row r : t.rows()) {
                v.put(r.name(), r.value());
            }
        }
        this.values = Collections.unmodifiableMap(v);
    }

    /** The program's name ({@code f} for a bare expression). */
    public String program() {
        return program;
    }

    /** Input names in order. */
    public List<String> inputs() {
        return inputs;
    }

    /** The point, one value per input. */
    public List<Double> point() {
        return point;
    }

    /** Output names in order. */
    public List<String> outputs() {
        return outputs;
    }

    /** The input whose tangent direction the tangent trace follows (ẋ = 1 for it, 0 for the others). */
    public String wrt() {
        return wrt;
    }

    /** The output the adjoint trace is seeded from (ȳ = 1 for it, 0 for the others). */
    public String of() {
        return of;
    }

    public Table evaluation() {
        return evaluation;
    }

    public Table tangent() {
        return tangent;
    }

    public Table adjoint() {
        return adjoint;
    }

    /** The three tables in the lecture's order. */
    public List<Table> tables() {
        return List.of(evaluation, tangent, adjoint);
    }

    /** The value of anything a formula of this trace refers to. */
    public double valueOf(Name name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("nothing called " + name + " in this trace");
        }
        return v;
    }

    @Override
    public String toString() {
        return evaluation + "" + tangent + adjoint;
    }
}

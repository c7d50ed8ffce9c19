package dev.fluxion.cli.trace;

import dev.fluxion.compiler.trace.Name;
import dev.fluxion.compiler.trace.Row;
import dev.fluxion.compiler.trace.Table;
import dev.fluxion.compiler.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of the three tables, format-independent: per table a heading and rows of
 * two cells, the definition ({@code v2 = ln(v0)}) and its evaluation at the point
 * ({@code ln(2) = 0.693}); and the derivatives the traces end with. Renderers only arrange.
 */
public record Layout(String point, List<Section> sections, List<String> tangentResult, List<String> adjointResult) {

    /** One table: its heading and rows. */
    public record Section(Table.Kind kind, String heading, List<Cells> rows) {
    }

    /** One row: the definition and its evaluation. */
    public record Cells(String definition, String evaluation) {
    }

    /** Lays out {@code t} with the names and numbers of {@code w}'s style. */
    public static Layout of(Trace t, FormulaWriter w) {
        Style s = w.style();
        List<String> point = new ArrayList<>();
        for (int i = 0; i < t.inputs().size(); i++) {
            point.add(s.name(Name.input(Name.Role.VALUE, t.inputs().get(i))) + " = " + w.number(t.point().get(i)));
        }
        List<String> tangentSeeds = new ArrayList<>();
        for (String x : t.inputs()) {
            tangentSeeds.add(s.name(Name.input(Name.Role.TANGENT, x)) + " = " + (x.equals(t.wrt()) ? "1" : "0"));
        }
        List<String> adjointSeeds = new ArrayList<>();
        for (String y : t.outputs()) {
            adjointSeeds.add(s.name(Name.output(Name.Role.ADJOINT, y)) + " = " + (y.equals(t.of()) ? "1" : "0"));
        }
        List<Section> sections = List.of(
                section(t.evaluation(), "Forward evaluation trace", w),
                section(t.tangent(), "Forward tangent trace, seeded with " + String.join(", ", tangentSeeds), w),
                section(t.adjoint(), "Reverse adjoint trace, seeded with " + String.join(", ", adjointSeeds), w));

        Name y = Name.output(Name.Role.VALUE, t.of());
        List<String> tangentResult = partials(t.tangent(), w, y, Name.Role.TANGENT, List.of(t.wrt()));
        List<String> adjointResult = partials(t.adjoint(), w, y, Name.Role.ADJOINT, t.inputs());
        return new Layout(String.join(", ", point), sections, tangentResult, adjointResult);
    }

    private static Section section(Table table, String heading, FormulaWriter w) {
        List<Cells> rows = new ArrayList<>();
        for (Row r : table.rows()) {
            String definition = w.name(r.name()) + " = " + w.symbolic(r.formula());
            String value = w.number(r.value());
            String substituted = w.substituted(r.formula());
            String evaluation = r.formula().isAtom() || substituted.equals(value) ? value : substituted + " = " + value;
            rows.add(new Cells(definition, evaluation));
        }
        return new Section(table.kind(), heading, rows);
    }

    /**
     * What a derivative table gives: the tangent of the traced output (∂y/∂x1) or the
     * adjoints of the inputs (∂y/∂x1, ∂y/∂x2), read from the table's final rows.
     */
    private static List<String> partials(Table table, FormulaWriter w, Name y, Name.Role role, List<String> inputs) {
        java.util.Map<Name, Double> last = new java.util.HashMap<>();
        for (Row r : table.rows()) {
            last.put(r.name(), r.value());
        }
        List<String> parts = new ArrayList<>();
        for (String x : inputs) {
            Name wanted = role == Name.Role.TANGENT ? Name.output(role, y.identifier()) : Name.input(role, x);
            Double v = last.get(wanted);
            if (v != null) {
                parts.add(w.style().partial(y, Name.input(Name.Role.VALUE, x)) + " = " + w.number(v));
            }
        }
        return List.copyOf(parts);
    }
}

package dev.fluxion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The corpus loads from its default place, and the Hipparchus peer agrees with Fluxion on every row. */
class CorpusPeersTest {

    @Test
    void hipparchusOverTheIrMatchesFluxionReverseModeOnTheWholeCorpus() {
        List<CorpusFunction> rows = Corpus.load();
        assertFalse(rows.isEmpty());
        Fluxion fluxion = Fluxion.create();
        for (CorpusFunction row : rows) {
            Options o = Options.defaults().withVariables(row.vars());
            double[] x = row.point();
            double[] expected = fluxion.compile(row.expr(), o).gradient(x);
            HipparchusGraph h = new HipparchusGraph(fluxion.translate(row.expr(), o).primal());
            double[] got = new double[x.length];
            h.gradient(x, got);
            for (int i = 0; i < x.length; i++) {
                assertEquals(expected[i], got[i], 1e-8 * Math.max(1, Math.abs(expected[i])), row.name() + " [" + i + "]");
            }
        }
    }

    @Test
    void selectionByNameKeepsTheGivenOrderAndRejectsUnknownNames() {
        List<CorpusFunction> rows = Corpus.load();
        List<CorpusFunction> picked = CorpusBenchmark.select(rows, "beale, rosenbrock");
        assertEquals(List.of("beale", "rosenbrock"), picked.stream().map(CorpusFunction::name).toList());
        assertEquals(rows, CorpusBenchmark.select(rows, "*"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorpusBenchmark.select(rows, "nope"));
        assertEquals("no corpus function 'nope'", e.getMessage());
    }
}

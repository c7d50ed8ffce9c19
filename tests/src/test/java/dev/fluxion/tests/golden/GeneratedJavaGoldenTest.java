package dev.fluxion.tests.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.tests.support.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated Java of the lecture's examples, with the default options and with every
 * capability, is exactly the golden file ({@code -Dfluxion.golden.update=true} rewrites
 * them; review the diff). Generation is deterministic, so two runs give the same bytes.
 */
class GeneratedJavaGoldenTest {

    private static final Fluxion FLUXION = Fluxion.create();

    @TestFactory
    Stream<DynamicTest> generatedJavaMatchesGoldenFile() {
        return GoldenPrograms.CASES.stream().map(c -> DynamicTest.dynamicTest(c.file(), () ->
                Golden.check("java/" + c.file(), FLUXION.translate(c.source(), c.options()).javaSource())));
    }

    @Test
    void generationIsDeterministic() {
        for (GoldenPrograms.Case c : GoldenPrograms.CASES) {
            assertEquals(FLUXION.translate(c.source(), c.options()).javaSource(),
                    FLUXION.translate(c.source(), c.options()).javaSource(), c.file());
        }
    }
}

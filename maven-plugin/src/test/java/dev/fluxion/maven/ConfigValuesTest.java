package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fluxion.compiler.Mode;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import dev.fluxion.runtime.tensor.Precision;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void capabilitiesAcceptCommaListsAndElementsInAnyCase() {
        assertEquals(EnumSet.of(Capability.VALUE, Capability.GRADIENT, Capability.HESSIAN),
                ConfigValues.capabilities(List.of("Gradient, hessian")));
        assertEquals(EnumSet.of(Capability.VALUE, Capability.JVP, Capability.JACOBIAN),
                ConfigValues.capabilities(List.of("jvp", "JACOBIAN", "")));
        assertEquals(EnumSet.of(Capability.VALUE), ConfigValues.capabilities(List.of()));
    }

    @Test
    void anUnknownNameListsWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigValues.capabilities(List.of("gradient,hesian")));
        assertEquals("unknown capability 'hesian'; expected one of value, gradient, jvp, jacobian, hessian",
                e.getMessage());
        assertEquals(Mode.FORWARD, ConfigValues.jacobianMode(" forward "));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.jacobianMode("sideways"));
        assertEquals(Precision.FLOAT32, ConfigValues.precision("Float32 "));
        assertEquals("unknown matmulPrecision 'half'; expected one of float64, float32",
                assertThrows(IllegalArgumentException.class, () -> ConfigValues.precision("half")).getMessage());
    }
}

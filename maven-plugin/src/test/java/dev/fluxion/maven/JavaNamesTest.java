package dev.fluxion.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JavaNamesTest {

    @Test
    void fileNamesBecomeUpperCamelClassNames() {
        assertEquals(Optional.of("Rosenbrock"), JavaNames.classNameFromFile("rosenbrock.flx"));
        assertEquals(Optional.of("SigmoidNeuron"), JavaNames.classNameFromFile("sigmoid_neuron.flx"));
        assertEquals(Optional.of("SigmoidNeuron"), JavaNames.classNameFromFile("sigmoid-neuron.flx"));
        assertEquals(Optional.of("MlpV2"), JavaNames.classNameFromFile("mlp.v2.flx"));
        assertEquals(Optional.of("Class"), JavaNames.classNameFromFile("class.flx"), "capitalized, not a keyword");
    }

    @Test
    void fileNamesThatGiveNoClassNameAreRejected() {
        assertEquals(Optional.empty(), JavaNames.classNameFromFile("2d.flx"));
        assertEquals(Optional.empty(), JavaNames.classNameFromFile("-.flx"));
        assertEquals(Optional.empty(), JavaNames.classNameFromFile(".flx"));
    }

    @Test
    void foldersAreSubpackages() {
        assertEquals(Optional.of("com.example.nn.layers"), JavaNames.packageFor("com.example", List.of("nn", "layers")));
        assertEquals(Optional.of("nn"), JavaNames.packageFor("", List.of("nn")));
        assertEquals(Optional.of("com.example"), JavaNames.packageFor("com.example", List.of()));
        assertEquals(Optional.empty(), JavaNames.packageFor("com.example", List.of("my-models")));
        assertEquals(Optional.empty(), JavaNames.packageFor("com.example", List.of("class")));
    }
}

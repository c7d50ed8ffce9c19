package dev.fluxion.tests.golden;

import dev.fluxion.compiler.Options;
import dev.fluxion.runtime.DifferentiableFunction.Capability;
import java.util.EnumSet;
import java.util.List;

/**
 * The lecture's example programs whose generated Java is kept as golden files, each
 * with the conformance row that gives its values (an oracle independent of Fluxion).
 */
final class GoldenPrograms {

    /**
     * @param file       golden file name under {@code golden/java/}
     * @param source     the program
     * @param options    how it is compiled
     * @param conformance the name of the conformance row with the same function and input order
     */
    record Case(String file, String source, Options options, String conformance) {
        boolean allCapabilities() {
            return options.capabilities().containsAll(EnumSet.allOf(Capability.class));
        }
    }

    static final String LECTURE = "ln(x1)+x1*x2-sin(x2)";
    static final String GATES = "(x+y)*z";
    static final String NEURON = "fn neuron(w0, x0, w1, x1, b) {\n  z = w0*x0 + w1*x1 + b\n  return sigmoid(z)\n}\n";

    static final Options ALL = Options.defaults().withCapabilities(EnumSet.allOf(Capability.class));

    static final List<Case> CASES = List.of(
            new Case("lecture.java", LECTURE, Options.defaults(), "seed_autodiff_trace"),
            new Case("lecture_all.java", LECTURE, ALL, "seed_autodiff_trace"),
            new Case("gates.java", GATES, Options.defaults(), "seed_gate_add_mul_a"),
            new Case("gates_all.java", GATES, ALL, "seed_gate_add_mul_a"),
            new Case("neuron.java", NEURON, Options.defaults(), "seed_sigmoid_builtin"),
            new Case("neuron_all.java", NEURON, ALL, "seed_sigmoid_builtin"));

    private GoldenPrograms() {
    }

    static Case byFile(String file) {
        return CASES.stream().filter(c -> c.file().equals(file)).findFirst().orElse(null);
    }
}

package dev.fluxion.tests.viz;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.inspect.DotOptions;
import dev.fluxion.compiler.inspect.DotWriter;
import dev.fluxion.compiler.ir.Graph;
import dev.fluxion.tests.support.Golden;
import org.junit.jupiter.api.Test;

/**
 * The lecture's computation graphs as DOT, compared with golden files under
 * {@code golden/dot}: the add/mul circuit {@code (x+y)*z} at x=-2, y=5, z=-4, the sigmoid
 * neuron at w0=2, x0=-1, w1=-3, x1=-2, b=-3, and the trace example {@code ln(x1)+x1*x2-sin(x2)}.
 */
class DotGoldenTest {

    private static Graph graph(String text) {
        return Compilation.of(text, Options.defaults()).parsed().graph();
    }

    private static String dot(String text, boolean backward, String at) {
        Graph g = graph(text);
        DotOptions o = DotOptions.forward().withTitle(text).withBackward(backward);
        if (at != null) {
            o = o.at(dev.fluxion.cli.Point.of(at, g.inputs().get(0).labels()));
        }
        return DotWriter.write(g, o);
    }

    @Test
    void circuitForwardSymbolic() {
        Golden.check("dot/circuit.dot", dot("(x+y)*z", false, null));
    }

    @Test
    void circuitBackwardSymbolic() {
        Golden.check("dot/circuit-backward.dot", dot("(x+y)*z", true, null));
    }

    @Test
    void circuitBackwardAtLecturePoint() {
        Golden.check("dot/circuit-backward-at.dot", dot("(x+y)*z", true, "x=-2,y=5,z=-4"));
    }

    @Test
    void sigmoidNeuronBackwardAtLecturePoint() {
        Golden.check("dot/sigmoid-neuron-backward-at.dot",
                dot("1/(1+exp(-(w0*x0+w1*x1+b)))", true, "w0=2,x0=-1,w1=-3,x1=-2,b=-3"));
    }

    @Test
    void sigmoidNeuronForwardAtLecturePoint() {
        Golden.check("dot/sigmoid-neuron-at.dot",
                dot("1/(1+exp(-(w0*x0+w1*x1+b)))", false, "w0=2,x0=-1,w1=-3,x1=-2,b=-3"));
    }

    @Test
    void traceExampleBackwardAtLecturePoint() {
        Golden.check("dot/trace-example-backward-at.dot", dot("ln(x1)+x1*x2-sin(x2)", true, "x1=2,x2=5"));
    }
}

package dev.fluxion.examples;

import dev.fluxion.runtime.model.Model;
import dev.fluxion.runtime.random.Rng;
import java.util.Map;

/**
 * PyTorch's default initialization of {@code nn.Linear} and {@code nn.Conv2d}, which the
 * issue's reference figures used: weights from kaiming_uniform(a = √5), which is
 * uniform(±1/√fan_in), and biases from uniform(±1/√fan_in) with the fan-in of their layer's
 * weight. A bias does not say in the language which weight it belongs to, so the caller
 * names each parameter's fan-in. Parameter i draws from {@code Rng.derive(seed, i)}:
 * reproducible, independent of the other parameters' sizes.
 */
public final class TorchInit {

    private TorchInit() {
    }

    /** Fills every parameter of {@code model} from uniform(±1/√fanIn(name)); every parameter must be named. */
    public static void apply(Model model, long seed, Map<String, Integer> fanIn) {
        String[] names = model.parameterNames();
        double[][] params = model.parameters();
        for (int i = 0; i < names.length; i++) {
            Integer fan = fanIn.get(names[i]);
            if (fan == null || fan <= 0) {
                throw new IllegalArgumentException("no positive fan-in given for parameter '" + names[i]
                        + "' of model '" + model.name() + "'; given: " + fanIn);
            }
            double bound = 1 / Math.sqrt(fan);
            Rng rng = Rng.derive(seed, i);
            double[] p = params[i];
            for (int k = 0; k < p.length; k++) {
                p[k] = rng.nextDouble(-bound, bound);
            }
        }
    }
}

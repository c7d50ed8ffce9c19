package dev.fluxion.cli;

import dev.fluxion.compiler.CompiledModel;
import dev.fluxion.compiler.inspect.ModelModeComparison;
import dev.fluxion.runtime.check.GradientCheck;
import dev.fluxion.runtime.check.GradientCheckReport;
import dev.fluxion.runtime.init.Initializers;
import dev.fluxion.runtime.model.Model;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code fluxion check} on a {@code model} unit: the runtime's {@link GradientCheck} (the
 * loss gradient w.r.t. every parameter against central differences on sampled
 * coordinates) at a seeded point: parameters from their declared initializers, features
 * uniform in [-1, 1) and labels uniform over their classes, {@code batch} examples, as
 * {@code fluxion compare} draws them.
 *
 * @param batch examples in the random batch
 * @param coordinates coordinates checked per parameter (all of a smaller one)
 * @param seed seeds the parameters, the batch and the coordinates
 * @param tolerance the largest relative error accepted
 */
record ModelCheck(int batch, int coordinates, long seed, double tolerance) {

    ModelCheck {
        if (batch < 1) {
            throw new UserError("--batch " + batch + ": expected at least 1");
        }
        if (coordinates < 1) {
            throw new UserError("--samples " + coordinates + ": expected at least 1");
        }
    }

    /** Checks the compiled model, prints the report, and returns the exit status. */
    int run(CompiledModel compiled, PrintWriter out) {
        Model model = compiled.newModel();
        Initializers.initialize(model, seed);
        double[][] inputs = ModelModeComparison.inputs(compiled.compilation().program(), batch, seed);
        out.println("checking model " + model.name() + " on a random batch of " + batch + " (seed " + seed + "), "
                + coordinates + " coordinates per parameter, against central differences");
        GradientCheckReport report = new GradientCheck(1e-5, coordinates, 1e-6, seed).run(model, inputs, batch);
        out.print(report.format());
        boolean ok = report.passes(tolerance);
        out.println((ok ? "ok" : "FAILED") + ": largest error "
                + String.format(Locale.ROOT, "%.3g", report.maxRelativeError()) + (ok ? " <= " : " > ")
                + "tolerance " + String.format(Locale.ROOT, "%.3g", tolerance));
        out.flush();
        return ok ? Main.OK : Main.CHECK_FAILED;
    }
}

package dev.fluxion.runtime.check;

import dev.fluxion.runtime.model.Model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a {@link Model} keeps the structural promises of its interface before it is
 * trained, so that a generated class with, say, a gradient buffer of the wrong length
 * fails here with its name rather than deep inside an optimizer:
 * <ul>
 *   <li>names, shapes, initializers and buffers of the parameters pair up; names are
 *       unique and non-empty; every buffer holds the product of its shape;</li>
 *   <li>each gradient buffer has its parameter's length and is a different array;</li>
 *   <li>{@code parameters()} and {@code gradients()} return the same (live) arrays on
 *       every call;</li>
 *   <li>input names and shapes pair up, and each shape has the batch dimension (-1) first
 *       and positive dimensions after it.</li>
 * </ul>
 * It does not run the model; {@link GradientCheck} checks the numbers.
 */
public final class ModelContract {

    private ModelContract() {
    }

    /**
     * Every broken promise, one message each; empty when the model keeps them all.
     *
     * @param model the model to inspect
     * @return the problems, empty if none
     */
    public static List<String> problems(Model model) {
        List<String> out = new ArrayList<>();
        String[] names = model.parameterNames();
        int[][] shapes = model.parameterShapes();
        String[] inits = model.parameterInitializers();
        double[][] params = model.parameters();
        double[][] grads = model.gradients();
        int n = names.length;
        if (shapes.length != n || inits.length != n || params.length != n || grads.length != n) {
            out.add(n + " parameter names but " + shapes.length + " shapes, " + inits.length + " initializers, "
                    + params.length + " parameter buffers and " + grads.length + " gradient buffers");
            return out;
        }
        Set<String> seen = new HashSet<>();
        double[][] again = model.parameters();
        double[][] gradsAgain = model.gradients();
        for (int i = 0; i < n; i++) {
            String name = names[i] == null || names[i].isEmpty() ? "#" + i : names[i];
            if (names[i] == null || names[i].isEmpty()) {
                out.add("parameter " + i + " has no name");
            } else if (!seen.add(names[i])) {
                out.add("parameter name '" + names[i] + "' appears twice");
            }
            long size = 1;
            for (int d : shapes[i]) {
                if (d <= 0) {
                    out.add("parameter '" + name + "' has a non-positive dimension in " + Arrays.toString(shapes[i]));
                }
                size *= d;
            }
            if (params[i] == null || params[i].length != size) {
                out.add("parameter '" + name + "' of shape " + Arrays.toString(shapes[i]) + " needs " + size
                        + " values, its buffer holds " + (params[i] == null ? "null" : params[i].length));
            }
            if (grads[i] == null || params[i] == null || grads[i].length != params[i].length) {
                out.add("gradient of '" + name + "' holds " + (grads[i] == null ? "null" : grads[i].length)
                        + " values, the parameter " + (params[i] == null ? "null" : params[i].length));
            } else if (grads[i] == params[i]) {
                out.add("gradient of '" + name + "' is the parameter's own buffer");
            }
            if (again[i] != params[i]) {
                out.add("parameters() returns a new array for '" + name + "' on each call; it must return the live buffer");
            }
            if (gradsAgain[i] != grads[i]) {
                out.add("gradients() returns a new array for '" + name + "' on each call; it must return the live buffer");
            }
        }
        String[] inputs = model.inputNames();
        int[][] inputShapes = model.inputShapes();
        if (inputs.length != inputShapes.length) {
            out.add(inputs.length + " input names but " + inputShapes.length + " input shapes");
        } else {
            for (int i = 0; i < inputs.length; i++) {
                int[] s = inputShapes[i];
                boolean ok = s.length >= 1 && s[0] == -1;
                for (int k = 1; k < s.length; k++) {
                    ok &= s[k] > 0;
                }
                if (!ok) {
                    out.add("input '" + inputs[i] + "' has shape " + Arrays.toString(s)
                            + "; expected the batch dimension -1 first, then positive dimensions");
                }
            }
        }
        return out;
    }

    /**
     * Throws an {@link IllegalStateException} listing every problem, if there is one.
     *
     * @param model the model to inspect
     * @throws IllegalStateException if the model breaks the contract
     */
    public static void require(Model model) {
        List<String> p = problems(model);
        if (!p.isEmpty()) {
            throw new IllegalStateException("model '" + model.name() + "' breaks the Model contract:\n  "
                    + String.join("\n  ", p));
        }
    }
}

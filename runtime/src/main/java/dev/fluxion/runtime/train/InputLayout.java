package dev.fluxion.runtime.train;

import dev.fluxion.runtime.data.Dataset;
import dev.fluxion.runtime.data.LabelEncoding;
import dev.fluxion.runtime.model.Model;

import java.util.Arrays;
import java.util.List;

/**
 * Where a data set's features and labels go among a model's inputs, and in which label
 * encoding, resolved once from the model's declared input shapes and checked against
 * the data, so a mismatch is reported before the first step rather than as an index
 * error inside generated code.
 *
 * <p>Rules: the model has exactly two inputs. Unless named in the {@link TrainingConfig},
 * the feature input is the first, or the second when the first is [-1] (labels declared
 * first) and the second is not. The feature input's shape is [-1, ...]
 * and its non-batch dimensions hold as many values as one example (so a [B, 784] input
 * takes 28×28 images, a [B, 1, 28, 28] one too). The label input is [-1] (class
 * indices) or [-1, classes] (one-hot rows).
 *
 * @param features    index of the feature input
 * @param labels      index of the label input
 * @param encoding    how labels are passed
 * @param logits      the output read for accuracy, or null
 */
public record InputLayout(int features, int labels, LabelEncoding encoding, String logits) {

    /**
     * Resolves the layout of {@code model} for {@code data}.
     *
     * @param model the model
     * @param data the data set
     * @param config names the inputs and output, or leaves them to be chosen
     * @return which input gets features and which labels, and how
     * @throws IllegalArgumentException if the data do not fit the model's inputs (the message says how)
     */
    public static InputLayout resolve(Model model, Dataset data, TrainingConfig config) {
        String[] names = model.inputNames();
        int[][] shapes = model.inputShapes();
        if (names.length != 2 || shapes.length != 2) {
            throw new IllegalArgumentException("model '" + model.name() + "' has inputs " + Arrays.toString(names)
                    + "; training needs exactly two, features and labels");
        }
        int f = config.featureInput() != null ? indexOf(model, names, config.featureInput(), "feature")
                : config.labelInput() != null ? 1 - indexOf(model, names, config.labelInput(), "label")
                : shapes[0].length == 1 && shapes[1].length >= 2 ? 1 : 0;
        int l = config.labelInput() == null ? 1 - f : indexOf(model, names, config.labelInput(), "label");
        if (f == l) {
            throw new IllegalArgumentException("features and labels cannot both go to input '" + names[f] + "'");
        }
        int[] fs = shapes[f];
        if (fs.length < 2 || fs[0] != -1) {
            throw new IllegalArgumentException("feature input '" + names[f] + "' has shape " + Arrays.toString(fs)
                    + "; expected [B, ...] with the batch dimension first");
        }
        long per = 1;
        for (int i = 1; i < fs.length; i++) {
            per *= fs[i];
        }
        if (per != data.featureSize()) {
            throw new IllegalArgumentException("feature input '" + names[f] + "' " + Arrays.toString(fs) + " takes "
                    + per + " values per example, the data has " + data.featureSize() + " "
                    + Arrays.toString(data.featureShape()));
        }
        int[] ls = shapes[l];
        LabelEncoding encoding;
        if (ls.length == 1 && ls[0] == -1) {
            encoding = LabelEncoding.INDEX;
        } else if (ls.length == 2 && ls[0] == -1) {
            if (ls[1] < data.classCount()) {
                throw new IllegalArgumentException("label input '" + names[l] + "' " + Arrays.toString(ls) + " has "
                        + ls[1] + " classes, the data has labels up to " + (data.classCount() - 1));
            }
            encoding = LabelEncoding.ONE_HOT;
        } else {
            throw new IllegalArgumentException("label input '" + names[l] + "' has shape " + Arrays.toString(ls)
                    + "; expected [B] (class indices) or [B, classes] (one-hot)");
        }
        return new InputLayout(f, l, encoding, logitsOf(model, config.logitsOutput()));
    }

    private static String logitsOf(Model model, String requested) {
        List<String> outputs = Arrays.asList(model.outputNames());
        if (requested != null) {
            if (!outputs.contains(requested)) {
                throw new IllegalArgumentException("model '" + model.name() + "' has no output '" + requested
                        + "'; its outputs are " + outputs);
            }
            return requested;
        }
        if (outputs.size() == 1) {
            return outputs.get(0);
        }
        return outputs.contains("logits") ? "logits" : null;
    }

    private static int indexOf(Model model, String[] names, String name, String role) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("model '" + model.name() + "' has no input '" + name + "' for the "
                + role + "s; its inputs are " + Arrays.toString(names));
    }
}

package dev.fluxion.runtime.io;

import dev.fluxion.runtime.model.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parameter file formats, chosen by file extension: the one place that maps a path to
 * a format, so {@code fluxion train -o}, {@code fluxion params} and library code agree.
 *
 * <pre>{@code
 * ParameterFormat.save(model, Path.of("mlp.safetensors"));   // or .npz, .npy, .fxp
 * ParameterFormat.load(model, Path.of("mlp.npz"));
 * Parameters p = ParameterFormat.read(Path.of("mlp.fxp"));   // names, shapes, values
 * }</pre>
 *
 * <p>Values are written as float64 unless a call says {@link ElementType#FLOAT32} (the
 * Fluxion format is always float64); reading widens float32 exactly.
 */
public enum ParameterFormat {
    /** Fluxion's own format, {@code .fxp}: big-endian float64 with a CRC-32 ({@link ParameterFile}). */
    FLUXION(".fxp"),
    /** NumPy {@code .npy}: exactly one tensor, named after the file when read ({@code w.npy} holds {@code w}). */
    NPY(".npy"),
    /** NumPy {@code .npz}: a ZIP of {@code NAME.npy} members, as {@code numpy.savez} writes it. */
    NPZ(".npz"),
    /** safetensors, as {@code safetensors.torch.save_file} / {@code safetensors.numpy.save_file} write it. */
    SAFETENSORS(".safetensors");

    private final String extension;

    ParameterFormat(String extension) {
        this.extension = extension;
    }

    /**
     * The extension this format is chosen by.
     *
     * @return e.g. {@code .npz}
     */
    public String extension() {
        return extension;
    }

    /**
     * The format a path names by its extension (case-insensitive).
     *
     * @param file a file name or path
     * @return its format
     * @throws IOException if the extension is none of {@code .fxp .npy .npz .safetensors}
     */
    public static ParameterFormat of(Path file) throws IOException {
        Path last = file.getFileName();
        String name = last == null ? "" : last.toString().toLowerCase(Locale.ROOT);
        for (ParameterFormat f : values()) {
            if (name.endsWith(f.extension)) {
                return f;
            }
        }
        throw new IOException(file + ": unknown parameter file extension (expected one of "
                + Arrays.stream(values()).map(ParameterFormat::extension).collect(Collectors.joining(" ")) + ")");
    }

    /**
     * Reads a parameter file in the format its extension names.
     *
     * @param file the file
     * @return its tensors, in file order
     * @throws IOException if the file cannot be read or breaks its format (the message says how)
     */
    public static Parameters read(Path file) throws IOException {
        return of(file).readFile(file);
    }

    /**
     * Writes float64 tensors in the format the extension names.
     *
     * @param file where to write; replaced atomically if it exists
     * @param parameters the tensors
     * @throws IOException if the file cannot be written or the format cannot hold the tensors
     */
    public static void write(Path file, Parameters parameters) throws IOException {
        write(file, parameters, ElementType.FLOAT64);
    }

    /**
     * Writes tensors in the format the extension names, with the given element type.
     *
     * @param file where to write; replaced atomically if it exists
     * @param parameters the tensors
     * @param type how to store values (the Fluxion format accepts only float64)
     * @throws IOException if the file cannot be written or the format cannot hold the tensors
     */
    public static void write(Path file, Parameters parameters, ElementType type) throws IOException {
        of(file).writeFile(file, parameters, type);
    }

    /**
     * Saves a model's current parameters (float64) in the format the extension names.
     *
     * @param model the model
     * @param file where to write
     * @throws IOException if the file cannot be written
     */
    public static void save(Model model, Path file) throws IOException {
        write(file, Parameters.of(model));
    }

    /**
     * Loads a parameter file into a model's live buffers; the file must hold exactly the
     * model's parameters with its shapes (otherwise nothing is copied and the message lists
     * every difference).
     *
     * @param model the model
     * @param file a file in any of the formats
     * @throws IOException if the file cannot be read, breaks its format or does not fit the model
     */
    public static void load(Model model, Path file) throws IOException {
        read(file).copyInto(model, file.toString());
    }

    /**
     * Reads a file in this format, whatever its extension.
     *
     * @param file the file
     * @return its tensors, in file order
     * @throws IOException if the file cannot be read or breaks this format
     */
    public Parameters readFile(Path file) throws IOException {
        if (this == FLUXION) {
            return ParameterFile.read(file);
        }
        byte[] bytes = Files.readAllBytes(file);
        String source = file.toString();
        return switch (this) {
            case NPY -> {
                Npy.Tensor t = Npy.decode(bytes, source);
                yield Parameters.adopt(new String[] {tensorName(file)}, new int[][] {t.shape()}, new double[][] {t.values()},
                        new String[] {t.type().label()});
            }
            case NPZ -> Npz.decode(bytes, source);
            case SAFETENSORS -> Safetensors.decode(bytes, source);
            case FLUXION -> throw new AssertionError();
        };
    }

    /**
     * Writes a file in this format, whatever its extension.
     *
     * @param file where to write; replaced atomically if it exists
     * @param parameters the tensors
     * @param type how to store values
     * @throws IOException if the file cannot be written or this format cannot hold the tensors
     */
    public void writeFile(Path file, Parameters parameters, ElementType type) throws IOException {
        if (this == NPY || this == NPZ) {
            for (int i = 0; i < parameters.count(); i++) {
                if (parameters.shapeView(i).length > Npy.MAX_RANK) {
                    throw new IOException(file + ": tensor '" + parameters.name(i) + "' has " + parameters.shapeView(i).length
                            + " dimensions; NumPy arrays have at most " + Npy.MAX_RANK);
                }
            }
        }
        byte[] bytes = switch (this) {
            case FLUXION -> {
                if (type != ElementType.FLOAT64) {
                    throw new IOException(file + ": the Fluxion format stores float64 only");
                }
                ParameterFile.write(file, parameters);
                yield null;
            }
            case NPY -> {
                if (parameters.count() != 1) {
                    throw new IOException(file + ": an .npy file holds one tensor, these are " + parameters.count()
                            + " (" + String.join(", ", parameters.names()) + "); write .npz or .safetensors");
                }
                yield Npy.encode(parameters.shapeView(0), parameters.valuesView(0), type);
            }
            case NPZ -> Npz.encode(parameters, type);
            case SAFETENSORS -> Safetensors.encode(parameters, type);
        };
        if (bytes != null) {
            AtomicWrite.write(file, out -> out.write(bytes));
        }
    }

    /** The name a single {@code .npy} tensor gets: the file name without its extension. */
    private static String tensorName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - NPY.extension.length());
    }
}

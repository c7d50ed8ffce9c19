/**
 * Saving and loading model parameters: Fluxion's own self-describing format
 * ({@link dev.fluxion.runtime.io.ParameterFile}, {@code .fxp}: names, shapes, values,
 * CRC-32), NumPy {@code .npy}/{@code .npz} and safetensors, chosen by extension in one place,
 * {@link dev.fluxion.runtime.io.ParameterFormat}. Specified in {@code docs/parameter-format.md}.
 *
 * <p>Guarantees: a float64 round trip is bit-exact in every format; the NumPy and
 * safetensors files are the bytes the reference implementations write (tested against
 * files they wrote); loading into a model first checks that the file holds exactly the
 * model's parameters with the same shapes (and, for {@code .fxp}, an intact checksum), and
 * copies nothing if not. No dependency: the ZIP, JSON and header code is here.
 */
package dev.fluxion.runtime.io;

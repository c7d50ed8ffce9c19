/**
 * Saving and loading model parameters in a documented, self-describing binary format
 * (names, shapes, values, CRC-32; specified on
 * {@link dev.fluxion.runtime.io.ParameterFile} and in {@code docs/parameter-format.md}).
 *
 * <p>Guarantees: a round trip is bit-exact; loading into a model first checks that the
 * file holds exactly the model's parameters with the same shapes and an intact
 * checksum, and copies nothing if not.
 */
package dev.fluxion.runtime.io;

package dev.fluxion.runtime.init;

import java.util.Arrays;

/**
 * Fan-in and fan-out of a parameter, read from its shape; the variance-scaling
 * initializers (Xavier, He, LeCun) scale by them.
 *
 * <p>The convention follows how the language uses each rank:
 * <ul>
 *   <li>rank 0: fan-in = fan-out = 1;</li>
 *   <li>rank 1 (a bias {@code b[n]}): fan-in = fan-out = n;</li>
 *   <li>rank 2 (a dense weight used as {@code x @ W}, so {@code W[in, out]}):
 *       fan-in = shape[0], fan-out = shape[1]. Note this is the transpose of PyTorch's
 *       {@code Linear.weight[out, in]}, and the fans follow the use, not the position;</li>
 *   <li>rank 3 and more (a convolution kernel {@code K[out, in, k1, k2, ...]}, as in
 *       PyTorch): with r = k1·k2·…, fan-in = in·r and fan-out = out·r.</li>
 * </ul>
 *
 * @param in  the number of inputs each output sums over
 * @param out the number of outputs each input feeds
 */
public record Fans(int in, int out) {

    /**
     * Checks both fans are positive.
     *
     * @param in the fan-in, positive
     * @param out the fan-out, positive
     * @throws IllegalArgumentException if a fan is not positive
     */
    public Fans {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("fans must be positive, got in=" + in + " out=" + out);
        }
    }

    /**
     * The fans of a parameter of shape {@code shape}, by the convention above.
     *
     * @param shape the parameter's shape
     * @return its fans
     */
    public static Fans of(int[] shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("parameter shape must have positive dimensions, got "
                        + Arrays.toString(shape));
            }
        }
        switch (shape.length) {
            case 0:
                return new Fans(1, 1);
            case 1:
                return new Fans(shape[0], shape[0]);
            case 2:
                return new Fans(shape[0], shape[1]);
            default:
                int receptive = 1;
                for (int i = 2; i < shape.length; i++) {
                    receptive = Math.multiplyExact(receptive, shape[i]);
                }
                return new Fans(Math.multiplyExact(shape[1], receptive), Math.multiplyExact(shape[0], receptive));
        }
    }
}

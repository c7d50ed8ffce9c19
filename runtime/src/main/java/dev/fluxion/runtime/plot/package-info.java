/**
 * Plots of training curves as PNG files, with java.awt and javax.imageio only: a
 * {@link dev.fluxion.runtime.plot.LineChart} with axes, nice ticks, labels and a legend,
 * and {@link dev.fluxion.runtime.plot.TrainingPlot}, the loss and accuracy curves of a
 * {@link dev.fluxion.runtime.train.History}.
 *
 * <p>Rendering goes to an off-screen image, so it works in headless mode (run with
 * {@code -Djava.awt.headless=true} where there is no display).
 */
package dev.fluxion.runtime.plot;

/**
 * The issue-3 examples, each a {@code main} run by {@code ./examples/run NAME}:
 * {@link dev.fluxion.examples.DigitsSoftmax}, {@link dev.fluxion.examples.MnistMlp},
 * {@link dev.fluxion.examples.MnistCnn}, {@link dev.fluxion.examples.GmmObjective} and
 * {@link dev.fluxion.examples.AdBench} (ADBench's bundle adjustment, a per-item map).
 *
 * <p>Every model is a program in the language (resources under {@code fluxion/}), compiled
 * at start-up with {@link dev.fluxion.compiler.Fluxion#compileModel} and trained or evaluated
 * with the runtime alone. The classes here only choose data, hyper-parameters and where
 * results go, so that tests can run the same code on a few hundred steps.
 */
package dev.fluxion.examples;

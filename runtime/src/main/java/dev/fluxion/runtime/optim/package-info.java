/**
 * Optimizers (SGD, momentum with optional Nesterov, Adam and AdamW, weight decay) and
 * learning-rate schedules (constant, step, cosine, linear warm-up).
 *
 * <p>An {@link dev.fluxion.runtime.optim.OptimizerSpec} is an immutable description
 * ({@code Sgd.of(0.1).withMomentum(0.9)}); binding it to a model's live parameter and
 * gradient buffers gives a stateful {@link dev.fluxion.runtime.optim.Optimizer} that owns
 * its state buffers, allocated once at binding. Guarantees: {@code step()} allocates
 * nothing, reads the gradients without modifying them, and updates the parameters in
 * place with loops over flat arrays; the update rules match PyTorch's {@code torch.optim}
 * definitions (stated on each class).
 */
package dev.fluxion.runtime.optim;

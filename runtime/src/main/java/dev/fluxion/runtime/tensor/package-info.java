/** Helpers and kernels that generated tensor code calls: label checks, convolution and pooling loops. Depends on nothing. */
package dev.fluxion.runtime.tensor;

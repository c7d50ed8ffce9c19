/** Small helpers that generated tensor code calls: label checks. Depends on nothing. */
package dev.fluxion.runtime.tensor;

/** JMH benchmarks of generated gradients against hand-written code, Hipparchus and finite differences. */
package dev.fluxion.bench;

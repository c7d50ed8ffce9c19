package dev.fluxion.tests.compilers;

import dev.fluxion.compiler.Fluxion;

/** {@link CompilerContract} with Janino, the default compiler. */
class JaninoTest extends CompilerContract {

    @Override
    Fluxion fluxion() {
        return Fluxion.create();
    }

    @Override
    String compilerName() {
        return "janino";
    }
}

package dev.fluxion.tests.compilers;

import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.jit.JavaCompiler;

/** {@link CompilerContract} with javac through javax.tools. */
class JavaxToolsTest extends CompilerContract {

    @Override
    Fluxion fluxion() {
        return Fluxion.using(JavaCompiler.javaxTools());
    }

    @Override
    String compilerName() {
        return "javax.tools";
    }
}

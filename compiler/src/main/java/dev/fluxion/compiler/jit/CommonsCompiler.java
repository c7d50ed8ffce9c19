package dev.fluxion.compiler.jit;

import dev.fluxion.runtime.DifferentiableFunction;
import org.codehaus.commons.compiler.ICompilerFactory;
import org.codehaus.commons.compiler.ISimpleCompiler;

/**
 * A {@link JavaCompiler} over Janino's commons-compiler API, which both Janino and the
 * JDK's javac (commons-compiler-jdk) implement. Each class gets its own class loader,
 * whose parent is the one that loaded the runtime, so generated classes see
 * {@link DifferentiableFunction} and nothing of the compiler.
 */
final class CommonsCompiler implements JavaCompiler {

    private final String name;
    private final ICompilerFactory factory;

    CommonsCompiler(String name, ICompilerFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    @Override
    public Class<?> compile(String qualifiedName, String source) {
        try {
            ISimpleCompiler compiler = factory.newSimpleCompiler();
            compiler.setParentClassLoader(DifferentiableFunction.class.getClassLoader());
            compiler.cook(qualifiedName.replace('.', '/') + ".java", new java.io.StringReader(source));
            return compiler.getClassLoader().loadClass(qualifiedName);
        } catch (Exception e) {
            throw new GeneratedCodeException(name + " could not compile the generated class " + qualifiedName
                    + ": " + e.getMessage(), source, e);
        }
    }

    @Override
    public String name() {
        return name;
    }
}

package dev.fluxion.tests.golden;

/** The binary name of the class a golden Java source declares, for tests outside this package. */
public final class GoldenNames {

    private GoldenNames() {
    }

    /** The package-qualified name of the public class of {@code source}. */
    public static String qualifiedName(String source) {
        return GoldenJavaCompilesTest.qualifiedName(source);
    }
}

package dev.fluxion.compiler.inspect;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The JUnit 5 test {@code fluxion gen --with-test} and the Maven plugin (with
 * {@code generateTests}) write beside a generated class: at points
 * sampled when the class was generated (where the function is finite), every row of the
 * Jacobian, by the class's own reverse mode (its VJP with a unit seed, or its reverse
 * Jacobian when it was generated without the gradient), must agree with
 * central finite differences of its value, to the tolerance {@code check} uses. It needs
 * only the runtime jar and JUnit, so a user's build keeps checking the class.
 */
public final class GradientTestWriter {

    /** The relative step of the central differences: h = STEP·max(1, |xᵢ|). */
    public static final double STEP = 1e-5;

    /** The largest error the test accepts, |generated − estimate| / max(1, |generated|, |estimate|). */
    public static final double TOLERANCE = 1e-6;

    private static final ClassName TEST = ClassName.get("org.junit.jupiter.api", "Test");
    private static final ClassName ASSERTIONS = ClassName.get("org.junit.jupiter.api", "Assertions");

    private GradientTestWriter() {
    }

    /** The source of the test for class {@code className} in {@code packageName}. */
    public static String source(String packageName, String className, boolean hasVjp, List<double[]> points,
                                double tolerance) {
        ClassName subject = ClassName.get(packageName, className);
        CodeBlock.Builder table = CodeBlock.builder().add("{\n").indent();
        for (double[] x : points) {
            CodeBlock.Builder row = CodeBlock.builder().add("{");
            for (int i = 0; i < x.length; i++) {
                row.add(i > 0 ? ", $L" : "$L", literal(x[i]));
            }
            table.add(row.add("},\n").build());
        }
        table.unindent().add("}");

        MethodSpec check = MethodSpec.methodBuilder("gradientMatchesCentralDifferences")
                .addAnnotation(TEST)
                .addStatement("$T f = new $T()", subject, subject)
                .addStatement("int m = f.inputCount()")
                .addStatement("int n = f.outputCount()")
                .beginControlFlow("for (double[] x : POINTS)")
                .addCode(hasVjp ? CodeBlock.of("") : CodeBlock.builder()
                        .addStatement("double[] jacobian = new double[n * m]")
                        .addStatement("f.jacobianReverse(x, new double[n], jacobian)").build())
                .beginControlFlow("for (int j = 0; j < n; j++)")
                .addStatement("double[] row = new double[m]")
                .addCode(hasVjp ? CodeBlock.builder()
                        .addStatement("double[] ybar = new double[n]")
                        .addStatement("ybar[j] = 1")
                        .addStatement("f.vjp(x, ybar, new double[n], row)").build()
                        : CodeBlock.builder().addStatement("System.arraycopy(jacobian, j * m, row, 0, m)").build())
                .beginControlFlow("for (int i = 0; i < m; i++)")
                .addStatement("double estimate = centralDifference(f, x, j, i)")
                .addStatement("double error = Math.abs(row[i] - estimate) / Math.max(1, Math.max(Math.abs(row[i]), Math.abs(estimate)))")
                .addStatement("final int output = j, input = i")
                .addStatement("$T.assertTrue(error <= TOLERANCE, () -> \"d\" + f.outputNames()[output] + \"/d\" + f.inputNames()[input]"
                        + " + \" at \" + $T.toString(x) + \": generated \" + row[input] + \", central difference \" + estimate)",
                        ASSERTIONS, java.util.Arrays.class)
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .build();

        MethodSpec difference = MethodSpec.methodBuilder("centralDifference")
                .addJavadoc("(f(x + h e_i) - f(x - h e_i)) / 2h for output j, h = $L max(1, |x_i|).\n", STEP)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(double.class)
                .addParameter(subject, "f")
                .addParameter(double[].class, "x")
                .addParameter(int.class, "j")
                .addParameter(int.class, "i")
                .addStatement("double h = $L * Math.max(1, Math.abs(x[i]))", STEP)
                .addStatement("double[] xs = x.clone()")
                .addStatement("double[] plus = new double[f.outputCount()]")
                .addStatement("double[] minus = new double[f.outputCount()]")
                .addStatement("xs[i] = x[i] + h")
                .addStatement("f.value(xs, plus)")
                .addStatement("xs[i] = x[i] - h")
                .addStatement("f.value(xs, minus)")
                .addStatement("return (plus[j] - minus[j]) / (2 * h)")
                .build();

        TypeSpec type = TypeSpec.classBuilder(className + "Test")
                .addJavadoc("Checks the derivatives of {@link $T} against central finite differences.\n", subject)
                .addJavadoc("Generated by Fluxion ({@code fluxion gen --with-test} or the Maven plugin's generateTests).\n")
                .addField(FieldSpec.builder(double[][].class, "POINTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Points where the function is finite, sampled when the class was generated.\n")
                        .initializer(table.build()).build())
                .addField(FieldSpec.builder(double.class, "TOLERANCE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$L", literal(tolerance)).build())
                .addMethod(check)
                .addMethod(difference)
                .build();
        return JavaFile.builder(packageName, type).skipJavaLangImports(true).build().toString();
    }

    /** A double as a Java literal that reads back exactly. */
    private static String literal(double v) {
        return Double.toString(v);
    }
}

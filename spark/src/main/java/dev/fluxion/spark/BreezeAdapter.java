package dev.fluxion.spark;

import breeze.optimize.CachedDiffFunction;
import java.util.function.Function;
import org.apache.xbean.asm9.ClassWriter;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;

/**
 * A Breeze {@code DiffFunction} backed by a Java function, as a class written in bytecode with the
 * ASM that Spark ships (xbean-asm9-shaded), because Java source cannot declare it (see
 * {@link Lbfgs}). The class is, in Java terms:
 * <pre>
 * public final class FunctionAdapter extends breeze.optimize.CachedDiffFunction {
 *     private final Function calculate;
 *     public FunctionAdapter(Function calculate) { super(null, null); this.calculate = calculate; }
 *     public scala.Tuple2 calculate(Object x) { return (scala.Tuple2) calculate.apply(x); }
 *     public double valueAt(Object x) { return ((Double) calculate(x)._1()).doubleValue(); }
 *     public Object gradientAt(Object x) { return calculate(x)._2(); }
 * }
 * </pre>
 * Straight-line methods only, so no stack map frames are needed. Defined once per class loader.
 */
final class BreezeAdapter {

    private static final String NAME = "dev/fluxion/spark/breeze/FunctionAdapter";
    private static final String SUPER = "breeze/optimize/CachedDiffFunction";
    private static final String FUNCTION = "java/util/function/Function";
    private static final String TUPLE = "scala/Tuple2";

    private static Class<?> type;

    private BreezeAdapter() {
    }

    /** A {@code DiffFunction} whose {@code calculate(x)} is {@code calculate.apply(x)}. */
    static Object wrap(Function<?, ?> calculate) {
        try {
            return adapter().getConstructor(Function.class).newInstance(calculate);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate the Breeze adapter", e);
        }
    }

    private static synchronized Class<?> adapter() {
        if (type == null) {
            byte[] bytes = bytecode();
            ClassLoader parent = CachedDiffFunction.class.getClassLoader();
            type = new ClassLoader(parent) {
                Class<?> define() {
                    return defineClass(NAME.replace('/', '.'), bytes, 0, bytes.length);
                }
            }.define();
        }
        return type;
    }

    static byte[] bytecode() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, SUPER, null);
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "calculate", "L" + FUNCTION + ";", null, null).visitEnd();

        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(L" + FUNCTION + ";)V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitInsn(Opcodes.ACONST_NULL);
        init.visitInsn(Opcodes.ACONST_NULL);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, SUPER, "<init>",
                "(Lbreeze/optimize/DiffFunction;Lbreeze/linalg/support/CanCopy;)V", false);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 1);
        init.visitFieldInsn(Opcodes.PUTFIELD, NAME, "calculate", "L" + FUNCTION + ";");
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor calc = cw.visitMethod(Opcodes.ACC_PUBLIC, "calculate", "(Ljava/lang/Object;)L" + TUPLE + ";",
                null, null);
        calc.visitCode();
        calc.visitVarInsn(Opcodes.ALOAD, 0);
        calc.visitFieldInsn(Opcodes.GETFIELD, NAME, "calculate", "L" + FUNCTION + ";");
        calc.visitVarInsn(Opcodes.ALOAD, 1);
        calc.visitMethodInsn(Opcodes.INVOKEINTERFACE, FUNCTION, "apply", "(Ljava/lang/Object;)Ljava/lang/Object;", true);
        calc.visitTypeInsn(Opcodes.CHECKCAST, TUPLE);
        calc.visitInsn(Opcodes.ARETURN);
        calc.visitMaxs(0, 0);
        calc.visitEnd();

        MethodVisitor value = cw.visitMethod(Opcodes.ACC_PUBLIC, "valueAt", "(Ljava/lang/Object;)D", null, null);
        value.visitCode();
        value.visitVarInsn(Opcodes.ALOAD, 0);
        value.visitVarInsn(Opcodes.ALOAD, 1);
        value.visitMethodInsn(Opcodes.INVOKEVIRTUAL, NAME, "calculate", "(Ljava/lang/Object;)L" + TUPLE + ";", false);
        value.visitMethodInsn(Opcodes.INVOKEVIRTUAL, TUPLE, "_1", "()Ljava/lang/Object;", false);
        value.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Double");
        value.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false);
        value.visitInsn(Opcodes.DRETURN);
        value.visitMaxs(0, 0);
        value.visitEnd();

        MethodVisitor grad = cw.visitMethod(Opcodes.ACC_PUBLIC, "gradientAt", "(Ljava/lang/Object;)Ljava/lang/Object;",
                null, null);
        grad.visitCode();
        grad.visitVarInsn(Opcodes.ALOAD, 0);
        grad.visitVarInsn(Opcodes.ALOAD, 1);
        grad.visitMethodInsn(Opcodes.INVOKEVIRTUAL, NAME, "calculate", "(Ljava/lang/Object;)L" + TUPLE + ";", false);
        grad.visitMethodInsn(Opcodes.INVOKEVIRTUAL, TUPLE, "_2", "()Ljava/lang/Object;", false);
        grad.visitInsn(Opcodes.ARETURN);
        grad.visitMaxs(0, 0);
        grad.visitEnd();

        cw.visitEnd();
        return cw.toByteArray();
    }
}

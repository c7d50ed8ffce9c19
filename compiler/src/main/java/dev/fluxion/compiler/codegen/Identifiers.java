package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.NameAllocator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names a local variable, parameter or field of generated code must never take, and the
 * way every name derived from the user's text avoids them.
 *
 * <p>In Java a variable obscures a type or package of the same simple name (JLS 6.4.2): in
 * a method with a local {@code Math}, {@code Math.sqrt(x)} reads the local and does not
 * compile, and a local {@code java} breaks every fully qualified name. Types are written
 * with JavaPoet's {@code $T}, which qualifies them when the generated class itself has the
 * same simple name (a program named {@code Double}), so the class name is free; variables
 * are not, and so are allocated around every public type of {@code java.lang} (as of Java
 * 25, so a class generated now still compiles on a newer JDK), the other JDK types generated
 * code names ({@code Arrays}), every class of the runtime,
 * the roots of the packages generated code names, and the generated class's own fields.
 * A suggestion that is reserved gets a trailing {@code _}; no reserved name ends in one, so
 * the allocator's own de-duplication (more underscores) stays clear of them too.
 */
public final class Identifiers {

    /** The public top-level types of {@code java.lang}, Java 17 to 25. */
    static final Set<String> JAVA_LANG = Set.of("AbstractMethodError", "Appendable", "ArithmeticException",
            "ArrayIndexOutOfBoundsException", "ArrayStoreException", "AssertionError", "AutoCloseable", "Boolean",
            "BootstrapMethodError", "Byte", "CharSequence", "Character", "Class", "ClassCastException",
            "ClassCircularityError", "ClassFormatError", "ClassLoader", "ClassNotFoundException", "ClassValue",
            "CloneNotSupportedException", "Cloneable", "Comparable", "Compiler", "Deprecated", "Double", "Enum",
            "EnumConstantNotPresentException", "Error", "Exception", "ExceptionInInitializerError", "Float",
            "FunctionalInterface", "IO", "IllegalAccessError", "IllegalAccessException", "IllegalArgumentException",
            "IllegalCallerException", "IllegalMonitorStateException", "IllegalStateException",
            "IllegalThreadStateException", "IncompatibleClassChangeError", "IndexOutOfBoundsException",
            "InheritableThreadLocal", "InstantiationError", "InstantiationException", "Integer", "InternalError",
            "InterruptedException", "Iterable", "LayerInstantiationException", "LinkageError", "Long",
            "MatchException", "Math", "Module", "ModuleLayer", "NegativeArraySizeException", "NoClassDefFoundError",
            "NoSuchFieldError", "NoSuchFieldException", "NoSuchMethodError", "NoSuchMethodException",
            "NullPointerException", "Number", "NumberFormatException", "Object", "OutOfMemoryError", "Override",
            "Package", "Process", "ProcessBuilder", "ProcessHandle", "Readable", "Record",
            "ReflectiveOperationException", "Runnable", "Runtime", "RuntimeException", "RuntimePermission",
            "SafeVarargs", "ScopedValue", "SecurityException", "SecurityManager", "Short", "StableValue",
            "StackOverflowError", "StackTraceElement", "StackWalker", "StrictMath", "String", "StringBuffer",
            "StringBuilder", "StringIndexOutOfBoundsException", "StringTemplate", "SuppressWarnings", "System",
            "Thread", "ThreadDeath", "ThreadGroup", "ThreadLocal", "Throwable", "TypeNotPresentException",
            "UnknownError", "UnsatisfiedLinkError", "UnsupportedClassVersionError", "UnsupportedOperationException",
            "VerifyError", "VirtualMachineError", "Void", "WrongThreadException");

    /** The classes of the runtime jar ({@code dev.fluxion.runtime} and its subpackages). */
    static final Set<String> RUNTIME = Set.of("Adam", "Checks", "Compressed", "CompressedRows", "Constants",
            "Conv2d", "Csv", "CsvOptions", "Dataset", "DifferentiableFunction", "DoubleRows", "EpochMetrics",
            "Evaluation", "Fans", "FloatRows", "Fn", "GradientCheck", "GradientCheckReport", "History", "Idx",
            "IndexOutOfRange", "ItemMap", "IdxTensor", "IdxType", "Initializer", "Initializers", "InputLayout", "LabelEncoding",
            "Labels", "LearningRateSchedule", "LineChart", "MatMul", "MatMulScratch", "Minibatches", "Model",
            "ModelContract",
            "Names", "NarrowRows", "Normalizer", "OneHot", "Optimizer", "OptimizerSpec", "ParameterFile",
            "Parameters", "Pool2d", "Precision", "Progress", "Rng", "ScratchRows", "Series", "Sgd", "Simd", "Ticks",
            "Trainer", "TrainingConfig", "TrainingPlot", "VectorNarrow", "VectorRows", "WideRows", "Workers",
            "Workspace", "Capability", "AtomicWrite", "ElementType", "FlatModel", "ModelFunction", "Gamma", "Json", "Npy", "NpyHeader",
            "Npz", "ParameterFormat", "Safetensors", "ScalarSlot", "StoredType", "CsrMatrix", "Revolve");

    /** The other JDK types generated code names: {@code java.util.Arrays}. */
    static final Set<String> JDK_OTHER = Set.of("Arrays");

    /** The first names of the packages a fully qualified name in generated code can start with. */
    static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "dev");

    /** The fields of generated classes, referred to by simple name from their methods. */
    static final Set<String> FIELDS = Set.of(ClassContext.CONSTANTS, "INPUT_NAMES", "OUTPUT_NAMES", "workspace",
            RolledMethods.FIELD, "PARAMETER_NAMES", "PARAMETER_SHAPES", "PARAMETER_INITIALIZERS", "INPUT_SHAPES",
            "capacity");

    /** Fields named by a counter: the tables of a loop's per-term constants ({@code TERM_CONSTANTS_1}). */
    static final String TABLE_PREFIX = "TERM_CONSTANTS_";
    private static final Pattern NUMBERED_FIELD = Pattern.compile(Pattern.quote(TABLE_PREFIX) + "[0-9]+");

    private Identifiers() {
    }

    /**
     * Every fixed name a variable of generated code avoids (the numbered table fields
     * {@code TERM_CONSTANTS_n} are avoided too, by pattern).
     *
     * @return the names, sorted
     */
    public static Set<String> reserved() {
        Set<String> all = new TreeSet<>(JAVA_LANG);
        all.addAll(RUNTIME);
        all.addAll(JDK_OTHER);
        all.addAll(PACKAGE_ROOTS);
        all.addAll(FIELDS);
        return all;
    }

    /**
     * Whether a variable of generated code may not be called {@code name}.
     *
     * @param name a Java identifier
     * @return whether the name would obscure a type, a package or a field of generated code
     */
    public static boolean isReserved(String name) {
        return JAVA_LANG.contains(name) || RUNTIME.contains(name) || JDK_OTHER.contains(name) || PACKAGE_ROOTS.contains(name)
                || FIELDS.contains(name) || NUMBERED_FIELD.matcher(name).matches();
    }

    /** {@code hint}, with a trailing {@code _} if it is reserved. */
    static String avoid(String hint) {
        return isReserved(hint) ? hint + "_" : hint;
    }

    /** A new variable name from {@code allocator} for {@code hint}, clear of every reserved name. */
    static String variable(NameAllocator allocator, String hint, Object tag) {
        return allocator.newName(avoid(hint), tag);
    }
}

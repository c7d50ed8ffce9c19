package dev.fluxion.tests.support;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.codehaus.janino.SimpleCompiler;

/**
 * Reads the length of each method's bytecode from a class file (JVMS §4: the
 * {@code code_length} of a method's {@code Code} attribute), so a test can check that no
 * generated method exceeds HotSpot's 8,000-byte JIT limit ({@code -XX:-DontCompileHugeMethods})
 * or the JVM's 64 KB limit. A small reader rather than a bytecode library: the tests need
 * one number per method.
 */
public final class ClassFiles {

    /** HotSpot does not JIT-compile a method whose bytecode is longer than this. */
    public static final int HUGE_METHOD_LIMIT = 8000;

    private ClassFiles() {
    }

    /** What Janino made of a source: the class files by class name, and a loader for them. */
    public record Compiled(Map<String, byte[]> classes, ClassLoader loader) {

        public byte[] get(String className) {
            return classes.get(className);
        }

        /** A new instance of the class {@code className} (which must have a public no-argument constructor). */
        public Object instantiate(String className) {
            try {
                return loader.loadClass(className).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + className, e);
            }
        }
    }

    /** Compiles {@code source} with Janino: the bytes of every class it declares, by name, and their loader. */
    public static Compiled compile(String source) {
        try {
            SimpleCompiler c = new SimpleCompiler();
            c.setParentClassLoader(ClassFiles.class.getClassLoader());
            c.cook(source);
            return new Compiled(c.getBytecodes(), c.getClassLoader());
        } catch (Exception e) {
            throw new IllegalStateException("Janino could not compile the source: " + e.getMessage(), e);
        }
    }

    /** Method name + descriptor to bytecode length, for every method with code. */
    public static Map<String, Integer> methodCodeLengths(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            String[] utf8 = readConstantPool(in);
            in.readUnsignedShort(); // access flags
            in.readUnsignedShort(); // this
            in.readUnsignedShort(); // super
            int interfaces = in.readUnsignedShort();
            in.skipBytes(2 * interfaces);
            int fields = in.readUnsignedShort();
            for (int i = 0; i < fields; i++) {
                in.skipBytes(6);
                skipAttributes(in);
            }
            Map<String, Integer> lengths = new LinkedHashMap<>();
            int methods = in.readUnsignedShort();
            for (int i = 0; i < methods; i++) {
                in.readUnsignedShort();
                String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attr = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (attr.equals("Code")) {
                        in.readUnsignedShort(); // max_stack
                        in.readUnsignedShort(); // max_locals
                        int code = in.readInt();
                        lengths.put(name, code);
                        in.skipBytes(length - 8);
                    } else {
                        in.skipBytes(length);
                    }
                }
            }
            return lengths;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] readConstantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // longs and doubles take two entries
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 15 -> in.skipBytes(3);
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        return utf8;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipBytes(in.readInt());
        }
    }
}

package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.NameAllocator;

/**
 * What the methods of one generated class share: method names, the scratch size, and, in
 * a class with too many distinct constants to write inline, the table of constants.
 */
final class ClassContext {

    /** The field holding the constants of a class that tabulates them. */
    static final String CONSTANTS = "CONSTANTS";

    private final NameAllocator methodNames = new NameAllocator();
    private final java.util.Map<Long, Integer> constants;
    private int scratch;
    private final java.util.Map<Object, String> tableNames = new java.util.IdentityHashMap<>();
    private final java.util.Map<String, double[]> tables = new java.util.LinkedHashMap<>();
    private boolean scratchUsed;

    /** The field of each data port, by port name and by port index (program ports 2, 3, ...). */
    private final java.util.Map<String, String> dataFields = new java.util.LinkedHashMap<>();
    private final java.util.Map<Integer, String> dataFieldsByPort = new java.util.HashMap<>();

    /** Declares data port {@code port} (its index in the program, and its name) read from field {@code field}. */
    void dataField(int port, String name, String field) {
        dataFields.put(name, field);
        dataFieldsByPort.put(port, field);
    }

    /** How a method reads data port {@code portName}, or null if it is not a data port. */
    Access dataAccess(String portName) {
        String f = dataFields.get(portName);
        return f == null ? null : Access.field(f);
    }

    /** The field holding data port {@code port} of the program. */
    String dataField(int port) {
        String f = dataFieldsByPort.get(port);
        if (f == null) {
            throw new IllegalStateException("no data port " + port);
        }
        return f;
    }

    /** The data fields in port order, by port name. */
    java.util.Map<String, String> dataFields() {
        return java.util.Collections.unmodifiableMap(dataFields);
    }

    ClassContext(Iterable<String> reserved, boolean tabulateConstants) {
        this.constants = tabulateConstants ? new java.util.LinkedHashMap<>() : null;
        for (String r : reserved) {
            methodNames.newName(r, "reserved:" + r);
        }
    }

    String allocateMethodName(String suggestion) {
        return methodNames.newName(suggestion);
    }

    void needScratch(int doubles) {
        scratch = Math.max(scratch, doubles);
        scratchUsed = true;
    }

    int scratch() {
        return scratch;
    }

    /** Whether a split method reads the scratch buffer (even one of no slots: its parts take it as a parameter). */
    boolean scratchUsed() {
        return scratchUsed;
    }

    /** Whether constants are read from {@link #CONSTANTS} rather than written as literals. */
    boolean tabulatesConstants() {
        return constants != null;
    }

    /** The index of {@code v} in the constant table, added on first use. */
    int constant(double v) {
        return constants.computeIfAbsent(Double.doubleToLongBits(v), bits -> constants.size());
    }

    /** The tabulated constants in index order. */
    java.util.List<Double> constantTable() {
        return constants.keySet().stream().map(Double::longBitsToDouble).toList();
    }

    /**
     * The name of the static table holding {@code values}, added on first use; {@code owner}
     * identifies the table (the same owner gives the same field, however often asked).
     */
    String table(Object owner, double[] values) {
        return tableNames.computeIfAbsent(owner, o -> {
            String name = Identifiers.TABLE_PREFIX + (tables.size() + 1);
            tables.put(name, values.clone());
            return name;
        });
    }

    /** The tables of constants by field name, in the order they were added. */
    java.util.Map<String, double[]> tables() {
        return java.util.Collections.unmodifiableMap(tables);
    }
}

package dev.fluxion.compiler.codegen;

import com.squareup.javapoet.NameAllocator;

/** What the methods of one generated class share: method names and the scratch size. */
final class ClassContext {

    private final NameAllocator methodNames = new NameAllocator();
    private int scratch;

    ClassContext(Iterable<String> reserved) {
        for (String r : reserved) {
            methodNames.newName(r, "reserved:" + r);
        }
    }

    String allocateMethodName(String suggestion) {
        return methodNames.newName(suggestion);
    }

    void needScratch(int doubles) {
        scratch = Math.max(scratch, doubles);
    }

    int scratch() {
        return scratch;
    }
}

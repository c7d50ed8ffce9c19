package dev.fluxion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.fluxion.compiler.Options;
import org.junit.jupiter.api.Test;

/**
 * The bytecode store's key tells apart every option that changes the generated class: a
 * class compiled with loops off must never be handed to a fork that asked for loops on
 * (which is how a run once timed the loop class twice).
 */
class ClassStoreTest {

    @Test
    void keyDependsOnEveryOptionThatChangesTheClass() {
        String text = "x*y";
        Options on = Options.defaults();
        assertEquals(ClassStore.key(text, on), ClassStore.key(text, Options.defaults()));
        assertNotEquals(ClassStore.key(text, on), ClassStore.key(text, on.withLoops(false)));
        assertNotEquals(ClassStore.key(text, on), ClassStore.key(text, on.withJacobianMode(dev.fluxion.compiler.Mode.FORWARD)));
        assertNotEquals(ClassStore.key(text, on), ClassStore.key(text, on.withClassName("Other")));
        assertNotEquals(ClassStore.key(text, on), ClassStore.key("x*z", on));
    }
}

package dev.fluxion.tests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tutorial's commands must reach the CLI with the arguments a shell would pass. */
class ShellWordsTest {

    @Test
    void singleQuotesKeepSpacesAndOperatorsLiterally() {
        assertEquals(List.of("./fluxion", "graph", "2*(x*y + max(z, w))", "--at", "x=3,y=-4"),
                ShellWords.split("./fluxion graph '2*(x*y + max(z, w))' --at x=3,y=-4"));
    }

    @Test
    void quotesJoinWithAdjacentTextAndDoubleQuotesUnescape() {
        assertEquals(List.of("a'b", "x\"y", "ab c"), ShellWords.split("\"a'b\" x\\\"y  a'b c'"));
    }

    @Test
    void emptyQuotesAreAnArgument() {
        assertEquals(List.of("a", "", "b"), ShellWords.split("a '' b"));
    }

    @Test
    void whatTheTestCannotReproduceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("./fluxion grad $F"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("./fluxion diff x > out.txt"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("./fluxion diff 'x"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("./fluxion diff x*y"));
    }
}

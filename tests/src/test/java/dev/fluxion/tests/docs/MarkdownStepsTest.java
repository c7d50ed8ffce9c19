package dev.fluxion.tests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which block is a command's output, and which markers apply to it. */
class MarkdownStepsTest {

    @Test
    void anOutputBlockFollowsItsCommandWithOnlyCommentsBetween() {
        String md = "Run:\n\n```sh\n./fluxion diff 'x*y'\n```\n\n<!-- exit: 0 -->\n<!-- output: not checked -->\n\n```\ndy/dx = y\n```\n";
        List<MarkdownSteps.Step> steps = MarkdownSteps.parse(md);
        assertEquals(1, steps.size());
        MarkdownSteps.Step step = steps.get(0);
        assertEquals(3, step.code().line());
        assertEquals("sh", step.code().lang());
        assertEquals("./fluxion diff 'x*y'\n", step.code().text());
        assertEquals("dy/dx = y\n", step.output().text());
        assertEquals("0", step.marker("exit"));
        assertEquals("not checked", step.marker("output"));
    }

    @Test
    void proseBetweenMeansNoOutput() {
        String md = "```sh\n./fluxion diff x\n```\n\nSome words.\n\n```\nnot its output\n```\n";
        List<MarkdownSteps.Step> steps = MarkdownSteps.parse(md);
        assertEquals(1, steps.size());
        assertNull(steps.get(0).output());
        assertNull(steps.get(0).marker("exit"));
    }

    @Test
    void aBlockWithALanguageIsNotAnOutput() {
        List<MarkdownSteps.Step> steps = MarkdownSteps.parse("```sh\n./fluxion diff x\n```\n```flx\nx\n```\n");
        assertEquals(2, steps.size());
        assertNull(steps.get(0).output());
        assertEquals("flx", steps.get(1).code().lang());
    }

    @Test
    void anUnclosedBlockIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> MarkdownSteps.parse("text\n```sh\n./fluxion diff x\n"));
    }
}

package io.edgemlops.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The step pages' parameter and result tables are the contract's; regenerate them with MarkdownTables. */
class StepDocsAgreementTest {

    static Iterable<StepContract> steps() {
        return StepContracts.ALL;
    }

    @ParameterizedTest
    @MethodSource("steps")
    void stepPageTablesMatchTheContract(StepContract step) throws IOException {
        Path page = Path.of("..", "docs", "steps", step.function() + ".md");
        assertTrue(Files.exists(page), "every step has a page: " + page);
        String text = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(text.contains("<!-- contract:parameters -->") && text.contains("<!-- contract:results -->"),
                page + " marks where its parameter and result tables go");
        assertEquals(MarkdownTables.withTables(text, step), text, page + " disagrees with the contract of "
                + step.function() + "; run: java -cp contract/target/classes io.edgemlops.contract.MarkdownTables "
                + "docs/steps");
    }
}

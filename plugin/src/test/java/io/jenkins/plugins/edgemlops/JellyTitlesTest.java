package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stapler reads parentheses inside a localized {@code ${%...}} text as message arguments and evaluates them
 * as expressions, which garbles or breaks the Snippet Generator form; our texts must not contain any.
 */
class JellyTitlesTest {

    private static final Pattern LOCALIZED = Pattern.compile("\\$\\{%([^}]*)}");

    @Test
    void localizedTextsHaveNoParentheses() throws Exception {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jelly")).toList()) {
                Matcher m = LOCALIZED.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(1).contains("(")) {
                        offending.add(file + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(offending.isEmpty(), String.join("\n", offending));
    }
}

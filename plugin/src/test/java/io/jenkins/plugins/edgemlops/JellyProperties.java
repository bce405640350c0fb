package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

/** Checks that a Jelly view is well-formed, escapes by default, and reads only properties its classes have. */
final class JellyProperties {

    private JellyProperties() {
    }

    static void check(Path view, Map<String, Class<?>> variables) throws Exception {
        String text = Files.readString(view);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(view.toFile());
        assertTrue(text.startsWith("<?jelly escape-by-default='true'?>"), view.toString());
        Set<String> missing = new TreeSet<>();
        Matcher m = Pattern.compile("(\\w+)\\.(\\w+)").matcher(String.join(" ",
                Pattern.compile("\\$\\{([^}]*)}").matcher(text).results().map(r -> r.group(1)).toList()));
        while (m.find()) {
            Class<?> type = variables.get(m.group(1));
            if (type == null) {
                continue;
            }
            String property = m.group(2);
            String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            boolean found = false;
            for (String prefix : List.of("get", "is")) {
                try {
                    type.getMethod(prefix + suffix);
                    found = true;
                } catch (NoSuchMethodException next) {
                    // try the other prefix
                }
            }
            if (!found && !(property.equals("size") || property.equals("length"))) {
                missing.add(view.getParent().getFileName() + "/" + view.getFileName() + ": " + m.group());
            }
        }
        assertEquals(Set.of(), missing);
    }
}

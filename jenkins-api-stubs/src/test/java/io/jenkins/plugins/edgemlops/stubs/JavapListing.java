package io.jenkins.plugins.edgemlops.stubs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code javap -protected -s} listing: per class its header and its members keyed by name and descriptor. */
final class JavapListing {

    /** A class header, split into its parts (type names exactly as javap prints them). */
    record Header(String modifiers, String kind, String name, String typeParameters, String superclass,
            List<String> interfaces) {
    }

    /** One member: the declaration line without the trailing ';' and its JVM descriptor. */
    record Member(String declaration, String name, String descriptor) {
        boolean isAbstract() {
            return (" " + declaration + " ").contains(" abstract ");
        }
    }

    record ListedClass(Header header, Map<String, Member> members) {
    }

    private static final Pattern HEADER = Pattern.compile(
            "^((?:[a-z]+ )*?)(class|interface) ([\\w.$]+)(.*?)\\s*\\{$");

    private JavapListing() {
    }

    static Map<String, ListedClass> read(Path listing) throws IOException {
        Map<String, ListedClass> classes = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(listing);
        Header header = null;
        Map<String, Member> members = null;
        String pending = null;
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("Compiled from") || line.isBlank()) {
                continue;
            }
            if (line.equals("}")) {
                classes.put(header.name(), new ListedClass(header, members));
                header = null;
                continue;
            }
            if (header == null) {
                header = parseHeader(line);
                members = new LinkedHashMap<>();
                continue;
            }
            String trimmed = line.trim();
            if (trimmed.startsWith("descriptor: ")) {
                String descriptor = trimmed.substring("descriptor: ".length());
                String name = memberName(pending);
                members.put(name + descriptor, new Member(pending, name, descriptor));
                pending = null;
            } else {
                pending = trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            }
        }
        return classes;
    }

    static Header parseHeader(String line) {
        Matcher m = HEADER.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a class header: " + line);
        }
        String rest = m.group(4);
        String typeParameters = "";
        if (rest.startsWith("<")) {
            int end = closingBracket(rest, 0);
            typeParameters = rest.substring(0, end + 1);
            rest = rest.substring(end + 1);
        }
        rest = rest.trim();
        String superclass = null;
        List<String> interfaces = new ArrayList<>();
        boolean isInterface = m.group(2).equals("interface");
        if (rest.startsWith("extends ")) {
            String extendsPart = rest.substring("extends ".length());
            int implementsAt = topLevelIndexOf(extendsPart, " implements ");
            String afterExtends = implementsAt < 0 ? extendsPart : extendsPart.substring(0, implementsAt);
            rest = implementsAt < 0 ? "" : extendsPart.substring(implementsAt + 1);
            if (isInterface) {
                interfaces.addAll(splitTopLevel(afterExtends));
            } else {
                superclass = afterExtends.trim();
            }
        }
        if (rest.startsWith("implements ")) {
            interfaces.addAll(splitTopLevel(rest.substring("implements ".length())));
        }
        return new Header(m.group(1).trim(), m.group(2), m.group(3), typeParameters, superclass, interfaces);
    }

    /** The member's name: the identifier before '(' for methods and constructors, the last word for fields. */
    static String memberName(String declaration) {
        int paren = declaration.indexOf('(');
        String head = paren < 0 ? declaration : declaration.substring(0, paren);
        head = head.trim();
        return head.substring(head.lastIndexOf(' ') + 1);
    }

    static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!list.substring(start).isBlank()) {
            parts.add(list.substring(start).trim());
        }
        return parts;
    }

    private static int closingBracket(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '<') {
                depth++;
            } else if (text.charAt(i) == '>' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced <> in " + text);
    }

    private static int topLevelIndexOf(String text, String needle) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (depth == 0 && text.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}

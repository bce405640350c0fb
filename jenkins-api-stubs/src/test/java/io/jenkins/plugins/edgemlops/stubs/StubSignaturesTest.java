package io.jenkins.plugins.edgemlops.stubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Binary compatibility of the stubs with real Jenkins: every public or protected member of every stub class must exist
 * in the javap listing of the real class with the same name, JVM descriptor, modifiers and generic signature, and each
 * class header (modifiers, type parameters, supertypes) must agree with the real one. Supertypes may be left out, never
 * invented. Also checks that the set of stub classes is exactly the documented list.
 */
class StubSignaturesTest {

    private static Map<String, JavapListing.ListedClass> listing;
    private static Map<String, Boolean> documented;
    private static Path stubClasses;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        listing = JavapListing.read(Path.of(StubSignaturesTest.class.getResource("/signatures-subset.txt").toURI()));
        documented = new LinkedHashMap<>();
        Path list = Path.of(System.getProperty("basedir", ".")).resolve("stub-classes.txt");
        for (String line : Files.readAllLines(list)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.trim().split("\\s+");
            documented.put(words[0], words.length > 1 && words[1].equals("[extended]"));
        }
        stubClasses = Path.of(hudson.Extension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theStubClassesAreExactlyTheDocumentedList() throws IOException {
        Set<String> compiled = new TreeSet<>();
        try (Stream<Path> files = Files.walk(stubClasses)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> compiled.add(
                    stubClasses.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "")));
        }
        assertEquals(new TreeSet<>(documented.keySet()), compiled,
                "stub-classes.txt must list every compiled stub class, and only those");
    }

    @Test
    void everyDocumentedClassIsInTheListing() {
        for (String name : documented.keySet()) {
            assertTrue(listing.containsKey(name), name + " is not in signatures-subset.txt");
        }
    }

    @Test
    void classHeadersMatchTheRealClasses() throws ClassNotFoundException {
        List<String> problems = new ArrayList<>();
        for (String name : documented.keySet()) {
            JavapListing.Header real = listing.get(name).header();
            JavapListing.Header stub = Signatures.header(load(name));
            if (!stub.modifiers().equals(real.modifiers()) || !stub.kind().equals(real.kind())) {
                problems.add(name + ": stub is '" + stub.modifiers() + " " + stub.kind() + "', real is '"
                        + real.modifiers() + " " + real.kind() + "'");
            }
            if (!Signatures.normalize(stub.typeParameters()).equals(Signatures.normalize(real.typeParameters()))) {
                problems.add(name + ": type parameters " + stub.typeParameters() + " vs real " + real.typeParameters());
            }
            if (stub.superclass() != null
                    && !Signatures.normalize(stub.superclass()).equals(Signatures.normalize(real.superclass()))) {
                problems.add(name + ": superclass " + stub.superclass() + " vs real " + real.superclass());
            }
            List<String> realInterfaces = real.interfaces().stream().map(Signatures::normalize).toList();
            for (String i : stub.interfaces()) {
                if (!realInterfaces.contains(Signatures.normalize(i))) {
                    problems.add(name + ": implements " + i + ", the real class does not");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPublicOrProtectedMemberExistsInTheRealClass() throws ClassNotFoundException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String name : documented.keySet()) {
            Map<String, JavapListing.Member> real = listing.get(name).members();
            Class<?> stub = load(name);
            List<Member> members = new ArrayList<>();
            members.addAll(List.of(stub.getDeclaredFields()));
            members.addAll(List.of(stub.getDeclaredMethods()));
            members.addAll(List.of(stub.getDeclaredConstructors()));
            for (Member member : members) {
                if (!Modifier.isPublic(member.getModifiers()) && !Modifier.isProtected(member.getModifiers())) {
                    continue;
                }
                String memberName = member instanceof Constructor<?> ? stub.getName() : member.getName();
                String descriptor;
                String declaration;
                if (member instanceof Field field) {
                    descriptor = Signatures.descriptor(field.getType());
                    declaration = Signatures.declaration(field);
                } else if (member instanceof Method method) {
                    descriptor = Signatures.descriptor(method);
                    declaration = Signatures.declaration(method);
                } else {
                    descriptor = Signatures.descriptor((Constructor<?>) member);
                    declaration = Signatures.declaration((Constructor<?>) member);
                }
                JavapListing.Member listed = real.get(memberName + descriptor);
                checked++;
                if (listed == null) {
                    problems.add(name + ": " + memberName + descriptor + " does not exist in the real class");
                } else if (!declaration.equals(Signatures.normalize(listed.declaration()))) {
                    problems.add(name + ": '" + declaration + "' differs from the real '" + listed.declaration() + "'");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 40, "expected the stubs to have at least 40 members, checked " + checked);
    }

    @Test
    void extendedClassesDeclareEveryAbstractMethodOfTheRealClass() throws ClassNotFoundException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Boolean> entry : documented.entrySet()) {
            if (!entry.getValue()) {
                continue;
            }
            Class<?> stub = load(entry.getKey());
            Set<String> declared = new TreeSet<>();
            for (Method method : stub.getDeclaredMethods()) {
                declared.add(method.getName() + Signatures.descriptor(method));
            }
            for (JavapListing.Member member : listing.get(entry.getKey()).members().values()) {
                if (member.isAbstract() && !declared.contains(member.name() + member.descriptor())) {
                    problems.add(entry.getKey() + " lacks abstract " + member.declaration());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theListingParserUnderstandsGenericHeaders() {
        JavapListing.Header run = listing.get("hudson.model.Run").header();
        assertEquals("hudson.model.Actionable", run.superclass());
        assertTrue(run.interfaces().contains("java.lang.Comparable<RunT>"), run.interfaces().toString());
        assertEquals("<JobT extends hudson.model.Job<JobT, RunT>, RunT extends hudson.model.Run<JobT, RunT>>",
                run.typeParameters());
        assertEquals(List.of("java.lang.annotation.Annotation"), listing.get("hudson.Extension").header().interfaces());
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, StubSignaturesTest.class.getClassLoader());
    }
}

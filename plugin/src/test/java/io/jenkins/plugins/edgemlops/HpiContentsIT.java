package io.jenkins.plugins.edgemlops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.Introspector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import net.java.sezpoz.impl.SerAnnotatedElement;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Opens the built {@code target/edge-mlops.hpi} the way Jenkins would and checks what Jenkins needs from it: the plugin
 * manifest (outer and inner jar), the SezPoz extension index listing every step descriptor, the Stapler constructor
 * files, config.jelly and help for every step and parameter, the build-page views, the engine jar, and that no
 * Jenkins stub class slipped in.
 */
class HpiContentsIT {

    private static final String PACKAGE = "io/jenkins/plugins/edgemlops/";

    private static Manifest hpiManifest;
    private static List<String> hpiEntries;
    /** Every entry of WEB-INF/lib/edge-mlops.jar with its content (small entries only; the engine by size). */
    private static Map<String, byte[]> inner;
    private static long engineSize;
    private static Manifest engineManifest;
    private static List<String> jacksonEntries;
    private static List<String> renderEntries;

    @BeforeAll
    static void openHpi() throws IOException {
        Path hpi = Path.of(System.getProperty("edgemlops.hpi", "target/edge-mlops.hpi"));
        assertTrue(Files.isRegularFile(hpi), hpi + " was not built");
        hpiEntries = new ArrayList<>();
        inner = new LinkedHashMap<>();
        jacksonEntries = new ArrayList<>();
        renderEntries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(hpi))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                hpiEntries.add(entry.getName());
                switch (entry.getName()) {
                    case "META-INF/MANIFEST.MF" -> hpiManifest = new Manifest(zip);
                    case "WEB-INF/lib/edge-mlops.jar" -> readInnerJar(new ZipInputStream(zip));
                    case "WEB-INF/lib/jackson-core.jar" -> jacksonEntries = names(new ZipInputStream(zip));
                    case "WEB-INF/lib/edge-mlops-render.jar" -> renderEntries = names(new ZipInputStream(zip));
                    default -> { }
                }
            }
        }
    }

    private static void readInnerJar(ZipInputStream jar) throws IOException {
        for (ZipEntry entry; (entry = jar.getNextEntry()) != null; ) {
            if (entry.getName().equals(PACKAGE + EngineJar.RESOURCE)) {
                readEngine(new ZipInputStream(jar));
                inner.put(entry.getName(), new byte[0]);
            } else {
                inner.put(entry.getName(), jar.readAllBytes());
            }
        }
    }

    private static void readEngine(ZipInputStream engine) throws IOException {
        long size = 0;
        for (ZipEntry entry; (entry = engine.getNextEntry()) != null; ) {
            byte[] content = engine.readAllBytes();
            size += content.length;
            if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                engineManifest = new Manifest(new ByteArrayInputStream(content));
            }
        }
        engineSize = size;
    }

    private static List<String> names(ZipInputStream jar) throws IOException {
        List<String> names = new ArrayList<>();
        for (ZipEntry entry; (entry = jar.getNextEntry()) != null; ) {
            names.add(entry.getName());
        }
        return names;
    }

    @Test
    void hpiManifestDeclaresThePlugin() {
        Attributes main = hpiManifest.getMainAttributes();
        assertEquals("edge-mlops", main.getValue("Short-Name"));
        assertEquals("Edge MLOps", main.getValue("Long-Name"));
        assertEquals("0.1.0-SNAPSHOT", main.getValue("Plugin-Version"));
        assertEquals("2.479.3", main.getValue("Jenkins-Version"));
        assertEquals("workflow-step-api:700.v6e45cb_a_5a_a_21", main.getValue("Plugin-Dependencies"));
        assertEquals("https://github.com/jenkinsci/edge-mlops-plugin", main.getValue("Url"));
        assertEquals("17", main.getValue("Minimum-Java-Version"));
    }

    @Test
    void innerJarCarriesThePluginEntriesToo() throws IOException {
        Manifest innerManifest = new Manifest(new ByteArrayInputStream(inner.get("META-INF/MANIFEST.MF")));
        Attributes main = innerManifest.getMainAttributes();
        for (String name : List.of("Short-Name", "Plugin-Version", "Jenkins-Version", "Long-Name",
                "Plugin-Dependencies", "Url", "Minimum-Java-Version")) {
            assertEquals(hpiManifest.getMainAttributes().getValue(name), main.getValue(name), name);
        }
    }

    @Test
    void webInfLibHoldsOnlyThePluginJarTheStepContractsTheRendererAndJacksonCore() {
        List<String> libs = hpiEntries.stream().filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                .sorted().toList();
        assertEquals(List.of("WEB-INF/lib/edge-mlops-contract.jar", "WEB-INF/lib/edge-mlops-render.jar",
                "WEB-INF/lib/edge-mlops.jar", "WEB-INF/lib/jackson-core.jar"), libs);
        assertTrue(jacksonEntries.contains("com/fasterxml/jackson/core/JsonParser.class"));
        assertTrue(renderEntries.contains("io/edgemlops/render/ReportPage.class"), "the build page's renderer");
        assertEquals(List.of(), renderEntries.stream().filter(n -> n.endsWith(".class"))
                .filter(n -> !n.startsWith("io/edgemlops/render/")).toList(), "the renderer brings nothing else");
        assertTrue(!inner.containsKey(PACKAGE + "SvgChart.class"), "the plugin's own chart code is gone");
    }

    @Test
    void sezpozIndexListsEveryStepDescriptor() throws Exception {
        byte[] index = inner.get("META-INF/annotations/hudson.Extension");
        assertNotNull(index, "no SezPoz index META-INF/annotations/hudson.Extension");
        TreeSet<String> indexed = new TreeSet<>();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(index))) {
            for (Object item; (item = in.readObject()) != null; ) {
                SerAnnotatedElement element = (SerAnnotatedElement) item;
                indexed.add(element.className + (element.memberName == null ? "" : "#" + element.memberName));
            }
        }
        TreeSet<String> expected = new TreeSet<>();
        for (Class<?> step : steps()) {
            expected.add(step.getName() + "$DescriptorImpl");
        }
        assertEquals(expected, indexed);
        assertTrue(expected.size() >= 2, "expected at least trainModel and validateForTarget: " + expected);
    }

    @Test
    void everyStepHasStaplerFileConfigAndHelpForEveryParameter() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> step : steps()) {
            String base = step.getName().replace('.', '/');
            List<String> constructorParameters = dataBoundConstructorParameters(step);
            byte[] stapler = inner.get(base + ".stapler");
            if (stapler == null) {
                problems.add(base + ".stapler missing");
            } else {
                Properties properties = new Properties();
                properties.load(new ByteArrayInputStream(stapler));
                if (!String.join(",", constructorParameters).equals(properties.getProperty("constructor"))) {
                    problems.add(base + ".stapler says " + properties + ", constructor has " + constructorParameters);
                }
            }
            List<String> fields = new ArrayList<>(constructorParameters);
            fields.addAll(setterFields(step));
            for (String file : concat(List.of("config.jelly", "help.html"),
                    fields.stream().map(f -> "help-" + f + ".html").toList())) {
                byte[] content = inner.get(base + "/" + file);
                if (content == null) {
                    problems.add(base + "/" + file + " missing");
                    continue;
                }
                String text = new String(content, StandardCharsets.UTF_8).strip();
                if (file.endsWith(".html") && !(text.startsWith("<div>") && text.endsWith("</div>"))) {
                    problems.add(base + "/" + file + " is not wrapped in one <div>");
                }
            }
            String config = new String(inner.get(base + "/config.jelly"), StandardCharsets.UTF_8);
            for (String field : fields) {
                if (!config.contains("field=\"" + field + "\"")) {
                    problems.add(base + "/config.jelly has no entry for " + field);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyJellyFileEscapesByDefault() {
        List<String> jelly = inner.keySet().stream().filter(n -> n.endsWith(".jelly")).toList();
        assertTrue(jelly.contains("index.jelly"), "plugin description index.jelly missing");
        assertTrue(jelly.contains(PACKAGE + "EdgeMlopsAction/index.jelly"));
        assertTrue(jelly.contains(PACKAGE + "EdgeMlopsAction/summary.jelly"));
        for (String name : jelly) {
            String text = new String(inner.get(name), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("<?jelly escape-by-default='true'?>"), name);
        }
    }

    @Test
    void theEngineIsInsideAndRunnable() {
        assertTrue(inner.containsKey(PACKAGE + EngineJar.RESOURCE), "engine jar missing");
        assertTrue(engineSize > 1_000_000, "engine jar holds only " + engineSize + " bytes");
        assertNotNull(engineManifest, "engine jar has no manifest");
        assertEquals("io.edgemlops.cli.EdgeMlops", engineManifest.getMainAttributes().getValue("Main-Class"));
    }

    @Test
    void noJenkinsClassIsPackaged() throws IOException {
        List<String> stubs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("edgemlops.stubsList",
                "../jenkins-api-stubs/stub-classes.txt")))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                stubs.add(line.trim().split("\\s+")[0].replace('.', '/') + ".class");
            }
        }
        assertTrue(stubs.size() > 10);
        List<String> everything = concat(hpiEntries, concat(List.copyOf(inner.keySet()), jacksonEntries));
        for (String stub : stubs) {
            assertTrue(!everything.contains(stub), stub + " is packaged");
        }
        List<String> foreign = everything.stream().filter(n -> n.endsWith(".class"))
                .filter(n -> !n.startsWith(PACKAGE) && !n.startsWith("com/fasterxml/jackson/")
                        && !n.startsWith("META-INF/versions/")).toList();
        assertEquals(List.of(), foreign, "only plugin classes and Jackson may be packaged");
    }

    /** Concrete Step classes in the inner jar, loaded from the test class path (the same compiled classes). */
    private static List<Class<?>> steps() throws ClassNotFoundException {
        List<Class<?>> steps = new ArrayList<>();
        for (String name : inner.keySet()) {
            if (name.startsWith(PACKAGE) && name.endsWith(".class") && !name.contains("$")) {
                Class<?> type = Class.forName(name.replace('/', '.').replaceAll("\\.class$", ""), false,
                        HpiContentsIT.class.getClassLoader());
                if (Step.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                    steps.add(type);
                }
            }
        }
        return steps;
    }

    private static List<String> dataBoundConstructorParameters(Class<?> step) {
        for (Constructor<?> constructor : step.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                return Arrays.stream(constructor.getParameters()).map(Parameter::getName).toList();
            }
        }
        throw new AssertionError(step + " has no @DataBoundConstructor");
    }

    private static List<String> setterFields(Class<?> step) {
        List<String> fields = new ArrayList<>();
        for (Method method : step.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                fields.add(Introspector.decapitalize(method.getName().substring(3)));
            }
        }
        fields.sort(null);
        return fields;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

}

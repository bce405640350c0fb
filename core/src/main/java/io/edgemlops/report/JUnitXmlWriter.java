package io.edgemlops.report;

import io.edgemlops.target.CheckResult;
import io.edgemlops.target.ValidationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes validation reports as JUnit XML so that CI (Jenkins' {@code junit} step) shows each check
 * as a test case: a suite {@code edge-mlops.validate.<target>.<variant>}, one test case per check,
 * a {@code <failure>} with message {@code value X > limit Y} for each failed check. Built with the
 * JDK's DOM and serializer, so every attribute and text is escaped by the XML library.
 */
public final class JUnitXmlWriter {

    private JUnitXmlWriter() {
    }

    /** The suite name for a report, e.g. {@code edge-mlops.validate.raspberry-pi-4.int8}. */
    public static String suiteName(ValidationReport report) {
        return "edge-mlops.validate." + report.target() + "." + report.variant();
    }

    /** Writes one report as a {@code <testsuite>} document, creating parent directories. */
    public static void write(ValidationReport report, Path file) throws IOException {
        writeFile(toXml(report), file);
    }

    /** Writes one report as a {@code <testsuite>} document. */
    public static void write(ValidationReport report, OutputStream out) throws IOException {
        out.write(toXml(report).getBytes(StandardCharsets.UTF_8));
    }

    /** One report as a UTF-8 {@code <testsuite>} document. */
    public static String toXml(ValidationReport report) {
        Document doc = newDocument();
        doc.appendChild(suite(doc, report));
        return serialize(doc);
    }

    /** Several reports as a {@code <testsuites>} document. */
    public static String toXml(List<ValidationReport> reports) {
        Document doc = newDocument();
        Element root = doc.createElement("testsuites");
        int tests = 0;
        int failures = 0;
        for (ValidationReport report : reports) {
            root.appendChild(suite(doc, report));
            tests += report.checks().size();
            failures += report.failedChecks().size();
        }
        root.setAttribute("name", "edge-mlops.validate");
        root.setAttribute("tests", Integer.toString(tests));
        root.setAttribute("failures", Integer.toString(failures));
        root.setAttribute("errors", "0");
        doc.appendChild(root);
        return serialize(doc);
    }

    private static Element suite(Document doc, ValidationReport report) {
        String name = suiteName(report);
        Element suite = doc.createElement("testsuite");
        suite.setAttribute("name", name);
        suite.setAttribute("tests", Integer.toString(report.checks().size()));
        suite.setAttribute("failures", Integer.toString(report.failedChecks().size()));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", "0");
        if (report.validatedAt() != null) {
            // JUnit's schema wants a local ISO timestamp without zone.
            String ts = report.validatedAt().replace("Z", "");
            suite.setAttribute("timestamp", ts.length() > 19 ? ts.substring(0, 19) : ts);
        }
        if (report.host() != null) {
            suite.setAttribute("hostname", clean(report.host()));
        }
        Element properties = doc.createElement("properties");
        property(doc, properties, "target", report.target());
        property(doc, properties, "variant", report.variant());
        property(doc, properties, "passed", Boolean.toString(report.passed()));
        property(doc, properties, "modelSha256", report.modelSha256());
        property(doc, properties, "relativeSpeed", Double.toString(report.relativeSpeed()));
        property(doc, properties, "onTarget", Boolean.toString(report.onTarget()));
        suite.appendChild(properties);
        for (CheckResult check : report.checks()) {
            Element testcase = doc.createElement("testcase");
            testcase.setAttribute("name", check.name());
            testcase.setAttribute("classname", name);
            testcase.setAttribute("time", "0");
            if (!check.passed()) {
                Element failure = doc.createElement("failure");
                failure.setAttribute("message", clean(check.failureSummary()));
                failure.setAttribute("type", check.name());
                failure.setTextContent(clean(check.message()));
                testcase.appendChild(failure);
            } else if (check.message() != null) {
                Element out = doc.createElement("system-out");
                out.setTextContent(clean(check.message()));
                testcase.appendChild(out);
            }
            suite.appendChild(testcase);
        }
        return suite;
    }

    private static void property(Document doc, Element properties, String name, String value) {
        if (value == null) {
            return;
        }
        Element p = doc.createElement("property");
        p.setAttribute("name", name);
        p.setAttribute("value", clean(value));
        properties.appendChild(p);
    }

    /** Drops characters XML 1.0 cannot carry at all (control characters other than tab, CR, LF). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            out.appendCodePoint(allowed ? cp : '?');
        });
        return out.toString();
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = factory.newDocumentBuilder().newDocument();
            doc.setXmlStandalone(true);
            return doc;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML support in this JDK", e);
        }
    }

    private static String serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString(StandardCharsets.UTF_8);
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize JUnit XML", e);
        }
    }

    private static void writeFile(String xml, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }
}

package io.edgemlops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemlops.target.CheckResult;
import io.edgemlops.target.ValidationReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlWriterTest {

    @TempDir
    Path dir;

    private static ValidationReport report(String target, String variant, List<CheckResult> checks) {
        boolean passed = checks.stream().allMatch(CheckResult::passed);
        return new ValidationReport(target, variant, passed, checks, null, null, 6.0, false, null, null, 1234,
                "ab".repeat(32), "2026-11-25T10:00:00.123Z", "agent-1 (linux amd64, 2 cpus)");
    }

    private static final List<CheckResult> CHECKS = List.of(
            CheckResult.pass("model-size", 1234.0, 8e6, "bytes", "model file is 1.2 KiB, limit 7.6 MiB"),
            CheckResult.fail("latency-p95", 12.5, 5.0, "ms", "p95 12.5 ms <slow> & \"quoted\" budget 5 ms"),
            CheckResult.fail("operators", 1.0, 0.0, "", "unsupported operators: Softmax"),
            CheckResult.fail("accuracy", 0.5, 0.9, "", "accuracy 0.5 on 200 rows, minimum 0.9"),
            CheckResult.pass("schema", 0.0, 0.0, "", "no production version"));

    @Test
    void parsesBackWithOneTestcasePerCheckAndOneFailurePerFailedCheck() throws Exception {
        Path file = dir.resolve("reports/validate-pi.xml");
        JUnitXmlWriter.write(report("raspberry-pi-zero-2w", "int8", CHECKS), file);
        Document doc = parse(Files.readAllBytes(file));
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("edge-mlops.validate.raspberry-pi-zero-2w.int8", suite.getAttribute("name"));
        assertEquals("5", suite.getAttribute("tests"));
        assertEquals("3", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("2026-11-25T10:00:00", suite.getAttribute("timestamp"));

        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(5, cases.getLength());
        assertEquals(3, suite.getElementsByTagName("failure").getLength());
        Element latency = (Element) cases.item(1);
        assertEquals("latency-p95", latency.getAttribute("name"));
        assertEquals("edge-mlops.validate.raspberry-pi-zero-2w.int8", latency.getAttribute("classname"));
        Element failure = (Element) latency.getElementsByTagName("failure").item(0);
        assertEquals("value 12.5 ms > limit 5 ms", failure.getAttribute("message"));
        // Special characters survive the round trip because the XML library escaped them.
        assertEquals("p95 12.5 ms <slow> & \"quoted\" budget 5 ms", failure.getTextContent());
        Element accuracy = (Element) cases.item(3);
        assertEquals("value 0.5 < limit 0.9",
                ((Element) accuracy.getElementsByTagName("failure").item(0)).getAttribute("message"));
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
    }

    @Test
    void severalReportsBecomeOneTestsuitesDocument() throws Exception {
        ValidationReport ok = report("x86-gateway", "fp32", List.of(CHECKS.get(0), CHECKS.get(4)));
        ValidationReport bad = report("raspberry-pi-4", "fp16", CHECKS);
        Document doc = parse(JUnitXmlWriter.toXml(List.of(ok, bad)).getBytes(StandardCharsets.UTF_8));
        assertEquals("testsuites", doc.getDocumentElement().getTagName());
        assertEquals("7", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("3", doc.getDocumentElement().getAttribute("failures"));
        assertEquals(2, doc.getElementsByTagName("testsuite").getLength());
    }

    @Test
    void controlCharactersInMessagesDoNotBreakTheXml() throws Exception {
        CheckResult weird = CheckResult.fail("latency-p95", null, 5.0, "ms", "runtime said \u0001oops\u0007");
        Document doc = parse(JUnitXmlWriter.toXml(report("t", "fp32", List.of(weird)))
                .getBytes(StandardCharsets.UTF_8));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("runtime said ?oops?", failure.getAttribute("message"));
    }

    @Test
    void consoleTableHasAlignedColumnsAndAHeadline() {
        String table = CheckTable.render(report("raspberry-pi-4", "fp32", CHECKS));
        String[] lines = table.split("\n");
        assertEquals("raspberry-pi-4 (fp32): FAILED, 2/5 checks passed", lines[0]);
        assertTrue(lines[1].startsWith("CHECK        RESULT  VALUE    LIMIT    DETAILS"), lines[1]);
        assertTrue(lines[2].startsWith("model-size   PASS    1.2 KiB  7.6 MiB  model file"), lines[2]);
        assertTrue(lines[3].startsWith("latency-p95  FAIL    12.5 ms  5 ms     p95"), lines[3]);
        int detailsColumn = lines[1].indexOf("DETAILS");
        for (int i = 2; i < lines.length; i++) {
            assertTrue(lines[i].charAt(detailsColumn - 1) == ' ' && lines[i].charAt(detailsColumn) != ' ', lines[i]);
        }
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}

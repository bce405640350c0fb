package io.edgemlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    static Table parse(String text) {
        return CsvReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndNewlines() {
        Table t = parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n");
        assertEquals(List.of("a", "b", "c"), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals("x, y", t.value(0, "b"));
        assertEquals("say \"hi\"", t.value(0, "c"));
        assertEquals("two\nlines", t.value(1, "b"));
        assertEquals(3, t.line(1), "second row starts on line 3");
    }

    @Test
    void skipsByteOrderMarkAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.csv");
        Files.write(file, "\uFEFFtemp,state\n1.5,ok\n\n2.5,bad\n".getBytes(StandardCharsets.UTF_8));
        Table t = CsvReader.read(file);
        assertEquals(List.of("temp", "state"), t.columnNames());
        assertEquals(List.of("1.5", "2.5"), t.column("temp"));
        assertEquals("bom.csv", t.source());
    }

    @Test
    void roundTripsThroughItsOwnWriter() {
        Table t = parse("a,b\n\"1,5\",\"q\"\"x\"\n,z\n");
        Table again = CsvReader.read(new ByteArrayInputStream(t.toCsv()), "again.csv");
        assertEquals(t.column("a"), again.column("a"));
        assertEquals(t.column("b"), again.column("b"));
    }

    @Test
    void wrongFieldCountNamesFileRowAndLine() {
        DataException e = assertThrows(DataException.class, () -> parse("a,b\n1,2\n3\n"));
        assertEquals("t.csv: row 2 (line 3): has 1 fields, the header has 2", e.getMessage());
    }

    @Test
    void unclosedQuoteAndEmptyFileAreErrors() {
        DataException e = assertThrows(DataException.class, () -> parse("a,b\n1,\"open\n"));
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
        assertTrue(assertThrows(DataException.class, () -> parse("")).getMessage().contains("empty file"));
    }

    @Test
    void duplicateHeaderIsAnError() {
        DataException e = assertThrows(DataException.class, () -> parse("a,a\n1,2\n"));
        assertEquals("t.csv: column 'a': column name appears twice in the header", e.getMessage());
    }

    @Test
    void invalidUtf8IsAnError() {
        byte[] bad = {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(new ByteArrayInputStream(bad), "latin.csv"));
        assertEquals("latin.csv: not valid UTF-8 text", e.getMessage());
    }
}

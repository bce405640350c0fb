package io.edgemlops.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV with a header row as defined by RFC 4180: comma separated, fields optionally quoted
 * with {@code "}, a doubled quote inside a quoted field is a literal quote, quoted fields may span
 * lines, CRLF or LF line ends. Input must be UTF-8; a leading byte order mark is skipped.
 * Blank lines are ignored. Every row must have as many fields as the header.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /** Reads a file; its file name is used in error messages. */
    public static Table read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new DataException(file.toString(), null, "cannot read: " + e.getMessage());
        }
    }

    /** Reads a stream (not closed); {@code sourceName} names it in error messages. */
    public static Table read(InputStream in, String sourceName) {
        Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
        try {
            return parse(reader, sourceName);
        } catch (CharacterCodingException e) {
            throw new DataException(sourceName, null, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Table parse(Reader reader, String source) throws IOException {
        Parser p = new Parser(reader, source);
        int first = p.read();
        if (first != '\uFEFF') {
            p.pushback = first; // no byte order mark
        }
        List<String> header = p.nextRecord();
        if (header == null) {
            throw new DataException(source, null, "empty file: expected a header row");
        }
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (name.isEmpty()) {
                throw new DataException(source, null, "header column " + (i + 1) + " has no name");
            }
            header.set(i, name);
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> record;
        while (true) {
            record = p.nextRecord();
            if (record == null) {
                break;
            }
            if (record.size() == 1 && record.get(0).isEmpty() && !p.lastWasQuoted) {
                continue; // blank line
            }
            if (record.size() != header.size()) {
                throw new DataException(source, rows.size() + 1, p.recordStartLine, null,
                        "has " + record.size() + " fields, the header has " + header.size());
            }
            rows.add(record.toArray(new String[0]));
            lines.add(p.recordStartLine);
        }
        String[][] cells = new String[header.size()][rows.size()];
        int[] lineArray = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                cells[c][r] = row[c];
            }
            lineArray[r] = lines.get(r);
        }
        return new Table(source, header, cells, lineArray);
    }

    /** A character-level state machine over one record at a time. */
    private static final class Parser {
        private final Reader in;
        private final String source;
        private int line = 1;
        private int recordStartLine;
        private boolean lastWasQuoted;
        private int pushback = -2;

        Parser(Reader in, String source) {
            this.in = in;
            this.source = source;
        }

        private int read() throws IOException {
            if (pushback != -2) {
                int c = pushback;
                pushback = -2;
                return c;
            }
            return in.read();
        }

        /** The next record's fields, or null at end of input. */
        List<String> nextRecord() throws IOException {
            recordStartLine = line;
            lastWasQuoted = false;
            int c = read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;     // inside a quoted field
            boolean afterQuote = false; // a quoted field just closed
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new DataException(source, 0, recordStartLine, null,
                                "quoted field starting on line " + recordStartLine + " is never closed");
                    }
                    if (c == '"') {
                        int next = read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            afterQuote = true;
                            c = next;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r') {
                        int next = read();
                        if (next != '\n') {
                            pushback = next;
                        }
                    }
                    if (c != -1) {
                        line++;
                    }
                    fields.add(field.toString());
                    return fields;
                } else if (c == '"' && field.length() == 0 && !afterQuote) {
                    quoted = true;
                    lastWasQuoted = true;
                } else if (afterQuote) {
                    if (c != ' ' && c != '\t') {
                        throw new DataException(source, 0, line, null,
                                "unexpected character '" + (char) c + "' after a closing quote on line " + line);
                    }
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }
    }
}

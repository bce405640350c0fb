package io.edgemlops.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV one record at a time, as defined by RFC 4180: comma separated, fields optionally quoted
 * with {@code "}, a doubled quote inside a quoted field is a literal quote, quoted fields may span
 * lines, CRLF or LF line ends. Input must be UTF-8; a leading byte order mark is skipped. Blank
 * lines are skipped. Every record must have as many fields as the header.
 *
 * <p>Streaming, so a file of any size is read in constant memory: only the current record is held.
 * It reads its own buffer of characters rather than one {@code Reader.read()} call per character,
 * which costs a lock per call and made parsing the slowest part of reading a large export.
 */
public final class CsvRecords implements AutoCloseable {

    private final Reader in;
    private final String source;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int line = 1;
    private int recordLine;
    private long row;
    private final List<String> header;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean lastWasQuoted;

    /**
     * Opens a stream (closed by {@link #close()}) and reads its header.
     *
     * @param sourceName names the source in error messages
     * @throws DataException when the input is empty, not UTF-8, or a header column has no name
     */
    public CsvRecords(InputStream input, String sourceName) {
        this.in = new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.source = sourceName;
        try {
            if (fill() && buffer[0] == '\uFEFF') {
                position = 1; // byte order mark
            }
            List<String> names = nextFields();
            if (names == null) {
                throw new DataException(source, null, "empty file: expected a header row");
            }
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).trim();
                if (name.isEmpty()) {
                    throw new DataException(source, null, "header column " + (i + 1) + " has no name");
                }
                names.set(i, name);
            }
            this.header = List.copyOf(names);
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    /** The header's column names, trimmed. */
    public List<String> header() {
        return header;
    }

    /** The source name used in error messages. */
    public String source() {
        return source;
    }

    /**
     * The next data record's fields (a new array), or null at the end of the input.
     *
     * @throws DataException when a record has the wrong number of fields or a quote is never closed
     */
    public String[] next() {
        try {
            while (true) {
                List<String> record = nextFields();
                if (record == null) {
                    return null;
                }
                if (record.size() == 1 && record.get(0).isEmpty() && !lastWasQuoted) {
                    continue; // blank line
                }
                row++;
                if (record.size() != header.size()) {
                    throw new DataException(source, (int) Math.min(row, Integer.MAX_VALUE), recordLine, null,
                            "has " + record.size() + " fields, the header has " + header.size());
                }
                return record.toArray(new String[0]);
            }
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    /** 1-based number of the data record last returned (blank lines not counted). */
    public long row() {
        return row;
    }

    /** 1-based line on which the record last returned starts. */
    public int line() {
        return recordLine;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuntimeException readFailure(IOException e) {
        if (e instanceof CharacterCodingException) {
            return new DataException(source, null, "not valid UTF-8 text");
        }
        return new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    /** One record's fields (reused list), or null at end of input. */
    private List<String> nextFields() throws IOException {
        recordLine = line;
        lastWasQuoted = false;
        int c = read();
        if (c == -1) {
            return null;
        }
        fields.clear();
        field.setLength(0);
        boolean quoted = false;     // inside a quoted field
        boolean afterQuote = false; // a quoted field just closed
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new DataException(source, 0, recordLine, null,
                            "quoted field starting on line " + recordLine + " is never closed");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
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
                if (c == '\r' && peek() == '\n') {
                    read();
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

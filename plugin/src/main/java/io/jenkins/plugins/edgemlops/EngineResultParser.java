package io.jenkins.plugins.edgemlops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the engine's {@code --json} output into plain Java values a Pipeline script may read in the Groovy sandbox
 * without script approvals: {@link LinkedHashMap} (key order kept), {@link ArrayList}, {@link String}, {@link Boolean},
 * {@link Integer} or {@link Long} (or {@link BigInteger} beyond that), {@link Double}, and {@code null}.
 * Only Jackson's streaming parser is used, so the plugin bundles just jackson-core.
 */
public final class EngineResultParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            // The engine writes standard JSON; NaN/Infinity are accepted anyway rather than losing a whole result.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private EngineResultParser() {
    }

    /**
     * Parses exactly one JSON object.
     *
     * @throws IllegalArgumentException when the text is empty, is not a JSON object, or has anything after the object
     */
    public static LinkedHashMap<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the engine printed no result on stdout");
        }
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the engine's stdout does not start with a JSON object: " + excerpt(text));
            }
            LinkedHashMap<String, Object> result = readObject(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("the engine's stdout has text after its JSON result: " + excerpt(text));
            }
            return result;
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("the engine's stdout is not valid JSON (" + malformed.getOriginalMessage()
                    + "): " + excerpt(text), malformed);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("the engine's stdout could not be read: " + unreadable.getMessage(),
                    unreadable);
        }
    }

    private static LinkedHashMap<String, Object> readObject(JsonParser parser) throws IOException {
        LinkedHashMap<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.put(name, readValue(parser));
        }
        return object;
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser));
        }
        return array;
    }

    private static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> wholeNumber(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static Object wholeNumber(BigInteger value) {
        if (value.bitLength() <= 31) {
            return value.intValue();
        }
        if (value.bitLength() <= 63) {
            return value.longValue();
        }
        return value;
    }

    private static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** Convenience for readers of a result: a value at {@code key} as text, or {@code null}. */
    static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }
}

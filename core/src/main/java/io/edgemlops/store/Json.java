package io.edgemlops.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one Jackson configuration of the engine, for everything written to the store, printed by the CLI,
 * embedded in ONNX metadata or read from user files: ISO-8601 dates, nulls omitted, unknown properties
 * tolerated (so older readers survive newer writers), duplicate keys refused, stable property order.
 */
public final class Json {

    /** Shared, thread-safe mapper. Do not reconfigure it; copy() it instead. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // A key given twice (a hand-edited target profile, a corrupted card) is an error, not "last wins".
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    /** Compact UTF-8 JSON bytes. */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Indented JSON, for files people read. */
    public static byte[] toPrettyBytes(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses JSON read from {@code what} (a key or file name used in the error message). */
    public static <T> T fromBytes(byte[] bytes, Class<T> type, String what) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("invalid JSON in " + what + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }
}

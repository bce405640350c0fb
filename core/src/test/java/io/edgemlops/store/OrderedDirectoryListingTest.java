package io.edgemlops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The embedded server's own flat listing gives exactly what s3proxy's does, page for page. */
class OrderedDirectoryListingTest {

    static final String BUCKET = "b";

    @TempDir
    Path dir;
    BlobStore s3proxy;
    OrderedDirectoryListing listing;

    @BeforeEach
    void open() {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        s3proxy = BlobStores.create("filesystem", props);
        s3proxy.createContainer(BUCKET);
        listing = new OrderedDirectoryListing(dir, s3proxy);
    }

    @AfterEach
    void close() {
        s3proxy.close();
    }

    void put(String key) {
        byte[] body = key.getBytes(StandardCharsets.UTF_8);
        s3proxy.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength((long) body.length).build(),
                new ByteArrayInputStream(body));
    }

    static List<String> keys(ListObjectsV2Response r) {
        return r.contents().stream().map(S3Object::key).toList();
    }

    static String describe(ListObjectsV2Response r) {
        List<String> out = new ArrayList<>();
        for (S3Object o : r.contents()) {
            out.add(o.key() + " " + o.eTag() + " " + o.size());
        }
        return out + " truncated " + r.isTruncated();
    }

    @Test
    void everyPageOfEveryPrefixAndStartIsS3proxysOwn() {
        // Device folders whose names are prefixes of each other ("d-1" and "d-1-2", "d" and "d.x"), objects and
        // folders of the same name start, several levels.
        List<String> keys = new ArrayList<>();
        for (String device : List.of("d", "d-1", "d-1-2", "d.x", "d0", "d-10", "e")) {
            for (int seq : new int[] {1, 9, 10, 100}) {
                keys.add("t/w/00/" + device + "/" + seq + ".json");
            }
        }
        keys.addAll(List.of("t/w/00/d-1.json", "t/w/00-x", "t/w/01/a/1.json", "t/w-2/00/a/1.json", "t/x", "top",
                "t/w/00/d-1-2/deeper/1.json"));
        keys.forEach(this::put);
        List<String> prefixes = List.of("", "t/", "t/w/", "t/w/00/", "t/w/00/d", "t/w/00/d-1", "t/w/00/d-1/",
                "t/w", "t/w/0", "none/", "t/w/00/d-1-2/");
        List<String> starts = new ArrayList<>(keys);
        starts.addAll(List.of("t/w/00/d-1", "t/w/00/d-1/", "t/w/00/d-", "t/w/00/d/5", "a", "z", "t/w/00/d-1-2/x"));
        starts.add(null);
        int compared = 0;
        for (String prefix : prefixes) {
            for (String after : starts) {
                for (int max : new int[] {1, 3, 1000}) {
                    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(BUCKET).prefix(prefix)
                            .startAfter(after).maxKeys(max).build();
                    ListObjectsV2Response theirs = s3proxy.list(request);
                    Optional<ListObjectsV2Response> ours = listing.list(request);
                    if (prefix.equals("none/")) {
                        assertTrue(ours.isEmpty(), "a folder that is not there is left to s3proxy");
                        continue;
                    }
                    assertEquals(describe(theirs), describe(ours.orElseThrow()), prefix + " after " + after + " max " + max);
                    compared++;
                }
            }
        }
        assertEquals(10 * starts.size() * 3, compared);
    }

    @Test
    void walkingPagesWithTheContinuationTokenGivesEveryKeyOnce() {
        Random random = new Random(5);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add("w/" + Integer.toString(random.nextInt(40), 36) + "-" + random.nextInt(3) + "/" + i + ".json");
        }
        keys.forEach(this::put);
        List<String> walked = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = listing.list(ListObjectsV2Request.builder().bucket(BUCKET).prefix("w/")
                    .continuationToken(token).maxKeys(7).build()).orElseThrow();
            walked.addAll(keys(page));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        assertEquals(keys(s3proxy.list(ListObjectsV2Request.builder().bucket(BUCKET).prefix("w/").build())), walked);
        assertEquals(300, walked.size());
    }

    @Test
    void whatIsNotAPlainTreeOfObjectsIsLeftToS3proxy() {
        put("p/a/1.json");
        put("p/.hidden/1.json");
        put("q/a/");
        put("q/a/1.json");
        ListObjectsV2Request delimited = ListObjectsV2Request.builder().bucket(BUCKET).prefix("p/").delimiter("/").build();
        assertTrue(listing.list(delimited).isEmpty(), "with a delimiter");
        assertTrue(listing.list(ListObjectsV2Request.builder().bucket(BUCKET).prefix("p/").build()).isEmpty(),
                "a name starting with '.'");
        assertTrue(listing.list(ListObjectsV2Request.builder().bucket(BUCKET).prefix("q/").build()).isEmpty(),
                "a folder that is an object itself (q/a/)");
        assertTrue(listing.list(ListObjectsV2Request.builder().bucket(BUCKET).prefix("p/../").build()).isEmpty());
        assertEquals(List.of("p/a/1.json"), keys(listing.list(ListObjectsV2Request.builder().bucket(BUCKET)
                .prefix("p/a").build()).orElseThrow()));
    }
}

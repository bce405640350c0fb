package io.edgemlops.telemetry;

import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The compaction tests against an external S3 endpoint (Ceph RGW, MinIO, AWS S3), with the store contract's
 * variables ({@code EDGE_MLOPS_TEST_S3_ENDPOINT}, {@code EDGE_MLOPS_TEST_S3_BUCKET}, the AWS ones): under a fresh
 * random prefix, deleted afterwards.
 */
@EnabledIfEnvironmentVariable(named = "EDGE_MLOPS_TEST_S3_ENDPOINT", matches = ".+")
class ExternalS3CompactorTest extends TelemetryCompactorTest {

    @Override
    OpenStore open() {
        String bucket = System.getenv().getOrDefault("EDGE_MLOPS_TEST_S3_BUCKET", "edge-mlops");
        String prefix = "compactor-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return Stores.open(StoreLocation.parse("s3://" + bucket + "/" + prefix,
                System.getenv("EDGE_MLOPS_TEST_S3_ENDPOINT")));
    }

    @Override
    boolean cleanUp() {
        return true;
    }
}

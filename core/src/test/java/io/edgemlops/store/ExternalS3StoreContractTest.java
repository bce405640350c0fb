package io.edgemlops.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contract against an external S3 endpoint (Ceph RGW, MinIO, AWS S3), run only when the
 * environment names one:
 *
 * <ul>
 *   <li>{@value #ENV_ENDPOINT}: e.g. {@code http://127.0.0.1:7480} (path-style addressing)</li>
 *   <li>{@value #ENV_BUCKET}: an existing bucket (default {@code edge-mlops}); each run uses a fresh
 *       random prefix in it and deletes its keys afterwards</li>
 *   <li>{@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}: the standard AWS
 *       chain, as for any store</li>
 * </ul>
 */
@EnabledIfEnvironmentVariable(named = ExternalS3StoreContractTest.ENV_ENDPOINT, matches = ".+")
class ExternalS3StoreContractTest extends ObjectStoreContract {

    static final String ENV_ENDPOINT = "EDGE_MLOPS_TEST_S3_ENDPOINT";
    static final String ENV_BUCKET = "EDGE_MLOPS_TEST_S3_BUCKET";

    private OpenStore open;

    @Override
    String target() {
        return "external " + System.getenv(ENV_ENDPOINT);
    }

    @Override
    ObjectStore open(String prefix) {
        String bucket = System.getenv().getOrDefault(ENV_BUCKET, "edge-mlops");
        open = Stores.open(StoreLocation.parse("s3://" + bucket + "/" + prefix, System.getenv(ENV_ENDPOINT)));
        return open.store();
    }

    @Override
    boolean cleanUp() {
        return true;
    }

    @Override
    void close() {
        if (open != null) {
            open.close();
        }
    }
}

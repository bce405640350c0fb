package io.edgemlops.store;

/** The store contract against the embedded server (always run). */
class EmbeddedStoreContractTest extends ObjectStoreContract {

    private OpenStore open;

    @Override
    String target() {
        return "embedded";
    }

    @Override
    ObjectStore open(String prefix) {
        open = Stores.open(StoreLocation.parse("local:" + tmp.resolve("store"), null));
        return open.store().at(StoreLocation.LOCAL_BUCKET, prefix);
    }

    @Override
    void close() {
        if (open != null) {
            open.close();
        }
    }
}

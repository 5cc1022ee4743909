package dev.wren.broker.retained;

/** Keeps the oracle honest: the naive store must pass the same contract as the trie. */
class MapScanRetainedStoreTest extends AbstractRetainedStoreContractTest {

    @Override
    protected RetainedStore<String> newStore() {
        return new MapScanRetainedStore<>();
    }
}

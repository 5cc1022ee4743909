package dev.wren.broker.routing;

/** Keeps the oracle honest: the naive index must pass the same contract as the trie. */
class ListScanTopicIndexTest extends AbstractTopicIndexContractTest {

    @Override
    protected TopicIndex<String, Sub> newIndex() {
        return new ListScanTopicIndex<>();
    }
}

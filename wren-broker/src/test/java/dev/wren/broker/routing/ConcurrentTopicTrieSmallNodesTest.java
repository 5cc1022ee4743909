package dev.wren.broker.routing;

/**
 * Runs the contract with a threshold of one subscription per array, so that every filter with two or
 * more subscribers uses the concurrent-map form, and shrinking switches back.
 */
class ConcurrentTopicTrieSmallNodesTest extends AbstractTopicIndexContractTest {

    @Override
    protected TopicIndex<String, Sub> newIndex() {
        return new ConcurrentTopicTrie<>(1);
    }
}

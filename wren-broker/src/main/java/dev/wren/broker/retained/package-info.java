/**
 * Retained messages: {@link dev.wren.broker.retained.RetainedStore}, a topic-to-message store queried by
 * topic filter, and its trie implementation. Kept apart from the subscription index because it is
 * queried the other way round (a filter against stored topics). No dependency on sessions or Netty.
 */
package dev.wren.broker.retained;

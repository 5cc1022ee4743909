package dev.wren.broker.routing;

/** What the subscription index hands out on a match: one client's subscription or a shared group. */
public sealed interface Target permits ClientSubscription, SharedGroup {
}

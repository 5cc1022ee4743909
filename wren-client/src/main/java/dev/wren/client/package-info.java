/**
 * The Wren MQTT client: {@link dev.wren.client.MqttClient} configured by
 * {@link dev.wren.client.ClientOptions}, with messages as {@link dev.wren.client.Message} and failures as
 * {@link dev.wren.client.MqttClientException}. Packet-model types ({@code QoS}, {@code ReasonCode},
 * {@code Binary}, {@code UserProperty}, {@code Subscription}, {@code Will}, {@code PublishProperties}) come
 * from {@code wren-codec}. Everything in {@code dev.wren.client.internal} is implementation, not API.
 */
package dev.wren.client;

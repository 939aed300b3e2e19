/**
 * What terminals and the hub agree on: MQTT topics ({@link jp.mynaterm.protocol.Topics}), message
 * records and their JSON codec, schema versions, time stamps, and CardId derivation. Pure Java, no
 * hardware, no network: both sides compile against exactly this.
 */
package jp.mynaterm.protocol;

/**
 * The runtime every terminal runs: the SQLite outbox and inbox, MQTT sync with the hub, offline card
 * checks against allow- and revocation lists, and the taxi, library and hospital roles.
 */
package jp.mynaterm.agent;

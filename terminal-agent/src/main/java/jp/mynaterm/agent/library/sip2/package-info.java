/**
 * SIP2 (3M Standard Interchange Protocol 2.0), the protocol library systems speak with self-service
 * and counter devices: messages of a 2-digit code, fixed-length fields, then {@code XXvalue|} fields,
 * ended by CR; with error detection, {@code AY<seq>AZ<checksum>} before the CR. No maintained SIP2
 * client with a configurable charset (Japanese titles need UTF-8 or Shift_JIS) was found on Maven
 * Central, and the protocol is small, so it is written here.
 */
package jp.mynaterm.agent.library.sip2;

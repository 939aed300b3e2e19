/**
 * The self-service certificate kiosk: the local web UI Chromium shows in kiosk mode, and the issuance
 * flow (card + PIN → hub → payment → print). Builds on the terminal agent.
 */
package jp.mynaterm.kiosk;

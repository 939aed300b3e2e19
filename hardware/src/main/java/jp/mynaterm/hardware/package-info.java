/**
 * Ports for card readers, GPIO, printers, payment and location, with their real adapters (PC/SC,
 * Pi4J, CUPS/IPP, ESC/POS, gpsd) and simulators (the virtual My Number card, mock GPIO, file printer,
 * payment simulator).
 */
package jp.mynaterm.hardware;

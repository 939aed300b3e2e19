package jp.mynaterm.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging records to SLF4J (Logback): Paho's MQTT client logs through JUL, and its
 * SEVERE lines must reach the operator in the same format and place as ours. Installed once, when the
 * process starts ({@link Main#main}); JUL's own console handler is removed so no line comes out twice.
 */
public final class JulBridge {
  private JulBridge() {}

  public static synchronized void install() {
    if (SLF4JBridgeHandler.isInstalled()) return;
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }
}

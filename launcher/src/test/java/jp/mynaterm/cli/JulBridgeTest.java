package jp.mynaterm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import org.eclipse.paho.mqttv5.client.internal.ClientComms;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;
import org.junit.jupiter.api.Test;

/** Paho's errors, logged through java.util.logging, reach Logback under the process's configuration. */
class JulBridgeTest {
  @Test
  void aSevereRecordFromPahosLoggerReachesLogbackAndPahosDisabledLevelsStayDisabledInJul() throws Exception {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    try {
      context.reset();
      // What every command starts with (the test JVM itself is configured by logback-test.xml).
      LogSetup.applyTo(context);
      JulBridge.install();
      seen.setContext(context);
      seen.start();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(seen);

      // The logger Paho's own classes take, by their class name, from Paho's factory (JUL underneath).
      var paho = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, ClientComms.class.getName());
      paho.severe(ClientComms.class.getName(), "connect", "connection to the broker lost");
      paho.info(ClientComms.class.getName(), "connect", "below the WARN set for org.eclipse.paho");

      assertEquals(1, seen.list.size(), seen.list.toString());
      ILoggingEvent e = seen.list.getFirst();
      assertEquals(Level.ERROR, e.getLevel());
      assertEquals(ClientComms.class.getName(), e.getLoggerName());
      assertTrue(e.getFormattedMessage().contains("connection to the broker lost"), e.getFormattedMessage());
      // LevelChangePropagator: JUL knows Logback's WARN for Paho, so an INFO check ends in JUL.
      java.util.logging.Logger jul = java.util.logging.Logger.getLogger(ClientComms.class.getName());
      assertFalse(jul.isLoggable(java.util.logging.Level.INFO));
      assertTrue(jul.isLoggable(java.util.logging.Level.SEVERE));
    } finally {
      context.reset();
      new ContextInitializer(context).autoConfig(); // back to this module's logback-test.xml
    }
  }
}

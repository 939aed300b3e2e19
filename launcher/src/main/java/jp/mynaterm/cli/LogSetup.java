package jp.mynaterm.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Every command's logging, configured in code (Logback finds it through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator} before any XML file): Logback's XML
 * configurator and the SAX parser it reads with were about 500 of the 5,800 classes a terminal loads at
 * every start (measured with bench drain's agent). It also keeps HiveMQ's
 * {@code logback.xml} (in its jar) from being read. A {@code -Dlogback.configurationFile} given on the
 * command line (an operator's own XML, or a module's tests) is used instead.
 *
 * <p>Operator-facing output: short lines on stderr. Never log a PIN, a name or an address. The root
 * level is {@code MYNATERM_LOG_LEVEL} (a system property or the environment), INFO by default.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** Libraries that narrate what our own lines already say, and their levels. */
  private static final Map<String, Level> QUIETER = Map.of(
      "com.hivemq", Level.WARN,
      // HiveMQ's start-up "migrations" check, which the embedded in-memory broker does not need.
      "migrations", Level.WARN,
      "org.eclipse.paho", Level.WARN,
      // Javalin and Jetty 12 narrate every start (version, sessions, contexts); our line says where a page is.
      "io.javalin", Level.WARN,
      "org.eclipse.jetty", Level.WARN,
      // Pi4J logs board detection (with ERRORs off a Pi) on every context; our GPIO errors say what matters.
      "com.pi4j", Level.OFF,
      // IPAex has a format 14 cmap fontbox skips, harmlessly, with a WARN each time.
      "org.apache.fontbox.ttf.CmapSubtable", Level.ERROR);

  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    applyTo(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context} as every command's logging. */
  static void applyTo(LoggerContext context) {
    // java.util.logging (Paho) is bridged here (JulBridge); this sets each JUL logger's level from ours,
    // so a disabled FINE check in Paho stays a level comparison instead of a record built and dropped.
    LevelChangePropagator jul = new LevelChangePropagator();
    jul.setContext(context);
    jul.setResetJUL(true);
    jul.start();
    context.addListener(jul);

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel());
    root.addAppender(stderr);
  }

  private static Level rootLevel() {
    String named = System.getProperty("MYNATERM_LOG_LEVEL", System.getenv("MYNATERM_LOG_LEVEL"));
    return Level.toLevel(named, Level.INFO);
  }
}

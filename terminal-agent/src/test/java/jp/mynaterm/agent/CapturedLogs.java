package jp.mynaterm.agent;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Every log line of every logger while open, for tests of what logs must never say. */
public final class CapturedLogs implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final ch.qos.logback.classic.Level before = root.getLevel();

  /** Captures every level (the tests' configuration may keep quieter): what must never be said, never is. */
  public CapturedLogs() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(ch.qos.logback.classic.Level.ALL);
  }

  /** The formatted lines so far, with their exceptions' messages. */
  public List<String> lines() {
    synchronized (appender) { // AppenderBase.doAppend holds the appender while it adds
      return appender.list.stream()
          .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
          .toList();
    }
  }

  /** The lines naming the certificate's serial in any usual form (hex either case, decimal). */
  public List<String> linesWithSerialOf(X509Certificate certificate) {
    BigInteger serial = certificate.getSerialNumber();
    List<String> forms = List.of(serial.toString(16), serial.toString(10));
    return lines().stream().filter(l -> forms.stream().anyMatch(f -> l.toLowerCase(Locale.ROOT).contains(f))).toList();
  }

  @Override
  public void close() {
    root.setLevel(before);
    root.detachAppender(appender);
    appender.stop();
  }
}

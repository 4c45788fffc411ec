package com.oursprivacy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the SDK logs through SLF4J under {@code com.oursprivacy}. The tests' SLF4J provider
 * is slf4j-jdk14, so SLF4J events arrive here as {@code java.util.logging} records (DEBUG as FINE);
 * while capturing, every level is enabled, as a backend configured at DEBUG would be.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("com.oursprivacy");
  private final List<LogRecord> records = new ArrayList<>();
  private final boolean parentHandlers = logger.getUseParentHandlers();
  private final Level level = logger.getLevel();

  public LogCapture() {
    logger.addHandler(this);
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false); // keep captured secrets-or-not out of the build log
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  /** Every captured message, one per line. */
  public synchronized String text() {
    List<String> lines = new ArrayList<>();
    records.forEach(r -> lines.add(r.getMessage()));
    return String.join("\n", lines);
  }

  /** The captured records, for tests that check levels or logger names. */
  public synchronized List<LogRecord> records() {
    return new ArrayList<>(records);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(level);
    logger.setUseParentHandlers(parentHandlers);
  }
}

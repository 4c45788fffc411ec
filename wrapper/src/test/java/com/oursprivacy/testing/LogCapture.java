package com.oursprivacy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the SDK logs through {@code java.util.logging} logger {@code com.oursprivacy}. */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("com.oursprivacy");
  private final List<String> lines = new ArrayList<>();

  private final boolean parentHandlers = logger.getUseParentHandlers();

  public LogCapture() {
    logger.addHandler(this);
    logger.setUseParentHandlers(false); // keep captured secrets-or-not out of the build log
  }

  @Override
  public synchronized void publish(LogRecord record) {
    lines.add(record.getMessage());
  }

  public synchronized String text() {
    return String.join("\n", lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(parentHandlers);
  }
}

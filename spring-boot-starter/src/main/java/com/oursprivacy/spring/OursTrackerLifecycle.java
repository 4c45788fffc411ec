package com.oursprivacy.spring;

import com.oursprivacy.ingest.FlushReport;
import com.oursprivacy.ingest.Tracker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the auto-configured {@link Tracker} and closes it when the application stops, late: in
 * {@link #PHASE}, after the web server's graceful shutdown (Boot's {@code
 * WebServerGracefulShutdownLifecycle}, phase {@code DEFAULT_PHASE - 1024}) has let the requests in
 * flight finish, after the web server itself stopped ({@code DEFAULT_PHASE - 2048}), and after
 * message listener containers, schedulers and plain {@code Lifecycle} beans (phase 0). So every
 * event tracked by a request the server accepted is sent (within {@code
 * ours.privacy.tracker.shutdown-timeout}); what is still undelivered then is reported {@code
 * ABANDONED}, and an event tracked after the close (by a bean's destroy method, say) is refused and
 * reported {@code DROPPED}: nothing is lost silently.
 *
 * <p>The tracker's own JVM shutdown hook is off: Spring's shutdown hook closes the context, and the
 * context closes the tracker through this bean. If the context never started (a failed refresh),
 * destroying this bean closes the tracker all the same.
 */
public final class OursTrackerLifecycle implements SmartLifecycle, DisposableBean {
  /**
   * The lifecycle phase: below Boot's web server phases, message listener containers ({@code
   * DEFAULT_PHASE - 100} and similar) and plain {@code Lifecycle} beans (0), so the tracker stops
   * after all of them; negative, like other infrastructure that must outlive its users.
   */
  public static final int PHASE = Integer.MIN_VALUE / 2;

  private static final Logger LOG = LoggerFactory.getLogger(OursTrackerLifecycle.class);

  private final Tracker tracker;
  private final Duration shutdownTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean running;
  private volatile @Nullable FlushReport closeReport;

  /**
   * Takes ownership of a tracker.
   *
   * @param tracker the tracker to close when the application stops (its shutdown hook should be
   *     off)
   * @param shutdownTimeout how long the close may send what is queued
   */
  public OursTrackerLifecycle(Tracker tracker, Duration shutdownTimeout) {
    this.tracker = Objects.requireNonNull(tracker, "tracker == null");
    this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout == null");
  }

  /**
   * The tracker this bean closes.
   *
   * @return the tracker
   */
  public Tracker tracker() {
    return tracker;
  }

  /**
   * What closing the tracker reported, once it is closed.
   *
   * @return the report of the close, or null while the tracker is open
   */
  public @Nullable FlushReport closeReport() {
    return closeReport;
  }

  /**
   * Whether the tracker is closed.
   *
   * @return true once this bean started closing it
   */
  public boolean isClosed() {
    return closed.get();
  }

  /** Marks the lifecycle running; the tracker already runs since it was created. */
  @Override
  public void start() {
    running = !closed.get();
  }

  /**
   * Closes the tracker: sends what is queued for up to the shutdown timeout, then reports the rest
   * ABANDONED. Blocks for at most that timeout plus {@link Tracker#CLOSE_OVERRUN}.
   */
  @Override
  public void stop() {
    close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** Closes the tracker if {@link #stop()} did not (the context was never started). */
  @Override
  public void destroy() {
    close();
  }

  private void close() {
    running = false;
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    FlushReport r = tracker.close(shutdownTimeout);
    closeReport = r;
    if (r.pending() > 0) {
      LOG.warn(
          "ours tracker closed with the application: {} items not delivered within"
              + " ours.privacy.tracker.shutdown-timeout ({} ms), reported ABANDONED",
          r.pending(),
          shutdownTimeout.toMillis());
    } else {
      LOG.debug("ours tracker closed with the application: {}", r);
    }
  }

  @Override
  public String toString() {
    return "OursTrackerLifecycle{phase=" + PHASE + ", " + tracker + "}";
  }
}

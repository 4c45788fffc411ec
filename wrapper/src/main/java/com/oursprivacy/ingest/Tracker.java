package com.oursprivacy.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Sends events in the background: {@link #track} and {@link #identify} validate, enqueue and
 * return at once; worker threads deliver through {@code /batch} (or {@code /track} when batching
 * is off), retry transient failures with the API's back-off, and report every item's outcome to
 * the {@link TrackerListener}. Obtain one from {@link OursIngest#tracker(TrackerConfig)}.
 *
 * <pre>{@code
 * Tracker tracker = ingest.tracker(TrackerConfig.defaults());
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> tracker.close(Duration.ofSeconds(10))));
 * tracker.track(Event.named("Signup").userId("u1"));
 * }</pre>
 *
 * <p>Guarantees: the queue is bounded ({@link TrackerConfig#capacity()}), a full queue applies
 * the {@link OverflowPolicy} and reports each drop; a retried event keeps its distinctId and only
 * the failed rows of a {@code 207} are resent; every item ends SENT, FAILED, DROPPED or ABANDONED,
 * never silently lost; {@link #flush} and {@link #close} block until delivery or their timeout.
 *
 * <p>Thread-safe. Worker threads are daemons and have all ended when {@link #close} returns.
 */
public final class Tracker implements AutoCloseable {
  /** The wait used by {@link #close()}. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final TrackerConfig config;
  private final Mode mode;
  private final Dispatcher dispatcher;

  Tracker(TrackerConfig config, IngestTransport transport, String token, Mode mode) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.mode = mode;
    this.dispatcher = new Dispatcher(config, transport, token);
    dispatcher.start("ours-tracker");
  }

  /**
   * Validates the event, gives it a distinctId (a random UUID unless it has one) and a time (now,
   * unless it has one, so a late delivery keeps the real time), and enqueues it.
   *
   * @return true if queued; false if dropped (full queue or closed tracker; the listener is told)
   * @throws com.oursprivacy.errors.OursValidationException if the event is invalid (nothing is
   *     queued)
   */
  public boolean track(Event event) {
    Objects.requireNonNull(event, "event == null");
    Validator.event(event, "event", config.clock.instant());
    Event e = event.hasDistinctId() ? event : event.distinctId(DistinctIds.next());
    if (e.time().isEmpty()) {
      e = e.at(config.clock.instant());
    }
    return dispatcher.enqueue(e);
  }

  /**
   * Validates and enqueues an identify call (sent alone through {@code /identify}).
   *
   * @return true if queued; false if dropped (the listener is told)
   * @throws com.oursprivacy.errors.OursValidationException if it is invalid
   */
  public boolean identify(Identify identify) {
    Objects.requireNonNull(identify, "identify == null");
    Validator.identify(identify, "identify");
    return dispatcher.enqueue(identify);
  }

  /**
   * Sends everything queued before this call at once (not waiting for batches to fill) and
   * blocks until each of those items has a final outcome or {@code timeout} passes. A back-off in
   * progress is honoured, not skipped. Items tracked during the call are not waited for.
   *
   * @return what happened during the call; {@link FlushReport#completed()} is false on timeout
   */
  public FlushReport flush(Duration timeout) {
    return dispatcher.flush(Objects.requireNonNull(timeout, "timeout == null"));
  }

  /**
   * Stops accepting items (later calls to {@code track} return false and report DROPPED), sends
   * all pending items and blocks until they have final outcomes or {@code timeout} passes; items
   * still undelivered then are reported {@link Outcome.Kind#ABANDONED}. Afterwards no worker
   * thread is left. Idempotent: a second call returns an empty, completed report.
   *
   * @return what happened during the call; {@code pending()} counts the abandoned items
   */
  public FlushReport close(Duration timeout) {
    return dispatcher.close(Objects.requireNonNull(timeout, "timeout == null"));
  }

  /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /** A snapshot of the counters. */
  public TrackerStats stats() {
    return dispatcher.stats();
  }

  /** The mode (which token this tracker sends). */
  public Mode mode() {
    return mode;
  }

  /** The configuration. */
  public TrackerConfig config() {
    return config;
  }

  Iterable<Thread> workers() {
    return dispatcher.workers();
  }

  @Override
  public String toString() {
    return "Tracker{mode=" + mode + ", " + stats() + "}";
  }
}

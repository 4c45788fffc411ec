package com.oursprivacy.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events in the background: {@link #track} and {@link #identify} validate, enqueue and return
 * at once; worker threads deliver through {@code /batch} (or {@code /track} when batching is off),
 * retry transient failures with the API's back-off, and report every item's outcome to the {@link
 * TrackerListener}. Obtain one from {@link OursIngest#tracker(TrackerConfig)}.
 *
 * <pre>{@code
 * Tracker tracker = ingest.tracker(TrackerConfig.defaults());   // a shutdown hook flushes it on exit
 * tracker.track(Event.named("Signup").userId("u1"));
 * }</pre>
 *
 * <p>Guarantees: the queue is bounded ({@link TrackerConfig#capacity()}), a full queue applies the
 * {@link OverflowPolicy} and reports each drop; a retried event keeps its distinctId and only the
 * failed rows of a {@code 207} are resent; a batch that failed waits out its own back-off while
 * other batches keep flowing, and only a 429 pauses all sending; every item ends SENT, FAILED,
 * DROPPED or ABANDONED, never silently lost — also when the JVM exits without {@link #close}
 * (shutdown hook, {@link TrackerConfig#shutdownHook()}) and, with {@link TrackerConfig#spool()},
 * when the process is killed.
 *
 * <p>Thread-safe; {@code track} takes no lock shared with the workers.
 */
public final class Tracker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);

  /** The wait used by {@link #close()}. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** What {@link #close(Duration)} may take beyond its timeout: the workers' grace to end. */
  public static final Duration CLOSE_OVERRUN = Duration.ofNanos(Dispatcher.CLOSE_GRACE_NANOS);

  private final TrackerConfig config;
  private final Mode mode;
  private final Dispatcher dispatcher;
  private final boolean spooled;
  private final Thread hook;
  private final Consumer<Tracker> onClosed;

  Tracker(TrackerConfig config, IngestTransport transport, String token, Mode mode) {
    this(config, transport, token, mode, t -> {});
  }

  /** {@code onClosed} runs once {@link #close(Duration)} has closed it (its client forgets it). */
  Tracker(
      TrackerConfig config,
      IngestTransport transport,
      String token,
      Mode mode,
      Consumer<Tracker> onClosed) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.onClosed = onClosed;
    this.mode = mode;
    Spool spool = config.spool().map(dir -> Spool.open(dir, config.spoolFsync())).orElse(null);
    this.spooled = spool != null;
    this.dispatcher = new Dispatcher(config, transport, token, spool);
    dispatcher.start("ours-tracker", spool == null ? List.of() : spool.recovered());
    this.hook = config.shutdownHook() ? registerHook() : null;
  }

  private Thread registerHook() {
    Thread h = new Thread(this::onShutdown, "ours-tracker-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(h);
      return h;
    } catch (IllegalStateException shuttingDown) {
      LOG.warn(
          "ours tracker created while the JVM shuts down: no shutdown hook; close it yourself");
      return null;
    }
  }

  private void onShutdown() {
    FlushReport r =
        dispatcher.close(
            config.shutdownTimeout(),
            "JVM shutting down: not delivered within the "
                + "shutdown hook's "
                + config.shutdownTimeout().toMillis()
                + " ms"
                + keptNote());
    if (r.abandoned() > 0) {
      LOG.warn(
          "ours tracker at JVM exit: {} items not delivered in {} ms, reported ABANDONED{}",
          r.abandoned(),
          config.shutdownTimeout().toMillis(),
          keptNote());
    }
  }

  private String keptNote() {
    return spooled ? "; kept in the spool, the next tracker on it sends them" : "";
  }

  /**
   * Validates the event, gives it a time (now, unless it has one, so a late delivery keeps the real
   * time) and enqueues it. Its distinctId (a random UUID unless it has one) is assigned on the
   * worker thread; with the spool on, before this returns.
   *
   * @param event the event to send
   * @return true if queued (and, with the spool on, written to it); false if dropped (full queue,
   *     closed tracker, spool write failure; the listener is told)
   * @throws com.oursprivacy.errors.OursValidationException if the event is invalid (nothing is
   *     queued)
   */
  public boolean track(Event event) {
    Objects.requireNonNull(event, "event == null");
    Instant now = config.clock.instant(); // one reading: validation, the event's time, the queue
    Validator.event(event, "event", now);
    Event e = event.time().isPresent() ? event : event.at(now);
    if (spooled && !e.hasDistinctId()) {
      e = e.distinctId(DistinctIds.next()); // the spool keeps the id a resend must carry
    }
    return dispatcher.enqueue(e, now);
  }

  /**
   * Validates and enqueues an identify call (sent alone through {@code /identify}; not spooled).
   *
   * @param identify the identify call to send
   * @return true if queued; false if dropped (the listener is told)
   * @throws com.oursprivacy.errors.OursValidationException if it is invalid
   */
  public boolean identify(Identify identify) {
    Objects.requireNonNull(identify, "identify == null");
    Validator.identify(identify, "identify");
    return dispatcher.enqueue(identify);
  }

  /**
   * Sends everything queued before this call at once (not waiting for batches to fill) and blocks
   * until each of those items has a final outcome or {@code timeout} passes. A back-off in progress
   * is honoured, not skipped. Items tracked during the call are not waited for.
   *
   * @param timeout how long to wait at most
   * @return what happened during the call and the totals since the tracker started; {@link
   *     FlushReport#completed()} is false on timeout
   */
  public FlushReport flush(Duration timeout) {
    return dispatcher.flush(Objects.requireNonNull(timeout, "timeout == null"));
  }

  /**
   * Stops accepting items (later calls to {@code track} return false and report DROPPED), sends all
   * pending items and waits until they have final outcomes or {@code timeout} passes, then reports
   * every item still undelivered {@link Outcome.Kind#ABANDONED} (with the spool on, those events
   * stay in it for the next tracker). Removes the shutdown hook.
   *
   * <p>Returns within {@code timeout} plus {@link #CLOSE_OVERRUN} (plus the time your listener
   * spends on the ABANDONED outcomes, which it receives before this returns). When it returns:
   * every item has its final outcome and was reported; no request will be started any more; calls
   * still in flight were cancelled; the spool is closed; and the worker threads have ended — except
   * a worker stuck in a listener callback or a call that ignores interruption past the overrun,
   * which is logged at WARN, is a daemon, and sends nothing more. Idempotent: a second call returns
   * an empty, completed report.
   *
   * @param timeout how long to wait at most
   * @return what happened during the call ({@link FlushReport#abandoned()} counts the abandoned
   *     items) and the totals since the tracker started ({@link FlushReport#totals()}: print {@code
   *     totals().sent()} for "events sent")
   */
  public FlushReport close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it finds the tracker closed
      }
    }
    try {
      return dispatcher.close(
          timeout,
          "tracker closed after "
              + timeout.toMillis()
              + " ms before delivery was confirmed"
              + keptNote());
    } finally {
      onClosed.accept(this);
    }
  }

  /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /** {@return a snapshot of the counters} */
  public TrackerStats stats() {
    return dispatcher.stats();
  }

  /** {@return the mode (which token this tracker sends)} */
  public Mode mode() {
    return mode;
  }

  /** {@return the configuration} */
  public TrackerConfig config() {
    return config;
  }

  Thread hook() {
    return hook;
  }

  Iterable<Thread> workers() {
    return dispatcher.workers();
  }

  @Override
  public String toString() {
    return "Tracker{mode=" + mode + ", " + stats() + "}";
  }
}

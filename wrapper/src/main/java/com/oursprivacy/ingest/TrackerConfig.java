package com.oursprivacy.ingest;

import com.oursprivacy.core.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Settings of a {@link Tracker}. Immutable; build with {@link #builder()}, derive with {@link
 * #toBuilder()}.
 *
 * <pre>{@code
 * TrackerConfig config = TrackerConfig.builder()
 *     .capacity(50_000).overflow(OverflowPolicy.BLOCK).blockTimeout(Duration.ofMillis(200))
 *     .batchSize(200).flushInterval(Duration.ofSeconds(2))
 *     .listener(o -> { if (o.kind() == Outcome.Kind.FAILED) log.warn("{}", o); })
 *     .build();
 * }</pre>
 */
public final class TrackerConfig {
  private final int capacity;
  private final OverflowPolicy overflow;
  private final Duration blockTimeout;
  private final boolean batching;
  private final int batchSize;
  private final Duration flushInterval;
  private final int threads;
  private final int maxAttempts;
  private final Duration maxAge;
  private final TrackerListener listener;
  private final boolean shutdownHook;
  private final Duration shutdownTimeout;
  private final Path spool;
  private final Duration spoolFsync;
  final Clock clock;

  /**
   * Null: real time (waits wake early for new work); tests inject a fake that moves a fake clock.
   */
  final Sleeper sleeper;

  final Random random;

  /**
   * The longest wait of an idle worker between checks, so a lost wake-up costs at most this long.
   * Tests lengthen it: a wake-up the tracker relies on then shows when it is missing.
   */
  final Duration idleWait;

  private TrackerConfig(Builder b) {
    capacity = b.capacity;
    overflow = b.overflow;
    blockTimeout = b.blockTimeout;
    batching = b.batching;
    batchSize = b.batchSize;
    flushInterval = b.flushInterval;
    threads = b.threads;
    maxAttempts = b.maxAttempts;
    maxAge = b.maxAge;
    listener = b.listener;
    shutdownHook = b.shutdownHook;
    shutdownTimeout = b.shutdownTimeout;
    spool = b.spool;
    spoolFsync = b.spoolFsync;
    clock = b.clock;
    sleeper = b.sleeper;
    random = b.random;
    idleWait = b.idleWait;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the defaults: see each {@link Builder} setter} */
  public static TrackerConfig defaults() {
    return builder().build();
  }

  /** {@return a builder holding these settings} */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * {@return maximum items waiting to be sent (not counting those in flight or awaiting a retry)}
   */
  public int capacity() {
    return capacity;
  }

  /** {@return what {@code track} does when the queue is full} */
  public OverflowPolicy overflow() {
    return overflow;
  }

  /** {@return how long {@link OverflowPolicy#BLOCK} waits for space} */
  public Duration blockTimeout() {
    return blockTimeout;
  }

  /** {@return true: events go through /batch; false: one /track request per event} */
  public boolean batching() {
    return batching;
  }

  /** {@return maximum rows per /batch request} */
  public int batchSize() {
    return batchSize;
  }

  /** {@return how long a partly filled batch waits for more events before it is sent} */
  public Duration flushInterval() {
    return flushInterval;
  }

  /** {@return number of worker threads} */
  public int threads() {
    return threads;
  }

  /** {@return attempts per item before it is reported {@link Outcome.Kind#FAILED}} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return age (since {@code track}) after which a failing item is reported failed} */
  public Duration maxAge() {
    return maxAge;
  }

  /**
   * Receives every outcome.
   *
   * @return the listener of every outcome
   */
  public TrackerListener listener() {
    return listener;
  }

  /** {@return whether the tracker registers a JVM shutdown hook that flushes it (default true)} */
  public boolean shutdownHook() {
    return shutdownHook;
  }

  /**
   * {@return how long the shutdown hook sends before it reports the rest ABANDONED; default 5 s}
   */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** {@return the spool directory, when the crash-safe disk queue is on} */
  public Optional<Path> spool() {
    return Optional.ofNullable(spool);
  }

  /**
   * {@return how often the spool is forced to disk; {@link Duration#ZERO}: before each {@code
   * track} returns}
   */
  public Duration spoolFsync() {
    return spoolFsync;
  }

  /** Builds {@link TrackerConfig}. Not thread-safe. */
  public static final class Builder {
    private int capacity = 10_000;
    private OverflowPolicy overflow = OverflowPolicy.DROP_NEWEST;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private boolean batching = true;
    private int batchSize = 100;
    private Duration flushInterval = Duration.ofSeconds(5);
    private int threads = 1;
    private int maxAttempts = 10;
    private Duration maxAge = Duration.ofHours(24);
    private TrackerListener listener = TrackerListener.NONE;
    private boolean shutdownHook = true;
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private Path spool;
    private Duration spoolFsync = Duration.ofMillis(10);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper;
    private Random random = new Random();
    private Duration idleWait = Duration.ofSeconds(1);

    private Builder() {}

    private Builder(TrackerConfig c) {
      capacity = c.capacity;
      overflow = c.overflow;
      blockTimeout = c.blockTimeout;
      batching = c.batching;
      batchSize = c.batchSize;
      flushInterval = c.flushInterval;
      threads = c.threads;
      maxAttempts = c.maxAttempts;
      maxAge = c.maxAge;
      listener = c.listener;
      shutdownHook = c.shutdownHook;
      shutdownTimeout = c.shutdownTimeout;
      spool = c.spool;
      spoolFsync = c.spoolFsync;
      clock = c.clock;
      sleeper = c.sleeper;
      random = c.random;
      idleWait = c.idleWait;
    }

    /**
     * Queue capacity, ≥ 1; default 10,000.
     *
     * @param capacity the capacity
     * @return this builder
     */
    public Builder capacity(int capacity) {
      this.capacity = positive("capacity", capacity);
      return this;
    }

    /**
     * Overflow policy; default {@link OverflowPolicy#DROP_NEWEST}.
     *
     * @param overflow the overflow
     * @return this builder
     */
    public Builder overflow(OverflowPolicy overflow) {
      this.overflow = Objects.requireNonNull(overflow, "overflow == null");
      return this;
    }

    /**
     * How long {@link OverflowPolicy#BLOCK} waits; default 1 s.
     *
     * @param blockTimeout the block timeout
     * @return this builder
     */
    public Builder blockTimeout(Duration blockTimeout) {
      this.blockTimeout = nonNegative("blockTimeout", blockTimeout);
      return this;
    }

    /**
     * Whether to use /batch (default true) or one /track per event.
     *
     * @param batching whether to use /batch
     * @return this builder
     */
    public Builder batching(boolean batching) {
      this.batching = batching;
      return this;
    }

    /**
     * Rows per /batch request, ≥ 1; default 100.
     *
     * @param batchSize the batch size
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = positive("batchSize", batchSize);
      return this;
    }

    /**
     * Longest wait for a batch to fill; default 5 s.
     *
     * @param flushInterval the flush interval
     * @return this builder
     */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = nonNegative("flushInterval", flushInterval);
      return this;
    }

    /**
     * Worker threads, 1–64; default 1.
     *
     * @param threads the threads
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be 1–64, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Attempts per item before giving up, ≥ 1; default 10 (about 6 minutes of back-off).
     *
     * @param maxAttempts the max attempts
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = positive("maxAttempts", maxAttempts);
      return this;
    }

    /**
     * Give up on an item this long after it was tracked; default 24 h, at most 7 days (the API
     * shifts older events).
     *
     * @param maxAge the max age
     * @return this builder
     */
    public Builder maxAge(Duration maxAge) {
      nonNegative("maxAge", maxAge);
      if (maxAge.compareTo(Validator.MAX_AGE) > 0) {
        throw new IllegalArgumentException("maxAge must be at most 7 days, was " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /**
     * Receives every outcome; default ignores them.
     *
     * @param listener the listener to add
     * @return this builder
     */
    public Builder listener(TrackerListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Whether to register a JVM shutdown hook (default true). When the JVM exits without {@link
     * Tracker#close} ({@code main} returns, {@code System.exit}, SIGTERM), the hook sends what is
     * queued for up to {@link #shutdownTimeout(Duration)} and reports every item still undelivered
     * then {@link Outcome.Kind#ABANDONED}. {@code close()} removes the hook. Turn it off when you
     * close the tracker from your own hook or framework lifecycle.
     *
     * @param shutdownHook whether to register a JVM shutdown hook
     * @return this builder
     */
    public Builder shutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /**
     * How long the shutdown hook may send; default 5 s (container runtimes allow 10–30 s).
     *
     * @param shutdownTimeout the shutdown timeout
     * @return this builder
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = nonNegative("shutdownTimeout", shutdownTimeout);
      return this;
    }

    /**
     * Turns on the crash-safe spool in {@code directory} (created if missing; one tracker per
     * directory): {@code track} appends the event to a disk log before it returns true, and an
     * event leaves the log only when its outcome is final (SENT, FAILED, DROPPED). A tracker
     * started on the same directory after a crash, {@code kill -9} or an abandoning close sends the
     * events left there first, with their original distinctIds, so the API's deduplication makes
     * any resend harmless. Identify calls are not spooled.
     *
     * @param directory the directory
     * @return this builder
     */
    public Builder spool(Path directory) {
      this.spool = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /**
     * How often the spool is forced to the storage device ({@code fsync}); default 10 ms. {@link
     * Duration#ZERO}: before every {@code track} returns (survives power loss, costs a disk flush
     * per event). A record reaches the operating system before {@code track} returns in either
     * case, so a killed process loses nothing; the interval bounds what a power cut can lose.
     *
     * @param every the every
     * @return this builder
     */
    public Builder spoolFsync(Duration every) {
      this.spoolFsync = nonNegative("spoolFsync", every);
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    Builder idleWait(Duration idleWait) {
      this.idleWait = Objects.requireNonNull(idleWait, "idleWait == null");
      return this;
    }

    /** {@return the configuration} */
    public TrackerConfig build() {
      return new TrackerConfig(this);
    }

    private static int positive(String name, int v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be ≥ 1, was " + v);
      }
      return v;
    }

    private static Duration nonNegative(String name, Duration d) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}

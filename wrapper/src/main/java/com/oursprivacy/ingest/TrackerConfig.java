package com.oursprivacy.ingest;

import com.oursprivacy.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
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
  final Clock clock;
  final Sleeper sleeper;
  final Random random;

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
    clock = b.clock;
    sleeper = b.sleeper;
    random = b.random;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: see each {@link Builder} setter. */
  public static TrackerConfig defaults() {
    return builder().build();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Maximum items waiting to be sent (not counting those in flight or awaiting a retry). */
  public int capacity() {
    return capacity;
  }

  /** What {@code track} does when the queue is full. */
  public OverflowPolicy overflow() {
    return overflow;
  }

  /** How long {@link OverflowPolicy#BLOCK} waits for space. */
  public Duration blockTimeout() {
    return blockTimeout;
  }

  /** True: events go through /batch; false: one /track request per event. */
  public boolean batching() {
    return batching;
  }

  /** Maximum rows per /batch request. */
  public int batchSize() {
    return batchSize;
  }

  /** How long a partly filled batch waits for more events before it is sent. */
  public Duration flushInterval() {
    return flushInterval;
  }

  /** Number of worker threads. */
  public int threads() {
    return threads;
  }

  /** Attempts per item before it is reported {@link Outcome.Kind#FAILED}. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Age (since {@code track}) after which a failing item is reported failed. */
  public Duration maxAge() {
    return maxAge;
  }

  /** Receives every outcome. */
  public TrackerListener listener() {
    return listener;
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
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Random random = new Random();

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
      clock = c.clock;
      sleeper = c.sleeper;
      random = c.random;
    }

    /** Queue capacity, ≥ 1; default 10,000. */
    public Builder capacity(int capacity) {
      this.capacity = positive("capacity", capacity);
      return this;
    }

    /** Overflow policy; default {@link OverflowPolicy#DROP_NEWEST}. */
    public Builder overflow(OverflowPolicy overflow) {
      this.overflow = Objects.requireNonNull(overflow, "overflow == null");
      return this;
    }

    /** How long {@link OverflowPolicy#BLOCK} waits; default 1 s. */
    public Builder blockTimeout(Duration blockTimeout) {
      this.blockTimeout = nonNegative("blockTimeout", blockTimeout);
      return this;
    }

    /** Whether to use /batch (default true) or one /track per event. */
    public Builder batching(boolean batching) {
      this.batching = batching;
      return this;
    }

    /** Rows per /batch request, ≥ 1; default 100. */
    public Builder batchSize(int batchSize) {
      this.batchSize = positive("batchSize", batchSize);
      return this;
    }

    /** Longest wait for a batch to fill; default 5 s. */
    public Builder flushInterval(Duration flushInterval) {
      this.flushInterval = nonNegative("flushInterval", flushInterval);
      return this;
    }

    /** Worker threads, 1–64; default 1. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be 1–64, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Attempts per item before giving up, ≥ 1; default 10 (about 6 minutes of back-off). */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = positive("maxAttempts", maxAttempts);
      return this;
    }

    /**
     * Give up on an item this long after it was tracked; default 24 h, at most 7 days (the API
     * shifts older events).
     */
    public Builder maxAge(Duration maxAge) {
      nonNegative("maxAge", maxAge);
      if (maxAge.compareTo(Validator.MAX_AGE) > 0) {
        throw new IllegalArgumentException("maxAge must be at most 7 days, was " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /** Receives every outcome; default ignores them. */
    public Builder listener(TrackerListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
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

    /** The configuration. */
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

package com.oursprivacy.kafka.connect;

import com.oursprivacy.core.Sleeper;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.ingest.OursIngest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the records of its partitions to the Ours Privacy ingest API as events, through {@link
 * OursIngest#batch}.
 *
 * <p>{@link #put} returns only when the API has answered for every record it was given (accepted,
 * or refused and handed to the errant-record reporter), so the offsets Connect commits after it are
 * of records the API has: {@link #preCommit} adds only a wait for the dead-letter writes. A put
 * whose transient failures outlast the retry budget throws {@link RetriableException} after {@code
 * context.timeout(ours.retry.backoff.ms)}: Connect redelivers the same records, with the same
 * distinctIds, so rows already accepted are counted once.
 *
 * <p>Records that cannot be mapped and rows the API refuses ({@code invalid_event}) go to the
 * errant-record reporter with the reason (a dead-letter topic when {@code
 * errors.deadletterqueue.topic.name} is set); Connect's {@code errors.tolerance} decides whether
 * the task goes on. Without a reporter, {@code errors.tolerance=all} logs and skips them and {@code
 * none} fails the task. Tokens, identities and property values are never logged.
 */
public class OursSinkTask extends SinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(OursSinkTask.class);

  private final Sleeper sleeper;
  private final Clock clock;
  private @Nullable OursSinkConfig config;
  private @Nullable RecordMapper mapper;
  private @Nullable OursIngest ingest;
  private @Nullable ExecutorService pool;
  private @Nullable BatchSender sender;
  private @Nullable ErrantRecordReporter reporter;
  private boolean tolerateAll;
  private final List<Future<Void>> reports = new ArrayList<>();
  private final AtomicInteger clamped = new AtomicInteger();

  /** The task Connect instantiates: real clock and real waits. */
  public OursSinkTask() {
    this(Sleeper.system(), Clock.systemUTC());
  }

  /** For tests: back-off waits and the 7-day window without real time. */
  OursSinkTask(Sleeper sleeper, Clock clock) {
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /**
   * The connector's version.
   *
   * @return the version of this artifact
   */
  @Override
  public String version() {
    return Version.get();
  }

  /**
   * Checks the configuration, builds the ingest client and looks up the errant-record reporter.
   *
   * @param props the task's configuration (the connector's)
   * @throws ConfigException when the configuration is not usable (the message names the setting)
   */
  @Override
  public void start(Map<String, String> props) {
    OursSinkConfig c = new OursSinkConfig(props);
    Map<String, String> problems = c.problems();
    if (!problems.isEmpty()) {
      Map.Entry<String, String> p = problems.entrySet().iterator().next();
      throw new ConfigException(p.getKey() + ": " + p.getValue());
    }
    this.config = c;
    this.mapper = new RecordMapper(c);
    OursIngest.Builder b =
        OursIngest.builder()
            .mode(c.mode())
            .baseUrl(c.getString(OursSinkConfig.BASE_URL))
            .maxRetries(0) // this task retries, within its budget (BatchSender)
            .callTimeout(c.requestTimeout())
            .readTimeout(c.requestTimeout());
    b.token(c.token()).testToken(c.testToken());
    if (c.getBoolean(OursSinkConfig.REQUIRE_TEST_MODE)) {
      b.requireTestMode();
    }
    try {
      this.ingest = b.build();
    } catch (IllegalStateException | IllegalArgumentException | OursException e) {
      // The SDK's messages name the setting and the rule, never the token.
      throw new ConfigException("cannot build the ingest client: " + e.getMessage());
    }
    int inFlight = c.getInt(OursSinkConfig.MAX_IN_FLIGHT);
    if (inFlight > 1) {
      AtomicInteger n = new AtomicInteger();
      this.pool =
          Executors.newFixedThreadPool(
              inFlight,
              r -> {
                Thread t = new Thread(r, "ours-sink-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    this.sender =
        new BatchSender(
            ingest,
            c.getInt(OursSinkConfig.BATCH_SIZE),
            pool,
            c.retryTimeout(),
            c.requestTimeout(),
            sleeper,
            clock,
            new Random());
    this.reporter = reporter();
    this.tolerateAll = "all".equalsIgnoreCase(props.get(OursSinkConfig.ERRORS_TOLERANCE));
    LOG.info(
        "Ours sink task started: mode={}, baseUrl={}, batch size {}, {} in flight, dead-letter"
            + " reporting {}",
        c.mode(),
        c.getString(OursSinkConfig.BASE_URL),
        c.getInt(OursSinkConfig.BATCH_SIZE),
        inFlight,
        reporter != null ? "on" : "off (errors.tolerance=" + (tolerateAll ? "all" : "none") + ")");
  }

  private @Nullable ErrantRecordReporter reporter() {
    try {
      return context == null ? null : context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // a worker older than Kafka 2.6
    }
  }

  /**
   * Maps and sends the records; returns when the API has answered for each of them.
   *
   * @param records the records Connect delivers
   * @throws RetriableException when transient failures outlasted the retry budget (Connect
   *     redelivers the same records after {@code ours.retry.backoff.ms})
   * @throws ConnectException when a record must fail the task ({@code errors.tolerance=none}, the
   *     {@code fail} policy for old events, a refused token)
   */
  @Override
  public void put(Collection<SinkRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    OursSinkConfig c = state(config);
    Instant now = clock.instant();
    List<SinkRecord> all = new ArrayList<>(records);
    List<BatchSender.Item> items = new ArrayList<>(all.size());
    List<SinkRecord> badRecords = new ArrayList<>();
    List<String> badReasons = new ArrayList<>();
    int clampedHere = 0;
    for (int i = 0; i < all.size(); i++) {
      SinkRecord r = all.get(i);
      try {
        RecordMapper.Mapped m = state(mapper).map(r, now);
        clampedHere += m.clamped ? 1 : 0;
        items.add(new BatchSender.Item(i, m.event));
      } catch (RecordMapper.Unmappable e) {
        if (reporter == null && !tolerateAll) {
          throw new DataException(
              RecordMapper.where(r) + ": " + e.getMessage() + " (errors.tolerance=none)");
        }
        badRecords.add(r);
        badReasons.add("cannot map: " + e.getMessage());
      }
    }
    List<BatchSender.Rejection> rejected;
    try {
      rejected = state(sender).send(items);
    } catch (RetriableException e) {
      context.timeout(c.retryBackoff().toMillis());
      LOG.warn(
          "Ours sink: handing {} records back to Connect, redelivery in {} ms: {}",
          all.size(),
          c.retryBackoff().toMillis(),
          e.getMessage());
      throw e;
    }
    for (BatchSender.Rejection r : rejected) {
      badRecords.add(all.get(r.item.index));
      badReasons.add(r.reason);
    }
    for (int i = 0; i < badRecords.size(); i++) {
      report(badRecords.get(i), badReasons.get(i));
    }
    if (clampedHere > 0) {
      LOG.warn(
          "Ours sink: {} events older than the API's 7-day window were sent with a time moved"
              + " into it (ours.time.too.old=clamp); {} so far",
          clampedHere,
          clamped.addAndGet(clampedHere));
    }
  }

  private void report(SinkRecord r, String reason) {
    RejectedRecordException e = new RejectedRecordException(RecordMapper.where(r) + ": " + reason);
    if (reporter != null) {
      // With errors.tolerance=none this throws: the task fails, as Connect's setting says.
      reports.add(reporter.report(r, e));
      return;
    }
    if (!tolerateAll) {
      throw e;
    }
    LOG.warn("Ours sink: skipped {} (errors.tolerance=all, no dead-letter queue)", e.getMessage());
  }

  /**
   * Returns the offsets Connect may commit: every record given to {@link #put} has been answered by
   * then; this waits (bounded) until the dead-letter writes of refused records are acknowledged, so
   * a refused record's offset is never committed before its dead-letter copy exists.
   *
   * @param currentOffsets the offsets of the records put so far
   * @return {@code currentOffsets}
   * @throws RetriableException when a dead-letter write is not acknowledged in time
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    awaitReports();
    return currentOffsets;
  }

  private void awaitReports() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Future<Void> f : reports) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetriableException("interrupted while waiting for dead-letter writes", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new RetriableException("a dead-letter write did not complete", e);
      }
    }
    reports.clear();
  }

  /** Closes the ingest client and the request threads. */
  @Override
  public void stop() {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (ingest != null) {
      ingest.close();
    }
  }

  /** Requests sent and retries made so far; for tests and the benchmark. */
  int[] counters() {
    BatchSender s = state(sender);
    return new int[] {s.stats.requests.get(), s.stats.retries.get()};
  }

  private static <T> T state(@Nullable T t) {
    if (t == null) {
      throw new IllegalStateException("the task is not started");
    }
    return t;
  }

  /** The reason a record went to the errant-record reporter (its message, never its content). */
  static final class RejectedRecordException extends DataException {
    private static final long serialVersionUID = 1L;

    RejectedRecordException(String message) {
      super(message);
    }
  }
}

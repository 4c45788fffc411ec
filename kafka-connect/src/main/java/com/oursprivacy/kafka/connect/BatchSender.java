package com.oursprivacy.kafka.connect;

import com.oursprivacy.core.RetryPolicy;
import com.oursprivacy.core.Sleeper;
import com.oursprivacy.errors.InternalServerException;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.errors.OursIoException;
import com.oursprivacy.errors.OursTimeoutException;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.errors.RateLimitException;
import com.oursprivacy.ingest.BatchReport;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.jspecify.annotations.Nullable;

/**
 * Sends mapped records with {@link OursIngest#batch} and returns only when the API has answered for
 * every one of them: accepted, or rejected for good (returned with the reason). Transient failures
 * (429, 5xx, network errors, timeouts, {@code queue_failed} rows) are retried with the API's
 * documented back-off, or the server's {@code Retry-After}, while the put's retry budget lasts;
 * then a {@link RetriableException} hands the whole batch back to Connect, which redelivers it: the
 * distinctIds are the same, so the rows already accepted are not counted twice.
 *
 * <p>A request the API refuses as a whole (400, 413) or the SDK refuses before sending (an invalid
 * event) is narrowed down to the rows at fault: the named row when the SDK names one, else by
 * halving, so one bad record never blocks its batch. 401, 403 and other answers fail the task.
 */
final class BatchSender {
  /** The API's documented back-off: 2 s doubling to 60 s, plus 1-5 s of jitter. */
  static final RetryPolicy BACKOFF = RetryPolicy.ingestDefaults();

  /** The longest server-requested wait honoured (a longer one ends the put's retrying). */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private static final Pattern ROW = Pattern.compile("^events\\[(\\d+)]");

  /** One record's event on its way, with the record's position in the put. */
  static final class Item {
    final int index;
    final Event event;

    Item(int index, Event event) {
      this.index = index;
      this.event = event;
    }
  }

  /** A row the API (or the SDK's checks) refused for good. */
  static final class Rejection {
    final Item item;
    final String reason;

    Rejection(Item item, String reason) {
      this.item = item;
      this.reason = reason;
    }
  }

  /** Counters, for logs and the benchmark. */
  static final class Stats {
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
  }

  private final OursIngest ingest;
  private final int batchSize;
  private final @Nullable ExecutorService pool;
  private final Duration budget;
  private final Duration requestTimeout;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Supplier<Double> random;
  final Stats stats = new Stats();

  BatchSender(
      OursIngest ingest,
      int batchSize,
      @Nullable ExecutorService pool,
      Duration budget,
      Duration requestTimeout,
      Sleeper sleeper,
      Clock clock,
      Random random) {
    this.ingest = ingest;
    this.batchSize = batchSize;
    this.pool = pool;
    this.budget = budget;
    this.requestTimeout = requestTimeout;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random::nextDouble;
  }

  /**
   * Sends {@code items}; returns the rows refused for good.
   *
   * @throws RetriableException when transient failures outlasted the retry budget
   * @throws ConnectException when the API refused the connector itself (token, URL)
   */
  List<Rejection> send(List<Item> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    Instant deadline = clock.instant().plus(budget);
    List<List<Item>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += batchSize) {
      chunks.add(items.subList(i, Math.min(items.size(), i + batchSize)));
    }
    List<Rejection> rejected = Collections.synchronizedList(new ArrayList<>());
    if (pool == null || chunks.size() == 1) {
      for (List<Item> c : chunks) {
        sendChunk(c, deadline, rejected);
      }
      return rejected;
    }
    List<Future<?>> futures = new ArrayList<>();
    for (List<Item> c : chunks) {
      futures.add(pool.submit(() -> sendChunk(c, deadline, rejected)));
    }
    RuntimeException first = null;
    for (Future<?> f : futures) {
      try {
        f.get(); // bounded: every chunk ends by its deadline plus one request timeout
      } catch (ExecutionException e) {
        RuntimeException c =
            e.getCause() instanceof RuntimeException re ? re : new ConnectException(e.getCause());
        // A fatal error wins over a retriable one: retrying cannot fix a bad token.
        if (first == null
            || (first instanceof RetriableException && !(c instanceof RetriableException))) {
          first = c;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new RetriableException("interrupted while waiting for the ingest API", e);
      }
    }
    if (first != null) {
      throw first;
    }
    return rejected;
  }

  private void sendChunk(List<Item> chunk, Instant deadline, List<Rejection> rejected) {
    List<Item> pending = new ArrayList<>(chunk);
    int failures = 0;
    while (!pending.isEmpty()) {
      Duration retryAfter = null;
      String why;
      try {
        stats.requests.incrementAndGet();
        BatchReport report = ingest.batch(events(pending));
        List<Item> again = new ArrayList<>();
        for (BatchReport.Failure f : report.failures()) {
          Item item = pending.get(f.index());
          if (f.retryable()) {
            again.add(item);
          } else {
            rejected.add(new Rejection(item, f.code() + ": " + f.message()));
          }
        }
        if (again.isEmpty()) {
          return;
        }
        why = again.size() + " rows " + report.failures().get(0).code();
        pending = again;
      } catch (OursValidationException e) {
        Matcher m = ROW.matcher(e.field());
        if (m.find() && Integer.parseInt(m.group(1)) < pending.size()) {
          Item bad = pending.remove(Integer.parseInt(m.group(1)));
          rejected.add(new Rejection(bad, "rejected before sending: " + e.getMessage()));
          continue;
        }
        narrow(pending, deadline, rejected, "rejected before sending: " + e.getMessage());
        return;
      } catch (RateLimitException | InternalServerException e) {
        retryAfter = e.retryAfter().orElse(null);
        why = "HTTP " + e.statusCode();
      } catch (OursIoException | OursTimeoutException e) {
        why = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (OursApiException e) {
        if (e.statusCode() == 408) { // a proxy's request timeout: transient like a 5xx
          retryAfter = e.retryAfter().orElse(null);
          why = "HTTP 408";
          failures++;
          pause(failures, retryAfter, deadline, why, pending.size());
          continue;
        }
        if (e.statusCode() == 400 || e.statusCode() == 413) {
          narrow(pending, deadline, rejected, e.getMessage());
          return;
        }
        throw new ConnectException(
            "the ingest API refused the request ("
                + e.getMessage()
                + "); check "
                + OursSinkConfig.BASE_URL
                + " and the token for "
                + OursSinkConfig.MODE,
            e);
      } catch (OursException e) {
        why = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      failures++;
      pause(failures, retryAfter, deadline, why, pending.size());
    }
  }

  /** The rows at fault in a request refused as a whole: one row is the culprit, else halve. */
  private void narrow(
      List<Item> pending, Instant deadline, List<Rejection> rejected, String reason) {
    if (pending.size() == 1) {
      rejected.add(new Rejection(pending.get(0), reason));
      return;
    }
    int half = pending.size() / 2;
    sendChunk(new ArrayList<>(pending.subList(0, half)), deadline, rejected);
    sendChunk(new ArrayList<>(pending.subList(half, pending.size())), deadline, rejected);
  }

  private void pause(
      int failures, @Nullable Duration retryAfter, Instant deadline, String why, int rows) {
    Duration wait =
        retryAfter != null
            ? retryAfter
            : BACKOFF.backoff(Math.min(failures, 30), random.get(), random.get());
    Instant next = clock.instant().plus(wait);
    if ((retryAfter != null && retryAfter.compareTo(MAX_RETRY_AFTER) > 0)
        || next.plus(requestTimeout).isAfter(deadline)) {
      throw new RetriableException(
          "the ingest API did not take "
              + rows
              + " rows within the retry budget ("
              + failures
              + " attempts, last: "
              + why
              + "); Connect will redeliver them with the same distinctIds");
    }
    stats.retries.incrementAndGet();
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while backing off", e);
    }
  }

  private static List<Event> events(List<Item> items) {
    List<Event> out = new ArrayList<>(items.size());
    items.forEach(i -> out.add(i.event));
    return out;
  }
}

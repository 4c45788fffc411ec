package com.oursprivacy.micrometer;

import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Binds a {@link Tracker}'s counters to a {@link MeterRegistry}: items by outcome, items queued,
 * retry decisions, items pending, the queue's capacity and, with a spool, the spool's size on disk.
 * Every value is read from {@link Tracker#stats()} (or the spool directory) when the registry
 * publishes, so the meters always agree with {@code stats()}.
 *
 * <pre>{@code
 * new OursTrackerMetrics(tracker, Tags.of("tracker", "signups")).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>The meters hold the tracker weakly (Micrometer's default): once it is closed and unreferenced
 * they report NaN; remove them from the registry to drop them.
 */
public final class OursTrackerMetrics implements MeterBinder {
  /** Items by final outcome ({@code outcome} tag: sent, failed, dropped, abandoned): {@value}. */
  public static final String EVENTS = "ours.tracker.events";

  /** Items accepted into the queue: {@value}. */
  public static final String QUEUED = "ours.tracker.queued";

  /** Retry decisions (an item retried three times counts three): {@value}. */
  public static final String RETRIES = "ours.tracker.retries";

  /** Items queued, in flight or waiting for a retry now: {@value}. */
  public static final String PENDING = "ours.tracker.pending";

  /** The queue's capacity: {@value}. */
  public static final String QUEUE_CAPACITY = "ours.tracker.queue.capacity";

  /** Bytes the spool's files take on disk (only with a spool): {@value}. */
  public static final String SPOOL_BYTES = "ours.tracker.spool.bytes";

  private final Tracker tracker;
  private final Tags tags;

  /**
   * Meters for {@code tracker}, without extra tags.
   *
   * @param tracker the tracker
   */
  public OursTrackerMetrics(Tracker tracker) {
    this(tracker, Tags.empty());
  }

  /**
   * Meters for {@code tracker}, with {@code tags} on each (to tell several trackers apart).
   *
   * @param tracker the tracker
   * @param tags extra tags
   */
  public OursTrackerMetrics(Tracker tracker, Iterable<Tag> tags) {
    this.tracker = Objects.requireNonNull(tracker, "tracker == null");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags == null"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    outcome(registry, "sent", TrackerStats::sent);
    outcome(registry, "failed", TrackerStats::failed);
    outcome(registry, "dropped", TrackerStats::dropped);
    outcome(registry, "abandoned", TrackerStats::abandoned);
    FunctionCounter.builder(QUEUED, tracker, t -> t.stats().queued())
        .description("Items a tracker accepted into its queue")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(RETRIES, tracker, t -> t.stats().retried())
        .description("Retry decisions a tracker made")
        .tags(tags)
        .register(registry);
    Gauge.builder(PENDING, tracker, t -> t.stats().pending())
        .description("Items queued, in flight or waiting for a retry")
        .tags(tags)
        .register(registry);
    Gauge.builder(QUEUE_CAPACITY, tracker, t -> t.config().capacity())
        .description("The most items a tracker queues")
        .tags(tags)
        .register(registry);
    tracker
        .config()
        .spool()
        .ifPresent(
            dir ->
                Gauge.builder(SPOOL_BYTES, dir, OursTrackerMetrics::bytes)
                    .description("Bytes the tracker's spool files take on disk")
                    .baseUnit(BaseUnits.BYTES)
                    .tags(tags)
                    .strongReference(true)
                    .register(registry));
  }

  private void outcome(MeterRegistry registry, String outcome, ToDoubleFunction<TrackerStats> f) {
    FunctionCounter.builder(EVENTS, tracker, t -> f.applyAsDouble(t.stats()))
        .description("Items a tracker finished, by outcome")
        .tags(tags)
        .tag("outcome", outcome)
        .register(registry);
  }

  /** The size of the spool directory's regular files; NaN when it cannot be read. */
  static double bytes(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      long sum = 0;
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          sum += Files.size(f);
        }
      }
      return sum;
    } catch (IOException | UncheckedIOException e) {
      return Double.NaN;
    }
  }
}

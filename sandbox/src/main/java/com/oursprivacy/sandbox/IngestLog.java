package com.oursprivacy.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the sandbox's ingest API accepted, deduplicated by {@code distinctId} (the first arrival
 * wins, as the real API's deduplication does). Thread-safe; every accessor returns a snapshot.
 */
public final class IngestLog {
  private final Map<String, RecordedEvent> events = new LinkedHashMap<>();
  private final List<String> identified = new ArrayList<>();
  private long duplicates;

  IngestLog() {}

  /** {@return every accepted event, test and live, in arrival order} */
  public synchronized List<RecordedEvent> events() {
    return List.copyOf(events.values());
  }

  /**
   * {@return the events the real API would have forwarded to destinations: those sent with a live
   * token}
   */
  public List<RecordedEvent> dispatched() {
    return events().stream()
        .filter(RecordedEvent::dispatched)
        .collect(Collectors.toUnmodifiableList());
  }

  /** {@return the events sent with a test token: stored, marked test, never dispatched} */
  public List<RecordedEvent> testEvents() {
    return events().stream().filter(RecordedEvent::test).collect(Collectors.toUnmodifiableList());
  }

  /**
   * {@return the {@code userId}s of accepted {@code /identify} calls, in arrival order (repeats
   * kept)}
   */
  public synchronized List<String> identifiedUsers() {
    return Collections.unmodifiableList(new ArrayList<>(identified));
  }

  /**
   * {@return how many accepted events repeated a {@code distinctId} already recorded (and were not
   * recorded again)}
   */
  public synchronized long duplicates() {
    return duplicates;
  }

  /** Forgets everything recorded. */
  public synchronized void clear() {
    events.clear();
    identified.clear();
    duplicates = 0;
  }

  synchronized void record(RecordedEvent e) {
    if (events.putIfAbsent(e.distinctId(), e) != null) {
      duplicates++;
    }
  }

  synchronized void identified(String userId) {
    identified.add(userId);
  }

  @Override
  public synchronized String toString() {
    long test = events.values().stream().filter(RecordedEvent::test).count();
    return "IngestLog{events="
        + events.size()
        + ", test="
        + test
        + ", dispatched="
        + (events.size() - test)
        + ", duplicates="
        + duplicates
        + "}";
  }
}

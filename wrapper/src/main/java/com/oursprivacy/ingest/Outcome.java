package com.oursprivacy.ingest;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one tracked item: passed to {@link TrackerListener#onOutcome}. Immutable. Every
 * item ends in exactly one of {@link Kind#SENT}, {@link Kind#FAILED}, {@link Kind#DROPPED} or
 * {@link Kind#ABANDONED}, possibly after several {@link Kind#RETRYING}.
 */
public final class Outcome {
  /** The kinds of outcome. */
  public enum Kind {
    /** The server accepted the item. Final. */
    SENT,
    /** An attempt failed transiently; the item will be sent again with the same distinctId. */
    RETRYING,
    /** The server rejected the item, or the give-up limit was reached. Final. */
    FAILED,
    /** Never sent: the queue was full or the tracker was closed. Final. */
    DROPPED,
    /**
     * Still undelivered when {@link Tracker#close} or the JVM shutdown hook ran out of time. Final
     * for this tracker; with the spool on, the event stays in it and the next tracker sends it.
     */
    ABANDONED
  }

  private final Kind kind;
  private final Object item;
  private final int attempts;
  private final int statusCode;
  private final String reason;

  Outcome(Kind kind, Object item, int attempts, int statusCode, String reason) {
    this.kind = kind;
    this.item = item;
    this.attempts = attempts;
    this.statusCode = statusCode;
    this.reason = reason;
  }

  /** {@return the kind of outcome} */
  public Kind kind() {
    return kind;
  }

  /**
   * {@return the event, when the item was an event: with its distinctId once a worker took it (an
   * event dropped at {@code track} has one only if you or the spool gave it one)}
   */
  public Optional<Event> event() {
    return item instanceof Event ? Optional.of((Event) item) : Optional.empty();
  }

  /** {@return the identify call, when the item was one} */
  public Optional<Identify> identify() {
    return item instanceof Identify ? Optional.of((Identify) item) : Optional.empty();
  }

  /** {@return the event's distinctId; empty for identify calls} */
  public Optional<String> distinctId() {
    return event().map(Event::distinctId);
  }

  /** {@return how many HTTP attempts carried this item so far (0 when it was never sent)} */
  public int attempts() {
    return attempts;
  }

  /** {@return the HTTP status of the last attempt; 0 when there was none or no response arrived} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return why (e.g} {@code invalid_event: unknown event}, {@code HTTP 429}); empty for SENT. */
  public String reason() {
    return reason == null ? "" : reason;
  }

  @Override
  public String toString() {
    return "Outcome{"
        + kind
        + ", "
        + item
        + ", attempts="
        + attempts
        + ", status="
        + statusCode
        + (reason == null ? "" : ", reason=" + reason)
        + "}";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Outcome)) {
      return false;
    }
    Outcome x = (Outcome) o;
    return kind == x.kind
        && item.equals(x.item)
        && attempts == x.attempts
        && statusCode == x.statusCode
        && Objects.equals(reason, x.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, item, attempts, statusCode, reason);
  }
}

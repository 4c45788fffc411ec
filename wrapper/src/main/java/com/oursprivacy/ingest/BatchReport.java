package com.oursprivacy.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The answer to {@link OursIngest#batch}: which rows the server accepted and which it did not.
 * Resend {@link #retryable()} (same events, same distinctIds) to complete a partial batch; the
 * server counts each distinctId once. Immutable.
 */
public final class BatchReport {
  /** One row the server did not accept. Immutable. */
  public static final class Failure {
    private final int index;
    private final Event event;
    private final String code;
    private final String message;

    Failure(int index, Event event, String code, String message) {
      this.index = index;
      this.event = event;
      this.code = code;
      this.message = message;
    }

    /** {@return the row's position in the request} */
    public int index() {
      return index;
    }

    /** {@return the event as sent, with its distinctId} */
    public Event event() {
      return event;
    }

    /**
     * {@return the server's code: {@code invalid_event}, {@code queue_failed}, or another value}
     */
    public String code() {
      return code;
    }

    /** {@return the server's message (empty when it gave none)} */
    public String message() {
      return message == null ? "" : message;
    }

    /**
     * {@return true unless the code is {@code invalid_event} (resending the same row cannot help)}
     */
    public boolean retryable() {
      return !"invalid_event".equals(code);
    }

    @Override
    public String toString() {
      return "Failure{index=" + index + ", code=" + code + ", message=" + message + "}";
    }
  }

  private final int statusCode;
  private final List<Event> events;
  private final List<Failure> failures;

  private static final BatchReport EMPTY = new BatchReport(0, List.of(), List.of());

  BatchReport(int statusCode, List<Event> events, List<Failure> failures) {
    this.statusCode = statusCode;
    this.events = Collections.unmodifiableList(new ArrayList<>(events));
    this.failures = Collections.unmodifiableList(new ArrayList<>(failures));
  }

  /** The report of an empty batch: nothing sent, nothing failed. */
  static BatchReport empty() {
    return EMPTY;
  }

  /**
   * {@return 200 when every row was accepted, 207 when some were not; 0 when nothing was sent (no
   * events)}
   */
  public int statusCode() {
    return statusCode;
  }

  /** {@return every event as sent (each with its distinctId), in request order} */
  public List<Event> events() {
    return events;
  }

  /** {@return rows accepted} */
  public int accepted() {
    return events.size() - failures.size();
  }

  /** {@return rows not accepted, in request order} */
  public List<Failure> failures() {
    return failures;
  }

  /** {@return true when every row was accepted} */
  public boolean allAccepted() {
    return failures.isEmpty();
  }

  /**
   * {@return the events worth resending as they are (every failure except {@code invalid_event})}
   */
  public List<Event> retryable() {
    List<Event> out = new ArrayList<>();
    failures.stream().filter(Failure::retryable).forEach(f -> out.add(f.event()));
    return out;
  }

  @Override
  public String toString() {
    return "BatchReport{status="
        + statusCode
        + ", accepted="
        + accepted()
        + ", failures="
        + failures
        + "}";
  }
}

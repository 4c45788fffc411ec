package com.oursprivacy.ingest;

import java.util.concurrent.TimeUnit;

/**
 * The worker's scheduling decision, as a pure function of what it sees (no lock, no clock of its
 * own, no thread): send a parked batch whose back-off has passed, a ready batch, a batch taken from
 * the queue, exit, or wait until a deadline. The dispatcher gathers the facts under its lock, asks
 * {@link #decide}, and acts; {@code ScheduleTest} checks every rule without a worker.
 *
 * <p>Rules, in order: a 429 pause stops everything until it ends; a parked batch whose back-off has
 * passed goes first, then a ready batch (a 413's halves, a 429's retries); queued items are taken
 * when something is urgent (closing, a flush marker, an identify call carried over), when a full
 * batch is visible, or when the oldest has waited the flush interval; a closing worker with nothing
 * left to wait for exits. Times: {@code nowMillis} and deadlines on the tracker's clock (back-offs,
 * pauses); {@code headDueNanos} is how long the queue's head may still wait.
 */
final class Schedule {
  /** How soon a worker looks again when an item is counted but not yet in the queue. */
  static final long MID_OFFER_RECHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  /** No deadline. */
  static final long NONE = Long.MAX_VALUE;

  /** What the worker does next. */
  enum Action {
    /** Send the first parked batch (its back-off has passed). */
    LAUNCH_PARKED,
    /** Send the first ready batch. */
    LAUNCH_READY,
    /** Take a batch from the queue (and carried item) and send it; look again if it is empty. */
    TAKE,
    /** Nothing more for this worker: it ends. */
    EXIT,
    /**
     * Wait until {@link Decision#clockDeadline} or for {@link Decision#waitNanos}, whichever first.
     */
    WAIT
  }

  /** A decision; the deadlines matter only for {@link Action#WAIT}. */
  static final class Decision {
    final Action action;

    /** A deadline on the tracker's clock (millis), or {@link #NONE}. */
    final long clockDeadline;

    /** A wait in nanoseconds, or {@link #NONE}. */
    final long waitNanos;

    Decision(Action action, long clockDeadline, long waitNanos) {
      this.action = action;
      this.clockDeadline = clockDeadline;
      this.waitNanos = waitNanos;
    }
  }

  private static final Decision PARKED = new Decision(Action.LAUNCH_PARKED, NONE, NONE);
  private static final Decision READY = new Decision(Action.LAUNCH_READY, NONE, NONE);
  private static final Decision TAKE = new Decision(Action.TAKE, NONE, NONE);
  private static final Decision EXIT = new Decision(Action.EXIT, NONE, NONE);

  /** What the worker sees. Mutable and reused by one worker; read by {@link #decide} only. */
  static final class View {
    /** The tracker's clock, in millis. */
    long nowMillis;

    /** End of a 429 pause on the tracker's clock; no pause when not after {@code nowMillis}. */
    long pausedUntil;

    /** When the first parked batch may be sent, or {@link #NONE} when none is parked. */
    long parkedReadyAt = NONE;

    boolean readyBatch;

    /** Items counted in the queue (some may still be mid-offer). */
    int queued;

    /** An identify call taken earlier, waiting to travel alone. */
    boolean carry;

    /** Flush markers in the queue. */
    int markers;

    boolean closing;

    /** Whether the queue shows an item at its head. */
    boolean head;

    /** How long the head may still wait (flush interval minus its age); meaningful with head. */
    long headDueNanos;

    /** Rows per request: the batch size, or 1 without batching. */
    int max;

    /** Whether {@code max} items are visible in the queue (asked only when queued ≥ max). */
    boolean fullBatchVisible;
  }

  private Schedule() {}

  /** The decision for what {@code v} shows. */
  static Decision decide(View v) {
    long clockDeadline = NONE;
    long waitNanos = NONE;
    if (v.pausedUntil > v.nowMillis) {
      clockDeadline = v.pausedUntil; // a 429: nobody sends anything
    } else {
      if (v.parkedReadyAt <= v.nowMillis) {
        return PARKED;
      }
      if (v.readyBatch) {
        return READY;
      }
      if (v.carry || v.queued != 0 || v.markers != 0) {
        boolean urgent = v.closing || v.markers != 0 || v.carry;
        // A producer counts its item before it offers it: an empty head with a count, or a full
        // count with fewer items visible, means one is mid-offer. Taking now would ship a short
        // batch, so look again shortly instead.
        long due = v.head ? v.headDueNanos : MID_OFFER_RECHECK_NANOS;
        if (!urgent && v.queued >= v.max) {
          if (v.fullBatchVisible) {
            urgent = true;
          } else {
            due = Math.min(due, MID_OFFER_RECHECK_NANOS);
          }
        }
        if (urgent || (v.head && due <= 0)) {
          return TAKE;
        }
        waitNanos = due;
      }
      clockDeadline = v.parkedReadyAt;
    }
    // Closing makes everything urgent, so here nothing waits for the flush interval: only a
    // back-off, or a producer that counted an item just now, keeps the worker.
    if (v.closing && clockDeadline == NONE && v.queued == 0) {
      return EXIT;
    }
    return new Decision(Action.WAIT, clockDeadline, waitNanos);
  }
}

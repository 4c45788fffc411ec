package com.oursprivacy.ingest;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the tracker does with one reply, as pure functions of the reply and the batch (no clock, no
 * lock, no thread): which rows are done, which failed for good, which are worth another attempt,
 * and when one that keeps failing is given up. The dispatcher applies the verdicts; this class only
 * decides, so every rule is unit-tested without a worker ({@code ReplyPolicyTest}).
 *
 * <ul>
 *   <li>{@code 413} on a batch of two or more rows: split it in halves and resend both (the rows'
 *       attempts are not counted);
 *   <li>a {@code /batch} reply with per-row results (2xx or transient status): each row as {@link
 *       RowResults} reads it;
 *   <li>any other 2xx but a {@code 207}: every row sent;
 *   <li>a transient status (429, 408, 5xx, no response) or a {@code 207} without readable results:
 *       every row retried (a resend is safe: every row keeps its distinctId);
 *   <li>anything else (400, 401, 403 …): every row failed.
 * </ul>
 */
final class ReplyPolicy {
  /** The fate of one row after a reply. */
  enum Fate {
    /** Accepted: final. */
    SENT,
    /** Rejected for good: final. */
    FAILED,
    /** Worth another attempt (unless {@link #givesUp}). */
    RETRY
  }

  /** The verdict on a whole reply. */
  static final class Verdict {
    /** When positive, a 413: resend rows {@code [0, splitAt)} and the rest as two batches. */
    final int splitAt;

    /** Per row (empty for a split). */
    final Fate[] fates;

    /** Per row: why it failed or is retried; null for a sent row. */
    final @Nullable String[] reasons;

    private Verdict(int splitAt, Fate[] fates, @Nullable String[] reasons) {
      this.splitAt = splitAt;
      this.fates = fates;
      this.reasons = reasons;
    }
  }

  private ReplyPolicy() {}

  /**
   * The verdict on {@code reply} to a request carrying {@code rows} rows ({@code isBatch}: through
   * {@code /batch}).
   */
  static Verdict classify(Reply reply, boolean isBatch, int rows) {
    if (reply.status == 413 && isBatch && rows > 1) {
      return new Verdict(rows / 2, new Fate[0], new String[0]);
    }
    Fate[] fates = new Fate[rows];
    String[] reasons = new String[rows];
    if (isBatch && reply.results != null && (reply.isSuccess() || reply.isTransient())) {
      RowResults.Row[] verdicts = RowResults.classify(reply.status, reply.results, rows);
      for (int i = 0; i < rows; i++) {
        RowResults.Row v = verdicts[i];
        fates[i] =
            v.verdict == RowResults.Verdict.ACCEPTED
                ? Fate.SENT
                : v.verdict == RowResults.Verdict.REJECTED ? Fate.FAILED : Fate.RETRY;
        reasons[i] = fates[i] == Fate.SENT ? null : v.reason();
      }
      return new Verdict(0, fates, reasons);
    }
    Fate all;
    if (reply.isSuccess() && !(isBatch && reply.status == 207)) {
      all = Fate.SENT;
    } else if (reply.isTransient() || reply.isSuccess()) {
      all = Fate.RETRY; // a 207 without readable results too
    } else {
      all = Fate.FAILED;
    }
    String reason = all == Fate.SENT ? null : reason(reply);
    for (int i = 0; i < rows; i++) {
      fates[i] = all;
      reasons[i] = reason;
    }
    return new Verdict(0, fates, reasons);
  }

  /** The reply in a few words: its error, or {@code HTTP <status>}. */
  static String reason(Reply reply) {
    return reply.error != null ? reply.error : "HTTP " + reply.status;
  }

  /**
   * Whether a row that failed transiently after {@code attempts} attempts, {@code age} after it was
   * tracked, is given up rather than retried.
   */
  static boolean givesUp(int attempts, Duration age, int maxAttempts, Duration maxAge) {
    return attempts >= maxAttempts || age.compareTo(maxAge) >= 0;
  }

  /** The reason reported for a row given up. */
  static String gaveUp(int attempts, Duration age, String lastError) {
    return "gave up after "
        + attempts
        + " attempts over "
        + age.toSeconds()
        + " s; last error: "
        + lastError;
  }
}

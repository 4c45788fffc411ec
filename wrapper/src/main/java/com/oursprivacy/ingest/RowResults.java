package com.oursprivacy.ingest;

import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.lowlevel.ingest.model.BatchResultCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one reading of {@code /batch} row results, shared by {@link OursIngest#batch} (which turns it
 * into a {@link BatchReport}) and the tracker's dispatcher (which turns it into outcomes and
 * retries), so both name a row's fate with the same code and words.
 *
 * <p>Rules (api-facts: a 207 or a 500 may carry {@code results[i] = {index, success, code,
 * message}}):
 *
 * <ul>
 *   <li>a result with {@code success: true} — accepted;
 *   <li>a result with code {@code invalid_event} — rejected: resending the same row cannot help;
 *   <li>any other unsuccessful result — retryable, with the server's code ({@value #UNKNOWN_CODE}
 *       when it gave none) and message;
 *   <li>no result for the row (absent, without an index, or with an index outside the request) —
 *       accepted when the status is 200 (the API answers 200 only when every row was accepted),
 *       else retryable as {@value #MISSING_CODE}: resending is safe, the row keeps its distinctId.
 * </ul>
 *
 * When two results name one index, the later one counts.
 */
final class RowResults {
  /** The code of a row the server gave no result for. */
  static final String MISSING_CODE = "missing_result";

  /** The message of a row the server gave no result for. */
  static final String MISSING_MESSAGE = "no result for this row";

  /** The code of an unsuccessful result without one. */
  static final String UNKNOWN_CODE = "unknown";

  private static final String INVALID = BatchResultCode.INVALID_EVENT.getValue();

  /** What became of one row. */
  enum Verdict {
    /** The server took it. */
    ACCEPTED,
    /** The server refused it for good ({@code invalid_event}). */
    REJECTED,
    /** Not taken, worth resending unchanged. */
    RETRYABLE
  }

  /** One row's verdict with the server's code and message (both null when accepted). */
  static final class Row {
    final Verdict verdict;
    final @Nullable String code;
    final @Nullable String message;

    private Row(Verdict verdict, @Nullable String code, @Nullable String message) {
      this.verdict = verdict;
      this.code = code;
      this.message = message;
    }

    /** {@code code: message}, or the code alone when there is no message. */
    String reason() {
      return message == null || message.isEmpty() ? code : code + ": " + message;
    }
  }

  private static final Row ACCEPTED = new Row(Verdict.ACCEPTED, null, null);
  private static final Row MISSING = new Row(Verdict.RETRYABLE, MISSING_CODE, MISSING_MESSAGE);

  private RowResults() {}

  /**
   * The verdict for each of the {@code rows} rows of a request answered with {@code status} and
   * {@code results} (null when the body had none).
   */
  static Row[] classify(int status, @Nullable List<BatchResult> results, int rows) {
    BatchResult[] byIndex = new BatchResult[rows];
    if (results != null) {
      for (BatchResult res : results) {
        Long index = res == null ? null : res.getIndex(); // int64 in the normalized spec
        if (index != null && index >= 0 && index < rows) {
          byIndex[index.intValue()] = res;
        }
      }
    }
    Row[] out = new Row[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = row(status, byIndex[i]);
    }
    return out;
  }

  private static Row row(int status, @Nullable BatchResult res) {
    if (res == null) {
      return status == 200 ? ACCEPTED : MISSING;
    }
    if (Boolean.TRUE.equals(res.getSuccess())) {
      return ACCEPTED;
    }
    String code = res.getCode() == null ? UNKNOWN_CODE : res.getCode().getValue();
    return new Row(
        INVALID.equals(code) ? Verdict.REJECTED : Verdict.RETRYABLE, code, res.getMessage());
  }
}

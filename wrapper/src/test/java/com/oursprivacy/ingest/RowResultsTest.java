package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.Outcome.Kind;
import com.oursprivacy.ingest.RowResults.Row;
import com.oursprivacy.ingest.RowResults.Verdict;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.lowlevel.ingest.model.BatchResultCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one 207 classifier, and that OursIngest and the tracker both read rows through it. */
class RowResultsTest extends TrackerFixture {
  private static BatchResult ok(long i) {
    return new BatchResult().index(i).success(true);
  }

  private static BatchResult failed(long i, BatchResultCode code, String message) {
    return new BatchResult().index(i).success(false).code(code).message(message);
  }

  private static List<Verdict> verdicts(Row[] rows) {
    return Arrays.stream(rows).map(r -> r.verdict).collect(Collectors.toList());
  }

  @Test
  void eachRowIsAcceptedRejectedOrRetryableByItsResult() {
    Row[] rows =
        RowResults.classify(
            207,
            List.of(
                ok(0),
                failed(1, BatchResultCode.QUEUE_FAILED, "try again"),
                failed(2, BatchResultCode.INVALID_EVENT, "not allowed"),
                failed(3, BatchResultCode.fromValue("brand_new"), null)),
            4);

    assertThat(verdicts(rows))
        .containsExactly(Verdict.ACCEPTED, Verdict.RETRYABLE, Verdict.REJECTED, Verdict.RETRYABLE);
    assertThat(rows[1].reason()).isEqualTo("queue_failed: try again");
    assertThat(rows[2].reason()).isEqualTo("invalid_event: not allowed");
    assertThat(rows[3].code).isEqualTo("brand_new");
    assertThat(rows[3].reason()).isEqualTo("brand_new"); // no message: the code alone
  }

  @Test
  void aRowWithoutResultIsAcceptedOnlyUnderA200() {
    List<BatchResult> onlyFirst = List.of(ok(0));

    assertThat(verdicts(RowResults.classify(200, onlyFirst, 2)))
        .containsExactly(Verdict.ACCEPTED, Verdict.ACCEPTED);
    Row[] partial = RowResults.classify(207, onlyFirst, 2);
    assertThat(partial[1].verdict).isEqualTo(Verdict.RETRYABLE);
    assertThat(partial[1].code).isEqualTo(RowResults.MISSING_CODE);
    assertThat(partial[1].reason()).isEqualTo("missing_result: no result for this row");
    assertThat(verdicts(RowResults.classify(500, null, 2)))
        .containsExactly(Verdict.RETRYABLE, Verdict.RETRYABLE);
  }

  @Test
  void resultsWithoutUsableIndexOrCodeAreReadSafely() {
    List<BatchResult> odd = new ArrayList<>();
    odd.add(null);
    odd.add(new BatchResult().success(true)); // no index
    odd.add(ok(-1));
    odd.add(ok(7)); // outside the request
    odd.add(new BatchResult().index(0L).success(false)); // no code
    odd.add(ok(1));
    odd.add(failed(1, BatchResultCode.QUEUE_FAILED, "later")); // the later one counts

    Row[] rows = RowResults.classify(207, odd, 3);

    assertThat(rows[0].code).isEqualTo(RowResults.UNKNOWN_CODE);
    assertThat(rows[0].verdict).isEqualTo(Verdict.RETRYABLE);
    assertThat(rows[1].reason()).isEqualTo("queue_failed: later");
    assertThat(rows[2].code).isEqualTo(RowResults.MISSING_CODE);
  }

  @Test
  void theTrackerRetriesAMissingRowUnderTheSharedWording() {
    List<BatchResult> onlyFirst = List.of(ok(0));
    transport.script =
        c ->
            transport.calls.size() > 1
                ? Reply.ok(200, null)
                : new Reply(207, onlyFirst, null, null);
    Tracker t = tracker(config());
    t.track(event(0));
    t.track(event(1));

    t.flush(LONG);

    Outcome retry =
        outcomes.stream().filter(o -> o.kind() == Kind.RETRYING).findFirst().orElseThrow();
    assertThat(retry.distinctId()).contains("d1");
    assertThat(retry.reason()).isEqualTo("missing_result: no result for this row");
  }

  @Test
  void aResultIndexOnePastTheLastRowIsIgnored() {
    Row[] withStray = RowResults.classify(207, List.of(ok(0), ok(2)), 2);
    Row[] without = RowResults.classify(207, List.of(ok(0)), 2);

    assertThat(verdicts(withStray)).isEqualTo(verdicts(without));
  }
}

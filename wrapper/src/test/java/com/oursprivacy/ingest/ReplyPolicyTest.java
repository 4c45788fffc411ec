package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.ReplyPolicy.Fate;
import com.oursprivacy.ingest.ReplyPolicy.Verdict;
import com.oursprivacy.lowlevel.ingest.model.BatchResultCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reply policy as the pure function it is: no tracker, no thread, no clock. */
class ReplyPolicyTest {
  private static Verdict batch(Reply r, int rows) {
    return ReplyPolicy.classify(r, true, rows);
  }

  @Test
  void a413OnABatchSplitsItInHalves() {
    Verdict v = batch(FakeTransport.status(413), 5);

    assertThat(v.splitAt).isEqualTo(2);
    assertThat(v.fates).isEmpty();
  }

  @Test
  void a413OnOneRowOrOnTrackFailsIt() {
    assertThat(batch(FakeTransport.status(413), 1).fates).containsExactly(Fate.FAILED);
    assertThat(ReplyPolicy.classify(FakeTransport.status(413), false, 1).fates)
        .containsExactly(Fate.FAILED);
    assertThat(batch(FakeTransport.status(413), 1).reasons).containsExactly("HTTP 413");
  }

  @Test
  void a200SendsEveryRow() {
    Verdict v = batch(FakeTransport.status(200), 3);

    assertThat(v.splitAt).isZero();
    assertThat(v.fates).containsOnly(Fate.SENT);
    assertThat(v.reasons).containsOnlyNulls();
  }

  @Test
  void a207WithResultsDecidesPerRow() {
    Reply r = FakeTransport.partial(3, BatchResultCode.INVALID_EVENT, 1);
    Reply q = FakeTransport.partial(3, BatchResultCode.QUEUE_FAILED, 2);

    assertThat(batch(r, 3).fates).containsExactly(Fate.SENT, Fate.FAILED, Fate.SENT);
    assertThat(batch(r, 3).reasons[1]).isEqualTo("invalid_event: row 1");
    assertThat(batch(q, 3).fates).containsExactly(Fate.SENT, Fate.SENT, Fate.RETRY);
    assertThat(batch(q, 3).reasons[2]).isEqualTo("queue_failed: row 2");
  }

  @Test
  void a207WithoutResultsRetriesEveryRow() {
    assertThat(batch(FakeTransport.status(207), 2).fates).containsOnly(Fate.RETRY);
    assertThat(batch(FakeTransport.status(207), 2).reasons).containsOnly("HTTP 207");
  }

  @Test
  void a207OnTrackIsSent() {
    assertThat(ReplyPolicy.classify(FakeTransport.status(207), false, 1).fates)
        .containsExactly(Fate.SENT);
  }

  @Test
  void transientStatusesAndNetworkErrorsRetry() {
    for (int status : new int[] {408, 429, 500, 503}) {
      assertThat(batch(FakeTransport.status(status), 2).fates)
          .as("%s", status)
          .containsOnly(Fate.RETRY);
    }
    Verdict reset = batch(Reply.network("connection reset"), 2);
    assertThat(reset.fates).containsOnly(Fate.RETRY);
    assertThat(reset.reasons).containsOnly("connection reset");
  }

  @Test
  void a500WithResultsRetriesOnlyTheFailedRows() {
    Reply r = FakeTransport.partial(2, BatchResultCode.QUEUE_FAILED, 0);
    Reply five = new Reply(500, r.results, null, null);

    assertThat(batch(five, 2).fates).containsExactly(Fate.RETRY, Fate.SENT);
  }

  @Test
  void otherClientErrorsFailEveryRow() {
    for (int status : new int[] {400, 401, 403, 404, 422}) {
      assertThat(batch(FakeTransport.status(status), 2).fates)
          .as("%s", status)
          .containsOnly(Fate.FAILED);
    }
  }

  @Test
  void aRowIsGivenUpAtItsAttemptLimitOrItsAge() {
    Duration day = Duration.ofDays(1);

    assertThat(ReplyPolicy.givesUp(9, Duration.ZERO, 10, day)).isFalse();
    assertThat(ReplyPolicy.givesUp(10, Duration.ZERO, 10, day)).isTrue();
    assertThat(ReplyPolicy.givesUp(1, day.minusMillis(1), 10, day)).isFalse();
    assertThat(ReplyPolicy.givesUp(1, day, 10, day)).isTrue();
    assertThat(ReplyPolicy.gaveUp(10, Duration.ofSeconds(90), "HTTP 503"))
        .isEqualTo("gave up after 10 attempts over 90 s; last error: HTTP 503");
  }
}

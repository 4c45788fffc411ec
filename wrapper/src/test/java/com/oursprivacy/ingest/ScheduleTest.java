package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.Schedule.Action;
import com.oursprivacy.ingest.Schedule.Decision;
import com.oursprivacy.ingest.Schedule.View;
import org.junit.jupiter.api.Test;

/** The worker's scheduling rules as the pure function they are: no worker, no clock, no lock. */
class ScheduleTest {
  private static final long NOW = 1_000_000;

  /** An idle worker's view: nothing queued, parked or ready; batches of 10. */
  private static View idle() {
    View v = new View();
    v.nowMillis = NOW;
    v.max = 10;
    return v;
  }

  private static View queued(int n, long headDueNanos) {
    View v = idle();
    v.queued = n;
    v.head = n > 0;
    v.headDueNanos = headDueNanos;
    return v;
  }

  @Test
  void anIdleWorkerWaitsWithoutDeadline() {
    Decision d = Schedule.decide(idle());

    assertThat(d.action).isEqualTo(Action.WAIT);
    assertThat(d.clockDeadline).isEqualTo(Schedule.NONE);
    assertThat(d.waitNanos).isEqualTo(Schedule.NONE);
  }

  @Test
  void aClosingWorkerWithNothingLeftExits() {
    View v = idle();
    v.closing = true;

    assertThat(Schedule.decide(v).action).isEqualTo(Action.EXIT);
  }

  @Test
  void aClosingWorkerWaitsOutABackOffRatherThanExit() {
    View v = idle();
    v.closing = true;
    v.parkedReadyAt = NOW + 2_000;

    Decision d = Schedule.decide(v);

    assertThat(d.action).isEqualTo(Action.WAIT);
    assertThat(d.clockDeadline).isEqualTo(NOW + 2_000);
  }

  @Test
  void aParkedBatchGoesWhenItsBackOffHasPassedAndBeforeAReadyOne() {
    View v = idle();
    v.parkedReadyAt = NOW;
    v.readyBatch = true;

    assertThat(Schedule.decide(v).action).isEqualTo(Action.LAUNCH_PARKED);
    v.parkedReadyAt = NOW + 1;
    assertThat(Schedule.decide(v).action).isEqualTo(Action.LAUNCH_READY);
  }

  @Test
  void a429PauseHoldsEverythingUntilItEnds() {
    View v = queued(10, -1);
    v.fullBatchVisible = true;
    v.readyBatch = true;
    v.parkedReadyAt = NOW - 1;
    v.pausedUntil = NOW + 5_000;

    Decision d = Schedule.decide(v);

    assertThat(d.action).isEqualTo(Action.WAIT);
    assertThat(d.clockDeadline).isEqualTo(NOW + 5_000);
    v.pausedUntil = NOW; // ended
    assertThat(Schedule.decide(v).action).isEqualTo(Action.LAUNCH_PARKED);
  }

  @Test
  void aShortBatchWaitsForTheFlushIntervalOfItsOldestItem() {
    Decision d = Schedule.decide(queued(3, 4_000));

    assertThat(d.action).isEqualTo(Action.WAIT);
    assertThat(d.waitNanos).isEqualTo(4_000);
    assertThat(Schedule.decide(queued(3, 0)).action).isEqualTo(Action.TAKE);
  }

  @Test
  void aFullBatchGoesAtOnceOnlyWhenAllItsItemsAreVisible() {
    View v = queued(10, 4_000_000);
    v.fullBatchVisible = true;
    assertThat(Schedule.decide(v).action).isEqualTo(Action.TAKE);

    v.fullBatchVisible = false; // a producer is mid-offer: look again shortly, not a short batch
    Decision d = Schedule.decide(v);
    assertThat(d.action).isEqualTo(Action.WAIT);
    assertThat(d.waitNanos).isEqualTo(Schedule.MID_OFFER_RECHECK_NANOS);
  }

  @Test
  void aCountedItemNotYetInTheQueueIsLookedForShortly() {
    View v = queued(1, 0);
    v.head = false;

    Decision d = Schedule.decide(v);

    assertThat(d.action).isEqualTo(Action.WAIT);
    assertThat(d.waitNanos).isEqualTo(Schedule.MID_OFFER_RECHECK_NANOS);
  }

  @Test
  void aFlushMarkerACarriedIdentifyOrClosingMakeTheQueueUrgent() {
    View marker = queued(1, 4_000_000);
    marker.markers = 1;
    View carry = queued(0, 0);
    carry.carry = true;
    View closing = queued(1, 4_000_000);
    closing.closing = true;

    assertThat(Schedule.decide(marker).action).isEqualTo(Action.TAKE);
    assertThat(Schedule.decide(carry).action).isEqualTo(Action.TAKE);
    assertThat(Schedule.decide(closing).action).isEqualTo(Action.TAKE);
  }

  @Test
  void aWaitForTheQueueAlsoHonoursAParkedBatchsDeadline() {
    View v = queued(3, 4_000);
    v.parkedReadyAt = NOW + 7;

    Decision d = Schedule.decide(v);

    assertThat(d.action).isEqualTo(Action.WAIT);
    assertThat(d.waitNanos).isEqualTo(4_000);
    assertThat(d.clockDeadline).isEqualTo(NOW + 7);
  }
}

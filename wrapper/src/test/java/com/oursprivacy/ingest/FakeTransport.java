package com.oursprivacy.ingest;

import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.lowlevel.ingest.model.BatchResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Records every call; answers with a script (a function of the call), 200 by default. */
final class FakeTransport implements IngestTransport {
  /** One recorded call. */
  static final class Call {
    final String path;
    final String token;
    final List<String> distinctIds;
    final Object payload;
    final long atMillis;

    Call(String path, String token, List<String> distinctIds, Object payload, long atMillis) {
      this.path = path;
      this.token = token;
      this.distinctIds = distinctIds;
      this.payload = payload;
      this.atMillis = atMillis;
    }
  }

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final FakeTime time;
  volatile Function<Call, Reply> script = c -> Reply.ok(200, null);
  final CountDownLatch cancelled = new CountDownLatch(1);

  FakeTransport(FakeTime time) {
    this.time = time;
  }

  private Reply answer(Call c) {
    calls.add(c);
    return script.apply(c);
  }

  @Override
  public Reply batch(String token, List<Event> rows) {
    List<String> ids = rows.stream().map(Event::distinctId).collect(Collectors.toList());
    return answer(new Call("/batch", token, ids, rows, time.millis()));
  }

  @Override
  public Reply track(String token, Event event) {
    return answer(new Call("/track", token, List.of(event.distinctId()), event, time.millis()));
  }

  @Override
  public Reply identify(String token, Identify identify) {
    return answer(new Call("/identify", token, List.of(), identify, time.millis()));
  }

  @Override
  public void cancelAll() {
    cancelled.countDown();
  }

  /**
   * Blocks the calling worker until cancelAll() (or an interrupt), then fails like a cancelled
   * call.
   */
  Reply hang() {
    try {
      cancelled.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Reply.network("Canceled");
  }

  static Reply status(int status) {
    return new Reply(status, null, null, null);
  }

  static Reply retryAfter(int status, Duration d) {
    return new Reply(status, null, d, null);
  }

  /** A 207 whose rows are ok except those named, which get {@code code}. */
  static Reply partial(int rows, BatchResultCode code, int... failedIndexes) {
    List<BatchResult> results = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      results.add(new BatchResult().index((long) i).success(true));
    }
    for (int i : failedIndexes) {
      results.set(
          i, new BatchResult().index((long) i).success(false).code(code).message("row " + i));
    }
    return new Reply(207, results, null, null);
  }
}

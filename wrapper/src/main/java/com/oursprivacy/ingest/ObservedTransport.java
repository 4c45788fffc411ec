package com.oursprivacy.ingest;

import com.oursprivacy.core.BatchSent;
import com.oursprivacy.internal.Listeners;
import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import java.time.Duration;
import java.util.List;

/**
 * Tells a client's {@link com.oursprivacy.core.CallListener}s about each batch its tracker sends: a
 * decorator of the tracker's transport, used only when the client has listeners, so the tracker's
 * own classes need no observation code.
 */
final class ObservedTransport implements IngestTransport {
  private final IngestTransport delegate;
  private final Listeners listeners;

  ObservedTransport(IngestTransport delegate, Listeners listeners) {
    this.delegate = delegate;
    this.listeners = listeners;
  }

  @Override
  public Reply batch(String token, List<Event> rows) {
    long t0 = System.nanoTime();
    Reply r = delegate.batch(token, rows);
    report(rows.size(), r, t0);
    return r;
  }

  @Override
  public Reply track(String token, Event event) {
    long t0 = System.nanoTime();
    Reply r = delegate.track(token, event);
    report(1, r, t0);
    return r;
  }

  @Override
  public Reply identify(String token, Identify identify) {
    long t0 = System.nanoTime();
    Reply r = delegate.identify(token, identify);
    report(1, r, t0);
    return r;
  }

  @Override
  public void cancelAll() {
    delegate.cancelAll();
  }

  private void report(int size, Reply r, long t0) {
    listeners.batchSent(
        new BatchSent(size, r.status, result(r), Duration.ofNanos(System.nanoTime() - t0)));
  }

  static BatchSent.Result result(Reply r) {
    if (r.isSuccess()) {
      return r.status == 207 || anyRowFailed(r.results)
          ? BatchSent.Result.PARTIAL
          : BatchSent.Result.ACCEPTED;
    }
    return r.isTransient() ? BatchSent.Result.TRANSIENT_FAILURE : BatchSent.Result.REJECTED;
  }

  private static boolean anyRowFailed(List<BatchResult> results) {
    if (results == null) {
      return false;
    }
    for (BatchResult row : results) {
      if (row != null && Boolean.FALSE.equals(row.getSuccess())) {
        return true;
      }
    }
    return false;
  }
}

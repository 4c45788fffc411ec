package com.oursprivacy.ingest;

import com.oursprivacy.lowlevel.ingest.model.BatchResult;
import com.oursprivacy.lowlevel.ingest.model.BatchResultCode;
import com.oursprivacy.ingest.Outcome.Kind;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tracker's engine: a bounded queue, worker threads, the back-off and the bookkeeping that
 * gives every item exactly one final outcome. All state is guarded by {@link #lock}; HTTP calls
 * and listener callbacks happen outside it.
 */
final class Dispatcher {
  private static final Logger LOG = Logger.getLogger(Tracker.class.getName());
  private static final long JOIN_GRACE_MS = 10_000;

  private final TrackerConfig config;
  private final IngestTransport transport;
  private final String token;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition space = lock.newCondition();
  private final Condition progress = lock.newCondition();
  private final ArrayDeque<Envelope> queue = new ArrayDeque<>();
  private final ArrayDeque<Envelope> retry = new ArrayDeque<>();
  private final TreeMap<Long, Envelope> unresolved = new TreeMap<>();
  private final List<Thread> workers = new ArrayList<>();

  private long nextSeq = 1;
  private long flushTarget;
  private long pausedUntil;
  private int failures;
  private int batchSize;
  private boolean closing;
  private boolean stopped;
  private long queued;
  private long sent;
  private long retried;
  private long failed;
  private long dropped;
  private long abandoned;
  /** Outcomes decided but not yet passed to the listener; flush waits for them too. */
  private int notifying;

  Dispatcher(TrackerConfig config, IngestTransport transport, String token) {
    this.config = config;
    this.transport = transport;
    this.token = token;
    this.backoff = new Backoff(config.random);
    this.batchSize = config.batchSize();
  }

  void start(String name) {
    for (int i = 1; i <= config.threads(); i++) {
      Thread t = new Thread(this::run, name + "-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  List<Thread> workers() {
    return workers;
  }

  // ---- producers ----

  boolean enqueue(Object item) {
    List<Outcome> notes = new ArrayList<>(1);
    boolean accepted;
    lock.lock();
    try {
      accepted = offer(item, notes);
    } finally {
      lock.unlock();
    }
    fire(notes);
    return accepted;
  }

  private boolean offer(Object item, List<Outcome> notes) {
    if (closing) {
      return drop(item, "tracker is closed", notes);
    }
    if (queue.size() >= config.capacity()) {
      switch (config.overflow()) {
        case DROP_OLDEST:
          Envelope old = queue.pollFirst();
          resolve(old, Kind.DROPPED, 0, "queue full (capacity " + config.capacity() + "); oldest dropped", notes);
          break;
        case BLOCK:
          long nanos = config.blockTimeout().toNanos();
          try {
            while (queue.size() >= config.capacity() && !closing && nanos > 0) {
              nanos = space.awaitNanos(nanos);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (closing) {
            return drop(item, "tracker is closed", notes);
          }
          if (queue.size() >= config.capacity()) {
            return drop(item, "queue full (capacity " + config.capacity() + ") after waiting "
                + config.blockTimeout().toMillis() + " ms", notes);
          }
          break;
        default:
          return drop(item, "queue full (capacity " + config.capacity() + ")", notes);
      }
    }
    Envelope e = new Envelope(nextSeq++, item, config.clock.instant(), System.nanoTime());
    queue.addLast(e);
    unresolved.put(e.seq, e);
    queued++;
    // Wake a worker only when it has something new to do: the first item starts its flush timer,
    // a full batch is ready to send. Waking it for every event costs the caller a context switch.
    int max = config.batching() ? batchSize : 1;
    if (queue.size() == 1 || queue.size() >= max) {
      work.signal();
    }
    return true;
  }

  private boolean drop(Object item, String reason, List<Outcome> notes) {
    dropped++;
    notes.add(new Outcome(Kind.DROPPED, item, 0, 0, reason));
    return false;
  }

  // ---- workers ----

  private void run() {
    try {
      for (List<Envelope> batch = next(); batch != null; batch = next()) {
        deliver(batch);
      }
    } catch (InterruptedException stop) {
      // close() gave up waiting; every item was already reported ABANDONED
    }
  }

  /** The next batch to send, or null when the worker should exit. */
  private List<Envelope> next() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (stopped) {
          return null;
        }
        int available = retry.size() + queue.size();
        if (available == 0) {
          if (closing) {
            return null;
          }
          work.await();
          continue;
        }
        long now = config.clock.millis();
        if (pausedUntil > now) {
          // All workers honour one pause: a rate-limited server gets no traffic at all.
          Duration wait = Duration.ofMillis(pausedUntil - now);
          lock.unlock();
          try {
            config.sleeper.sleep(wait);
          } finally {
            lock.lock();
          }
          continue;
        }
        int max = config.batching() ? batchSize : 1;
        boolean urgent = closing || !retry.isEmpty() || queue.peekFirst().seq <= flushTarget;
        if (available >= max || urgent) {
          return take(max);
        }
        long wait = queue.peekFirst().trackedNanos + config.flushInterval().toNanos() - System.nanoTime();
        if (wait <= 0) {
          return take(max);
        }
        work.awaitNanos(wait);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Retries first, in order; an identify call always travels alone. */
  private List<Envelope> take(int max) {
    List<Envelope> out = new ArrayList<>(Math.min(max, 512));
    while (out.size() < max) {
      ArrayDeque<Envelope> from = retry.isEmpty() ? queue : retry;
      Envelope e = from.peekFirst();
      if (e == null || (e.item instanceof Identify && !out.isEmpty())) {
        break;
      }
      from.pollFirst();
      out.add(e);
      if (e.item instanceof Identify) {
        break;
      }
    }
    space.signalAll();
    return out;
  }

  private void deliver(List<Envelope> batch) {
    for (Envelope e : batch) {
      e.attempts++;
    }
    Object first = batch.get(0).item;
    boolean isBatch = config.batching() && first instanceof Event;
    Reply reply;
    try {
      if (first instanceof Identify) {
        reply = transport.identify(token, (Identify) first);
      } else if (!isBatch) {
        reply = transport.track(token, (Event) first);
      } else {
        List<Event> rows = new ArrayList<>(batch.size());
        batch.forEach(e -> rows.add((Event) e.item));
        reply = transport.batch(token, rows);
      }
    } catch (RuntimeException ex) {
      reply = Reply.network(ex.getClass().getSimpleName());
    }
    List<Outcome> notes = new ArrayList<>();
    lock.lock();
    try {
      handle(batch, reply, isBatch, notes);
      notifying++;
    } finally {
      lock.unlock();
    }
    fire(notes);
    lock.lock();
    try {
      notifying--;
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void handle(List<Envelope> batch, Reply r, boolean isBatch, List<Outcome> notes) {
    List<Envelope> again = new ArrayList<>();
    String httpReason = r.error != null ? r.error : "HTTP " + r.status;
    if (r.status == 413 && isBatch && batch.size() > 1) {
      // The server named the batch too large: halve the batch size for good and resend.
      batchSize = Math.max(1, batch.size() / 2);
      for (Envelope e : batch) {
        e.attempts--;
        if (unresolved.containsKey(e.seq)) {
          retried++;
          notes.add(new Outcome(Kind.RETRYING, e.item, e.attempts, 413, "HTTP 413: batch split to " + batchSize));
          again.add(e);
        }
      }
      requeue(again);
      return;
    }
    if (isBatch && r.results != null && (r.isSuccess() || r.isTransient())) {
      Map<Integer, BatchResult> byIndex = new HashMap<>();
      for (BatchResult res : r.results) {
        if (res != null && res.getIndex() != null) {
          byIndex.put(res.getIndex().intValue(), res); // index is int64 in the normalized spec
        }
      }
      for (int i = 0; i < batch.size(); i++) {
        Envelope e = batch.get(i);
        BatchResult res = byIndex.get(i);
        if (res == null ? r.status == 200 : Boolean.TRUE.equals(res.getSuccess())) {
          resolve(e, Kind.SENT, r.status, null, notes);
        } else if (res != null && res.getCode() == BatchResultCode.INVALID_EVENT) {
          resolve(e, Kind.FAILED, r.status, "invalid_event: " + res.getMessage(), notes);
        } else if (retryOrGiveUp(e, r.status, res == null ? "no result for row " + i : res.getCode() + ": " + res.getMessage(), notes)) {
          again.add(e);
        }
      }
    } else if (r.isSuccess() && !(isBatch && r.status == 207)) {
      batch.forEach(e -> resolve(e, Kind.SENT, r.status, null, notes));
    } else if (r.isTransient() || r.isSuccess()) {
      // a 207 without readable results: resending is safe, every row keeps its distinctId
      for (Envelope e : batch) {
        if (retryOrGiveUp(e, r.status, httpReason, notes)) {
          again.add(e);
        }
      }
    } else {
      batch.forEach(e -> resolve(e, Kind.FAILED, r.status, httpReason, notes));
    }
    if (!again.isEmpty() || r.isTransient()) {
      failures++;
      long wait = backoff.delay(failures, r.retryAfter).toMillis();
      pausedUntil = Math.max(pausedUntil, config.clock.millis() + wait);
    } else if (r.isSuccess()) {
      failures = 0;
    }
    requeue(again);
  }

  private boolean retryOrGiveUp(Envelope e, int status, String reason, List<Outcome> notes) {
    if (!unresolved.containsKey(e.seq)) {
      return false;
    }
    Duration age = Duration.between(e.tracked, config.clock.instant());
    if (e.attempts >= config.maxAttempts() || age.compareTo(config.maxAge()) >= 0) {
      resolve(e, Kind.FAILED, status, "gave up after " + e.attempts + " attempts over "
          + age.getSeconds() + " s; last error: " + reason, notes);
      return false;
    }
    retried++;
    notes.add(new Outcome(Kind.RETRYING, e.item, e.attempts, status, reason));
    return true;
  }

  private void requeue(List<Envelope> again) {
    for (int i = again.size() - 1; i >= 0; i--) {
      retry.addFirst(again.get(i));
    }
    if (!again.isEmpty()) {
      work.signalAll();
    }
  }

  private void resolve(Envelope e, Kind kind, int status, String reason, List<Outcome> notes) {
    if (unresolved.remove(e.seq) == null) {
      return; // already ABANDONED by close()
    }
    switch (kind) {
      case SENT:
        sent++;
        break;
      case FAILED:
        failed++;
        break;
      default:
        dropped++;
    }
    notes.add(new Outcome(kind, e.item, e.attempts, status, reason));
    progress.signalAll();
  }

  private void fire(List<Outcome> notes) {
    for (Outcome o : notes) {
      try {
        config.listener().onOutcome(o);
      } catch (RuntimeException ex) {
        LOG.log(Level.WARNING, "TrackerListener threw; outcome " + o.kind() + " ignored by it", ex);
      }
    }
  }

  // ---- flush, close, stats ----

  FlushReport flush(Duration timeout) {
    lock.lock();
    try {
      long target = nextSeq - 1;
      flushTarget = Math.max(flushTarget, target);
      work.signalAll();
      return awaitResolved(target, timeout);
    } finally {
      lock.unlock();
    }
  }

  private FlushReport awaitResolved(long target, Duration timeout) {
    long s0 = sent;
    long f0 = failed;
    long d0 = dropped;
    long nanos = timeout.toNanos();
    try {
      while ((notifying > 0 || (!unresolved.isEmpty() && unresolved.firstKey() <= target)) && nanos > 0) {
        nanos = progress.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean done = unresolved.isEmpty() || unresolved.firstKey() > target;
    return new FlushReport(done, sent - s0, failed - f0, dropped - d0, unresolved.size());
  }

  FlushReport close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Outcome> notes = new ArrayList<>();
    FlushReport report;
    lock.lock();
    try {
      if (stopped) {
        return new FlushReport(true, 0, 0, 0, 0);
      }
      closing = true;
      work.signalAll();
      space.signalAll();
      report = awaitResolved(Long.MAX_VALUE, timeout);
      for (Envelope e : unresolved.values()) {
        abandoned++;
        notes.add(new Outcome(Kind.ABANDONED, e.item, e.attempts, 0,
            "tracker closed after " + timeout.toMillis() + " ms before delivery was confirmed"));
      }
      unresolved.clear();
      queue.clear();
      retry.clear();
      stopped = true;
      work.signalAll();
      progress.signalAll();
    } finally {
      lock.unlock();
    }
    fire(notes);
    if (!notes.isEmpty()) {
      workers.forEach(Thread::interrupt);
      transport.cancelAll();
    }
    joinWorkers(deadline);
    return report;
  }

  private void joinWorkers(long deadline) {
    for (Thread t : workers) {
      if (t == Thread.currentThread()) {
        continue; // close() called from a listener: this worker exits when the callback returns
      }
      long ms = Math.max(JOIN_GRACE_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try {
        t.join(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (t.isAlive()) {
        LOG.warning(t.getName() + " still running after close(); it is a daemon thread");
      }
    }
  }

  TrackerStats stats() {
    lock.lock();
    try {
      return new TrackerStats(queued, sent, retried, failed, dropped, abandoned, unresolved.size());
    } finally {
      lock.unlock();
    }
  }
}

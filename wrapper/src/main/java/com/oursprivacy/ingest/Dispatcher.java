package com.oursprivacy.ingest;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.oursprivacy.ingest.Outcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's engine.
 *
 * <p><b>Producers share no lock with the workers.</b> {@code track} reserves a slot in an atomic
 * counter (the bound), appends to a lock-free {@link ConcurrentLinkedQueue} and returns; it takes
 * the worker lock only to wake an idle worker (first item, full batch) or, under {@link
 * OverflowPolicy#BLOCK}, to wait for space. Measured against {@code LinkedBlockingQueue} (whose put
 * lock producers share with each other and whose signal path takes the take lock) and {@code
 * ArrayBlockingQueue} (one lock for both sides): {@code docs/adr/0001}.
 *
 * <p><b>Per-batch back-off.</b> A batch that failed transiently is parked with its own deadline
 * (the documented schedule of {@link Backoff}, counted by its rows' attempts) in a delay queue and
 * no worker waits for it: other batches keep flowing. Only a 429 pauses all sending, until its
 * (capped) {@code Retry-After}.
 *
 * <p><b>One bound.</b> An accepted item holds one of the capacity's slots from admission to its
 * final outcome, whether queued, ready, parked or in flight ({@code docs/adr/0002}); what to do
 * with a reply is decided by the pure {@link ReplyPolicy}.
 *
 * <p><b>Bookkeeping.</b> Every accepted item is counted once in {@code queued} and once in exactly
 * one of sent, failed, evicted (dropped after acceptance) or abandoned; {@code flush} waits for a
 * marker it puts in the queue and then for the items taken before it, counted per flush generation
 * (a map entry per flush, not per event). Worker-side state is guarded by {@link #lock}; HTTP
 * calls, spool writes and listener callbacks happen outside it.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);

  /** How long {@link #close} waits for interrupted workers past its own timeout. */
  static final long CLOSE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** Longest single wait of a closing caller between checks. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final TrackerConfig config;
  private final IngestTransport transport;
  private final String token;
  private final Backoff backoff;
  private final Spool spool;

  /** Longest wait of an idle worker between checks ({@link TrackerConfig#idleWait}). */
  private final long idleNanos;

  // ---- shared with producers: lock-free ----
  private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();

  /** Items in {@link #queue} (counted before the offer): the workers' batching decisions. */
  private final AtomicInteger size = new AtomicInteger();

  /**
   * The capacity's slots in use: every accepted item from admission to its final outcome, whether
   * queued, ready, parked or in flight. The one bound on what the tracker holds.
   */
  private final AtomicInteger held = new AtomicInteger();

  private volatile boolean closing;
  private volatile boolean stopped;
  private volatile int idleWorkers;
  private volatile int batchSize;
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();

  // ---- worker side: guarded by lock ----
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition space = lock.newCondition();
  private final Condition progress = lock.newCondition();

  @GuardedBy("lock")
  private final ArrayDeque<List<Envelope>> ready = new ArrayDeque<>();

  @GuardedBy("lock")
  private final PriorityQueue<Parked> parked =
      new PriorityQueue<>(Comparator.comparingLong((Parked p) -> p.readyAt));

  @GuardedBy("lock")
  private final Set<List<Envelope>> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Items taken from the queue and not yet final, per flush generation. */
  @GuardedBy("lock")
  private final TreeMap<Long, long[]> pendingByGen = new TreeMap<>();

  @GuardedBy("lock")
  private Envelope carry;

  @GuardedBy("lock")
  private long gen;

  @GuardedBy("lock")
  private int markers;

  @GuardedBy("lock")
  private long pausedUntil;

  @GuardedBy("lock")
  private int notifying;

  private final List<Thread> workers = new ArrayList<>();

  /** A batch waiting for its back-off to pass. */
  private static final class Parked {
    final long readyAt;
    final List<Envelope> batch;

    Parked(long readyAt, List<Envelope> batch) {
      this.readyAt = readyAt;
      this.batch = batch;
    }
  }

  Dispatcher(TrackerConfig config, IngestTransport transport, String token, Spool spool) {
    this.config = config;
    this.transport = transport;
    this.token = token;
    this.backoff = new Backoff(config.random);
    this.batchSize = config.batchSize();
    this.spool = spool;
    this.idleNanos = config.idleWait.toNanos();
  }

  /** Queues what a previous process left in the spool (first), then starts the workers. */
  void start(String name, List<Spool.Record> recovered) {
    for (Spool.Record r : recovered) {
      Envelope e = new Envelope(r.event, config.clock.instant(), System.nanoTime());
      e.segment = r.segment;
      e.holdsSlot = false; // admitted by an earlier process: new events are not dropped for them
      queued.incrementAndGet();
      size.incrementAndGet();
      queue.offer(e);
    }
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
    return enqueue(item, config.clock.instant());
  }

  /** Enqueues {@code item}, tracked at {@code now} (the caller's reading of the tracker clock). */
  boolean enqueue(Object item, Instant now) {
    if (closing) {
      drop(item, "tracker is closed");
      return false;
    }
    int capacity = config.capacity();
    boolean waited = false;
    if (held.incrementAndGet() > capacity) {
      held.decrementAndGet();
      if (!admitWhenFull(item, capacity)) {
        return false;
      }
      waited = true; // it had to wait or evict: wake an idle worker as for a first item
    }
    Envelope e = new Envelope(item, now, System.nanoTime());
    if (spool != null && item instanceof Event) {
      try {
        e.segment = spool.append((Event) item);
      } catch (RuntimeException | java.io.IOException ex) {
        held.decrementAndGet();
        LOG.warn("tracker spool write failed ({}); event dropped", ex.toString());
        drop(item, "spool write failed: " + ex.getClass().getSimpleName());
        return false;
      }
    }
    queued.incrementAndGet();
    int n = size.incrementAndGet();
    queue.offer(e);
    if (stopped && queue.remove(e)) {
      // close() drained the queue between our check and our offer
      size.decrementAndGet();
      held.decrementAndGet();
      evicted.incrementAndGet();
      drop(item, "tracker is closed");
      return false;
    }
    int max = config.batching() ? batchSize : 1;
    if ((waited || n == 1 || n == max) && idleWorkers != 0) {
      // Wake a worker only when it has something new to do: the first item starts its flush
      // timer, a full batch is ready. Waking it for every event costs the caller a lock.
      lock.lock();
      try {
        work.signal();
      } finally {
        lock.unlock();
      }
    }
    return true;
  }

  /**
   * Every slot is taken: applies the overflow policy. True when the item got a slot (a freed one
   * under BLOCK, the evicted item's under DROP_OLDEST); false when it was dropped (and reported).
   */
  private boolean admitWhenFull(Object item, int capacity) {
    String full = "queue full (capacity " + capacity + ")";
    switch (config.overflow()) {
      case BLOCK:
        if (awaitSpace()) {
          return true;
        }
        drop(
            item,
            closing
                ? "tracker is closed"
                : full + " after waiting " + config.blockTimeout().toMillis() + " ms");
        return false;
      case DROP_OLDEST:
        if (evictOldest(full + "; oldest dropped")) {
          return true;
        }
        drop(item, full + "; every held item is in flight");
        return false;
      default:
        drop(item, full);
        return false;
    }
  }

  /** BLOCK: waits for a slot; false on timeout or close. */
  private boolean awaitSpace() {
    long deadline = System.nanoTime() + config.blockTimeout().toNanos();
    lock.lock();
    try {
      return slotBy(deadline);
    } finally {
      lock.unlock();
    }
  }

  // Apart from awaitSpace so that no constant return passes through a finally block: there PIT
  // cannot see the constant and makes mutants that return the very same value.
  @GuardedBy("lock")
  private boolean slotBy(long deadline) {
    boolean inTime = true;
    try {
      while (true) {
        if (closing) {
          return false;
        }
        if (held.incrementAndGet() <= config.capacity()) {
          return true;
        }
        held.decrementAndGet();
        if (!inTime) {
          return false;
        }
        // false once the time is up: one last look for space, then give up
        inTime = space.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * DROP_OLDEST: reports the oldest item not in flight DROPPED and passes its slot to the caller;
   * false when every held item is in flight (nothing can be taken back).
   */
  private boolean evictOldest(String reason) {
    List<Outcome> notes = new ArrayList<>(1);
    List<Envelope> finals = new ArrayList<>(1);
    lock.lock();
    try {
      Envelope old = oldestWaiting();
      if (old == null) {
        return false;
      }
      resolve(old, Kind.DROPPED, 0, reason, notes, finals);
      notifying++;
    } finally {
      lock.unlock();
    }
    settle(finals, notes);
    return true;
  }

  /**
   * Removes and returns the oldest held item that is not in flight: the head of a ready or parked
   * batch (taken before anything still queued), else the queue's head; null when there is none.
   */
  @GuardedBy("lock")
  private Envelope oldestWaiting() {
    List<Envelope> best = null;
    Parked bestParked = null;
    for (List<Envelope> b : ready) {
      if (best == null || b.get(0).trackedNanos - best.get(0).trackedNanos < 0) {
        best = b;
      }
    }
    for (Parked p : parked) {
      if (best == null || p.batch.get(0).trackedNanos - best.get(0).trackedNanos < 0) {
        best = p.batch;
        bestParked = p;
      }
    }
    if (best != null) {
      Envelope old = best.remove(0);
      if (best.isEmpty()) {
        List<Envelope> gone = best;
        if (bestParked != null) {
          parked.remove(bestParked);
        } else {
          ready.removeIf(b -> b == gone);
        }
      }
      return old;
    }
    List<Envelope> markersSeen = new ArrayList<>(0);
    Envelope old;
    while ((old = queue.poll()) != null && old.isMarker()) {
      markersSeen.add(old);
    }
    // a marker is put back at the tail: its flush then waits for more, never for less
    markersSeen.forEach(queue::offer);
    if (old != null) {
      size.decrementAndGet();
    }
    return old;
  }

  private void drop(Object item, String reason) {
    dropped.incrementAndGet();
    fire(List.of(new Outcome(Kind.DROPPED, item, 0, 0, reason)));
  }

  // ---- workers ----

  private void run() {
    while (true) {
      List<Envelope> batch;
      try {
        batch = next();
      } catch (InterruptedException ie) {
        if (stopped) {
          return;
        }
        continue; // an interrupt not from close(): keep working
      } catch (Throwable t) { // NOPMD a worker must never end silently
        LOG.error(
            "tracker worker {}: unexpected failure; it keeps running",
            Thread.currentThread().getName(),
            t);
        if (stopped) {
          return;
        }
        continue;
      }
      if (batch == null) {
        return;
      }
      deliver(batch);
    }
  }

  /**
   * The next batch to send, or null when the worker should exit: gathers what the worker sees, lets
   * the pure {@link Schedule} decide, and acts on it.
   */
  @SuppressWarnings(
      "NonAtomicVolatileUpdate") // written under lock only; volatile for lock-free reads
  private List<Envelope> next() throws InterruptedException {
    Schedule.View v = new Schedule.View();
    lock.lock();
    try {
      while (true) {
        if (stopped) {
          return null;
        }
        long now = config.clock.millis();
        Parked p = parked.peek();
        v.nowMillis = now;
        v.pausedUntil = pausedUntil;
        v.parkedReadyAt = p == null ? Schedule.NONE : p.readyAt;
        v.readyBatch = !ready.isEmpty();
        v.queued = size.get();
        v.carry = carry != null;
        v.markers = markers;
        v.closing = closing;
        v.max = config.batching() ? batchSize : 1;
        Envelope head = queue.peek();
        v.head = head != null;
        v.headDueNanos =
            head == null
                ? 0
                : head.trackedNanos + config.flushInterval().toNanos() - System.nanoTime();
        v.fullBatchVisible = v.queued >= v.max && queueHolds(v.max);
        Schedule.Decision d = Schedule.decide(v);
        switch (d.action) {
          case LAUNCH_PARKED:
            parked.poll();
            return launch(p.batch);
          case LAUNCH_READY:
            return launch(ready.poll());
          case TAKE:
            List<Envelope> batch = take(v.max);
            if (!batch.isEmpty()) {
              return launch(batch);
            }
            continue; // only markers (or a producer mid-offer): look again
          case EXIT:
            if (size.get() == 0) {
              return null; // nothing left for this worker; others may still be sending
            }
            continue; // a producer counted an item just now
          default:
            break;
        }
        long waitNanos = d.waitNanos;
        if (d.clockDeadline != Schedule.NONE) {
          if (config.sleeper != null) {
            // tests: a fake sleeper moves the fake clock instead of waiting
            Duration wait = Duration.ofMillis(d.clockDeadline - now);
            lock.unlock();
            try {
              config.sleeper.sleep(wait);
            } finally {
              lock.lock();
            }
            continue;
          }
          waitNanos = Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(d.clockDeadline - now));
        }
        idleWorkers++;
        try {
          // bounded even when idle: a lost wake-up costs at most this long
          work.awaitNanos(Math.min(waitNanos, idleNanos));
        } finally {
          idleWorkers--;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the queue already shows {@code n} items (walks at most {@code n} nodes). */
  private boolean queueHolds(int n) {
    int seen = 0;
    for (Iterator<Envelope> it = queue.iterator(); it.hasNext() && seen != n; it.next()) {
      seen++;
    }
    return seen >= n;
  }

  @GuardedBy("lock")
  private List<Envelope> launch(List<Envelope> batch) {
    for (Envelope e : batch) {
      e.attempts++;
    }
    inFlight.add(batch);
    return batch;
  }

  /** Fresh items in queue order; an identify call always travels alone. */
  @GuardedBy("lock")
  private List<Envelope> take(int max) {
    List<Envelope> out = new ArrayList<>(Math.min(max, 128));
    long counted = 0;
    if (carry != null) {
      out.add(carry);
      carry = null;
      if (out.get(0).item instanceof Identify) {
        return out;
      }
    }
    while (out.size() < max) {
      Envelope e = queue.poll();
      if (e == null) {
        break;
      }
      if (e.isMarker()) {
        addPending(counted);
        counted = 0;
        markers--;
        e.gen = gen++;
        e.taken = true;
        progress.signalAll();
        continue;
      }
      size.decrementAndGet();
      e.gen = gen;
      e.taken = true;
      counted++;
      if (e.item instanceof Identify && !out.isEmpty()) {
        carry = e;
        break;
      }
      out.add(e);
      if (e.item instanceof Identify) {
        break;
      }
    }
    addPending(counted);
    return out;
  }

  @GuardedBy("lock")
  private void addPending(long n) {
    if (n > 0) {
      pendingByGen.computeIfAbsent(gen, g -> new long[1])[0] += n;
    }
  }

  private void deliver(List<Envelope> batch) {
    Object first = batch.get(0).item;
    boolean isBatch = config.batching() && first instanceof Event;
    Reply reply;
    try {
      assignDistinctIds(batch);
      Object item = batch.get(0).item; // first, now with its distinctId
      if (item instanceof Identify) {
        reply = transport.identify(token, (Identify) item);
      } else if (!isBatch) {
        reply = transport.track(token, (Event) item);
      } else {
        List<Event> rows = new ArrayList<>(batch.size());
        batch.forEach(e -> rows.add((Event) e.item));
        reply = transport.batch(token, rows);
      }
    } catch (Throwable t) { // NOPMD an Error in the transport must not end the worker
      LOG.warn(
          "tracker: sending a batch of {} failed with {}; it will be retried",
          batch.size(),
          t.toString());
      reply = Reply.network(t.getClass().getSimpleName());
    }
    List<Outcome> notes = new ArrayList<>();
    List<Envelope> finals = new ArrayList<>();
    lock.lock();
    try {
      inFlight.remove(batch);
      if (!stopped) {
        handle(batch, reply, isBatch, notes, finals);
      }
      notifying++;
    } finally {
      lock.unlock();
    }
    settle(finals, notes);
  }

  /** The end of a worker's callbacks for a batch: a flush or close may be waiting for it. */
  /**
   * After a decision taken under the lock (which counted itself in {@code notifying}), outside it:
   * forgets the finished items' spool rows, tells the listener, then lets waiters look again.
   */
  private void settle(List<Envelope> finals, List<Outcome> notes) {
    try {
      unspool(finals);
      fire(notes);
    } finally {
      notified();
    }
  }

  private void notified() {
    lock.lock();
    try {
      notifying--;
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Gives each event without a distinctId one, off the caller's thread, from one draw. */
  private static void assignDistinctIds(List<Envelope> batch) {
    int missing = 0;
    for (Envelope e : batch) {
      if (needsId(e)) {
        missing++;
      }
    }
    String[] ids = DistinctIds.next(missing);
    int next = 0;
    for (Envelope e : batch) {
      if (needsId(e)) {
        e.item = ((Event) e.item).distinctId(ids[next++]);
      }
    }
  }

  private static boolean needsId(Envelope e) {
    return e.item instanceof Event && !((Event) e.item).hasDistinctId();
  }

  /** Applies the {@link ReplyPolicy}'s verdict on a reply to its batch. */
  @GuardedBy("lock")
  private void handle(
      List<Envelope> batch, Reply r, boolean isBatch, List<Outcome> notes, List<Envelope> finals) {
    ReplyPolicy.Verdict v = ReplyPolicy.classify(r, isBatch, batch.size());
    if (v.splitAt > 0) {
      // The server named the batch too large: halve the batch size for good and resend both halves.
      int half = v.splitAt;
      batchSize = Math.max(1, Math.min(batchSize, half));
      for (Envelope e : batch) {
        e.attempts--;
        retried.incrementAndGet();
        notes.add(
            new Outcome(
                Kind.RETRYING, e.item, e.attempts, 413, "HTTP 413: batch split to " + half));
      }
      ready.addFirst(new ArrayList<>(batch.subList(half, batch.size())));
      ready.addFirst(new ArrayList<>(batch.subList(0, half)));
      work.signalAll();
      return;
    }
    List<Envelope> again = new ArrayList<>();
    for (int i = 0; i < v.fates.length; i++) {
      Envelope e = batch.get(i);
      switch (v.fates[i]) {
        case SENT:
          resolve(e, Kind.SENT, r.status, null, notes, finals);
          break;
        case FAILED:
          resolve(e, Kind.FAILED, r.status, v.reasons[i], notes, finals);
          break;
        default:
          if (retryOrGiveUp(e, r.status, v.reasons[i], notes, finals)) {
            again.add(e);
          }
      }
    }
    long now = config.clock.millis();
    int failures = 1;
    for (Envelope e : again) {
      failures = Math.max(failures, e.attempts);
    }
    if (r.status == 429) {
      // the one global signal: the whole source is rate-limited, so nobody sends until then
      long until = now + backoff.delay(failures, r.retryAfter).toMillis();
      pausedUntil = Math.max(pausedUntil, until);
      if (!again.isEmpty()) {
        ready.addFirst(again);
      }
      work.signalAll();
    } else if (!again.isEmpty()) {
      parked.add(new Parked(now + backoff.delay(failures, r.retryAfter).toMillis(), again));
      work.signalAll();
    }
  }

  @GuardedBy("lock")
  private boolean retryOrGiveUp(
      Envelope e, int status, String reason, List<Outcome> notes, List<Envelope> finals) {
    if (e.resolved) {
      return false;
    }
    Duration age = Duration.between(e.tracked, config.clock.instant());
    if (ReplyPolicy.givesUp(e.attempts, age, config.maxAttempts(), config.maxAge())) {
      resolve(e, Kind.FAILED, status, ReplyPolicy.gaveUp(e.attempts, age, reason), notes, finals);
      return false;
    }
    retried.incrementAndGet();
    notes.add(new Outcome(Kind.RETRYING, e.item, e.attempts, status, reason));
    return true;
  }

  @GuardedBy("lock")
  private void resolve(
      Envelope e,
      Kind kind,
      int status,
      String reason,
      List<Outcome> notes,
      List<Envelope> finals) {
    if (e.resolved) {
      return;
    }
    e.resolved = true;
    if (e.taken) {
      long[] count = pendingByGen.get(e.gen);
      if (count != null && --count[0] == 0) {
        pendingByGen.remove(e.gen);
      }
    }
    switch (kind) {
      case SENT:
        sent.incrementAndGet();
        break;
      case FAILED:
        failed.incrementAndGet();
        break;
      case DROPPED:
        // evicted under DROP_OLDEST: its slot passes to the item that evicted it
        evicted.incrementAndGet();
        dropped.incrementAndGet();
        break;
      default:
        abandoned.incrementAndGet();
    }
    if (kind != Kind.DROPPED && e.holdsSlot) {
      held.decrementAndGet();
      space.signal(); // a producer blocked under BLOCK; a no-op when none waits
    }
    if (kind != Kind.ABANDONED && e.segment != -1) {
      finals.add(e); // an abandoned item stays in the spool: the next tracker on it sends it
    }
    // no progress signal: a flush or close also waits for notifying == 0, so deliver's notified()
    // (or close itself) wakes them once the outcomes are out
    notes.add(new Outcome(kind, e.item, e.attempts, status, reason));
  }

  private void unspool(List<Envelope> finals) {
    if (spool != null && !finals.isEmpty()) {
      try {
        spool.remove(finals);
      } catch (RuntimeException ex) {
        LOG.warn(
            "tracker spool: could not record {} final outcomes ({}); they may be resent (same distinctIds)",
            finals.size(),
            ex.toString());
      }
    }
  }

  private void fire(List<Outcome> notes) {
    for (Outcome o : notes) {
      try {
        config.listener().onOutcome(o);
      } catch (Throwable ex) { // NOPMD a listener's failure must not end delivery
        LOG.warn("TrackerListener threw; outcome {} ignored by it", o.kind(), ex);
      }
    }
  }

  // ---- flush, close, stats ----

  FlushReport flush(Duration timeout) {
    TrackerStats before = stats();
    Envelope marker = Envelope.marker();
    lock.lock();
    try {
      if (!stopped) {
        markers++;
        queue.offer(marker);
        work.signalAll();
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      boolean inTime = true;
      try {
        while (inTime
            && !stopped
            && !(marker.taken && noPendingUpTo(marker.gen) && notifying == 0)) {
          inTime = progress.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      boolean done = marker.taken && noPendingUpTo(marker.gen) && notifying == 0;
      return new FlushReport(done, before, stats());
    } finally {
      lock.unlock();
    }
  }

  @GuardedBy("lock")
  private boolean noPendingUpTo(long g) {
    return pendingByGen.isEmpty() || pendingByGen.firstKey() > g;
  }

  private long pending() {
    return queued.get() - sent.get() - failed.get() - evicted.get() - abandoned.get();
  }

  /**
   * Stops accepting, waits up to {@code timeout} for every item's final outcome, abandons the rest,
   * then waits at most {@link #CLOSE_GRACE_NANOS} more for the workers (interrupted, their calls
   * cancelled) to end.
   */
  FlushReport close(Duration timeout, String abandonReason) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Outcome> notes = new ArrayList<>();
    List<Envelope> none = new ArrayList<>(0);
    TrackerStats before = stats();
    lock.lock();
    try {
      if (stopped) {
        return new FlushReport(true, before, before);
      }
      closing = true;
      work.signalAll();
      space.signalAll();
      try {
        long left;
        while ((pending() > 0 || notifying > 0) && (left = deadline - System.nanoTime()) > 0) {
          progress.awaitNanos(Math.min(left, POLL_NANOS));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopped = true;
      List<Envelope> rest = new ArrayList<>();
      if (carry != null) {
        rest.add(carry);
        carry = null;
      }
      for (Envelope e; (e = queue.poll()) != null; ) {
        if (!e.isMarker()) {
          size.decrementAndGet();
          rest.add(e);
        }
      }
      for (List<Envelope> b; (b = ready.poll()) != null; ) {
        rest.addAll(b);
      }
      for (Parked p; (p = parked.poll()) != null; ) {
        rest.addAll(p.batch);
      }
      // a batch in flight leaves the set when its worker returns (deliver), as after any call
      inFlight.forEach(rest::addAll);
      for (Envelope e : rest) {
        resolve(e, Kind.ABANDONED, 0, abandonReason, notes, none);
      }
      // workers waiting for work or a back-off end; a flush waiting for its marker returns.
      // Blocked producers saw `closing` when it was set (space.signalAll above).
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
    joinWorkers(deadline + CLOSE_GRACE_NANOS);
    if (spool != null) {
      spool.close();
    }
    // complete when nothing had to be abandoned: every item reached SENT, FAILED or DROPPED
    return new FlushReport(notes.isEmpty(), before, stats());
  }

  private void joinWorkers(long deadline) {
    for (Thread t : workers) {
      if (t == Thread.currentThread()) {
        continue; // close() called from a listener: this worker exits when the callback returns
      }
      try {
        TimeUnit.NANOSECONDS.timedJoin(t, deadline - System.nanoTime()); // <= 0: no wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (t.isAlive()) {
        LOG.warn(
            "{} still running after close(); it is a daemon thread and sends nothing more",
            t.getName());
      }
    }
  }

  TrackerStats stats() {
    return new TrackerStats(
        queued.get(),
        sent.get(),
        retried.get(),
        failed.get(),
        dropped.get(),
        abandoned.get(),
        pending());
  }
}

package com.oursprivacy.ingest;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's crash-safe disk queue: an append-only log in numbered segment files, memory-mapped
 * and preallocated. Why it is hand-written, its format, compaction and the measurements behind the
 * mapping are in {@code docs/adr/0003-hand-written-spool.md}; its behaviour on a full or broken
 * disk in {@code docs/adr/0004-spool-on-a-full-disk.md}.
 *
 * <p><b>Format.</b> Each record is {@code MAGIC (4) | length (4) | CRC32C of payload (4) |
 * payload}; the payload is {@code 'A'} + the event's JSON row (exactly what is sent, see {@link
 * Wire#rowUtf8}) or {@code 'D'} + a distinctId whose outcome is final. A segment's unwritten rest
 * is zeros. Recovery maps the segments in order, keeps rows without a tombstone, skips (and
 * reports) a torn tail or a corrupt record, resynchronising on the next {@code MAGIC}, and sets
 * aside files it cannot use; it never throws for what the files hold.
 *
 * <p><b>Deletion and compaction.</b> A segment is deleted when every row it holds is final and
 * every older segment is gone (its tombstones can then refer to nothing alive). With three segments
 * or more, when at most a quarter of the oldest one's rows are unfinished, those rows are copied
 * verbatim to the active segment, which is forced, and only then is the oldest deleted: a crash at
 * any step loses nothing (a row present twice is kept once, by distinctId).
 *
 * <p><b>Room and space.</b> Appends leave {@code reserve} bytes of each mapping for tombstones.
 * Final outcomes are booked and free their segments even when their tombstones cannot be written;
 * when no segment can be prepared (a full disk) appends fail at once until a back-off passes, and a
 * spool that cannot prepare one at start opens drain-only.
 *
 * <p><b>Durability.</b> {@code track} returns after the record is in the mapping, that is in the
 * page cache, which survives the death of the process; with {@code fsyncEvery == 0} also after
 * {@link MappedByteBuffer#force}; otherwise the spool's thread forces the active segment every
 * {@code fsyncEvery}. A segment is forced before the next one becomes active. Thread-safe.
 *
 * <p><b>Mappings.</b> At most two are reachable: the active segment and the prepared next one. A
 * rolled segment's buffer is unmapped by the garbage collector; a segment is truncated to zero
 * bytes before it is deleted, which frees its blocks at once even while a stale mapping exists.
 */
final class Spool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);
  static final int MAGIC = 0x4F555253; // "OURS"
  private static final int HEADER = 12;

  /** Largest accepted payload; a longer length field is taken as corruption. */
  static final int MAX_RECORD = 16 * 1024 * 1024;

  /** Size at which the active segment is closed and a new one started. */
  static final long SEGMENT_BYTES = 4L * 1024 * 1024;

  /**
   * Room mapped beyond the size limit (at most a quarter of it): the append that crosses the limit,
   * and tombstones written after it, still land in the same segment. A write that does not fit at
   * all rolls to a new segment (one sized for it, if it is larger than a segment).
   */
  static final int SLACK = 64 * 1024;

  /** The next segment's file while it is prepared (not a segment name: recovery ignores it). */
  static final String PREPARED = "next-segment.tmp";

  /** Longest wait for the spool's thread to prepare a segment before the caller does it itself. */
  private static final long PREPARE_WAIT_SECONDS = 10;

  /** First wait after a failed preparation (a full disk) before the next try; doubles up to MAX. */
  static final long PREPARE_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Longest wait between preparation attempts while the disk stays full. */
  static final long MAX_PREPARE_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** Where recovery moves files it cannot use (not a segment name: never read again). */
  static final String QUARANTINE = "quarantine";

  /** The oldest segment is compacted when at most 1/COMPACT_RATIO of its rows are unfinished. */
  static final int COMPACT_RATIO = 4;

  /** An event a previous process left unfinished, and the segment that holds it. */
  static final class Record {
    final Event event;
    final long segment;

    Record(Event event, long segment) {
      this.event = event;
      this.segment = segment;
    }
  }

  /** One segment file: how many rows were written to it and how many are still unfinished. */
  private static final class Seg {
    final long n;
    int rows;
    int live;

    Seg(long n) {
      this.n = n;
    }
  }

  /** Where an unfinished row is: its segment and its frame's offset and length there. */
  private static final class Loc {
    Seg seg;
    long pos;
    int len;

    Loc(Seg seg, long pos, int len) {
      this.seg = seg;
      this.pos = pos;
      this.len = len;
    }
  }

  private final Path dir;
  private final Duration fsyncEvery;
  private final long segmentBytes;

  /**
   * Bytes at the end of each mapping that appends leave free: room for tombstones, which must not
   * need a new segment (a full disk cannot give one). A quarter of the slack: 16 KiB by default.
   */
  private final int reserve;

  private final SpoolDisk disk;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final ReentrantLock lock = new ReentrantLock();

  /** The segment files, oldest first. */
  @GuardedBy("lock")
  private final TreeMap<Long, Seg> segments = new TreeMap<>();

  /** Every unfinished row by distinctId (a later row with the same id replaces the earlier). */
  @GuardedBy("lock")
  private final Map<String, Loc> unfinished = new HashMap<>();

  private final List<Record> recovered = new ArrayList<>();

  /** The spool's thread: forces every {@code fsyncEvery} and prepares the next segment. */
  private final ScheduledExecutorService syncer;

  /** The active segment's mapping; records are copied into it at {@link #activeBytes}. */
  @GuardedBy("lock")
  private MappedByteBuffer active;

  /** The next segment's mapping, prepared on the spool's thread. */
  @GuardedBy("lock")
  private Future<MappedByteBuffer> next;

  @GuardedBy("lock")
  private Seg activeSeg;

  /** The highest segment number used or seen on disk (also of files recovery set aside). */
  @GuardedBy("lock")
  private long lastNumber;

  /** When a segment may be prepared again after a failure ({@link SpoolDisk#nanoTime()}). */
  @GuardedBy("lock")
  private long prepareAfter;

  /** The current wait between failed preparations; 0 when the last one succeeded. */
  @GuardedBy("lock")
  private long prepareBackoff;

  /** Why the last preparation failed (for the fast failures during its back-off). */
  @GuardedBy("lock")
  private String prepareFailure = "";

  /** Whether tombstones are failing now (one WARN per streak). */
  @GuardedBy("lock")
  private boolean tombstonesFailing;

  @GuardedBy("lock")
  private long compactions;

  @GuardedBy("lock")
  private long activeBytes;

  private volatile boolean dirty;

  /** Calls of {@link FileChannel#force} so far: tests check the fsync policy with it. */
  private final AtomicLong forces = new AtomicLong();

  @GuardedBy("lock")
  private long skipped;

  @GuardedBy("lock")
  private boolean closed;

  private Spool(Path dir, Duration fsyncEvery, long segmentBytes, SpoolDisk disk)
      throws IOException {
    this.dir = dir;
    this.fsyncEvery = fsyncEvery;
    this.segmentBytes = segmentBytes;
    this.reserve = (int) Math.min(SLACK, segmentBytes / 4) / 4;
    this.disk = disk;
    disk.createDirectory(dir);
    lockChannel =
        disk.open(dir.resolve("lock"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
      l = null;
    }
    if (l == null) {
      lockChannel.close();
      throw new IllegalStateException("tracker spool " + dir + " is in use by another tracker");
    }
    fileLock = l;
    syncer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ours-tracker-spool-sync");
              t.setDaemon(true);
              return t;
            });
    try {
      lock.lock();
      try {
        recover();
        disk.delete(dir.resolve(PREPARED)); // left by a process that died preparing it
        try {
          roll(0);
        } catch (IOException full) {
          LOG.warn(
              "tracker spool {}: no room for a new segment ({}); opened drain-only: the {} events "
                  + "recovered are sent and free their space, new events are dropped until a "
                  + "segment can be prepared",
              dir,
              full.toString(),
              recovered.size());
        }
      } finally {
        lock.unlock();
      }
    } catch (IOException | RuntimeException e) {
      syncer.shutdownNow();
      fileLock.release();
      lockChannel.close();
      throw e;
    }
    if (!fsyncEvery.isZero()) {
      long ms = Math.max(1, fsyncEvery.toMillis());
      syncer.scheduleWithFixedDelay(this::syncQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Opens (creating) the spool in {@code dir} and reads what a previous process left.
   *
   * @throws IllegalStateException when another tracker holds the directory
   * @throws UncheckedIOException when the directory cannot be used
   */
  static Spool open(Path dir, Duration fsyncEvery) {
    return open(dir, fsyncEvery, SEGMENT_BYTES);
  }

  /** {@link #open(Path, Duration)} with another segment size (tests). */
  static Spool open(Path dir, Duration fsyncEvery, long segmentBytes) {
    return open(dir, fsyncEvery, segmentBytes, SpoolDisk.REAL);
  }

  /** {@link #open(Path, Duration, long)} on another disk (tests: one that fails on demand). */
  static Spool open(Path dir, Duration fsyncEvery, long segmentBytes, SpoolDisk disk) {
    try {
      return new Spool(dir, fsyncEvery, segmentBytes, disk);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "tracker spool " + dir + " cannot be opened: " + e.getMessage(), e);
    }
  }

  /** Unfinished events of earlier processes, oldest first, with their original distinctIds. */
  List<Record> recovered() {
    return recovered;
  }

  /** Records skipped during recovery because they were torn or failed their checksum. */
  long skipped() {
    lock.lock();
    try {
      return skipped;
    } finally {
      lock.unlock();
    }
  }

  /** Compactions done so far. */
  long compactions() {
    lock.lock();
    try {
      return compactions;
    } finally {
      lock.unlock();
    }
  }

  /** How many times the spool forced a segment to the device so far (tests). */
  long forces() {
    return forces.get();
  }

  /** Appends the event (which must have its distinctId); returns its segment. */
  long append(Event e) throws IOException {
    byte[] row = Wire.rowUtf8(e);
    int sum = checksum('A', row);
    int len = HEADER + 1 + row.length;
    lock.lock();
    try {
      if (closed) {
        throw new IOException("spool closed");
      }
      boolean rolled = makeRoom(len, reserve, true);
      long pos = activeBytes;
      // the frame straight into the mapping: no intermediate buffer on the caller's thread
      active.position((int) pos);
      active.putInt(MAGIC).putInt(row.length + 1).putInt(sum).put((byte) 'A').put(row);
      activeBytes += len;
      written(e.distinctId(), pos, len);
      if (fsyncEvery.isZero()) {
        force(active);
      } else {
        dirty = true;
      }
      long seg = activeSeg.n;
      if (rolled) {
        compactOldest();
      }
      return seg;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes the active segment able to take {@code len} more bytes and still have {@code keep} free
   * after them, rolling to a new one when it cannot, or (with {@code sizeLimit}) when it has
   * reached its size limit. True if it rolled.
   */
  @GuardedBy("lock")
  private boolean makeRoom(int len, int keep, boolean sizeLimit) throws IOException {
    if (active != null
        && !(sizeLimit && activeBytes >= segmentBytes)
        && (long) len + keep <= active.capacity() - activeBytes) {
      return false;
    }
    roll(len + keep);
    return true;
  }

  /**
   * Forces the active segment and makes the prepared one (at least {@code len} bytes) active. After
   * a failed preparation (a full disk) it fails at once until the back-off has passed: each try
   * writes a whole segment of zeros.
   */
  @GuardedBy("lock")
  private void roll(int len) throws IOException {
    if (active != null) {
      force(active);
    }
    if (prepareBackoff != 0 && disk.nanoTime() - prepareAfter < 0) {
      throw new IOException("no room for a new spool segment (" + prepareFailure + ")");
    }
    MappedByteBuffer m;
    try {
      m = takePrepared(mappedBytes(len));
    } catch (IOException e) {
      prepareBackoff =
          prepareBackoff == 0
              ? PREPARE_BACKOFF_NANOS
              : Math.min(prepareBackoff * 2, MAX_PREPARE_BACKOFF_NANOS);
      prepareAfter = disk.nanoTime() + prepareBackoff;
      prepareFailure = e.getMessage();
      LOG.warn(
          "tracker spool {}: preparing a segment failed ({}); new events are dropped, delivered "
              + "ones still free space; next try in {} ms",
          dir,
          e.toString(),
          TimeUnit.NANOSECONDS.toMillis(prepareBackoff));
      throw e;
    }
    if (prepareBackoff != 0) {
      LOG.warn("tracker spool {}: a segment could be prepared again; spooling resumes", dir);
    }
    prepareBackoff = 0;
    activate(lastNumber + 1, m);
  }

  /** The size of a segment that can hold a write of {@code len} bytes. */
  int mappedBytes(int len) {
    return (int) Math.max(segmentBytes + Math.min(SLACK, segmentBytes / 4), len);
  }

  /**
   * The prepared next segment, or one prepared here when the spool's thread failed or has none as
   * large as {@code size} (a record larger than a segment).
   */
  @GuardedBy("lock")
  private MappedByteBuffer takePrepared(int size) throws IOException {
    MappedByteBuffer m = null;
    if (next != null) {
      // while that task runs it owns the prepared file: on a timeout it stays the next one
      try {
        m = next.get(PREPARE_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException failed) {
        LOG.warn(
            "tracker spool {}: preparing a segment failed ({}); retrying",
            dir,
            failed.getCause().toString());
      } catch (TimeoutException slow) {
        throw new IOException("preparing the next spool segment took over 10 s", slow);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the next spool segment was prepared", ie);
      }
      next = null;
    }
    if (m != null && m.capacity() >= size) {
      return m;
    }
    return prepare(size);
  }

  /**
   * Creates {@link #PREPARED}: {@code size} zero bytes, written so that the file system reserves
   * their blocks now, and maps it. Runs on the spool's thread, or on the caller's when that one
   * failed.
   */
  private MappedByteBuffer prepare(int size) throws IOException {
    try (FileChannel ch =
        disk.open(
            dir.resolve(PREPARED),
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE))) {
      ByteBuffer zeros = ByteBuffer.allocate(Math.min(size, 64 * 1024));
      long at = 0;
      while (at < size) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
        while (zeros.hasRemaining()) {
          at += ch.write(zeros, at);
        }
      }
      // no force: the spool's own fsync policy covers these pages like any other
      return ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
    }
  }

  /** Renames the prepared file to segment {@code n}, makes it active, prepares the next one. */
  @GuardedBy("lock")
  private void activate(long n, MappedByteBuffer m) throws IOException {
    disk.move(dir.resolve(PREPARED), segment(n));
    lastNumber = n;
    active = m;
    activeBytes = 0;
    activeSeg = segments.computeIfAbsent(n, Seg::new);
    int size = mappedBytes(0);
    next = syncer.submit(() -> prepare(size));
  }

  /** Books a row just written to the active segment at {@code pos}. */
  @GuardedBy("lock")
  private void written(String id, long pos, int len) {
    Loc previous = unfinished.put(id, new Loc(activeSeg, pos, len));
    if (previous != null) {
      previous.seg.live--; // the same distinctId again: one event to the API and to recovery
    }
    activeSeg.rows++;
    activeSeg.live++;
  }

  /**
   * Records that these events' outcomes are final and deletes segments left with nothing alive. The
   * bookkeeping comes first and never depends on the tombstones: when they cannot be written (a
   * full disk left no room for a new segment), the segments are still freed, and an event whose
   * tombstone is missing is at worst resent after a crash, with its distinctId. Never throws.
   */
  void remove(List<Envelope> finals) {
    List<ByteBuffer> frames = new ArrayList<>(finals.size());
    int len = 0;
    for (Envelope e : finals) {
      String id = e.distinctId();
      if (id != null) {
        ByteBuffer f = frame('D', id.getBytes(StandardCharsets.UTF_8));
        len += f.remaining();
        frames.add(f);
      }
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      for (Envelope e : finals) {
        Loc l = unfinished.remove(e.distinctId());
        if (l != null) {
          l.seg.live--;
        }
      }
      writeTombstones(frames, len);
      try {
        deleteFinishedSegments();
        compactOldest();
      } catch (IOException ex) {
        LOG.warn(
            "tracker spool {}: freeing segments failed ({}); retried later", dir, ex.toString());
      }
    } finally {
      lock.unlock();
    }
  }

  /** Writes tombstones into the room kept for them; on failure logs once per streak. */
  @GuardedBy("lock")
  private void writeTombstones(List<ByteBuffer> frames, int len) {
    if (frames.isEmpty()) {
      return;
    }
    try {
      makeRoom(len, 0, false); // one copy into the mapping for the whole batch
    } catch (IOException ex) {
      if (!tombstonesFailing) {
        LOG.warn(
            "tracker spool {}: could not record {} final outcomes ({}); their space is freed "
                + "all the same, and after a crash they may be resent (same distinctIds)",
            dir,
            frames.size(),
            ex.toString());
      }
      tombstonesFailing = true;
      return;
    }
    tombstonesFailing = false;
    for (ByteBuffer b : frames) {
      put(b);
    }
    dirty = true;
  }

  /**
   * Forces and closes the log and releases the directory. Never interrupts the fsync thread: an
   * interrupt during {@code force} closes the channel ({@code ClosedByInterruptException}); each
   * step runs even if an earlier one failed, so the directory is always released.
   */
  @Override
  public void close() {
    Future<MappedByteBuffer> pending;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      syncer.shutdown();
      if (active != null) {
        closeActive();
      }
      active = null;
      pending = next;
      next = null;
    } finally {
      lock.unlock();
    }
    try {
      // outside the lock: a sync tick waiting for it then sees the spool closed and ends
      syncer.awaitTermination(PREPARE_WAIT_SECONDS, TimeUnit.SECONDS);
      if (pending != null) {
        pending.cancel(false);
      }
      disk.delete(dir.resolve(PREPARED));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("tracker spool {}: removing the prepared segment failed ({})", dir, e.toString());
    }
    try {
      fileLock.release();
    } catch (IOException e) {
      LOG.warn("tracker spool {}: releasing the lock failed ({})", dir, e.toString());
    }
    closeQuietly(lockChannel);
  }

  /** Forces the active segment and trims its zero tail: a clean close leaves none. */
  @GuardedBy("lock")
  private void closeActive() {
    try {
      force(active);
    } catch (IOException e) {
      LOG.warn("tracker spool {}: final fsync failed ({})", dir, e.toString());
    }
    // the mapping is never touched again
    try (FileChannel ch = disk.open(segment(activeSeg.n), Set.of(StandardOpenOption.WRITE))) {
      ch.truncate(activeBytes);
    } catch (IOException e) {
      LOG.warn("tracker spool {}: trimming the last segment failed ({})", dir, e.toString());
    }
  }

  private void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      LOG.warn("tracker spool {}: close failed ({})", dir, e.toString());
    }
  }

  // ---- internals ----

  /**
   * Forces the active segment outside the spool's lock: an fsync takes milliseconds, and {@code
   * track} must not wait for it (stores into the mapping go on during {@code msync}).
   * Package-private so tests can run one tick of the fsync thread without waiting for it.
   */
  void syncQuietly() {
    if (!dirty) {
      return;
    }
    MappedByteBuffer ch;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      dirty = false;
      ch = active;
    } finally {
      lock.unlock();
    }
    if (ch == null) {
      return; // drain-only: nothing written
    }
    try {
      force(ch); // after a roll this may be the previous segment, which the roll forced: harmless
    } catch (IOException e) {
      LOG.warn("tracker spool {}: fsync failed ({})", dir, e.toString());
    }
  }

  /**
   * Deletes the oldest segments while they hold nothing unfinished. Only from the oldest end: a
   * finished segment may hold the tombstones of an older segment's rows.
   */
  @GuardedBy("lock")
  private void deleteFinishedSegments() throws IOException {
    while (!segments.isEmpty()) {
      Seg oldest = segments.firstEntry().getValue();
      if (oldest == activeSeg || oldest.live > 0) {
        return;
      }
      delete(segment(oldest.n));
      segments.remove(oldest.n);
    }
  }

  /**
   * Compacts the oldest segment when the spool has at least three segments and at most a {@link
   * #COMPACT_RATIO}th of the oldest one's rows are unfinished (see the class comment).
   */
  @GuardedBy("lock")
  private void compactOldest() throws IOException {
    if (segments.size() < 3) {
      return;
    }
    Seg oldest = segments.firstEntry().getValue();
    if (active == null || oldest == activeSeg || (long) oldest.live * COMPACT_RATIO > oldest.rows) {
      return;
    }
    List<Loc> moving = new ArrayList<>(oldest.live);
    for (Loc l : unfinished.values()) {
      if (l.seg == oldest) {
        moving.add(l);
      }
    }
    moving.sort(Comparator.comparingLong((Loc l) -> l.pos));
    try (FileChannel in = disk.open(segment(oldest.n), Set.of(StandardOpenOption.READ))) {
      for (Loc l : moving) {
        ByteBuffer frame = ByteBuffer.allocate(l.len);
        while (frame.hasRemaining()) {
          if (in.read(frame, l.pos + frame.position()) < 0) {
            throw new IOException("segment " + oldest.n + " shorter than its rows");
          }
        }
        frame.flip();
        makeRoom(frame.remaining(), reserve, false);
        long pos = activeBytes;
        put(frame); // the same bytes: the checksum and the distinctId travel along
        oldest.live--;
        l.seg = activeSeg;
        l.pos = pos;
        activeSeg.rows++;
        activeSeg.live++;
      }
    }
    force(active); // the copies are on the device before the originals go
    compactions++;
    LOG.debug(
        "tracker spool {}: compacted segment {}, {} unfinished rows moved to segment {}",
        dir,
        oldest.n,
        moving.size(),
        activeSeg.n);
    deleteFinishedSegments();
  }

  private void force(MappedByteBuffer m) throws IOException {
    try {
      m.force();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    forces.incrementAndGet();
  }

  /**
   * Truncates, then deletes a segment: its blocks and cached pages are freed at once even if a
   * dropped mapping of it still waits for the garbage collector.
   */
  private void delete(Path segment) throws IOException {
    disk.discard(segment);
  }

  private Path segment(long n) {
    return dir.resolve(String.format("segment-%016d.log", n));
  }

  /** Copies a frame into the active mapping at its end (the caller made room). */
  @GuardedBy("lock")
  private void put(ByteBuffer b) {
    int len = b.remaining();
    active.position((int) activeBytes);
    active.put(b);
    activeBytes += len;
  }

  static ByteBuffer frame(char type, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + 1 + body.length);
    b.putInt(MAGIC).putInt(body.length + 1).putInt(checksum(type, body)).put((byte) type).put(body);
    b.flip();
    return b;
  }

  /** The CRC32C of a payload: its type byte, then its body. */
  private static int checksum(char type, byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update((byte) type);
    crc.update(body);
    return (int) crc.getValue();
  }

  /**
   * Reads what earlier processes left. Never throws for what the files hold: a file it cannot use
   * (not a regular file, larger than any segment can be, all zeros though not the last one,
   * unreadable) is moved to {@link #QUARANTINE} with a WARN naming it; a torn or corrupt record is
   * skipped and counted. Each segment is mapped, not read onto the heap.
   */
  @GuardedBy("lock")
  private void recover() throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "segment-*.log")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        try {
          files.put(Long.parseLong(n.substring(8, n.length() - 4)), p);
        } catch (NumberFormatException notOurs) {
          LOG.warn("tracker spool {}: ignoring unexpected file {}", dir, n);
        }
      }
    }
    Map<String, Record> rows = new LinkedHashMap<>();
    long stuck = 0; // the highest number of a file that could not be moved aside
    for (Map.Entry<Long, Path> f : files.entrySet()) {
      Path file = f.getValue();
      String problem = recoverSegment(f.getKey(), file, f.getKey().equals(files.lastKey()), rows);
      if (problem != null && !quarantine(file, problem)) {
        stuck = Math.max(stuck, f.getKey());
      }
    }
    for (Loc l : unfinished.values()) {
      l.seg.live++;
    }
    recovered.addAll(rows.values());
    deleteFinishedSegments();
    lastNumber = Math.max(stuck, segments.isEmpty() ? 0 : segments.lastKey());
    if (!recovered.isEmpty() || skipped > 0) {
      LOG.info(
          "tracker spool {}: {} unfinished events from an earlier process will be sent first; "
              + "{} torn or corrupt records skipped",
          dir,
          recovered.size(),
          skipped);
    }
  }

  /** The largest file a segment can be: a full segment, or one sized for the largest record. */
  private long largestSegment() {
    return Math.max(
        Math.max(mappedBytes(0), SEGMENT_BYTES + SLACK), (long) HEADER + 1 + MAX_RECORD + SLACK);
  }

  /** Applies one segment file to {@code rows}; returns why it cannot be used, or null. */
  @GuardedBy("lock")
  private String recoverSegment(long n, Path file, boolean last, Map<String, Record> rows) {
    if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return "not a regular file";
    }
    try (FileChannel ch = disk.open(file, Set.of(StandardOpenOption.READ))) {
      long size = ch.size();
      if (size > largestSegment()) {
        return "too large for a segment: " + size + " bytes, at most " + largestSegment();
      }
      ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      int end = (int) size;
      while (end > 0 && data.get(end - 1) == 0) {
        end--; // the preallocated zero tail: the end of the log, nothing to skip
      }
      if (end == 0 && size > 0 && !last) {
        // only the newest segment may be all zeros (nothing was written before the process died)
        return "all " + size + " bytes are zeros, not one record";
      }
      Seg seg = new Seg(n);
      segments.put(n, seg);
      read(seg, data, end, rows);
    } catch (IOException | RuntimeException e) {
      return "unreadable: " + e;
    }
    try {
      disk.ownerOnly(file); // written by a version that left it readable to all
    } catch (IOException e) {
      LOG.warn("tracker spool {}: cannot make {} owner-only ({})", dir, file.getFileName(), e);
    }
    return null;
  }

  /** Moves an unusable file aside (never read again) and says so; false if it stays. */
  private boolean quarantine(Path file, String problem) {
    Path target = dir.resolve(QUARANTINE).resolve(file.getFileName());
    try {
      disk.createDirectory(target.getParent());
      if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        target = target.resolveSibling(file.getFileName() + "." + System.currentTimeMillis());
      }
      disk.move(file, target);
      LOG.warn(
          "tracker spool {}: {} cannot be used ({}); moved to {}: the events it held, if any, "
              + "are lost",
          dir,
          file.getFileName(),
          problem,
          dir.relativize(target));
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "tracker spool {}: {} cannot be used ({}) nor moved aside ({}); it is ignored and the "
              + "events it held, if any, are lost",
          dir,
          file.getFileName(),
          problem,
          e.toString());
      return false;
    }
  }

  /**
   * Applies one segment's records up to {@code end} to {@code rows}; counts what it cannot read.
   */
  @GuardedBy("lock")
  private void read(Seg seg, ByteBuffer data, int end, Map<String, Record> rows) {
    long segment = seg.n;
    int size = data.limit();
    int pos = 0;
    boolean inJunk = false;
    while (pos < end && pos + HEADER <= size) {
      int magic = data.getInt(pos);
      int len = data.getInt(pos + 4);
      int sum = data.getInt(pos + 8);
      boolean ok =
          magic == MAGIC && len > 0 && len <= MAX_RECORD && (long) pos + HEADER + len <= size;
      if (ok) {
        ByteBuffer payload = data.duplicate();
        payload.limit(pos + HEADER + len).position(pos + HEADER);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ok = (int) crc.getValue() == sum;
      }
      if (!ok) {
        if (!inJunk) {
          skipped++;
          LOG.warn(
              "tracker spool {}: skipping a torn or corrupt record in segment {} at byte {}",
              dir,
              segment,
              pos);
          inJunk = true;
        }
        pos++; // resynchronise on the next MAGIC
        continue;
      }
      inJunk = false;
      byte[] bodyBytes = new byte[len - 1];
      ByteBuffer body0 = data.duplicate();
      body0.position(pos + HEADER + 1);
      body0.get(bodyBytes);
      String body = new String(bodyBytes, StandardCharsets.UTF_8);
      if (data.get(pos + HEADER) == 'D') {
        rows.remove(body);
        unfinished.remove(body);
      } else {
        Event e = Wire.readRow(body);
        if (e == null) {
          skipped++;
          LOG.warn(
              "tracker spool {}: skipping an unreadable event row in segment {}", dir, segment);
        } else {
          rows.put(e.distinctId(), new Record(e, segment));
          unfinished.put(e.distinctId(), new Loc(seg, pos, HEADER + len));
          seg.rows++;
        }
      }
      pos += HEADER + len;
    }
    if (pos < end && !inJunk) {
      skipped++;
      LOG.warn("tracker spool {}: skipping a torn record at the end of segment {}", dir, segment);
    }
  }
}

package com.oursprivacy.ingest;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's crash-safe disk queue: an append-only log in numbered segment files.
 *
 * <p><b>Why hand-written.</b> The candidates were an embedded store (MapDB, H2's MVStore, RocksDB's
 * JNI, Chronicle Queue) or Tape (Square's file queue, which Segment's Android library uses). Each
 * is a new runtime dependency for every SDK user (the SDK's are Retrofit, OkHttp, Gson, SLF4J,
 * JSpecify), several bring native code or {@code sun.misc.Unsafe}, and none matches the access
 * pattern: events are appended in order but finish out of order (a 207 retries row 3 while rows
 * 4–99 are done), which a FIFO file queue such as Tape cannot express without rewriting the file.
 * What is needed is small: length-prefixed, checksummed records, a tombstone per final outcome, and
 * deletion of a segment once all of its events are final — about 300 lines, tested here against
 * torn and corrupt records.
 *
 * <p><b>Format.</b> Each record is {@code MAGIC (4) | length (4) | CRC32C of payload (4) |
 * payload}; the payload is {@code 'A'} + the event's JSON row (exactly what is sent) or {@code 'D'}
 * + a distinctId whose outcome is final. Recovery reads the segments in order, keeps rows without a
 * tombstone, and skips (and reports) a torn tail or a corrupt record, resynchronising on the next
 * {@code MAGIC}; it never throws for bad content. A segment is deleted when every row it holds is
 * final and every older segment is gone (its tombstones can then refer to nothing alive).
 *
 * <p><b>Compaction.</b> One event that keeps failing must not keep its whole segment, and every
 * finished segment behind it, on disk until it is given up. Once there are at least three segments
 * and at most a quarter of the rows ever written to the oldest one are still unfinished, those rows
 * are copied verbatim (same bytes, same checksum, same distinctId) to the end of the active
 * segment, the active segment is forced to the device, and only then is the oldest deleted (with
 * every finished segment behind it). So the spool holds at most about three segments plus four
 * times the unfinished rows. Crash-safe at every step: killed before the delete, the row is on disk
 * twice and recovery keeps one (rows are keyed by distinctId, the later copy wins, and a tombstone
 * is only ever written after every copy of its row, because only unfinished rows are copied); a
 * torn copy is skipped like any torn record while the original is still there.
 *
 * <p><b>Durability.</b> {@code track} returns after the record reached the operating system ({@code
 * write}), which survives the death of the process ({@code kill -9}, OOM kill). With {@code
 * fsyncEvery == 0} it also waits for {@link FileChannel#force} (survives power loss); otherwise a
 * daemon thread forces the file every {@code fsyncEvery}. Thread-safe.
 */
final class Spool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);
  static final int MAGIC = 0x4F555253; // "OURS"
  private static final int HEADER = 12;

  /** Largest accepted payload; a longer length field is taken as corruption. */
  static final int MAX_RECORD = 16 * 1024 * 1024;

  /** Size at which the active segment is closed and a new one started. */
  static final long SEGMENT_BYTES = 4L * 1024 * 1024;

  /** The oldest segment is compacted when at most 1/COMPACT_RATIO of its rows are unfinished. */
  static final int COMPACT_RATIO = 4;

  private static final java.lang.reflect.Type MAP =
      new TypeToken<Map<String, Object>>() {}.getType();

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
  private final ScheduledExecutorService syncer;

  @GuardedBy("lock")
  private FileChannel active;

  @GuardedBy("lock")
  private Seg activeSeg;

  /** Runs between a compaction's copies and its delete; tests take their crash snapshot here. */
  Runnable beforeCompactionDelete = () -> {};

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

  private Spool(Path dir, Duration fsyncEvery, long segmentBytes) throws IOException {
    this.dir = dir;
    this.fsyncEvery = fsyncEvery;
    this.segmentBytes = segmentBytes;
    Files.createDirectories(dir);
    lockChannel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
    recover();
    openSegment(segments.isEmpty() ? 1 : segments.lastKey() + 1);
    if (fsyncEvery.isZero()) {
      syncer = null;
    } else {
      syncer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ours-tracker-spool-sync");
                t.setDaemon(true);
                return t;
              });
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
    try {
      return new Spool(dir, fsyncEvery, segmentBytes);
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
    ByteBuffer buf = frame('A', Wire.rowUtf8(e));
    lock.lock();
    try {
      if (closed) {
        throw new IOException("spool closed");
      }
      boolean rolled = rollIfFull();
      long pos = activeBytes;
      writeFully(buf);
      written(e.distinctId(), pos, buf.limit());
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

  /** Starts a new active segment when the current one is full (forcing and closing it first). */
  @GuardedBy("lock")
  private boolean rollIfFull() throws IOException {
    if (activeBytes < segmentBytes) {
      return false;
    }
    force(active);
    active.close();
    openSegment(activeSeg.n + 1);
    return true;
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

  /** Records that these events' outcomes are final; deletes segments left with nothing alive. */
  void remove(List<Envelope> finals) {
    List<ByteBuffer> frames = new ArrayList<>(finals.size());
    for (Envelope e : finals) {
      String id = e.distinctId();
      if (id != null) {
        frames.add(frame('D', id.getBytes(StandardCharsets.UTF_8)));
      }
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      for (ByteBuffer b : frames) {
        writeFully(b);
      }
      dirty = true;
      for (Envelope e : finals) {
        Loc l = unfinished.remove(e.distinctId());
        if (l != null) {
          l.seg.live--;
        }
      }
      deleteFinishedSegments();
      compactOldest();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Forces and closes the log and releases the directory. Never interrupts the fsync thread: an
   * interrupt during {@code force} closes the channel ({@code ClosedByInterruptException}); each
   * step runs even if an earlier one failed, so the directory is always released.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (syncer != null) {
        syncer.shutdown();
      }
      try {
        force(active);
      } catch (IOException e) {
        LOG.warn("tracker spool {}: final fsync failed ({})", dir, e.toString());
      }
      closeQuietly(active);
      try {
        fileLock.release();
      } catch (IOException e) {
        LOG.warn("tracker spool {}: releasing the lock failed ({})", dir, e.toString());
      }
      closeQuietly(lockChannel);
    } finally {
      lock.unlock();
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
   * track} must not wait for it (a {@link FileChannel} allows writes during {@code force}).
   * Package-private so tests can run one tick of the fsync thread without waiting for it.
   */
  void syncQuietly() {
    if (!dirty) {
      return;
    }
    FileChannel ch;
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
    try {
      force(ch);
    } catch (java.nio.channels.ClosedChannelException rolled) {
      // the segment was closed after a roll, which forced it first
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
      Files.deleteIfExists(segment(oldest.n));
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
    if (oldest == activeSeg || (long) oldest.live * COMPACT_RATIO > oldest.rows) {
      return;
    }
    List<Loc> moving = new ArrayList<>(oldest.live);
    for (Loc l : unfinished.values()) {
      if (l.seg == oldest) {
        moving.add(l);
      }
    }
    moving.sort(Comparator.comparingLong((Loc l) -> l.pos));
    try (FileChannel in = FileChannel.open(segment(oldest.n), StandardOpenOption.READ)) {
      for (Loc l : moving) {
        ByteBuffer frame = ByteBuffer.allocate(l.len);
        while (frame.hasRemaining()) {
          if (in.read(frame, l.pos + frame.position()) < 0) {
            throw new IOException("segment " + oldest.n + " shorter than its rows");
          }
        }
        frame.flip();
        long pos = activeBytes;
        writeFully(frame); // the same bytes: the checksum and the distinctId travel along
        oldest.live--;
        l.seg = activeSeg;
        l.pos = pos;
        activeSeg.rows++;
        activeSeg.live++;
      }
    }
    force(active); // the copies are on the device before the originals go
    beforeCompactionDelete.run();
    compactions++;
    LOG.debug(
        "tracker spool {}: compacted segment {}, {} unfinished rows moved to segment {}",
        dir,
        oldest.n,
        moving.size(),
        activeSeg.n);
    deleteFinishedSegments();
  }

  private void force(FileChannel ch) throws IOException {
    ch.force(false);
    forces.incrementAndGet();
  }

  @GuardedBy("lock")
  private void openSegment(long n) throws IOException {
    active =
        FileChannel.open(
            segment(n),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    activeBytes = active.size();
    activeSeg = segments.computeIfAbsent(n, Seg::new);
  }

  private Path segment(long n) {
    return dir.resolve(String.format("segment-%016d.log", n));
  }

  @GuardedBy("lock")
  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      activeBytes += active.write(b);
    }
  }

  static ByteBuffer frame(char type, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + 1 + body.length);
    CRC32C crc = new CRC32C();
    crc.update((byte) type);
    crc.update(body);
    b.putInt(MAGIC).putInt(body.length + 1).putInt((int) crc.getValue()).put((byte) type).put(body);
    b.flip();
    return b;
  }

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
    for (Map.Entry<Long, Path> f : files.entrySet()) {
      Seg seg = new Seg(f.getKey());
      segments.put(seg.n, seg);
      read(seg, Files.readAllBytes(f.getValue()), rows);
    }
    for (Loc l : unfinished.values()) {
      l.seg.live++;
    }
    recovered.addAll(rows.values());
    deleteFinishedSegments();
    if (!recovered.isEmpty() || skipped > 0) {
      LOG.info(
          "tracker spool {}: {} unfinished events from an earlier process will be sent first; "
              + "{} torn or corrupt records skipped",
          dir,
          recovered.size(),
          skipped);
    }
  }

  /** Applies one segment's records to {@code rows}; counts what it cannot read. */
  @GuardedBy("lock")
  private void read(Seg seg, byte[] data, Map<String, Record> rows) {
    long segment = seg.n;
    ByteBuffer b = ByteBuffer.wrap(data);
    int pos = 0;
    boolean inJunk = false;
    while (pos + HEADER <= data.length) {
      b.position(pos);
      int magic = b.getInt();
      int len = b.getInt();
      int sum = b.getInt();
      boolean ok =
          magic == MAGIC
              && len > 0
              && len <= MAX_RECORD
              && (long) pos + HEADER + len <= data.length;
      if (ok) {
        CRC32C crc = new CRC32C();
        crc.update(data, pos + HEADER, len);
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
      String body = new String(data, pos + HEADER + 1, len - 1, StandardCharsets.UTF_8);
      if (data[pos + HEADER] == 'D') {
        rows.remove(body);
        unfinished.remove(body);
      } else {
        Event e = parse(body);
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
    if (pos < data.length && !inJunk) {
      skipped++;
      LOG.warn("tracker spool {}: skipping a torn record at the end of segment {}", dir, segment);
    }
  }

  /** A view of the spooled row for listeners; the row itself is sent verbatim. */
  private static Event parse(String row) {
    try {
      JsonElement el = JsonParser.parseString(row);
      if (!el.isJsonObject()) {
        return null;
      }
      JsonObject o = el.getAsJsonObject();
      Event e =
          Event.named(o.get("event").getAsString()).distinctId(o.get("distinctId").getAsString());
      if (o.has("time")) {
        e = e.at(Instant.ofEpochMilli(o.get("time").getAsLong()));
      }
      if (o.has("userId")) {
        e = e.userId(o.get("userId").getAsString());
      }
      if (o.has("externalId")) {
        e = e.externalId(o.get("externalId").getAsString());
      }
      if (o.has("email")) {
        e = e.email(o.get("email").getAsString());
      }
      if (o.has("eventProperties") && o.get("eventProperties").isJsonObject()) {
        Map<String, Object> props =
            new com.google.gson.Gson().fromJson(o.get("eventProperties"), MAP);
        e = e.properties(props);
      }
      return e.spooled(row);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}

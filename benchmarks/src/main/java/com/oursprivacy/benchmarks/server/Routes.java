package com.oursprivacy.benchmarks.server;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback server's answers for every client under test: the Platform API's destinations (get,
 * one-page list, cursor pages, create, update), openai's {@code /v1/files}, the Ingest API's {@code
 * /batch} and Segment's {@code /v1/import/}. The two event sinks count the events they receive by
 * scanning for {@link #EVENT_NAME}, which every benchmark event carries once.
 */
public final class Routes implements LoopbackServer.Handler {
  /** The name of every benchmark event; the sinks count its occurrences. */
  public static final String EVENT_NAME = "bench_evt";

  private static final byte[] MARKER = Payloads.utf8(EVENT_NAME);

  private final int pages;
  private final AtomicLong events = new AtomicLong();
  private final ConcurrentHashMap<Integer, byte[]> batchReplies = new ConcurrentHashMap<>();
  private double faultRate;
  private volatile java.util.Random random;
  private final AtomicLong faults = new AtomicLong();
  private java.util.Set<String> distinct;

  /**
   * @param pages how many cursor pages a {@code GET /rest/v1/destinations?cursor=…} walk has; a
   *     list without a cursor returns page 1, which says {@code hasMore} when {@code pages > 1}
   */
  public Routes(int pages) {
    this.pages = pages;
  }

  /**
   * Makes {@code /batch} fail {@code rate} of its requests at random, equally often with 500, 503
   * or a connection closed before any answer, and count distinct events (by distinctId).
   */
  public Routes faults(double rate, long seed) {
    this.faultRate = rate;
    this.random = new java.util.Random(seed);
    this.distinct = ConcurrentHashMap.newKeySet();
    return this;
  }

  /** Requests failed on purpose so far. */
  public long faultsInjected() {
    return faults.get();
  }

  /** Distinct distinctIds accepted by {@code /batch} (only after {@link #faults}). */
  public long distinctEvents() {
    return distinct.size();
  }

  /** Events received by both sinks so far. */
  public long events() {
    return events.get();
  }

  @Override
  public void handle(String method, String target, byte[] body, LoopbackServer.Reply reply)
      throws IOException {
    if (target.startsWith("/rest/v1/destinations")) {
      destinations(method, target, reply);
    } else if (target.startsWith("/v1/files")) {
      reply.json(
          200, target.startsWith("/v1/files/") ? Payloads.OPENAI_FILE : Payloads.OPENAI_FILE_LIST);
    } else if (target.startsWith("/api/v1/batch")) {
      if (distinct != null) {
        double r = random.nextDouble(); // java.util.Random is thread-safe
        if (r < faultRate) {
          faults.incrementAndGet();
          if (r < faultRate / 3) {
            reply.json(500, Payloads.utf8("{\"success\":false,\"error\":\"internal\"}"));
          } else if (r < 2 * faultRate / 3) {
            reply.json(503, Payloads.utf8("{\"success\":false,\"error\":\"unavailable\"}"));
          } else {
            throw new IOException("connection cut on purpose"); // the server closes the socket
          }
          return;
        }
        collectIds(body);
      }
      int n = count(body);
      events.addAndGet(n);
      reply.json(200, batchReplies.computeIfAbsent(n, Routes::batchReply));
    } else if (target.startsWith("/v1/import")) {
      events.addAndGet(count(body));
      reply.json(200, Payloads.SEGMENT_OK);
    } else {
      reply.empty(404);
    }
  }

  private void destinations(String method, String target, LoopbackServer.Reply reply)
      throws IOException {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    if (!method.equals("GET") || path.length() > "/rest/v1/destinations".length()) {
      reply.json(200, Payloads.DESTINATION); // get, create (POST) and update (PATCH)
      return;
    }
    if (pages <= 1) {
      reply.json(200, Payloads.DESTINATION_PAGE);
      return;
    }
    int c = q < 0 ? -1 : target.indexOf("cursor=p", q);
    int page = c < 0 ? 1 : Integer.parseInt(target.substring(c + 8).split("&", -1)[0]);
    String next = page < pages ? "\"p" + (page + 1) + "\"" : "null";
    reply.json(
        200,
        PAGE_HEAD,
        Payloads.ENTITIES,
        Payloads.utf8(
            "],\"pagination\":{\"nextCursor\":" + next + ",\"hasMore\":" + (page < pages) + "}}"));
  }

  private static final byte[] PAGE_HEAD = Payloads.utf8("{\"entities\":[");

  private static byte[] batchReply(int n) {
    StringBuilder sb =
        new StringBuilder("{\"success\":true,\"accepted\":")
            .append(n)
            .append(",\"failed\":0,\"results\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"success\":true}");
    }
    return Payloads.utf8(sb.append("]}").toString());
  }

  private static final byte[] ID_KEY = Payloads.utf8("\"distinctId\":\"");

  private void collectIds(byte[] body) {
    outer:
    for (int i = 0; i <= body.length - ID_KEY.length; i++) {
      for (int j = 0; j < ID_KEY.length; j++) {
        if (body[i + j] != ID_KEY[j]) {
          continue outer;
        }
      }
      int start = i + ID_KEY.length;
      int end = start;
      while (body[end] != '"') {
        end++;
      }
      distinct.add(new String(body, start, end - start, java.nio.charset.StandardCharsets.UTF_8));
      i = end;
    }
  }

  static int count(byte[] body) {
    int n = 0;
    outer:
    for (int i = 0; i <= body.length - MARKER.length; i++) {
      for (int j = 0; j < MARKER.length; j++) {
        if (body[i + j] != MARKER[j]) {
          continue outer;
        }
      }
      n++;
      i += MARKER.length - 1;
    }
    return n;
  }
}

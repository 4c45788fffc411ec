package com.oursprivacy.testing;

import com.oursprivacy.OursPrivacy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Not a test: a measuring harness for the README's size-limit figures, run by hand with a chosen
 * {@code -Xmx}. {@code list50} serves a 50 MiB destination list over loopback and reports the peak
 * heap of reading it (sum of the heap pools' peak usage) and the heap still used afterwards with
 * the parsed list held; {@code bomb} serves a 1 MiB gzip body that inflates to 1 GiB ({@code
 * spaces}: whitespace, {@code string}: one JSON string) and reports what the call did.
 *
 * <pre>
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     com.oursprivacy.testing.HeapProbe list50 [maxResponseBytes]
 * java -Xmx64m ... com.oursprivacy.testing.HeapProbe bomb spaces|string [maxResponseBytes]
 * </pre>
 */
public final class HeapProbe {
  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    byte[] head;
    byte[] body;
    if (mode.equals("list50")) {
      body = list(50L * 1024 * 1024);
      head =
          RawServer.head(200, "Content-Type: application/json", "Content-Length: " + body.length);
    } else {
      body = bomb(args.length > 1 ? args[1] : "spaces");
      head =
          RawServer.head(
              200,
              "Content-Type: application/json",
              "Content-Encoding: gzip",
              "Content-Length: " + body.length);
    }
    System.out.printf("serving %s: %,d bytes on the wire%n", mode, body.length);
    try (RawServer server = new RawServer(out -> write(out, head, body))) {
      OursPrivacy.Builder b =
          OursPrivacy.builder().apiKey("k-123456").baseUrl(server.baseUrl()).maxRetries(0);
      int limitArg = mode.equals("list50") ? 1 : 2;
      if (args.length > limitArg) {
        b.maxResponseBytes(Long.parseLong(args[limitArg]));
      }
      try (OursPrivacy ours = b.build()) {
        System.gc();
        long before = used();
        resetPeaks();
        long start = System.nanoTime();
        Object kept = null;
        try {
          if (mode.equals("list50")) {
            kept = ours.destinations().list().firstPage().items();
          } else {
            kept = ours.destinations().get("dst_1");
          }
          System.out.println("result: parsed");
        } catch (Throwable t) {
          System.out.println("result: " + t.getClass().getName() + ": " + t.getMessage());
          if (t instanceof Error) {
            java.util.Arrays.stream(t.getStackTrace())
                .limit(12)
                .forEach(f -> System.out.println("    at " + f));
          }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long peak = peak();
        System.gc();
        long after = used();
        System.out.printf(
            "time %d ms; heap before %.1f MB, peak %.1f MB, retained after GC %.1f MB%s%n",
            ms,
            before / 1e6,
            peak / 1e6,
            after / 1e6,
            kept instanceof java.util.List
                ? " (" + ((java.util.List<?>) kept).size() + " destinations held)"
                : "");
      }
    }
  }

  private static void write(OutputStream out, byte[] head, byte[] body) throws IOException {
    out.write(head);
    out.write(body);
  }

  /** A list page of about {@code size} bytes: many ordinary destinations. */
  private static byte[] list(long size) {
    StringBuilder sb = new StringBuilder((int) size + 1024).append("{\"entities\":[");
    int i = 0;
    while (sb.length() < size) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"id\":\"dst_")
          .append(i)
          .append("\",\"name\":\"Destination number ")
          .append(i)
          .append(
              "\",\"type\":\"Klaviyo\",\"status\":\"Enabled\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                  + "\"limitedToSourceIds\":[\"src_1\",\"src_2\"],\"hashingSalt\":null}");
      i++;
    }
    sb.append("],\"pagination\":{\"nextCursor\":null,\"hasMore\":false}}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** 1 GiB of JSON-ish content gzipped to about 1 MiB, generated here, never stored. */
  private static byte[] bomb(String kind) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
      byte[] fill = new byte[1 << 20];
      if (kind.equals("string")) {
        gz.write("{\"id\":\"".getBytes(StandardCharsets.UTF_8));
        Arrays.fill(fill, (byte) 'a');
      } else {
        Arrays.fill(fill, (byte) ' ');
      }
      for (int i = 0; i < 1024; i++) {
        gz.write(fill);
      }
    }
    return bytes.toByteArray();
  }

  private static long used() {
    return sumHeap(p -> p.getUsage().getUsed());
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peak() {
    return sumHeap(p -> p.getPeakUsage().getUsed());
  }

  private static long sumHeap(java.util.function.ToLongFunction<MemoryPoolMXBean> f) {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(f)
        .sum();
  }
}

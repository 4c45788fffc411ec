package com.oursprivacy.benchmarks.server;

import java.nio.charset.StandardCharsets;

/**
 * The canned bodies, built once. Every client parses the same bytes: a destination (about 330
 * bytes, nine fields including a settings map and a list), a page of 100 of them, and an
 * openai-java file list padded to the same size as that page, so the peer comparison moves the same
 * number of bytes and items.
 */
public final class Payloads {
  /** Items per list page, the API's maximum page size. */
  public static final int PAGE_SIZE = 100;

  /** One destination as the Platform API returns it. */
  public static final byte[] DESTINATION = utf8(destination(1));

  /** The 100 destinations of one page, comma-separated, without brackets. */
  static final byte[] ENTITIES = utf8(entities());

  /** A one-page destination list: 100 entities, {@code hasMore: false}. */
  public static final byte[] DESTINATION_PAGE =
      utf8(
          "{\"entities\":["
              + entities()
              + "],\"pagination\":{\"nextCursor\":null,\"hasMore\":false}}");

  /** An openai {@code GET /files} list of 100 files, padded to {@link #DESTINATION_PAGE}'s size. */
  public static final byte[] OPENAI_FILE_LIST = utf8(openAiList(DESTINATION_PAGE.length));

  /** One openai file object. */
  public static final byte[] OPENAI_FILE = utf8(openAiFile(1, 40));

  /** Segment's upload answer. */
  static final byte[] SEGMENT_OK = utf8("{\"success\":true}");

  private Payloads() {}

  static String destination(int i) {
    return "{\"id\":\"dst_"
        + pad(i)
        + "\",\"name\":\"Mixpanel production "
        + i
        + "\",\"type\":\"Mixpanel\","
        + "\"status\":\"Enabled\",\"createdAt\":\"2025-01-01T00:00:00.000Z\","
        + "\"updatedAt\":\"2025-06-01T12:00:00.000Z\",\"settings\":{\"projectToken\":\"0123456789abcdef\","
        + "\"region\":\"us\",\"sendUserProperties\":true},\"limitedToSourceIds\":[\"src_001\",\"src_002\"],"
        + "\"hashingSalt\":null}";
  }

  private static String entities() {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= PAGE_SIZE; i++) {
      sb.append(i == 1 ? "" : ",").append(destination(i));
    }
    return sb.toString();
  }

  private static String openAiFile(int i, int filenameLength) {
    StringBuilder name = new StringBuilder("export-" + pad(i));
    while (name.length() < filenameLength - 6) {
      name.append('x');
    }
    name.append(".jsonl");
    return "{\"id\":\"file-"
        + pad(i)
        + "\",\"object\":\"file\",\"bytes\":120000,\"created_at\":1735689600,"
        + "\"filename\":\""
        + name
        + "\",\"purpose\":\"batch\",\"status\":\"processed\","
        + "\"expires_at\":1767225600,\"status_details\":null}";
  }

  private static String openAiList(int targetBytes) {
    for (int filename = 20; ; filename++) {
      StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
      for (int i = 1; i <= PAGE_SIZE; i++) {
        sb.append(i == 1 ? "" : ",").append(openAiFile(i, filename));
      }
      sb.append("],\"first_id\":\"file-")
          .append(pad(1))
          .append("\",\"last_id\":\"file-")
          .append(pad(PAGE_SIZE))
          .append("\",\"has_more\":false}");
      if (sb.length() >= targetBytes) {
        return sb.toString();
      }
    }
  }

  private static String pad(int i) {
    return String.format("%06d", i);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

package com.oursprivacy.kafka.connect;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.jspecify.annotations.Nullable;

/**
 * A field path of the configuration: {@code a.b.c} in the record value, {@code $key[.a.b]} in the
 * key, {@code $header.NAME}, {@code $topic}, {@code $partition}, {@code $offset}. Immutable.
 */
final class FieldPath {
  /** Where a path starts. */
  enum Root {
    VALUE,
    KEY,
    HEADER,
    TOPIC,
    PARTITION,
    OFFSET
  }

  /** Checks a path setting when the configuration is parsed (empty means unset). */
  static final ConfigDef.Validator VALIDATOR =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          if (value instanceof String s && !s.isBlank()) {
            try {
              parse(s);
            } catch (IllegalArgumentException e) {
              throw new ConfigException(name, value, e.getMessage());
            }
          }
        }

        @Override
        public String toString() {
          return "a field path: a.b.c (record value), $key[.a.b], $header.NAME, $topic,"
              + " $partition, $offset";
        }
      };

  final Root root;
  final List<String> segments;
  private final String text;

  private FieldPath(Root root, List<String> segments, String text) {
    this.root = root;
    this.segments = segments;
    this.text = text;
  }

  /**
   * Parses a path.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static FieldPath parse(String text) {
    String t = text.trim();
    List<String> parts = Arrays.asList(t.split("\\.", -1));
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty segment in field path '" + t + "'");
      }
    }
    String first = parts.get(0);
    if (!first.startsWith("$")) {
      return new FieldPath(Root.VALUE, List.copyOf(parts), t);
    }
    List<String> rest = List.copyOf(parts.subList(1, parts.size()));
    switch (first) {
      case "$key":
        return new FieldPath(Root.KEY, rest, t);
      case "$header":
        if (rest.size() != 1) {
          throw new IllegalArgumentException("'$header' takes one header name: $header.NAME");
        }
        return new FieldPath(Root.HEADER, rest, t);
      case "$topic":
      case "$partition":
      case "$offset":
        if (!rest.isEmpty()) {
          throw new IllegalArgumentException("'" + first + "' has no fields");
        }
        return new FieldPath(
            Root.valueOf(first.substring(1).toUpperCase(java.util.Locale.ROOT)), rest, t);
      default:
        throw new IllegalArgumentException(
            "unknown root '" + first + "' (use $key, $header, $topic, $partition or $offset)");
    }
  }

  /**
   * The value at this path in a record whose value (and key) were already converted to plain Java
   * ({@link Values#plain}); null when any step is missing.
   */
  @Nullable Object read(SinkRecord r, @Nullable Object value, @Nullable Object key) {
    switch (root) {
      case TOPIC:
        return r.originalTopic();
      case PARTITION:
        return r.originalKafkaPartition();
      case OFFSET:
        return r.originalKafkaOffset();
      case HEADER:
        Header h = r.headers().lastWithName(segments.get(0));
        return h == null ? null : Values.plain(h.value());
      case KEY:
        return walk(key);
      default:
        return walk(value);
    }
  }

  private @Nullable Object walk(@Nullable Object start) {
    Object cur = start;
    for (String s : segments) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(s);
    }
    return cur;
  }

  /**
   * True when this path reads a field of the record value (so it can be left out of properties).
   */
  boolean inValue() {
    return root == Root.VALUE;
  }

  @Override
  public String toString() {
    return text;
  }
}

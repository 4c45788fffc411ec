package com.oursprivacy.kafka.connect;

import com.oursprivacy.ingest.Event;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.jspecify.annotations.Nullable;

/**
 * Maps one sink record to one {@link Event} as the configuration says. Messages name the record's
 * coordinates, the setting and the value's kind, never the value (it may be personal data).
 * Thread-safe (immutable).
 */
final class RecordMapper {
  /** The API's window for event times. */
  static final Duration MAX_AGE = Duration.ofDays(7);

  /** The future skew the SDK allows. */
  static final Duration MAX_AHEAD = Duration.ofMinutes(1);

  /**
   * How far inside the window a clamped time is put: room for the retry budget and clock skew, so
   * the event is still inside the window when it is finally sent.
   */
  static final Duration CLAMP_MARGIN = Duration.ofMinutes(15);

  /** A record that cannot become an event; its message is the reason the reporter gets. */
  static final class Unmappable extends Exception {
    private static final long serialVersionUID = 1L;

    Unmappable(String reason) {
      super(reason);
    }
  }

  /** A mapped record: the event, and whether its time was clamped into the window. */
  static final class Mapped {
    final Event event;
    final boolean clamped;

    Mapped(Event event, boolean clamped) {
      this.event = event;
      this.clamped = clamped;
    }
  }

  private final OursSinkConfig.TimeSource timeSource;
  private final OursSinkConfig.TooOld tooOld;
  private final @Nullable String constantName;
  private final @Nullable FieldPath nameField;
  private final @Nullable FieldPath userId;
  private final @Nullable FieldPath externalId;
  private final @Nullable FieldPath email;
  private final @Nullable FieldPath distinctIdField;
  private final String distinctIdPrefix;
  private final @Nullable FieldPath timeField;
  private final @Nullable FieldPath propertiesField;
  private final Set<String> include;
  private final Set<String> exclude;
  private final List<FieldPath> mapped = new ArrayList<>();

  RecordMapper(OursSinkConfig c) {
    this.timeSource = c.timeSource();
    this.tooOld = c.tooOld();
    String name = c.getString(OursSinkConfig.EVENT_NAME);
    this.constantName = name.isBlank() ? null : name;
    this.nameField = c.path(OursSinkConfig.EVENT_NAME_FIELD);
    this.userId = c.path(OursSinkConfig.USER_ID_FIELD);
    this.externalId = c.path(OursSinkConfig.EXTERNAL_ID_FIELD);
    this.email = c.path(OursSinkConfig.EMAIL_FIELD);
    this.distinctIdField = c.path(OursSinkConfig.DISTINCT_ID_FIELD);
    this.distinctIdPrefix = c.getString(OursSinkConfig.DISTINCT_ID_PREFIX);
    this.timeField =
        timeSource == OursSinkConfig.TimeSource.FIELD ? c.path(OursSinkConfig.TIME_FIELD) : null;
    this.propertiesField = c.path(OursSinkConfig.PROPERTIES_FIELD);
    this.include = new HashSet<>(c.getList(OursSinkConfig.PROPERTIES_INCLUDE));
    this.exclude = new HashSet<>(c.getList(OursSinkConfig.PROPERTIES_EXCLUDE));
    if (c.getBoolean(OursSinkConfig.PROPERTIES_EXCLUDE_MAPPED)) {
      for (FieldPath p :
          new FieldPath[] {nameField, userId, externalId, email, distinctIdField, timeField}) {
        if (p != null && p.inValue()) {
          mapped.add(p);
        }
      }
    }
  }

  /**
   * The event for {@code r}.
   *
   * @param now the current time, for the 7-day window
   * @throws Unmappable when the record cannot become an event (the reason says why)
   * @throws ConnectException when the record is too old and the policy is {@code fail}
   */
  Mapped map(SinkRecord r, Instant now) throws Unmappable {
    if (r.value() == null) {
      throw new Unmappable("the record has no value (a tombstone): nothing to send");
    }
    Object value;
    Object key;
    try {
      value = Values.plain(r.value());
      key = Values.plain(r.key());
    } catch (IllegalArgumentException e) {
      throw new Unmappable("cannot read the record: " + e.getMessage());
    }
    String name = constantName != null ? constantName : text(r, nameField, value, key, "event");
    if (name == null) {
      throw new Unmappable("no event name at " + OursSinkConfig.EVENT_NAME_FIELD + "=" + nameField);
    }
    Event e = Event.named(name);
    String u = text(r, userId, value, key, "userId");
    String x = text(r, externalId, value, key, "externalId");
    String m = text(r, email, value, key, "email");
    if (u == null && x == null && m == null) {
      throw new Unmappable(
          "no identity: none of the configured userId/externalId/email paths has a value");
    }
    if (u != null) {
      e = e.userId(u);
    }
    if (x != null) {
      e = e.externalId(x);
    }
    if (m != null) {
      e = e.email(m);
    }
    String d = text(r, distinctIdField, value, key, "distinctId");
    e = e.distinctId(d != null ? d : derivedDistinctId(r));
    boolean clamped = false;
    Instant t = time(r, value, key);
    if (t != null) {
      if (Duration.between(now, t).compareTo(MAX_AHEAD) > 0) {
        throw new Unmappable(
            "time lies " + Duration.between(now, t).toSeconds() + " s in the future");
      }
      if (Duration.between(t, now).compareTo(MAX_AGE) > 0) {
        long days = Duration.between(t, now).toDays();
        switch (tooOld) {
          case CLAMP:
            t = now.minus(MAX_AGE).plus(CLAMP_MARGIN);
            clamped = true;
            break;
          case FAIL:
            throw new ConnectException(
                where(r)
                    + ": event time is "
                    + days
                    + " days old, outside the API's 7-day window, and "
                    + OursSinkConfig.TIME_TOO_OLD
                    + "=fail");
          default:
            throw new Unmappable(
                "event time is "
                    + days
                    + " days old; the API accepts at most 7 ("
                    + OursSinkConfig.TIME_TOO_OLD
                    + "=dlq)");
        }
      }
      e = e.at(t);
    }
    return new Mapped(e.properties(properties(r, value, key)), clamped);
  }

  /** {@code <prefix>:<topic>:<partition>:<offset>}, from the record as consumed (before SMTs). */
  String derivedDistinctId(SinkRecord r) {
    return distinctIdPrefix
        + ":"
        + r.originalTopic()
        + ":"
        + r.originalKafkaPartition()
        + ":"
        + r.originalKafkaOffset();
  }

  static String where(SinkRecord r) {
    return r.originalTopic() + "-" + r.originalKafkaPartition() + "@" + r.originalKafkaOffset();
  }

  private static @Nullable String text(
      SinkRecord r,
      @Nullable FieldPath p,
      @Nullable Object value,
      @Nullable Object key,
      String what)
      throws Unmappable {
    if (p == null) {
      return null;
    }
    Object v = p.read(r, value, key);
    if (v == null) {
      return null;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      String s = v instanceof Double || v instanceof Float ? integral((Number) v) : v.toString();
      return s.isBlank() ? null : s;
    }
    throw new Unmappable(
        what + " at '" + p + "' is " + Values.kind(v) + "; expected a string or a number");
  }

  /** 42.0 → "42" (JSON numbers may arrive as doubles), other doubles as they are. */
  private static String integral(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : n.toString();
  }

  private @Nullable Instant time(SinkRecord r, @Nullable Object value, @Nullable Object key)
      throws Unmappable {
    switch (timeSource) {
      case NONE:
        return null;
      case FIELD:
        Object v = timeField == null ? null : timeField.read(r, value, key);
        if (v != null) {
          return instant(v);
        }
        return recordTime(r);
      default:
        return recordTime(r);
    }
  }

  private static @Nullable Instant recordTime(SinkRecord r) {
    Long ts = r.timestamp();
    return ts == null || ts < 0 ? null : Instant.ofEpochMilli(ts);
  }

  private Instant instant(Object v) throws Unmappable {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof Number n) {
      return epoch(n.doubleValue());
    }
    if (v instanceof String str) {
      String s = str.trim();
      try {
        return epoch(Double.parseDouble(s));
      } catch (NumberFormatException notANumber) {
        try {
          return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException notIso) {
          throw new Unmappable(
              "time at '"
                  + timeField
                  + "' is a string that is neither epoch milliseconds nor an ISO-8601 instant");
        }
      }
    }
    throw new Unmappable("time at '" + timeField + "' is " + Values.kind(v));
  }

  /** Milliseconds since the epoch, or seconds when below 1e11 (the API's own rule). */
  private Instant epoch(double t) throws Unmappable {
    if (Double.isNaN(t) || Double.isInfinite(t) || t < 0) {
      throw new Unmappable("time at '" + timeField + "' is not a usable epoch number");
    }
    double millis = t < 100_000_000_000d ? t * 1000 : t;
    return Instant.ofEpochMilli((long) millis);
  }

  private Map<String, @Nullable Object> properties(
      SinkRecord r, @Nullable Object value, @Nullable Object key) throws Unmappable {
    Object source = propertiesField == null ? value : propertiesField.read(r, value, key);
    if (!(source instanceof Map)) {
      if (propertiesField != null && source != null) {
        throw new Unmappable(
            "properties at '"
                + propertiesField
                + "' are "
                + Values.kind(source)
                + "; expected an object");
      }
      return Map.of();
    }
    @SuppressWarnings("unchecked") // Values.plain builds string-keyed maps
    Map<String, @Nullable Object> copy =
        (Map<String, @Nullable Object>) Values.forProperties(source);
    if (source == value) {
      for (FieldPath p : mapped) {
        remove(copy, p.segments);
      }
    } else if (propertiesField != null && propertiesField.inValue()) {
      for (FieldPath p : mapped) {
        List<String> s = p.segments;
        List<String> base = propertiesField.segments;
        if (s.size() > base.size() && s.subList(0, base.size()).equals(base)) {
          remove(copy, s.subList(base.size(), s.size()));
        }
      }
    }
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    copy.forEach(
        (k, v) -> {
          if ((include.isEmpty() || include.contains(k)) && !exclude.contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Removes the leaf at {@code path}, and the objects that removal leaves empty. */
  private static void remove(Map<?, ?> m, List<String> path) {
    String head = path.get(0);
    if (path.size() == 1) {
      m.remove(head);
      return;
    }
    if (m.get(head) instanceof Map<?, ?> child) {
      remove(child, path.subList(1, path.size()));
      if (child.isEmpty()) {
        m.remove(head);
      }
    }
  }
}

package com.oursprivacy.ingest;

import com.oursprivacy.errors.OursValidationException;
import java.lang.reflect.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The checks made before anything is sent: the spec's required fields and length limits, the
 * identity rule, the time window, and finite numbers. Messages name the field, the rule and the
 * value's shape, never the value (it may be personal data or a token).
 */
final class Validator {
  /** How far in the future an event time may lie (clock skew between hosts). */
  static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(1);

  /** The API's window: older times are silently moved to 7 days ago by the server. */
  static final Duration MAX_AGE = Duration.ofDays(7);

  private static final int MAX_DEPTH = 32;

  private Validator() {}

  /**
   * {@code value}, or an {@link OursValidationException} naming {@code field} when it is null: bad
   * input is always that exception, never a bare NullPointerException.
   */
  static <T> T required(String field, @Nullable T value) {
    if (value == null) {
      throw new OursValidationException(field, "is required, got null");
    }
    return value;
  }

  static void event(Event e, String path, Instant now) {
    String name = e.name();
    if (name.trim().isEmpty()) {
      throw new OursValidationException(path + ".event", "must not be blank");
    }
    length(path, ".event", name, 1, 1000);
    String userId = e.userIdOrNull();
    String externalId = e.externalIdOrNull();
    String email = e.emailOrNull();
    if (userId == null && externalId == null && email == null) {
      throw new OursValidationException(
          path, "needs at least one of userId, externalId or email to identify the user");
    }
    if (userId != null) {
      identity(path, ".userId", userId, 400);
    }
    if (externalId != null) {
      identity(path, ".externalId", externalId, 400);
    }
    if (email != null) {
      identity(path, ".email", email, 1000);
    }
    if (e.hasDistinctId()) {
      identity(path, ".distinctId", e.distinctId(), 400);
    }
    if (e.timeOrNull() != null) {
      time(path, ".time", e.timeOrNull(), now);
    }
    if (e.identityContext().isPresent()) {
      IdentityContext c = e.identityContext().get();
      notBlank(path, ".identityContext.ip", c.ip());
      notBlank(path, ".identityContext.userAgent", c.userAgent());
    }
    values(path, ".eventProperties.", e.properties());
    if (!e.userProperties().isEmpty()) {
      userProperties(path + ".userProperties", e.userProperties());
    }
    if (!e.defaultProperties().isEmpty()) {
      defaultProperties(path + ".defaultProperties", e.defaultProperties());
    }
  }

  static void identify(Identify i, String path) {
    identity(path, ".userId", i.userId(), 400);
    userProperties(path + ".userProperties", i.userProperties());
    defaultProperties(path + ".defaultProperties", i.defaultProperties());
  }

  static void batch(List<Event> events, Instant now) {
    if (events.isEmpty()) {
      throw new OursValidationException("events", "must contain at least one event");
    }
    for (int i = 0; i < events.size(); i++) {
      event(events.get(i), "events[" + i + "]", now);
    }
  }

  /** Checks a token's length; the message never contains the token. */
  static String token(String field, String token) {
    if (token != null) {
      length(field, "", token, 1, 250);
    }
    return token;
  }

  static void time(String field, Instant t, Instant now) {
    time(field, "", t, now);
  }

  // Field names are built as path + suffix only when a check fails: track() validates every event
  // on the caller's thread, and a valid event must not pay for strings nobody reads.

  private static void time(String path, String suffix, Instant t, Instant now) {
    Duration ahead = Duration.between(now, t);
    if (ahead.compareTo(MAX_FUTURE_SKEW) > 0) {
      throw new OursValidationException(
          path + suffix,
          describe(ahead)
              + " in the future; the API accepts only past times (allowed clock skew "
              + MAX_FUTURE_SKEW.toSeconds()
              + " s)");
    }
    Duration age = ahead.negated();
    if (age.compareTo(MAX_AGE) > 0) {
      throw new OursValidationException(
          path + suffix,
          describe(age) + " in the past; the API accepts at most " + MAX_AGE.toDays());
    }
  }

  private static String describe(Duration d) {
    if (d.toDays() > 7) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 1) {
      return d.toHours() + " hours (" + d.toDays() + " days)";
    }
    return d.toMinutes() >= 1 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
  }

  private static void identity(String path, String suffix, String v, int max) {
    notBlank(path, suffix, v);
    length(path, suffix, v, 1, max);
  }

  private static void notBlank(String path, String suffix, String v) {
    if (v.trim().isEmpty()) {
      throw new OursValidationException(path + suffix, "must not be blank");
    }
  }

  private static void length(String path, String suffix, String v, int min, int max) {
    int n = v.length();
    if (n < min || n > max) {
      throw new OursValidationException(
          path + suffix, "must be " + min + "–" + max + " characters, was " + n);
    }
  }

  /** Checks each value of {@code m}; a nested or invalid one is checked by {@link #value}. */
  private static void values(String path, String infix, Map<String, ?> m) {
    for (Map.Entry<String, ?> p : m.entrySet()) {
      if (!plain(p.getValue())) {
        value(path + infix + p.getKey(), p.getValue(), 0);
      }
    }
  }

  /** A scalar that is valid as it is: null, a string, a boolean, a character, a finite number. */
  private static boolean plain(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Character) {
      return true;
    }
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      return !Double.isNaN(d) && !Double.isInfinite(d);
    }
    return false;
  }

  private static void userProperties(String path, UserProperties p) {
    for (Map.Entry<String, Object> k : p.known().entrySet()) {
      if (k.getValue() != null) { // null clears the property on the server
        length(path, "." + k.getKey(), (String) k.getValue(), 0, 2000);
      }
    }
    values(path, ".custom_properties.", p.custom());
  }

  private static void defaultProperties(String path, DefaultProperties p) {
    for (Map.Entry<String, Object> k : p.asMap().entrySet()) {
      String key = k.getKey();
      Object v = k.getValue();
      if (v instanceof String) {
        int max = key.equals("referrer") ? 5000 : 2000;
        if (!key.equals("current_url") && !key.equals("user_agent")) {
          length(path, "." + key, (String) v, 0, max);
        }
      } else if (!plain(v)) {
        value(path + "." + key, v, 0);
      }
    }
  }

  /** JSON-representable, finite, string-keyed, not too deep (cycles end here too). */
  static void value(String field, Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new OursValidationException(field, "nested deeper than " + MAX_DEPTH + " levels");
    }
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Character) {
      return;
    }
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new OursValidationException(field, "must be a finite number, was " + v);
      }
      return;
    }
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new OursValidationException(field, "map keys must be strings");
        }
        value(field + "." + e.getKey(), e.getValue(), depth + 1);
      }
      return;
    }
    if (v instanceof Collection) {
      int i = 0;
      for (Object o : (Collection<?>) v) {
        value(field + "[" + i++ + "]", o, depth + 1);
      }
      return;
    }
    if (v.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(v); i++) {
        value(field + "[" + i + "]", Array.get(v, i), depth + 1);
      }
      return;
    }
    throw new OursValidationException(
        field,
        "unsupported type "
            + v.getClass().getName()
            + "; use String, Number, Boolean, null, a List or a Map of those");
  }
}

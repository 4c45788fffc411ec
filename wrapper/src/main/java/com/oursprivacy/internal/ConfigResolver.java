package com.oursprivacy.internal;

import com.oursprivacy.core.LogLevel;
import com.oursprivacy.errors.OursValidationException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The one place both clients' builders resolve a setting: the value given to the builder, else the
 * system property, else the environment variable; a blank value counts as unset at every step.
 * <b>Internal, no compatibility guarantee.</b> Immutable and thread-safe.
 *
 * <p>Lookups are injected ({@link #of}), so tests never mutate the real environment. Messages name
 * the builder method, the property and the variable, never a value: secrets pass through here.
 */
public final class ConfigResolver {
  /** The log level both clients read when {@code logLevel(..)} was not called. */
  public static final Key LOG =
      new Key("logLevel(LogLevel)", "ours.privacy.log", "OURS_PRIVACY_LOG");

  private static final ConfigResolver SYSTEM =
      new ConfigResolver(System::getProperty, System::getenv);

  private final UnaryOperator<@Nullable String> properties;
  private final UnaryOperator<@Nullable String> environment;

  private ConfigResolver(
      UnaryOperator<@Nullable String> properties, UnaryOperator<@Nullable String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** Reads {@link System#getProperty} and {@link System#getenv}. */
  public static ConfigResolver system() {
    return SYSTEM;
  }

  /** Reads the given lookups (each returns null for an unset name); for tests. */
  public static ConfigResolver of(
      UnaryOperator<@Nullable String> properties, UnaryOperator<@Nullable String> environment) {
    return new ConfigResolver(
        Objects.requireNonNull(properties, "properties == null"),
        Objects.requireNonNull(environment, "environment == null"));
  }

  /** One setting: the builder method that sets it, its system property and environment variable. */
  public static final class Key {
    private final String method;
    private final String property;
    private final String variable;

    /**
     * @param method how users set it in code, e.g. {@code apiKey(String)}
     * @param property the system property, e.g. {@code ours.privacy.apiKey}
     * @param variable the environment variable, e.g. {@code OURS_PRIVACY_API_KEY}
     */
    public Key(String method, String property, String variable) {
      this.method = Objects.requireNonNull(method, "method == null");
      this.property = Objects.requireNonNull(property, "property == null");
      this.variable = Objects.requireNonNull(variable, "variable == null");
    }

    /** {@code call m(..), or set the system property p or the environment variable V}. */
    public String howToSet() {
      return "call "
          + method
          + ", or set the system property "
          + property
          + " or the environment variable "
          + variable;
    }

    @Override
    public String toString() {
      return method + " / " + property + " / " + variable;
    }
  }

  /** A resolved value and where it came from (for messages; the value itself is never printed). */
  public static final class Value {
    private final String value;
    private final String origin;
    private final String field;

    Value(String value, String origin, String field) {
      this.value = value;
      this.origin = origin;
      this.field = field;
    }

    /** The value, trimmed when it came from a property or variable. */
    public String get() {
      return value;
    }

    /** E.g. {@code apiKey(String)} or {@code environment variable OURS_PRIVACY_API_KEY}. */
    public String origin() {
      return origin;
    }

    @Override
    public String toString() {
      return "Value{origin=" + origin + ", value=[not shown]}";
    }
  }

  /**
   * {@code explicit} when non-blank, else the system property, else the environment variable
   * (surrounding blanks trimmed); null when all three are unset or blank.
   */
  public @Nullable Value lookup(@Nullable String explicit, Key key) {
    String field =
        key.method.contains("(") ? key.method.substring(0, key.method.indexOf('(')) : key.method;
    if (explicit != null && !explicit.isBlank()) {
      return new Value(explicit, key.method, field);
    }
    String v = properties.apply(key.property);
    if (v != null && !v.isBlank()) {
      return new Value(v.trim(), "system property " + key.property, field);
    }
    v = environment.apply(key.variable);
    if (v != null && !v.isBlank()) {
      return new Value(v.trim(), "environment variable " + key.variable, field);
    }
    return null;
  }

  /** {@link #lookup}'s value, or null. */
  public @Nullable String get(@Nullable String explicit, Key key) {
    Value v = lookup(explicit, key);
    return v == null ? null : v.get();
  }

  /**
   * A secret sent in an HTTP header (an API key): resolved like {@link #lookup}, then checked.
   *
   * @throws IllegalStateException when unset everywhere, naming the method, property and variable
   * @throws OursValidationException when it contains a control or non-ASCII character (the value is
   *     not shown)
   */
  public String requireHeaderSecret(@Nullable String explicit, Key key, String what) {
    Value v = lookup(explicit, key);
    if (v == null) {
      throw new IllegalStateException("no " + what + ": " + key.howToSet());
    }
    return checkHeaderValue(v);
  }

  /**
   * The resolved log level: {@code explicit}, else {@link #LOG}'s property / variable, else OFF.
   *
   * @throws IllegalArgumentException when the property / variable is not off, info or debug
   */
  public LogLevel logLevel(@Nullable LogLevel explicit) {
    if (explicit != null) {
      return explicit;
    }
    Value v = lookup(null, LOG);
    if (v == null) {
      return LogLevel.OFF;
    }
    try {
      return LogLevel.parse(v.get());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(v.origin() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the value when it can travel in an HTTP header: printable ASCII only.
   *
   * @throws OursValidationException naming the field, the origin and the kind of character, not the
   *     value
   */
  public static String checkHeaderValue(Value v) {
    return check(v, true);
  }

  /**
   * Returns the value when it has no control character (C0, DEL, C1); non-ASCII is allowed (JSON
   * bodies carry it).
   *
   * @throws OursValidationException naming the field, the origin and the kind of character, not the
   *     value
   */
  public static String checkText(Value v) {
    return check(v, false);
  }

  /**
   * {@link #checkText(Value)} for a value that came from {@code field} itself (a supplier).
   *
   * @throws OursValidationException naming {@code field}, never quoting the value
   */
  public static String checkText(String field, String value) {
    return check(new Value(value, field, field), false);
  }

  private static String check(Value v, boolean asciiOnly) {
    String s = v.get();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String kind = null;
      if (c == '\r' || c == '\n') {
        kind = "a line break (CR or LF)";
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        kind = "a control character";
      } else if (asciiOnly && c > 0x7e) {
        kind = "a non-ASCII character, which an HTTP header cannot carry";
      }
      if (kind != null) {
        // An OursException like every other failure of the SDK: the value would be refused by
        // the HTTP stack (header) or the API (body) anyway, and OkHttp's own message quotes it.
        throw new OursValidationException(
            v.field,
            "the value from "
                + v.origin()
                + " contains "
                + kind
                + " at position "
                + (i + 1)
                + " of "
                + s.length()
                + " (the value is not shown); check how it was read");
      }
    }
    return s;
  }
}

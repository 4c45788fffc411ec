package com.oursprivacy.kafka.connect;

import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of {@link OursSinkConnector}: every setting, its type, default, validator and
 * documentation ({@link #CONFIG_DEF}), plus the rules that tie settings together ({@link
 * #problems()}). Immutable.
 *
 * <p>Field paths ({@code *.field} settings) name a value inside the record: {@code a.b.c} walks the
 * record value (a Connect {@code Struct} or a map from schemaless JSON); {@code $key} or {@code
 * $key.a.b} walks the record key; {@code $header.NAME} reads a header; {@code $topic}, {@code
 * $partition} and {@code $offset} are the record's coordinates.
 *
 * <p>The tokens are {@link ConfigDef.Type#PASSWORD} settings: Connect hides them in its REST API
 * and logs, and config providers ({@code ${file:/etc/ours/secrets.properties:token}}) work for them
 * as for any setting.
 */
public final class OursSinkConfig extends AbstractConfig {
  private static final String GROUP_API = "Ours Privacy ingest API";
  private static final String GROUP_MAPPING = "Record to event mapping";
  private static final String GROUP_DELIVERY = "Delivery";

  /** The source's live token (a password setting); required in LIVE mode. */
  public static final String TOKEN = "ours.token";

  /** The source's test token (a password setting); required in TEST mode. */
  public static final String TEST_TOKEN = "ours.test.token";

  /** {@code TEST} (default) or {@code LIVE}: which token is sent. */
  public static final String MODE = "ours.mode";

  /** When true, a configuration in LIVE mode is rejected: a guard for staging workers. */
  public static final String REQUIRE_TEST_MODE = "ours.require.test.mode";

  /** The ingest API root. */
  public static final String BASE_URL = "ours.base.url";

  /** A constant event name for every record (exclusive with {@link #EVENT_NAME_FIELD}). */
  public static final String EVENT_NAME = "ours.event.name";

  /** The field path of the event name (exclusive with {@link #EVENT_NAME}). */
  public static final String EVENT_NAME_FIELD = "ours.event.name.field";

  /** The field path of the Ours user id. */
  public static final String USER_ID_FIELD = "ours.user.id.field";

  /** The field path of the user's id in your system. */
  public static final String EXTERNAL_ID_FIELD = "ours.external.id.field";

  /** The field path of the user's email address. */
  public static final String EMAIL_FIELD = "ours.email.field";

  /** The field path of a natural deduplication key; unset: derived from topic/partition/offset. */
  public static final String DISTINCT_ID_FIELD = "ours.distinct.id.field";

  /** The prefix of derived distinctIds ({@code <prefix>:<topic>:<partition>:<offset>}). */
  public static final String DISTINCT_ID_PREFIX = "ours.distinct.id.prefix";

  /** Where the event time comes from: {@code record} (default), {@code field} or {@code none}. */
  public static final String TIME_SOURCE = "ours.time.source";

  /** The field path of the event time when {@link #TIME_SOURCE} is {@code field}. */
  public static final String TIME_FIELD = "ours.time.field";

  /**
   * What to do with events older than the API's 7-day window: {@code dlq}, {@code clamp}, {@code
   * fail}.
   */
  public static final String TIME_TOO_OLD = "ours.time.too.old";

  /** The field path of the object whose entries become event properties; unset: the whole value. */
  public static final String PROPERTIES_FIELD = "ours.properties.field";

  /** Property keys to keep (empty: all). */
  public static final String PROPERTIES_INCLUDE = "ours.properties.include";

  /** Property keys to drop. */
  public static final String PROPERTIES_EXCLUDE = "ours.properties.exclude";

  /**
   * Whether the fields mapped to name, identities, time and distinctId are left out of properties.
   */
  public static final String PROPERTIES_EXCLUDE_MAPPED = "ours.properties.exclude.mapped";

  /** Events per {@code /batch} request. */
  public static final String BATCH_SIZE = "ours.batch.size";

  /** {@code /batch} requests a task has in flight at once. */
  public static final String MAX_IN_FLIGHT = "ours.max.in.flight";

  /** How long one {@code put} may spend retrying before it hands the batch back to Connect. */
  public static final String RETRY_TIMEOUT_MS = "ours.retry.timeout.ms";

  /** The pause Connect takes ({@code context.timeout}) before redelivering a batch handed back. */
  public static final String RETRY_BACKOFF_MS = "ours.retry.backoff.ms";

  /** The longest one HTTP attempt may take (connect, send, wait, read). */
  public static final String REQUEST_TIMEOUT_MS = "ours.request.timeout.ms";

  /** Connect's own setting, read to decide what to do with a bad record when no DLQ is set. */
  static final String ERRORS_TOLERANCE = "errors.tolerance";

  /** The consumer's poll interval a sink task's {@code put} must stay well under. */
  static final String MAX_POLL_INTERVAL = "consumer.override.max.poll.interval.ms";

  /** Kafka's default {@code max.poll.interval.ms}. */
  static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

  /** Where the event time comes from. */
  enum TimeSource {
    RECORD,
    FIELD,
    NONE
  }

  /** The policy for events older than the API's window. */
  enum TooOld {
    DLQ,
    CLAMP,
    FAIL
  }

  /** Every setting, with its documentation; what {@link OursSinkConnector#config()} returns. */
  public static final ConfigDef CONFIG_DEF = configDef();

  private static ConfigDef configDef() {
    ConfigDef d = new ConfigDef();
    int o = 0;
    d.define(
        TOKEN,
        ConfigDef.Type.PASSWORD,
        null,
        ConfigDef.Importance.HIGH,
        "The source's live token (Ours dashboard, or GET /rest/v1/sources/{id}/tokens). Required"
            + " when ours.mode=LIVE. Hidden in Connect's REST API and logs; use a config provider"
            + " (${file:...}, ${env:...}) rather than writing it in the connector's configuration.",
        GROUP_API,
        ++o,
        ConfigDef.Width.LONG,
        "Live token");
    d.define(
        TEST_TOKEN,
        ConfigDef.Type.PASSWORD,
        null,
        ConfigDef.Importance.HIGH,
        "The source's test token. Required when ours.mode=TEST: events are stored and processed,"
            + " nothing is sent to destinations. Hidden like ours.token.",
        GROUP_API,
        ++o,
        ConfigDef.Width.LONG,
        "Test token");
    d.define(
        MODE,
        ConfigDef.Type.STRING,
        "TEST",
        ConfigDef.CaseInsensitiveValidString.in("TEST", "LIVE"),
        ConfigDef.Importance.HIGH,
        "TEST sends the test token (nothing reaches destinations); LIVE sends the live token."
            + " Default TEST: going live is a deliberate change.",
        GROUP_API,
        ++o,
        ConfigDef.Width.SHORT,
        "Mode");
    d.define(
        REQUIRE_TEST_MODE,
        ConfigDef.Type.BOOLEAN,
        false,
        ConfigDef.Importance.MEDIUM,
        "When true, a LIVE configuration is rejected at validation and at task start: set it on"
            + " staging and test workers so they can never send live events.",
        GROUP_API,
        ++o,
        ConfigDef.Width.SHORT,
        "Require TEST mode");
    d.define(
        BASE_URL,
        ConfigDef.Type.STRING,
        OursIngest.DEFAULT_BASE_URL,
        new ConfigDef.NonEmptyString(),
        ConfigDef.Importance.LOW,
        "The ingest API root. HTTPS, except for loopback hosts (tests).",
        GROUP_API,
        ++o,
        ConfigDef.Width.LONG,
        "Base URL");
    d.define(
        REQUEST_TIMEOUT_MS,
        ConfigDef.Type.LONG,
        30_000L,
        ConfigDef.Range.between(1_000L, 120_000L),
        ConfigDef.Importance.LOW,
        "The longest one HTTP attempt may take: connect, send, wait and read.",
        GROUP_API,
        ++o,
        ConfigDef.Width.SHORT,
        "Request timeout (ms)");

    o = 0;
    d.define(
        EVENT_NAME,
        ConfigDef.Type.STRING,
        "",
        ConfigDef.Importance.HIGH,
        "A constant event name for every record. Set exactly one of ours.event.name and"
            + " ours.event.name.field. The name must be allowed for the source in the dashboard.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.MEDIUM,
        "Event name");
    d.define(
        EVENT_NAME_FIELD,
        ConfigDef.Type.STRING,
        "",
        FieldPath.VALIDATOR,
        ConfigDef.Importance.HIGH,
        "The field path of the event name, e.g. 'event' or 'meta.type'. A record without it is"
            + " sent to the dead-letter queue.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.MEDIUM,
        "Event name field");
    d.define(
        USER_ID_FIELD,
        ConfigDef.Type.STRING,
        "",
        FieldPath.VALIDATOR,
        ConfigDef.Importance.HIGH,
        "The field path of the Ours user id (takes precedence over external id and email). At"
            + " least one of the three identity paths must be set, and every record needs a value"
            + " at one of them; a record with none goes to the dead-letter queue.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.MEDIUM,
        "User id field");
    d.define(
        EXTERNAL_ID_FIELD,
        ConfigDef.Type.STRING,
        "",
        FieldPath.VALIDATOR,
        ConfigDef.Importance.HIGH,
        "The field path of the user's id in your system, e.g. '$key' for the record key.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.MEDIUM,
        "External id field");
    d.define(
        EMAIL_FIELD,
        ConfigDef.Type.STRING,
        "",
        FieldPath.VALIDATOR,
        ConfigDef.Importance.HIGH,
        "The field path of the user's email address (hashed by the server).",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.MEDIUM,
        "Email field");
    d.define(
        DISTINCT_ID_FIELD,
        ConfigDef.Type.STRING,
        "",
        FieldPath.VALIDATOR,
        ConfigDef.Importance.MEDIUM,
        "The field path of a natural unique id of the event (an order number): the API counts each"
            + " value once. Unset, or absent in a record: the distinctId is derived from where the"
            + " record lives, <prefix>:<topic>:<partition>:<offset> (before any SMT), so a"
            + " redelivered record carries the same id.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.MEDIUM,
        "distinctId field");
    d.define(
        DISTINCT_ID_PREFIX,
        ConfigDef.Type.STRING,
        "kafka",
        new ConfigDef.NonEmptyString(),
        ConfigDef.Importance.MEDIUM,
        "The prefix of derived distinctIds (1-100 characters). Change it when the same topic,"
            + " partition and offset can name different records: a topic deleted and created again,"
            + " or two connectors sending one topic to one source with different mappings.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.SHORT,
        "distinctId prefix");
    d.define(
        TIME_SOURCE,
        ConfigDef.Type.STRING,
        "record",
        ConfigDef.CaseInsensitiveValidString.in("record", "field", "none"),
        ConfigDef.Importance.MEDIUM,
        "record: the Kafka record timestamp; field: the value at ours.time.field (epoch"
            + " milliseconds, epoch seconds below 1e11, or an ISO-8601 instant; a record without it"
            + " falls back to its timestamp); none: no time is sent and the server uses its clock.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.SHORT,
        "Time source");
    d.define(
        TIME_FIELD,
        ConfigDef.Type.STRING,
        "",
        FieldPath.VALIDATOR,
        ConfigDef.Importance.MEDIUM,
        "The field path of the event time when ours.time.source=field.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.MEDIUM,
        "Time field");
    d.define(
        TIME_TOO_OLD,
        ConfigDef.Type.STRING,
        "dlq",
        ConfigDef.CaseInsensitiveValidString.in("dlq", "clamp", "fail"),
        ConfigDef.Importance.MEDIUM,
        "The API accepts event times within the last 7 days (older ones it moves silently). dlq:"
            + " such a record goes to the errant-record reporter with the reason; clamp: it is sent"
            + " with a time just inside the window and counted in a WARN log line; fail: the task"
            + " fails. Times more than a minute in the future always go to the reporter.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.SHORT,
        "Older than 7 days");
    d.define(
        PROPERTIES_FIELD,
        ConfigDef.Type.STRING,
        "",
        FieldPath.VALIDATOR,
        ConfigDef.Importance.MEDIUM,
        "The field path of the object whose entries become event properties. Unset: the whole"
            + " record value (when it is an object).",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.MEDIUM,
        "Properties field");
    d.define(
        PROPERTIES_INCLUDE,
        ConfigDef.Type.LIST,
        "",
        ConfigDef.Importance.MEDIUM,
        "Property keys to keep; empty keeps all.",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.LONG,
        "Properties to include");
    d.define(
        PROPERTIES_EXCLUDE,
        ConfigDef.Type.LIST,
        "",
        ConfigDef.Importance.MEDIUM,
        "Property keys to drop (applied after ours.properties.include).",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.LONG,
        "Properties to exclude");
    d.define(
        PROPERTIES_EXCLUDE_MAPPED,
        ConfigDef.Type.BOOLEAN,
        true,
        ConfigDef.Importance.LOW,
        "When true, the value fields mapped to the event name, identities, time and distinctId are"
            + " not repeated in the properties (an email stays out of eventProperties).",
        GROUP_MAPPING,
        ++o,
        ConfigDef.Width.SHORT,
        "Exclude mapped fields");

    o = 0;
    d.define(
        BATCH_SIZE,
        ConfigDef.Type.INT,
        500,
        ConfigDef.Range.between(1, 10_000),
        ConfigDef.Importance.MEDIUM,
        "Events per /batch request; a put() of more records is split. A 413 answer halves the"
            + " request until it fits.",
        GROUP_DELIVERY,
        ++o,
        ConfigDef.Width.SHORT,
        "Batch size");
    d.define(
        MAX_IN_FLIGHT,
        ConfigDef.Type.INT,
        2,
        ConfigDef.Range.between(1, 16),
        ConfigDef.Importance.LOW,
        "/batch requests one task has in flight at once. put() returns only when every request of"
            + " its records has been answered.",
        GROUP_DELIVERY,
        ++o,
        ConfigDef.Width.SHORT,
        "Requests in flight");
    d.define(
        RETRY_TIMEOUT_MS,
        ConfigDef.Type.LONG,
        60_000L,
        ConfigDef.Range.between(0L, 600_000L),
        ConfigDef.Importance.MEDIUM,
        "How long one put() retries 429, 5xx, network errors and queue_failed rows (the API's"
            + " back-off: 2 s doubling up to 60 s plus 1-5 s jitter, or the server's Retry-After)"
            + " before it hands the batch back to Connect with a RetriableException. Together with"
            + " ours.request.timeout.ms it must stay under half of the consumer's"
            + " max.poll.interval.ms.",
        GROUP_DELIVERY,
        ++o,
        ConfigDef.Width.SHORT,
        "Retry budget (ms)");
    d.define(
        RETRY_BACKOFF_MS,
        ConfigDef.Type.LONG,
        10_000L,
        ConfigDef.Range.between(0L, 600_000L),
        ConfigDef.Importance.LOW,
        "After the retry budget is spent, Connect waits this long (context.timeout) before it"
            + " delivers the same records again; their distinctIds are unchanged, so nothing is"
            + " counted twice.",
        GROUP_DELIVERY,
        ++o,
        ConfigDef.Width.SHORT,
        "Redelivery pause (ms)");
    return d;
  }

  private final Mode mode;
  private final TimeSource timeSource;
  private final TooOld tooOld;

  /**
   * Parses and validates each setting on its own; cross-setting rules are in {@link #problems()}.
   *
   * @param props the connector's or task's configuration
   * @throws ConfigException when a setting has the wrong type or fails its validator
   */
  public OursSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props, false);
    this.mode = Mode.valueOf(getString(MODE).toUpperCase(Locale.ROOT));
    this.timeSource = TimeSource.valueOf(getString(TIME_SOURCE).toUpperCase(Locale.ROOT));
    this.tooOld = TooOld.valueOf(getString(TIME_TOO_OLD).toUpperCase(Locale.ROOT));
  }

  /**
   * The rules that tie settings together, each as setting name → message; empty when the
   * configuration is usable.
   *
   * @return the problems found, keyed by the setting to show each on
   */
  public Map<String, String> problems() {
    Map<String, String> p = new LinkedHashMap<>();
    boolean constant = !getString(EVENT_NAME).isBlank();
    boolean field = !getString(EVENT_NAME_FIELD).isBlank();
    if (constant == field) {
      p.put(
          EVENT_NAME, "set exactly one of " + EVENT_NAME + " (a constant) and " + EVENT_NAME_FIELD);
    } else if (constant && getString(EVENT_NAME).length() > 1000) {
      p.put(EVENT_NAME, "must be 1-1000 characters");
    }
    if (identityPaths().isEmpty()) {
      p.put(
          USER_ID_FIELD,
          "set at least one of "
              + USER_ID_FIELD
              + ", "
              + EXTERNAL_ID_FIELD
              + " and "
              + EMAIL_FIELD
              + ": the API needs an identity on every event");
    }
    if (mode == Mode.LIVE && blank(getPassword(TOKEN))) {
      p.put(TOKEN, "required when " + MODE + "=LIVE");
    }
    if (mode == Mode.TEST && blank(getPassword(TEST_TOKEN))) {
      p.put(TEST_TOKEN, "required when " + MODE + "=TEST (the default)");
    }
    if (mode == Mode.LIVE && getBoolean(REQUIRE_TEST_MODE)) {
      p.put(MODE, "LIVE is not allowed: " + REQUIRE_TEST_MODE + "=true");
    }
    if (timeSource == TimeSource.FIELD && getString(TIME_FIELD).isBlank()) {
      p.put(TIME_FIELD, "required when " + TIME_SOURCE + "=field");
    }
    if (getString(DISTINCT_ID_PREFIX).length() > 100) {
      p.put(DISTINCT_ID_PREFIX, "must be 1-100 characters");
    }
    return p;
  }

  /**
   * The time-budget rule: one put() may retry for {@link #RETRY_TIMEOUT_MS} plus one more request
   * of {@link #REQUEST_TIMEOUT_MS}; that must stay under half of the consumer's poll interval, or
   * the consumer would leave the group while the task waits.
   *
   * @param maxPollIntervalMs the consumer's {@code max.poll.interval.ms}
   * @return the problem, or null when the budget fits
   */
  @Nullable String budgetProblem(long maxPollIntervalMs) {
    long worst = retryTimeout().toMillis() + requestTimeout().toMillis();
    if (worst * 2 > maxPollIntervalMs) {
      return RETRY_TIMEOUT_MS
          + " + "
          + REQUEST_TIMEOUT_MS
          + " = "
          + worst
          + " ms must stay under half of the consumer's max.poll.interval.ms ("
          + maxPollIntervalMs
          + " ms; raise it with "
          + MAX_POLL_INTERVAL
          + " or lower the retry budget)";
    }
    return null;
  }

  private static boolean blank(@Nullable Password p) {
    return p == null || p.value() == null || p.value().isBlank();
  }

  Mode mode() {
    return mode;
  }

  TimeSource timeSource() {
    return timeSource;
  }

  TooOld tooOld() {
    return tooOld;
  }

  @Nullable String token() {
    Password p = getPassword(TOKEN);
    return blank(p) ? null : p.value();
  }

  @Nullable String testToken() {
    Password p = getPassword(TEST_TOKEN);
    return blank(p) ? null : p.value();
  }

  /** The identity paths that are set, in precedence order. */
  List<String> identityPaths() {
    List<String> out = new ArrayList<>();
    for (String k : List.of(USER_ID_FIELD, EXTERNAL_ID_FIELD, EMAIL_FIELD)) {
      if (!getString(k).isBlank()) {
        out.add(getString(k));
      }
    }
    return out;
  }

  @Nullable FieldPath path(String key) {
    String s = getString(key);
    return s.isBlank() ? null : FieldPath.parse(s);
  }

  Duration retryTimeout() {
    return Duration.ofMillis(getLong(RETRY_TIMEOUT_MS));
  }

  Duration retryBackoff() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
  }

  Duration requestTimeout() {
    return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS));
  }
}

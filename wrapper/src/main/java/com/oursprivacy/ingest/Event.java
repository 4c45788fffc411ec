package com.oursprivacy.ingest;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One tracked event, built fluently. Immutable and thread-safe: every method returns a new event
 * and leaves the receiver unchanged, so a partly built event can be shared as a template.
 *
 * <pre>{@code
 * Event purchase = Event.named("Purchase").userId("u1").property("sku", "A1").at(Instant.now());
 * }</pre>
 *
 * <p>Nothing is checked here beyond nulls; {@link OursIngest} and {@link Tracker} validate the
 * whole event (identity, lengths, time window, finite numbers) before anything is sent, and throw
 * {@link com.oursprivacy.errors.OursValidationException}. When no {@link #distinctId} is given, the
 * client assigns a random UUID at send time, so retries never double-count.
 */
public final class Event {
  private String name;
  private Instant time;
  private String userId;
  private String externalId;
  private String email;
  private Map<String, @Nullable Object> properties = Collections.emptyMap();
  private UserProperties userProperties = UserProperties.empty();
  private DefaultProperties defaultProperties = DefaultProperties.empty();
  private IdentityContext identityContext;
  private String distinctId;

  /**
   * The exact JSON row a previous process wrote to the tracker's spool, sent verbatim; null for
   * every event built here. Not copied by the fluent methods: a changed event is written anew.
   */
  private String spooledRow;

  private Event() {}

  /**
   * A new event with the given name (it must be allowed for the source in the Ours dashboard).
   *
   * @throws com.oursprivacy.errors.OursValidationException naming {@code event.name} if {@code
   *     name} is null
   */
  public static Event named(String name) {
    Event e = new Event();
    e.name = Validator.required("event.name", name);
    return e;
  }

  private Event copy() {
    Event e = new Event();
    e.name = name;
    e.time = time;
    e.userId = userId;
    e.externalId = externalId;
    e.email = email;
    e.properties = properties;
    e.userProperties = userProperties;
    e.defaultProperties = defaultProperties;
    e.identityContext = identityContext;
    e.distinctId = distinctId;
    return e;
  }

  /** A copy with this name. */
  public Event name(String name) {
    Event e = copy();
    e.name = Validator.required("event.name", name);
    return e;
  }

  /** A copy that happened at {@code time} (must lie within the last 7 days when sent). */
  public Event at(Instant time) {
    Event e = copy();
    e.time = Validator.required("event.time", time);
    return e;
  }

  /** A copy for the Ours user id (takes precedence over externalId and email). */
  public Event userId(String userId) {
    Event e = copy();
    e.userId = Validator.required("event.userId", userId);
    return e;
  }

  /** A copy for the user's id in your system (takes precedence over email). */
  public Event externalId(String externalId) {
    Event e = copy();
    e.externalId = Validator.required("event.externalId", externalId);
    return e;
  }

  /** A copy for the user's email address (hashed by the server). */
  public Event email(String email) {
    Event e = copy();
    e.email = Validator.required("event.email", email);
    return e;
  }

  /**
   * A copy with one more event property. Values may be strings, finite numbers, booleans, null,
   * lists and string-keyed maps of those.
   */
  public Event property(String key, @Nullable Object value) {
    Validator.required("event.properties key", key);
    Event e = copy();
    Map<String, @Nullable Object> p = new LinkedHashMap<>(properties);
    p.put(key, value);
    e.properties = Collections.unmodifiableMap(p);
    return e;
  }

  /** A copy with every entry of {@code properties} added to the event properties. */
  public Event properties(Map<String, ?> properties) {
    Validator.required("event.properties", properties);
    Event e = copy();
    Map<String, @Nullable Object> p = new LinkedHashMap<>(this.properties);
    properties.forEach((k, v) -> p.put(Validator.required("event.properties key", k), v));
    e.properties = Collections.unmodifiableMap(p);
    return e;
  }

  /** A copy carrying these user properties (replacing any set before). */
  public Event userProperties(UserProperties userProperties) {
    Event e = copy();
    e.userProperties = Validator.required("event.userProperties", userProperties);
    return e;
  }

  /** A copy carrying these default properties (replacing any set before). */
  public Event defaultProperties(DefaultProperties defaultProperties) {
    Event e = copy();
    e.defaultProperties = Validator.required("event.defaultProperties", defaultProperties);
    return e;
  }

  /** A copy carrying the end user's IP and User-Agent. */
  public Event identityContext(IdentityContext identityContext) {
    Event e = copy();
    e.identityContext = Validator.required("event.identityContext", identityContext);
    return e;
  }

  /**
   * A copy with this deduplication key (1–400 characters). Set it when the event has a natural
   * unique id (an order number): the server then counts it once however often it is sent.
   */
  public Event distinctId(String distinctId) {
    Event e = copy();
    e.distinctId = Validator.required("event.distinctId", distinctId);
    return e;
  }

  /** A copy that {@link Wire} sends as {@code row}, verbatim (events recovered from a spool). */
  Event spooled(String row) {
    Event e = copy();
    e.spooledRow = row;
    return e;
  }

  /** The spooled JSON row, or null. */
  String spooledRow() {
    return spooledRow;
  }

  // Null-returning reads for the validator and the wire writer, which run once per tracked event:
  // the Optional getters allocate on every call there (the JIT does not remove them).

  @Nullable Instant timeOrNull() {
    return time;
  }

  @Nullable String userIdOrNull() {
    return userId;
  }

  @Nullable String externalIdOrNull() {
    return externalId;
  }

  @Nullable String emailOrNull() {
    return email;
  }

  /** The event name. */
  public String name() {
    return name;
  }

  /** When it happened, if set; otherwise the server (or the {@link Tracker}) uses "now". */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  /** The Ours user id, if set. */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** The external id, if set. */
  public Optional<String> externalId() {
    return Optional.ofNullable(externalId);
  }

  /** The email, if set. */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /** The event properties; unmodifiable. */
  public Map<String, @Nullable Object> properties() {
    return properties;
  }

  /** The user properties; empty when none were set. */
  public UserProperties userProperties() {
    return userProperties;
  }

  /** The default properties; empty when none were set. */
  public DefaultProperties defaultProperties() {
    return defaultProperties;
  }

  /** The end user's network context, if set. */
  public Optional<IdentityContext> identityContext() {
    return Optional.ofNullable(identityContext);
  }

  /**
   * The deduplication key. Every event the SDK hands back (from {@code track}, {@link BatchReport},
   * tracker {@link Outcome}s) has one: yours, or the UUID the client assigned.
   *
   * @throws IllegalStateException on an event you built without {@link #distinctId(String)} that
   *     has not been through a client yet (see {@link #hasDistinctId()})
   */
  public String distinctId() {
    if (distinctId == null) {
      throw new IllegalStateException(
          "no distinctId yet: the client assigns one when it sends the event; set one with distinctId(String)");
    }
    return distinctId;
  }

  /** Whether this event has a deduplication key (always true for events the SDK hands back). */
  public boolean hasDistinctId() {
    return distinctId != null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Event)) {
      return false;
    }
    Event e = (Event) o;
    return name.equals(e.name)
        && Objects.equals(time, e.time)
        && Objects.equals(userId, e.userId)
        && Objects.equals(externalId, e.externalId)
        && Objects.equals(email, e.email)
        && properties.equals(e.properties)
        && userProperties.equals(e.userProperties)
        && defaultProperties.equals(e.defaultProperties)
        && Objects.equals(identityContext, e.identityContext)
        && Objects.equals(distinctId, e.distinctId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, time, userId, externalId, email, properties, distinctId);
  }

  /** Name, time and distinctId only: identities and properties are personal data. */
  @Override
  public String toString() {
    return "Event{name=" + name + ", time=" + time + ", distinctId=" + distinctId + "}";
  }
}

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
   * @param name the name
   * @return a new event with the given name (it must be allowed for the source in the Ours
   *     dashboard)
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

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Event name(String name) {
    Event e = copy();
    e.name = Validator.required("event.name", name);
    return e;
  }

  /**
   * {@return a copy that happened at {@code time} (must lie within the last 7 days when sent)}
   *
   * @param time the time
   */
  public Event at(Instant time) {
    Event e = copy();
    e.time = Validator.required("event.time", time);
    return e;
  }

  /**
   * {@return a copy for the Ours user id (takes precedence over externalId and email)}
   *
   * @param userId the user id
   */
  public Event userId(String userId) {
    Event e = copy();
    e.userId = Validator.required("event.userId", userId);
    return e;
  }

  /**
   * {@return a copy for the user's id in your system (takes precedence over email)}
   *
   * @param externalId the external id
   */
  public Event externalId(String externalId) {
    Event e = copy();
    e.externalId = Validator.required("event.externalId", externalId);
    return e;
  }

  /**
   * {@return a copy for the user's email address (hashed by the server)}
   *
   * @param email the email
   */
  public Event email(String email) {
    Event e = copy();
    e.email = Validator.required("event.email", email);
    return e;
  }

  /**
   * {@return a copy with one more event property} Values may be strings, finite numbers, booleans,
   * null, lists and string-keyed maps of those.
   *
   * @param key the property name
   * @param value the value
   */
  public Event property(String key, @Nullable Object value) {
    Validator.required("event.properties key", key);
    Event e = copy();
    Map<String, @Nullable Object> p = new LinkedHashMap<>(properties);
    p.put(key, value);
    e.properties = Collections.unmodifiableMap(p);
    return e;
  }

  /**
   * {@return a copy with every entry of {@code properties} added to the event properties}
   *
   * @param properties the properties
   */
  public Event properties(Map<String, ?> properties) {
    Validator.required("event.properties", properties);
    Event e = copy();
    Map<String, @Nullable Object> p = new LinkedHashMap<>(this.properties);
    properties.forEach((k, v) -> p.put(Validator.required("event.properties key", k), v));
    e.properties = Collections.unmodifiableMap(p);
    return e;
  }

  /**
   * {@return a copy carrying these user properties (replacing any set before)}
   *
   * @param userProperties the user properties
   */
  public Event userProperties(UserProperties userProperties) {
    Event e = copy();
    e.userProperties = Validator.required("event.userProperties", userProperties);
    return e;
  }

  /**
   * {@return a copy carrying these default properties (replacing any set before)}
   *
   * @param defaultProperties the default properties
   */
  public Event defaultProperties(DefaultProperties defaultProperties) {
    Event e = copy();
    e.defaultProperties = Validator.required("event.defaultProperties", defaultProperties);
    return e;
  }

  /**
   * {@return a copy carrying the end user's IP and User-Agent}
   *
   * @param identityContext the identity context
   */
  public Event identityContext(IdentityContext identityContext) {
    Event e = copy();
    e.identityContext = Validator.required("event.identityContext", identityContext);
    return e;
  }

  /**
   * {@return a copy with this deduplication key (1–400 characters)} Set it when the event has a
   * natural unique id (an order number): the server then counts it once however often it is sent.
   *
   * @param distinctId the distinct id
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

  /** {@return the event name} */
  public String name() {
    return name;
  }

  /**
   * {@return when it happened, if set; otherwise the server (or the {@link Tracker}) uses "now"}
   */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  /** {@return the Ours user id, if set} */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** {@return the external id, if set} */
  public Optional<String> externalId() {
    return Optional.ofNullable(externalId);
  }

  /** {@return the email, if set} */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /** {@return the event properties; unmodifiable} */
  public Map<String, @Nullable Object> properties() {
    return properties;
  }

  /** {@return the user properties; empty when none were set} */
  public UserProperties userProperties() {
    return userProperties;
  }

  /** {@return the default properties; empty when none were set} */
  public DefaultProperties defaultProperties() {
    return defaultProperties;
  }

  /** {@return the end user's network context, if set} */
  public Optional<IdentityContext> identityContext() {
    return Optional.ofNullable(identityContext);
  }

  /**
   * The deduplication key. Every event the SDK hands back (from {@code track}, {@link BatchReport},
   * tracker {@link Outcome}s) has one: yours, or the UUID the client assigned.
   *
   * @return the deduplication key
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

  /**
   * {@return whether this event has a deduplication key (always true for events the SDK hands
   * back)}
   */
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

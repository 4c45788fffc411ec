package com.oursprivacy.sandbox;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One event the sandbox's ingest API accepted, as received (the token removed). Immutable.
 *
 * <p>Events sent with a source's test token are {@linkplain #test() test} events: stored, never
 * {@linkplain #dispatched() dispatched}. Events sent with its live token count as dispatched, i.e.
 * what the real API would have forwarded to destinations.
 */
public final class RecordedEvent {
  private static final Gson GSON = new Gson();

  private final String sourceId;
  private final String endpoint;
  private final boolean test;
  private final JsonObject row;

  RecordedEvent(String sourceId, String endpoint, boolean test, JsonObject row) {
    this.sourceId = sourceId;
    this.endpoint = endpoint;
    this.test = test;
    JsonObject copy = row.deepCopy();
    copy.remove("token");
    this.row = copy;
  }

  /** {@return the event name} */
  public String event() {
    return row.get("event").getAsString();
  }

  /**
   * {@return the deduplication key: the one the client sent, or one the sandbox assigned on {@code
   * /track}}
   */
  public String distinctId() {
    return row.get("distinctId").getAsString();
  }

  /** {@return the id of the source whose token was used} */
  public String sourceId() {
    return sourceId;
  }

  /** {@return {@code "track"} or {@code "batch"}: the endpoint that received it} */
  public String endpoint() {
    return endpoint;
  }

  /** {@return true when it was sent with a test token} */
  public boolean test() {
    return test;
  }

  /**
   * {@return true when the real API would have forwarded it to destinations (a live token); never
   * for test events}
   */
  public boolean dispatched() {
    return !test;
  }

  /** {@return {@code userId}, when sent} */
  public Optional<String> userId() {
    return string("userId");
  }

  /** {@return {@code externalId}, when sent} */
  public Optional<String> externalId() {
    return string("externalId");
  }

  /** {@return {@code email}, when sent} */
  public Optional<String> email() {
    return string("email");
  }

  /**
   * {@return {@code eventProperties} as plain Java values (numbers are {@code Double}); empty when
   * absent}
   */
  public Map<String, Object> properties() {
    if (!row.has("eventProperties") || !row.get("eventProperties").isJsonObject()) {
      return Collections.emptyMap();
    }
    Map<String, Object> m =
        GSON.fromJson(
            row.get("eventProperties"), new TypeToken<Map<String, Object>>() {}.getType());
    return Collections.unmodifiableMap(m);
  }

  /** {@return the received JSON without its {@code token}} */
  public String json() {
    return row.toString();
  }

  private Optional<String> string(String name) {
    return row.has(name) && row.get(name).isJsonPrimitive()
        ? Optional.of(row.get(name).getAsString())
        : Optional.empty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RecordedEvent
        && ((RecordedEvent) o).row.equals(row)
        && ((RecordedEvent) o).test == test
        && Objects.equals(((RecordedEvent) o).sourceId, sourceId)
        && ((RecordedEvent) o).endpoint.equals(endpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(row, test, sourceId, endpoint);
  }

  @Override
  public String toString() {
    return "RecordedEvent{"
        + event()
        + ", distinctId="
        + distinctId()
        + (test ? ", test" : ", dispatched")
        + "}";
  }
}

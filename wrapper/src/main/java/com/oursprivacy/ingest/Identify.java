package com.oursprivacy.ingest;

import java.util.Objects;

/**
 * An identify call: sets properties on a user's profile without firing an event. Immutable and
 * thread-safe; every method returns a new value.
 *
 * <pre>{@code
 * ingest.identify(Identify.user("u1").userProperties(UserProperties.builder().firstName("Ada").build()));
 * }</pre>
 */
public final class Identify {
  private final String userId;
  private final UserProperties userProperties;
  private final DefaultProperties defaultProperties;

  private Identify(
      String userId, UserProperties userProperties, DefaultProperties defaultProperties) {
    this.userId = userId;
    this.userProperties = userProperties;
    this.defaultProperties = defaultProperties;
  }

  /**
   * Identifies the user with this Ours user id (1–400 characters, checked when sent).
   *
   * @param userId the user id
   * @return a new identify call for that user
   * @throws NullPointerException if {@code userId} is null
   */
  public static Identify user(String userId) {
    return new Identify(
        Objects.requireNonNull(userId, "userId == null"),
        UserProperties.empty(),
        DefaultProperties.empty());
  }

  /**
   * {@return a copy with these user properties (the server merges them into the profile)}
   *
   * @param userProperties the user properties
   */
  public Identify userProperties(UserProperties userProperties) {
    return new Identify(
        userId,
        Objects.requireNonNull(userProperties, "userProperties == null"),
        defaultProperties);
  }

  /**
   * {@return a copy with these default properties}
   *
   * @param defaultProperties the default properties
   */
  public Identify defaultProperties(DefaultProperties defaultProperties) {
    return new Identify(
        userId,
        userProperties,
        Objects.requireNonNull(defaultProperties, "defaultProperties == null"));
  }

  /** {@return the Ours user id} */
  public String userId() {
    return userId;
  }

  /** {@return the user properties; empty when none were set} */
  public UserProperties userProperties() {
    return userProperties;
  }

  /** {@return the default properties; empty when none were set} */
  public DefaultProperties defaultProperties() {
    return defaultProperties;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identify
        && userId.equals(((Identify) o).userId)
        && userProperties.equals(((Identify) o).userProperties)
        && defaultProperties.equals(((Identify) o).defaultProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, userProperties, defaultProperties);
  }

  /** Property keys only (values are personal data). */
  @Override
  public String toString() {
    return "Identify{" + userProperties + ", " + defaultProperties + "}";
  }
}

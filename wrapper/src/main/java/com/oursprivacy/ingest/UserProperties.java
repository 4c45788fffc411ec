package com.oursprivacy.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Properties of the person behind an event or an identify call: the API's known keys ({@code
 * email}, {@code first_name}, … {@code ip}) plus free-form {@code custom_properties}. Immutable and
 * thread-safe; derive a changed copy with {@link #toBuilder()}.
 *
 * <pre>{@code
 * UserProperties p = UserProperties.builder().firstName("Ada").city("London").custom("plan", "pro").build();
 * }</pre>
 *
 * <p>The server merges: a key left unset keeps its stored value; custom properties are merged key
 * by key.
 */
public final class UserProperties {
  private static final UserProperties EMPTY = new Builder().build();

  private final Map<String, @Nullable Object> known;
  private final Map<String, @Nullable Object> custom;

  private UserProperties(Builder b) {
    this.known = Collections.unmodifiableMap(new LinkedHashMap<>(b.known));
    this.custom = Collections.unmodifiableMap(new LinkedHashMap<>(b.custom));
  }

  /** {@return no properties} */
  public static UserProperties empty() {
    return EMPTY;
  }

  /** {@return a new, empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this object's values} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.known.putAll(known);
    b.custom.putAll(custom);
    return b;
  }

  /**
   * {@return the known keys that are set, by their JSON name (e.g} {@code first_name});
   * unmodifiable.
   */
  public Map<String, @Nullable Object> known() {
    return known;
  }

  /** {@return the custom properties; unmodifiable} */
  public Map<String, @Nullable Object> custom() {
    return custom;
  }

  /** {@return true when nothing is set} */
  public boolean isEmpty() {
    return known.isEmpty() && custom.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserProperties
        && known.equals(((UserProperties) o).known)
        && custom.equals(((UserProperties) o).custom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(known, custom);
  }

  /** Lists the keys only: values are personal data and stay out of logs. */
  @Override
  public String toString() {
    return "UserProperties{known=" + known.keySet() + ", custom=" + custom.keySet() + "}";
  }

  /** Builds {@link UserProperties}. Not thread-safe. */
  public static final class Builder {
    private static final Map<String, Class<?>> KEYS =
        KnownKeys.of(com.oursprivacy.lowlevel.ingest.model.UserProperty.class);

    private final Map<String, @Nullable Object> known = new LinkedHashMap<>();
    private final Map<String, @Nullable Object> custom = new LinkedHashMap<>();

    private Builder() {}

    private Builder set(String key, Object value) {
      known.put(key, Objects.requireNonNull(value, key + " == null"));
      return this;
    }

    /**
     * {@code email}; the server hashes it.
     *
     * @param email the email
     * @return this builder
     */
    public Builder email(String email) {
      return set("email", email);
    }

    /**
     * {@code first_name}.
     *
     * @param firstName the first name
     * @return this builder
     */
    public Builder firstName(String firstName) {
      return set("first_name", firstName);
    }

    /**
     * {@code last_name}.
     *
     * @param lastName the last name
     * @return this builder
     */
    public Builder lastName(String lastName) {
      return set("last_name", lastName);
    }

    /**
     * {@code gender}.
     *
     * @param gender the gender
     * @return this builder
     */
    public Builder gender(String gender) {
      return set("gender", gender);
    }

    /**
     * {@code date_of_birth}, as text (e.g. {@code 1990-05-17}).
     *
     * @param dateOfBirth the date of birth
     * @return this builder
     */
    public Builder dateOfBirth(String dateOfBirth) {
      return set("date_of_birth", dateOfBirth);
    }

    /**
     * {@code phone_number}.
     *
     * @param phoneNumber the phone number
     * @return this builder
     */
    public Builder phoneNumber(String phoneNumber) {
      return set("phone_number", phoneNumber);
    }

    /**
     * {@code city}.
     *
     * @param city the city
     * @return this builder
     */
    public Builder city(String city) {
      return set("city", city);
    }

    /**
     * {@code state}.
     *
     * @param state the state
     * @return this builder
     */
    public Builder state(String state) {
      return set("state", state);
    }

    /**
     * {@code zip}.
     *
     * @param zip the zip
     * @return this builder
     */
    public Builder zip(String zip) {
      return set("zip", zip);
    }

    /**
     * {@code country}.
     *
     * @param country the country
     * @return this builder
     */
    public Builder country(String country) {
      return set("country", country);
    }

    /**
     * {@code external_id}: the user's id in your system.
     *
     * @param externalId the external id
     * @return this builder
     */
    public Builder externalId(String externalId) {
      return set("external_id", externalId);
    }

    /**
     * {@code company_name}.
     *
     * @param companyName the company name
     * @return this builder
     */
    public Builder companyName(String companyName) {
      return set("company_name", companyName);
    }

    /**
     * {@code job_title}.
     *
     * @param jobTitle the job title
     * @return this builder
     */
    public Builder jobTitle(String jobTitle) {
      return set("job_title", jobTitle);
    }

    /**
     * {@code ip}: the end user's IP address.
     *
     * @param ip the ip
     * @return this builder
     */
    public Builder ip(String ip) {
      return set("ip", ip);
    }

    /**
     * Clears a known property on the server by sending {@code "key": null} (the API clears a
     * top-level visitor property on null, while an unset key keeps its stored value). {@code key}
     * is the JSON name, e.g. {@code "city"} or {@code "first_name"}.
     *
     * @param key the property name
     * @return this builder
     * @throws com.oursprivacy.errors.OursValidationException if {@code key} is not a known user
     *     property: custom properties cannot be cleared, the API ignores null inside {@code
     *     custom_properties}
     */
    public Builder clear(String key) {
      Objects.requireNonNull(key, "key == null");
      if (!KEYS.containsKey(key) || key.equals("custom_properties")) {
        throw new com.oursprivacy.errors.OursValidationException(
            "userProperties." + key,
            "is not a known user property, so it cannot be cleared (known: "
                + String.join(", ", KEYS.keySet()).replace(", custom_properties", "")
                + ")");
      }
      known.put(key, null);
      return this;
    }

    /**
     * One custom property. Values may be strings, finite numbers, booleans, null, lists and
     * string-keyed maps of those (checked when sent).
     *
     * @param key the property name
     * @param value the value
     * @return this builder
     */
    public Builder custom(String key, @Nullable Object value) {
      custom.put(Objects.requireNonNull(key, "key == null"), value);
      return this;
    }

    /**
     * Adds every entry of {@code properties} as a custom property.
     *
     * @param properties the properties
     * @return this builder
     */
    public Builder customProperties(Map<String, ?> properties) {
      Objects.requireNonNull(properties, "properties == null").forEach(this::custom);
      return this;
    }

    /** {@return an immutable snapshot of this builder} */
    public UserProperties build() {
      return new UserProperties(this);
    }
  }
}

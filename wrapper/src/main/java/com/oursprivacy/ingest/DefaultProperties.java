package com.oursprivacy.ingest;

import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.lowlevel.ingest.model.DefaultProperty;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The API's known "default" properties (page, device, campaign and click-id context such as {@code
 * utm_source}, {@code gclid}, {@code fbp}, {@code current_url}) passed on to destinations. Only
 * keys the spec defines are accepted, each with its JSON type. Immutable and thread-safe.
 *
 * <pre>{@code
 * DefaultProperties d = DefaultProperties.builder().property("utm_source", "newsletter").property("gclid", "abc").build();
 * }</pre>
 */
public final class DefaultProperties {
  private static final Map<String, Class<?>> KEYS = KnownKeys.of(DefaultProperty.class);
  private static final DefaultProperties EMPTY = new Builder().build();

  private final Map<String, Object> values;

  private DefaultProperties(Builder b) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
  }

  /** {@return no properties} */
  public static DefaultProperties empty() {
    return EMPTY;
  }

  /** {@return a new, empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this object's values} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(values);
    return b;
  }

  /** {@return the keys the API defines (from the spec), e.g} {@code utm_source}; unmodifiable. */
  public static Set<String> knownKeys() {
    return KEYS.keySet();
  }

  /** {@return the properties that are set, by JSON name; unmodifiable} */
  public Map<String, Object> asMap() {
    return values;
  }

  /** {@return true when nothing is set} */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DefaultProperties && values.equals(((DefaultProperties) o).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** Lists the keys only (values may identify a person). */
  @Override
  public String toString() {
    return "DefaultProperties" + values.keySet();
  }

  /** Builds {@link DefaultProperties}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets one known property.
     *
     * @return this builder
     * @param key a key of {@link #knownKeys()}, e.g. {@code utm_source}
     * @param value a String, Boolean or Number as the spec types the key
     * @throws com.oursprivacy.errors.OursValidationException naming {@code defaultProperties.key}
     *     if the key is unknown, the value null or of a type that does not match
     */
    public Builder property(String key, Object value) {
      Validator.required("defaultProperties key", key);
      Validator.required("defaultProperties." + key, value);
      Class<?> type = KEYS.get(key);
      if (type == null) {
        throw new OursValidationException(
            "defaultProperties." + key,
            "not a known default property; see DefaultProperties.knownKeys()");
      }
      boolean ok =
          type == BigDecimal.class
              ? value instanceof Number
              : type == Object.class || type.isInstance(value);
      if (!ok) {
        throw new OursValidationException(
            "defaultProperties." + key,
            "must be a "
                + (type == BigDecimal.class ? "Number" : type.getSimpleName())
                + ", was "
                + value.getClass().getSimpleName());
      }
      values.put(key, value);
      return this;
    }

    /** {@return an immutable snapshot of this builder} */
    public DefaultProperties build() {
      return new DefaultProperties(this);
    }
  }
}

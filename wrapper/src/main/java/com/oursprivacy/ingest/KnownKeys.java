package com.oursprivacy.ingest;

import com.oursprivacy.internal.JsonFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON keys, and their Java types, of a generated model: read from the generated class so the
 * list of known user and default properties follows the spec without being typed twice.
 */
final class KnownKeys {
  private KnownKeys() {}

  /** JSON name → field type (String, Boolean, BigDecimal, Object, Map) in declaration order. */
  static Map<String, Class<?>> of(Class<?> generatedModel) {
    Map<String, Class<?>> keys = new LinkedHashMap<>();
    JsonFields.of(generatedModel).forEach((name, field) -> keys.put(name, field.getType()));
    return Collections.unmodifiableMap(keys);
  }
}

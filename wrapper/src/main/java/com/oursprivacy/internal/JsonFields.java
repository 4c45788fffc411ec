package com.oursprivacy.internal;

import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instance fields of a generated model by their JSON names (Gson's {@link SerializedName}): the
 * one place that reads those annotations, for the ingest property lists, the list envelope and the
 * tests. Not API: the {@code internal} package carries no compatibility promise.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * JSON name → field of {@code model}, in declaration order; static fields and fields without
   * {@code @SerializedName} are left out. The fields are returned as declared (not made
   * accessible): a caller that reads or writes one calls {@link Field#setAccessible} itself.
   *
   * @param model a generated model class
   * @return an unmodifiable map, empty when the class has no annotated field
   */
  public static Map<String, Field> of(Class<?> model) {
    Map<String, Field> fields = new LinkedHashMap<>();
    for (Field f : model.getDeclaredFields()) {
      SerializedName name = f.getAnnotation(SerializedName.class);
      if (name != null && !Modifier.isStatic(f.getModifiers())) {
        fields.put(name.value(), f);
      }
    }
    return Collections.unmodifiableMap(fields);
  }
}

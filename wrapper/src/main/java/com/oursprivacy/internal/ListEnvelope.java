package com.oursprivacy.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two response shapes the API is documented with, reconciled. The spec returns lists as
 * {@code {"entities": [...], "pagination": {...}}}; the docs' overview wraps every response in
 * {@code {"data": ...}} and shows a list as {@code {"data": [...]}}. For a target type that holds
 * an {@code entities} list, a {@code data} array (bare or beside {@code pagination}) becomes its
 * {@code entities}; any other single-member {@code {"data": x}} becomes {@code x}.
 */
final class ListEnvelope {
  private static final Map<Type, Boolean> HAS_ENTITIES = new ConcurrentHashMap<>();

  private ListEnvelope() {}

  static JsonElement adapt(JsonElement element, Type type) {
    if (element.isJsonObject()) {
      JsonObject o = element.getAsJsonObject();
      JsonElement data = o.get("data");
      if (data != null && data.isJsonArray() && !o.has("entities") && holdsEntities(type)) {
        JsonObject out = new JsonObject();
        out.add("entities", data);
        o.entrySet().stream().filter(e -> !e.getKey().equals("data")).forEach(e -> out.add(e.getKey(), e.getValue()));
        return out;
      }
    }
    JsonElement unwrapped = ResponseParser.unwrap(element);
    if (unwrapped.isJsonArray() && holdsEntities(type)) {
      JsonObject out = new JsonObject();
      out.add("entities", (JsonArray) unwrapped);
      return out;
    }
    return unwrapped;
  }

  /** Whether {@code type} is a model class with a JSON property named {@code entities}. */
  private static boolean holdsEntities(Type type) {
    if (!(type instanceof Class)) {
      return false;
    }
    return HAS_ENTITIES.computeIfAbsent(type, t -> {
      for (Field f : ((Class<?>) t).getDeclaredFields()) {
        SerializedName n = f.getAnnotation(SerializedName.class);
        if (n != null && n.value().equals("entities")) {
          return true;
        }
      }
      return false;
    });
  }
}

package com.oursprivacy.internal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two response shapes the API is documented with, reconciled. The spec returns lists as {@code
 * {"entities": [...], "pagination": {...}}}; the docs' overview wraps every response in {@code
 * {"data": ...}} and shows a list as {@code {"data": [...]}}. For a target type that holds an
 * {@code entities} list, a {@code data} array (bare or beside {@code pagination}) becomes its
 * {@code entities}; any other single-member {@code {"data": x}} becomes {@code x}.
 */
final class ListEnvelope {
  private static final Map<Type, Optional<Field>> ENTITIES = new ConcurrentHashMap<>();

  private ListEnvelope() {}

  static JsonElement adapt(JsonElement element, Type type) {
    if (element.isJsonObject()) {
      JsonObject o = element.getAsJsonObject();
      JsonElement data = o.get("data");
      if (data != null && data.isJsonArray() && !o.has("entities") && holdsEntities(type)) {
        JsonObject out = new JsonObject();
        out.add("entities", data);
        o.entrySet().stream()
            .filter(e -> !e.getKey().equals("data"))
            .forEach(e -> out.add(e.getKey(), e.getValue()));
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
    return entitiesField(type) != null;
  }

  /** The field behind {@code type}'s JSON property {@code entities}, or null when it has none. */
  static Field entitiesField(Type type) {
    if (!(type instanceof Class)) {
      return null;
    }
    return ENTITIES
        .computeIfAbsent(
            type,
            t -> {
              Field f = JsonFields.of((Class<?>) t).get("entities");
              if (f != null) {
                f.setAccessible(true);
              }
              return Optional.ofNullable(f);
            })
        .orElse(null);
  }

  /**
   * A {@code type} made from the small members of a list response ({@code pagination}, …) with its
   * {@code entities} set to {@code items}, which were streamed straight into their list type.
   */
  static Object withEntities(Gson gson, Type type, JsonObject rest, Field entities, Object items) {
    Object value = gson.fromJson(rest, type);
    try {
      entities.set(value, items);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set " + entities, e);
    }
    return value;
  }
}

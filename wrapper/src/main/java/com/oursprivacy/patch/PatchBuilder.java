package com.oursprivacy.patch;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.internal.SdkGson;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Base of the generated {@code …Update}/{@code …Replace} builders: records, per field, one of three
 * states and renders exactly that as the request body.
 *
 * <ul>
 *   <li><b>set</b> ({@link #set}, {@link #setField}): the value is sent;
 *   <li><b>cleared</b> ({@link #clear}, {@link #clearField}): JSON {@code null} is sent, allowed
 *       only for fields the spec marks nullable, and rejected when called, before any request;
 *   <li><b>left alone</b> (never touched, or {@link #unset}): the field is omitted, so the server
 *       keeps its value.
 * </ul>
 *
 * <p>Patch-only maps (destination {@code settings}) take entries one key at a time with {@link
 * #putEntry} and {@link #clearEntry}; keys not mentioned are omitted and stay unchanged. A later
 * {@link #set}, {@link #clear} or {@link #unset} of the map field discards its entries; entries put
 * after a whole-object {@link #set} are merged into that object.
 *
 * <p>Values are converted to JSON once, when set, with one shared {@code Gson} (or the one passed
 * to the constructor), so later changes to a mutable value passed in are not seen. Builders are
 * mutable and not thread-safe; {@link #toJson()} returns a fresh copy each time.
 *
 * @param <B> the concrete builder, returned by every mutator for chaining
 */
public abstract class PatchBuilder<B extends PatchBuilder<B>> {
  private final String operation;
  private final Set<String> fields;
  private final Set<String> nullableFields;
  private final Gson gson;

  /** Field → its value (JsonNull when cleared); insertion order is the body's order. */
  private final Map<String, JsonElement> values = new LinkedHashMap<>();

  /** Fields whose value is a map of single entries rather than a whole object. */
  private final Set<String> entryMaps = new HashSet<>();

  private JsonObject base;

  /**
   * @param operation the operation's name for error messages, e.g. {@code destinations.update}
   * @param fields every body field the operation accepts
   * @param nullableFields the fields the spec marks nullable; a subset of {@code fields}
   * @throws IllegalArgumentException if a nullable field is not in {@code fields}
   */
  protected PatchBuilder(String operation, Set<String> fields, Set<String> nullableFields) {
    this(operation, fields, nullableFields, SdkGson.get());
  }

  /**
   * Same as {@link #PatchBuilder(String, Set, Set)}, converting values with {@code gson} (for
   * models that need the generated client's type adapters).
   *
   * @param operation the operation
   * @param fields the fields
   * @param nullableFields the nullable fields
   * @param gson the gson
   */
  protected PatchBuilder(
      String operation, Set<String> fields, Set<String> nullableFields, Gson gson) {
    this.operation = Objects.requireNonNull(operation, "operation == null");
    this.fields =
        Collections.unmodifiableSet(
            new HashSet<>(Objects.requireNonNull(fields, "fields == null")));
    this.nullableFields =
        Collections.unmodifiableSet(
            new HashSet<>(Objects.requireNonNull(nullableFields, "nullableFields == null")));
    this.gson = Objects.requireNonNull(gson, "gson == null");
    if (!this.fields.containsAll(this.nullableFields)) {
      Set<String> extra = new TreeSet<>(this.nullableFields);
      extra.removeAll(this.fields);
      throw new IllegalArgumentException(operation + ": nullable fields not in fields: " + extra);
    }
  }

  /** {@return {@code this} as the concrete builder type} */
  protected abstract B self();

  /**
   * Sets {@code field} to {@code value}; the value is sent.
   *
   * @param field the field name, as in the API
   * @param value the value
   * @return this builder
   * @throws OursValidationException if the field is unknown, the value is null (null means "clear",
   *     which is {@link #clear}) or the value cannot be JSON (for example NaN)
   */
  protected final B set(String field, Object value) {
    known(field);
    if (value == null) {
      throw new OursValidationException(
          path(field),
          nullableFields.contains(field)
              ? "must not be null; use clear" + capitalize(field) + "() to send null"
              : "must not be null; " + field + " is not nullable, so leave it unset to keep it");
    }
    values.put(field, PatchValues.toTree(gson, path(field), value));
    entryMaps.remove(field);
    return self();
  }

  /**
   * Clears {@code field}: JSON {@code null} is sent.
   *
   * @param field the field name, as in the API
   * @return this builder
   * @throws OursValidationException if the field is unknown or the spec does not mark it nullable
   */
  protected final B clear(String field) {
    known(field);
    if (!nullableFields.contains(field)) {
      throw new OursValidationException(
          path(field),
          "is not nullable in the API spec, so it cannot be cleared; omit it to leave it"
              + " unchanged");
    }
    values.put(field, JsonNull.INSTANCE);
    entryMaps.remove(field);
    return self();
  }

  /**
   * Public, by-name form of {@link #clear} for fields the generated builder has no method for yet.
   *
   * @param field the field name, as in the API
   * @return public, by-name form of {@link #clear} for fields the generated builder has no method
   *     for yet
   * @throws OursValidationException if the field is unknown or not nullable
   */
  public final B clearField(String field) {
    return clear(field);
  }

  /**
   * Public, by-name form of {@link #set}.
   *
   * @param field the field name, as in the API
   * @param value the value
   * @return public, by-name form of {@link #set}
   * @throws OursValidationException if the field is unknown, the value is null (use {@link
   *     #clearField}) or the value cannot be JSON
   */
  public final B setField(String field, Object value) {
    return set(field, value);
  }

  /**
   * Sets one key of the patch-only map {@code mapField}; other keys are omitted and stay unchanged
   * on the server.
   *
   * @param mapField the map field
   * @param key the property name
   * @param value the value
   * @return this builder
   * @throws OursValidationException if the field is unknown, {@code key} or {@code value} is null
   *     (use {@link #clearEntry} to send null) or the value cannot be JSON
   * @throws IllegalStateException if the field was cleared or set to something that is not an
   *     object
   */
  protected final B putEntry(String mapField, String key, Object value) {
    known(mapField);
    requireKey(mapField, key);
    if (value == null) {
      throw new OursValidationException(
          path(mapField) + "." + key,
          "must not be null; use clearEntry(\""
              + mapField
              + "\", \""
              + key
              + "\") to send null for one key");
    }
    return entry(mapField, key, PatchValues.toTree(gson, path(mapField) + "." + key, value));
  }

  /**
   * Clears one key of the patch-only map {@code mapField}: {@code "key": null} is sent inside the
   * map, other keys are omitted. The map field itself need not be nullable.
   *
   * @param mapField the map field
   * @param key the property name
   * @return this builder
   * @throws OursValidationException if the field is unknown or {@code key} is null
   * @throws IllegalStateException if the field was cleared or set to something that is not an
   *     object
   */
  protected final B clearEntry(String mapField, String key) {
    known(mapField);
    requireKey(mapField, key);
    return entry(mapField, key, JsonNull.INSTANCE);
  }

  /**
   * Returns {@code field} to "leave alone": it is omitted from the body, whatever was set, cleared
   * or put before.
   *
   * @param field the returns {@code field} to "leave alone"
   * @return this builder
   * @throws OursValidationException if the field is unknown
   */
  public final B unset(String field) {
    known(field);
    values.remove(field);
    entryMaps.remove(field);
    return self();
  }

  /**
   * Loads a body as built before (set values and explicit nulls alike), for {@code toBuilder()}:
   * every member becomes a set (or cleared) field, so {@link #toJson()} returns the same body.
   *
   * @param body a body this operation's builder produced
   * @return this builder
   * @throws NullPointerException if {@code body} is null
   * @throws OursValidationException if a member is not a field of this operation
   */
  protected final B restore(JsonObject body) {
    for (Map.Entry<String, JsonElement> e :
        Objects.requireNonNull(body, "body == null").entrySet()) {
      known(e.getKey());
      values.put(e.getKey(), e.getValue().deepCopy());
      entryMaps.remove(e.getKey());
    }
    return self();
  }

  /**
   * Starts a GET → PATCH round trip from the entity as retrieved: a field (or map entry) whose
   * value equals the base's is omitted from {@link #toJson()}, so only real changes are sent.
   * Fields the base lacks are always sent. Replaces an earlier base; {@code current} is copied.
   *
   * @param current the entity as retrieved (a GET's JSON)
   * @return this builder
   * @throws NullPointerException if {@code current} is null
   */
  protected final B base(JsonObject current) {
    this.base = Objects.requireNonNull(current, "current == null").deepCopy();
    return self();
  }

  /**
   * {@return the request body: set fields with their value, cleared fields as {@code JsonNull}, map
   * entries merged into one object per map field, everything else omitted (and, with a {@link
   * #base}, whatever equals it)} A fresh copy on every call; serialize it with {@link
   * PatchJson#write}, not a default {@code Gson}, or the nulls are lost.
   */
  public final JsonObject toJson() {
    JsonObject body = new JsonObject();
    for (Map.Entry<String, JsonElement> e : values.entrySet()) {
      String field = e.getKey();
      JsonElement current = base == null ? null : base.get(field);
      if (entryMaps.contains(field)) {
        JsonObject changed = changedEntries(e.getValue().getAsJsonObject(), current);
        if (changed.size() > 0) {
          body.add(field, changed);
        }
      } else if (!e.getValue().equals(current)) {
        body.add(field, e.getValue().deepCopy());
      }
    }
    return body;
  }

  private static JsonObject changedEntries(JsonObject entries, JsonElement current) {
    JsonObject baseMap =
        current != null && current.isJsonObject() ? current.getAsJsonObject() : null;
    JsonObject out = new JsonObject();
    for (Map.Entry<String, JsonElement> entry : entries.entrySet()) {
      JsonElement was = baseMap == null ? null : baseMap.get(entry.getKey());
      if (!entry.getValue().equals(was)) {
        out.add(entry.getKey(), entry.getValue().deepCopy());
      }
    }
    return out;
  }

  private B entry(String mapField, String key, JsonElement value) {
    JsonElement map = values.get(mapField);
    if (map == null) {
      map = new JsonObject();
      values.put(mapField, map);
      entryMaps.add(mapField);
    } else if (!map.isJsonObject()) {
      throw new IllegalStateException(
          path(mapField)
              + " was "
              + (map.isJsonNull() ? "cleared" : "set to a non-object value")
              + "; unset(\""
              + mapField
              + "\") it before putting or clearing single keys");
    }
    map.getAsJsonObject().add(key, value);
    return self();
  }

  private void known(String field) {
    Objects.requireNonNull(field, "field == null");
    if (!fields.contains(field)) {
      throw new OursValidationException(
          path(field),
          "is not a field of " + operation + "; known fields: " + new TreeSet<>(fields));
    }
  }

  private void requireKey(String mapField, String key) {
    if (key == null) {
      throw new OursValidationException(path(mapField), "a key must not be null");
    }
  }

  private String path(String field) {
    return operation + "." + field;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}

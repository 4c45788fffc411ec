package com.oursprivacy.patch;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.oursprivacy.errors.OursValidationException;
import java.util.Map;

/** Converts patch values to JSON trees and rejects what JSON cannot carry. */
final class PatchValues {
  private PatchValues() {}

  /**
   * @param path the field's path for error messages, e.g. {@code destinations.update.name}
   * @throws OursValidationException if Gson cannot convert the value or it holds NaN/Infinity
   */
  static JsonElement toTree(Gson gson, String path, Object value) {
    JsonElement tree;
    try {
      tree = convert(gson, value);
    } catch (JsonParseException | IllegalArgumentException e) {
      // JsonIOException (a JsonParseException): reflection refused; IllegalArgumentException:
      // how Gson reports NaN/Infinity in a Double or Float. Gson's own message (reflection
      // details, a troubleshooting link) stays on the cause, out of the message.
      OursValidationException v =
          new OursValidationException(
              path,
              "a value of type "
                  + value.getClass().getName()
                  + " cannot be converted to JSON; use a String, Number, Boolean, null, or a"
                  + " List or String-keyed Map of those");
      v.initCause(e);
      throw v;
    }
    checkFinite(path, tree);
    return tree;
  }

  /**
   * The value as JSON, nulls kept where the caller put them: JSON trees (a nested request's body
   * with its cleared fields), maps and lists are walked here, because {@code Gson.toJsonTree} drops
   * a {@code null} member unless the whole Gson serializes nulls, which would also add a {@code
   * null} for every unset property of a model object. Anything else goes to {@code gson}.
   */
  private static JsonElement convert(Gson gson, Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof JsonElement) {
      return ((JsonElement) value).deepCopy();
    }
    if (value instanceof Map) {
      JsonObject out = new JsonObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (e.getKey() == null) {
          throw new IllegalArgumentException("a map key is null");
        }
        out.add(String.valueOf(e.getKey()), convert(gson, e.getValue()));
      }
      return out;
    }
    if (value instanceof Iterable) {
      JsonArray out = new JsonArray();
      for (Object element : (Iterable<?>) value) {
        out.add(convert(gson, element));
      }
      return out;
    }
    if (value instanceof Object[]) {
      JsonArray out = new JsonArray();
      for (Object element : (Object[]) value) {
        out.add(convert(gson, element));
      }
      return out;
    }
    return gson.toJsonTree(value);
  }

  /** Gson's tree writer is lenient, so a JsonPrimitive(NaN) passed in gets through: walk it. */
  private static void checkFinite(String path, JsonElement tree) {
    if (tree == null || tree instanceof JsonNull) {
      return;
    }
    if (tree.isJsonPrimitive()) {
      JsonPrimitive p = tree.getAsJsonPrimitive();
      if (p.isNumber() && !isFinite(p.getAsNumber())) {
        throw new OursValidationException(
            path, "must be a finite number, but was " + p.getAsNumber() + "; JSON cannot carry it");
      }
    } else if (tree.isJsonArray()) {
      for (JsonElement e : tree.getAsJsonArray()) {
        checkFinite(path, e);
      }
    } else {
      for (Map.Entry<String, JsonElement> e : tree.getAsJsonObject().entrySet()) {
        checkFinite(path + "." + e.getKey(), e.getValue());
      }
    }
  }

  private static boolean isFinite(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return !Double.isNaN(d) && !Double.isInfinite(d);
    }
    // BigDecimal 1e400 is valid JSON even though its doubleValue() is infinite: look at the text.
    String s = n.toString();
    return !s.equals("NaN") && !s.endsWith("Infinity");
  }
}

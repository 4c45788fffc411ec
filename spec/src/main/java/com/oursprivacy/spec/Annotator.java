package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code x-ours-*} hints on each operation of a normalized spec, so the layers above
 * (facade, sandbox, tests) read them instead of re-deriving them:
 *
 * <ul>
 *   <li>{@code x-ours-resource} ({@code tag_manager_tags}), {@code x-ours-verb} ({@code list});
 *   <li>{@code x-ours-body-type} and {@code x-ours-response-type}: component names, or the JSON
 *       type for a primitive result ({@code boolean} for deletes);
 *   <li>{@code x-ours-pagination}: {@code cursor} (query {@code cursor}, response {@code
 *       pagination.nextCursor}), {@code offset} (query {@code offset}, response {@code hasMore}),
 *       or {@code none} (an {@code entities} array without paging); absent when the operation is
 *       not a list;
 *   <li>{@code x-ours-items}: the array properties holding the items, and {@code x-ours-item-type}
 *       the component name of the first one;
 *   <li>{@code x-ours-page-size}: {@code {param, default, max}} read from the {@code limit}
 *       parameter's description ("Defaults to 25 … clamped to 100"), absent when it says none.
 * </ul>
 */
final class Annotator {
  private static final Pattern DEFAULTS = Pattern.compile("[Dd]efaults? to (\\d+)");
  private static final Pattern CLAMP =
      Pattern.compile(
          "(?:above|greater than|more than) (\\d+)[^.;]*?clamped to (\\d+)|[Mm]ax(?:imum)?(?: of| is)? (\\d+)");

  private Annotator() {}

  static void annotate(JsonObject spec) {
    JsonObject schemas = Json.obj(Json.obj(spec, "components"), "schemas");
    for (Operation op : Operation.all(spec)) {
      JsonObject n = op.node;
      n.addProperty("x-ours-resource", op.resource);
      n.addProperty("x-ours-verb", op.verb);
      JsonObject body = op.requestSchema();
      if (body != null) {
        n.addProperty("x-ours-body-type", typeName(body));
      }
      String ok = op.successStatus();
      JsonObject result = ok == null ? null : op.responseSchema(ok);
      if (result != null) {
        n.addProperty("x-ours-response-type", typeName(result));
      }
      paging(op, resolve(result, schemas), schemas);
    }
  }

  private static void paging(Operation op, JsonObject result, JsonObject schemas) {
    if (result == null || !"get".equals(op.method)) {
      return;
    }
    List<String> params = new ArrayList<>();
    JsonObject limit = null;
    JsonArray ps = Json.arr(op.node, "parameters");
    if (ps != null) {
      for (JsonElement p : ps) {
        if (p.isJsonObject() && "query".equals(Json.str(p.getAsJsonObject(), "in"))) {
          String name = Json.str(p.getAsJsonObject(), "name");
          params.add(name);
          if ("limit".equals(name)) {
            limit = p.getAsJsonObject();
          }
        }
      }
    }
    JsonObject props = Json.obj(result, "properties");
    if (props == null) {
      return;
    }
    JsonObject pagination = resolve(Json.obj(props, "pagination"), schemas);
    List<String> arrays = new ArrayList<>();
    for (Map.Entry<String, JsonElement> p : props.entrySet()) {
      if (p.getValue().isJsonObject()
          && "array".equals(Json.str(p.getValue().getAsJsonObject(), "type"))) {
        arrays.add(p.getKey());
      }
    }
    String style;
    List<String> items;
    if (params.contains("cursor")
        && pagination != null
        && Json.obj(Json.obj(pagination, "properties"), "nextCursor") != null
        && props.has("entities")) {
      style = "cursor";
      items = List.of("entities");
    } else if (params.contains("offset") && props.has("hasMore") && !arrays.isEmpty()) {
      style = "offset";
      items = arrays;
    } else if (props.has("entities") && arrays.contains("entities")) {
      style = "none";
      items = List.of("entities");
    } else {
      return;
    }
    JsonObject n = op.node;
    n.addProperty("x-ours-pagination", style);
    JsonArray itemsJson = new JsonArray();
    items.forEach(itemsJson::add);
    n.add("x-ours-items", itemsJson);
    JsonObject itemSchema = Json.obj(Json.obj(props, items.get(0)), "items");
    if (itemSchema != null) {
      n.addProperty("x-ours-item-type", typeName(itemSchema));
    }
    if (limit != null) {
      JsonObject size = pageSize(limit);
      if (size != null) {
        n.add("x-ours-page-size", size);
      }
    }
  }

  static JsonObject pageSize(JsonObject limitParam) {
    String text = Json.str(limitParam, "description");
    JsonObject schema = Json.obj(limitParam, "schema");
    if (text == null) {
      text = Json.str(schema, "description");
    }
    JsonObject out = new JsonObject();
    out.addProperty("param", "limit");
    if (text != null) {
      Matcher d = DEFAULTS.matcher(text);
      if (d.find()) {
        out.addProperty("default", Integer.parseInt(d.group(1)));
      }
      Matcher c = CLAMP.matcher(text);
      while (c.find()) {
        String v = c.group(2) != null ? c.group(2) : c.group(3);
        out.addProperty("max", Integer.parseInt(v));
      }
    }
    if (schema != null && schema.has("maximum") && !out.has("max")) {
      out.addProperty("max", schema.get("maximum").getAsInt());
    }
    return out.size() > 1 ? out : null;
  }

  private static JsonObject resolve(JsonObject s, JsonObject schemas) {
    String ref = Json.str(s, "$ref");
    if (ref != null && ref.startsWith(Normalizer.REF_PREFIX) && schemas != null) {
      return Json.obj(schemas, ref.substring(Normalizer.REF_PREFIX.length()));
    }
    return s;
  }

  /** A component name for a $ref, else the JSON type ({@code boolean}, {@code array}, …). */
  static String typeName(JsonObject s) {
    String ref = Json.str(s, "$ref");
    if (ref != null) {
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    String type = Json.str(s, "type");
    return type == null ? "any" : type;
  }
}

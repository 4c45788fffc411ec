package com.oursprivacy.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The platform API's behaviour, by verb: every resource the spec annotates with {@code
 * x-ours-resource} gets a store; list/create/retrieve/update/replace/delete act on it, other
 * operations answer a minimal valid body of their response schema.
 */
final class PlatformApi {
  private final Spec spec;
  private final Shapes shapes;
  private final Cursors cursors = new Cursors();
  private final Store store;
  private final Clock clock;

  PlatformApi(Spec spec, Store store, Clock clock) {
    this.spec = spec;
    this.shapes = new Shapes(spec);
    this.store = store;
    this.clock = clock;
  }

  Reply handle(Operation op, Map<String, String> pathParams, Request req) {
    String resource = op.resource();
    String id = pathParams.get("id");
    String verb = op.verb() == null ? "" : op.verb();
    JsonObject body =
        req.json != null && req.json.isJsonObject() ? req.json.getAsJsonObject() : new JsonObject();
    JsonObject existing = id == null ? null : store.get(resource, id);
    if (id != null && existing == null && store.isStored(resource)) {
      return Reply.error(404, singular(resource) + " '" + id + "' not found");
    }
    if ("sources".equals(resource) && "tokens".equals(verb)) {
      return Reply.ok(shapes.render(op.responseSchema(), store.tokensOf(existing)));
    }
    switch (verb) {
      case "list":
        return list(op, req);
      case "create":
        return Reply.ok(shapes.render(op.responseSchema(), create(op, body)));
      case "retrieve":
        return Reply.ok(shapes.render(op.responseSchema(), existing));
      case "update":
        return Reply.ok(
            shapes.render(op.responseSchema(), store.put(resource, id, patch(op, existing, body))));
      case "replace":
        return Reply.ok(
            shapes.render(
                op.responseSchema(), store.put(resource, id, replace(op, existing, body))));
      case "delete":
        store.remove(resource, id);
        return Reply.ok(deleted(op, existing));
      default:
        if ("offset".equals(op.pagination())) {
          return offsetPage(op, req);
        }
        return Reply.ok(
            shapes.render(op.responseSchema(), existing == null ? new JsonObject() : existing));
    }
  }

  private JsonObject create(Operation op, JsonObject body) {
    JsonObject item = itemSchema(op);
    JsonObject e = new JsonObject();
    for (Map.Entry<String, JsonElement> f : body.entrySet()) {
      if (!readOnly(item, f.getKey())) {
        e.add(f.getKey(), f.getValue().deepCopy());
      }
    }
    String now = clock.instant().toString();
    e.addProperty("id", UUID.randomUUID().toString());
    e.addProperty("createdAt", now);
    e.addProperty("updatedAt", now);
    JsonElement complete = shapes.render(item, e);
    for (Map.Entry<String, JsonElement> f : complete.getAsJsonObject().entrySet()) {
      if (!e.has(f.getKey())) {
        e.add(f.getKey(), f.getValue());
      }
    }
    return store.create(op.resource(), e);
  }

  /** PATCH: omitted unchanged, null clears, read-only ignored, free-form maps merged key by key. */
  private JsonObject patch(Operation op, JsonObject current, JsonObject body) {
    JsonObject next = current.deepCopy();
    JsonObject bodySchema = op.bodySchema();
    for (Map.Entry<String, JsonElement> f : body.entrySet()) {
      String name = f.getKey();
      if (readOnly(bodySchema, name) || readOnly(itemSchema(op), name)) {
        continue;
      }
      JsonElement value = f.getValue();
      if (value.isJsonObject()
          && freeForm(bodySchema, name)
          && next.has(name)
          && next.get(name).isJsonObject()) {
        JsonObject merged = next.getAsJsonObject(name);
        for (Map.Entry<String, JsonElement> k : value.getAsJsonObject().entrySet()) {
          if (k.getValue().isJsonNull()) {
            merged.remove(k.getKey());
          } else {
            merged.add(k.getKey(), k.getValue().deepCopy());
          }
        }
      } else {
        next.add(name, value.isJsonNull() ? JsonNull.INSTANCE : value.deepCopy());
      }
    }
    next.addProperty("updatedAt", clock.instant().toString());
    return next;
  }

  /** PUT: every writable field comes from the body; id and createdAt stay. */
  private JsonObject replace(Operation op, JsonObject current, JsonObject body) {
    JsonObject next = new JsonObject();
    for (String keep : new String[] {"id", "createdAt"}) {
      if (current.has(keep)) {
        next.add(keep, current.get(keep));
      }
    }
    JsonObject item = itemSchema(op);
    for (Map.Entry<String, JsonElement> f : body.entrySet()) {
      if (!readOnly(item, f.getKey()) && !next.has(f.getKey())) {
        next.add(f.getKey(), f.getValue().deepCopy());
      }
    }
    next.addProperty("updatedAt", clock.instant().toString());
    JsonElement complete = shapes.render(item, next);
    return complete.isJsonObject() ? complete.getAsJsonObject() : next;
  }

  private JsonElement deleted(Operation op, JsonObject existing) {
    JsonObject s = op.responseSchema();
    if ("boolean".equals(s.has("type") ? s.get("type").getAsString() : "")) {
      return new JsonPrimitive(true);
    }
    JsonObject data = existing == null ? new JsonObject() : existing.deepCopy();
    data.addProperty("deleted", true);
    data.addProperty("success", true);
    return shapes.render(s, data);
  }

  private Reply list(Operation op, Request req) {
    List<JsonObject> all = filter(store.all(op.resource()), req, itemSchema(op));
    JsonObject response = new JsonObject();
    JsonArray entities = new JsonArray();
    String itemType = op.ext("x-ours-item-type");
    JsonObject item = itemType == null ? new JsonObject() : spec.schema(itemType);
    int from = 0;
    int to = all.size();
    if ("cursor".equals(op.pagination())) {
      int limit = limit(op, req);
      if (req.query.containsKey("cursor") && !req.query.get("cursor").isEmpty()) {
        try {
          from = Math.min(cursors.decode(req.query.get("cursor")), all.size());
        } catch (IllegalArgumentException e) {
          return Reply.error(400, e.getMessage());
        }
      }
      to = Math.min(all.size(), from + limit);
      JsonObject pagination = new JsonObject();
      boolean more = to < all.size();
      pagination.add(
          "nextCursor", more ? new JsonPrimitive(cursors.encode(to)) : JsonNull.INSTANCE);
      pagination.addProperty("hasMore", more);
      response.add("pagination", pagination);
    }
    for (JsonObject e : all.subList(from, to)) {
      entities.add(shapes.render(item, e));
    }
    response.add(op.itemsKey(), entities);
    return Reply.ok(shapes.render(op.responseSchema(), response));
  }

  /** Offset lists page sub-collections the sandbox does not model: always an empty last page. */
  private Reply offsetPage(Operation op, Request req) {
    limit(op, req);
    JsonObject page = new JsonObject();
    page.addProperty("hasMore", false);
    page.addProperty("total", 0);
    return Reply.ok(shapes.render(op.responseSchema(), page));
  }

  /** The spec's default when absent; clamped to 1..max (x-ours-page-size). */
  private static int limit(Operation op, Request req) {
    int max = op.pageSize("max", 100);
    String raw = req.query.get("limit");
    long limit =
        raw == null ? op.pageSize("default", 25) : new java.math.BigDecimal(raw.trim()).longValue();
    return (int) Math.max(1, Math.min(max, limit));
  }

  /** Query parameters naming a scalar property of the item filter by equality. */
  private static List<JsonObject> filter(List<JsonObject> all, Request req, JsonObject item) {
    JsonObject props =
        item.has("properties") ? item.getAsJsonObject("properties") : new JsonObject();
    List<JsonObject> out = new ArrayList<>();
    outer:
    for (JsonObject e : all) {
      for (Map.Entry<String, String> q : req.query.entrySet()) {
        if (props.has(q.getKey())
            && e.has(q.getKey())
            && e.get(q.getKey()).isJsonPrimitive()
            && !e.get(q.getKey()).getAsString().equals(q.getValue())) {
          continue outer;
        }
      }
      out.add(e);
    }
    return out;
  }

  private JsonObject itemSchema(Operation op) {
    JsonObject s = spec.schema(store.itemType(op.resource()));
    return s == null ? new JsonObject() : s;
  }

  private boolean readOnly(JsonObject schema, String name) {
    if (name.equals("id") || name.equals("createdAt") || name.equals("updatedAt")) {
      return true;
    }
    if (schema == null
        || !schema.has("properties")
        || !schema.getAsJsonObject("properties").has(name)) {
      return false;
    }
    JsonElement raw = schema.getAsJsonObject("properties").get(name);
    return SchemaValidator.bool(raw.getAsJsonObject(), "readOnly");
  }

  private boolean freeForm(JsonObject schema, String name) {
    if (schema == null
        || !schema.has("properties")
        || !schema.getAsJsonObject("properties").has(name)) {
      return false;
    }
    JsonObject p = spec.resolve(schema.getAsJsonObject("properties").get(name));
    return "object".equals(p.has("type") ? p.get("type").getAsString() : "")
        && !p.has("properties");
  }

  private static String singular(String resource) {
    String r = resource.replace('_', ' ');
    return r.endsWith("s") ? r.substring(0, r.length() - 1) : r;
  }
}

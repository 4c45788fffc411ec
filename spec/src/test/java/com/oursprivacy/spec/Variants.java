package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Spec changes a vendor makes, each derived at test time from the spec this build pulled (never a
 * committed copy): every method takes the pulled spec and returns a changed copy.
 */
final class Variants {
  private Variants() {}

  static final String ONE = "/rest/v1/destinations/{id}";
  static final String LIST = "/rest/v1/destinations";
  static final String TOKENS = "/rest/v1/sources/{id}/tokens";

  static JsonObject op(JsonObject spec, String path, String method) {
    return spec.getAsJsonObject("paths").getAsJsonObject(path).getAsJsonObject(method);
  }

  static JsonObject json(JsonObject holder) {
    return holder
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema");
  }

  static JsonObject body(JsonObject spec, String path, String method) {
    return json(op(spec, path, method).getAsJsonObject("requestBody"));
  }

  static JsonObject ok(JsonObject spec, String path, String method) {
    JsonObject responses = op(spec, path, method).getAsJsonObject("responses");
    for (String status : responses.keySet()) {
      if (status.startsWith("2")) {
        return json(responses.getAsJsonObject(status));
      }
    }
    throw new IllegalStateException("no 2xx response of " + method + " " + path);
  }

  static JsonObject param(JsonObject spec, String path, String method, String name) {
    for (JsonElement p : op(spec, path, method).getAsJsonArray("parameters")) {
      if (p.getAsJsonObject().get("name").getAsString().equals(name)) {
        return p.getAsJsonObject();
      }
    }
    throw new IllegalStateException("no parameter " + name);
  }

  static UnaryOperator<JsonObject> copy(java.util.function.Consumer<JsonObject> change) {
    return spec -> {
      JsonObject c = spec.deepCopy();
      change.accept(c);
      return c;
    };
  }

  // ---- deprecations ----------------------------------------------------------------------

  static void deprecateOperation(JsonObject s) {
    JsonObject get = op(s, ONE, "get");
    get.addProperty("deprecated", true);
    get.addProperty("description", "Use destinations.list with a filter instead.");
  }

  static void deprecateParameter(JsonObject s) {
    JsonObject p = param(s, LIST, "get", "status");
    p.addProperty("deprecated", true);
    p.addProperty("description", "Filter on type instead.");
  }

  static void deprecateField(JsonObject s) {
    JsonObject name = body(s, LIST, "post").getAsJsonObject("properties").getAsJsonObject("name");
    name.addProperty("deprecated", true);
    name.addProperty("description", "Names are derived from the type now.");
  }

  // ---- where parameters live --------------------------------------------------------------

  /** The {@code id} that GET, PATCH and DELETE of {@code /destinations/{id}} share, hoisted. */
  static void pathItemParameters(JsonObject s) {
    JsonObject item = s.getAsJsonObject("paths").getAsJsonObject(ONE);
    JsonArray shared = new JsonArray();
    shared.add(param(s, ONE, "get", "id").deepCopy());
    for (String m : List.of("get", "patch", "delete")) {
      JsonObject op = item.getAsJsonObject(m);
      JsonArray kept = new JsonArray();
      for (JsonElement p : op.getAsJsonArray("parameters")) {
        if (!p.getAsJsonObject().get("name").getAsString().equals("id")) {
          kept.add(p);
        }
      }
      op.add("parameters", kept);
    }
    item.add("parameters", shared);
  }

  /** Parameters moved to {@code components.parameters} and referenced. */
  static void referencedParameters(JsonObject s) {
    JsonObject params = new JsonObject();
    JsonObject components = s.getAsJsonObject("components");
    components.add("parameters", params);
    JsonArray ps = op(s, LIST, "get").getAsJsonArray("parameters");
    for (int i = 0; i < ps.size(); i++) {
      String name = ps.get(i).getAsJsonObject().get("name").getAsString();
      params.add("Destination_" + name, ps.get(i));
      JsonObject ref = new JsonObject();
      ref.addProperty("$ref", "#/components/parameters/Destination_" + name);
      ps.set(i, ref);
    }
  }

  /** Shared responses and a request body moved to {@code components} and referenced. */
  static void referencedBodiesAndResponses(JsonObject s) {
    JsonObject components = s.getAsJsonObject("components");
    JsonObject bodies = new JsonObject();
    bodies.add("DestinationCreate", op(s, LIST, "post").remove("requestBody"));
    components.add("requestBodies", bodies);
    JsonObject ref = new JsonObject();
    ref.addProperty("$ref", "#/components/requestBodies/DestinationCreate");
    op(s, LIST, "post").add("requestBody", ref);
    JsonObject responses = new JsonObject();
    components.add("responses", responses);
    for (Map.Entry<String, JsonElement> p : s.getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> m : p.getValue().getAsJsonObject().entrySet()) {
        if (!m.getValue().isJsonObject()) {
          continue;
        }
        JsonObject rs = m.getValue().getAsJsonObject().getAsJsonObject("responses");
        JsonObject notFound = rs.getAsJsonObject("404");
        if (notFound == null) {
          continue;
        }
        if (!responses.has("NotFound")) {
          responses.add("NotFound", notFound.deepCopy());
        }
        if (Json.shape(notFound).equals(Json.shape(responses.get("NotFound")))) {
          JsonObject r = new JsonObject();
          r.addProperty("$ref", "#/components/responses/NotFound");
          rs.add("404", r);
        }
      }
    }
  }

  // ---- unions ------------------------------------------------------------------------------

  static JsonObject tokens(JsonObject s) {
    return ok(s, TOKENS, "get");
  }

  static void oneOfWithDiscriminator(JsonObject s) {
    JsonObject t = tokens(s);
    t.add("oneOf", t.remove("anyOf"));
    JsonObject d = new JsonObject();
    d.addProperty("propertyName", "sourceType");
    t.add("discriminator", d);
  }

  static void oneOfWithoutDiscriminator(JsonObject s) {
    JsonObject t = tokens(s);
    t.add("oneOf", t.remove("anyOf"));
  }

  /** Variants as named components, a discriminator with a mapping: how generators like it. */
  static void discriminatedComponents(JsonObject s) {
    JsonObject t = tokens(s);
    JsonArray variants = t.getAsJsonArray("anyOf");
    JsonObject schemas = s.getAsJsonObject("components").getAsJsonObject("schemas");
    JsonArray refs = new JsonArray();
    JsonObject mapping = new JsonObject();
    String[] names = {"PixelSourceTokens", "WebhookSourceTokens"};
    for (int i = 0; i < variants.size(); i++) {
      JsonObject v = variants.get(i).getAsJsonObject();
      String value =
          v.getAsJsonObject("properties")
              .getAsJsonObject("sourceType")
              .getAsJsonArray("enum")
              .get(0)
              .getAsString();
      schemas.add(names[i], v);
      JsonObject ref = new JsonObject();
      ref.addProperty("$ref", Normalizer.REF_PREFIX + names[i]);
      refs.add(ref);
      mapping.addProperty(value, Normalizer.REF_PREFIX + names[i]);
    }
    t.remove("anyOf");
    t.add("oneOf", refs);
    JsonObject d = new JsonObject();
    d.addProperty("propertyName", "sourceType");
    d.add("mapping", mapping);
    t.add("discriminator", d);
  }

  /** A third kind of source: one more variant, one more discriminator value, one more field. */
  static void newUnionVariant(JsonObject s) {
    JsonArray variants = tokens(s).getAsJsonArray("anyOf");
    JsonObject server = variants.get(variants.size() - 1).getAsJsonObject().deepCopy();
    JsonObject props = server.getAsJsonObject("properties");
    props.getAsJsonObject("sourceType").add("enum", strings("server"));
    JsonObject key = new JsonObject();
    key.addProperty("type", "string");
    key.addProperty("description", "Server-to-server signing key.");
    props.add("signingKey", key);
    variants.add(server);
  }

  // ---- routine additive and breaking changes ----------------------------------------------

  /** A status the API now reports, in every response only; requests still take the old ones. */
  static void enumValueInResponsesOnly(JsonObject s) {
    for (String[] o : new String[][] {{ONE, "get"}, {ONE, "patch"}, {LIST, "post"}}) {
      ok(s, o[0], o[1])
          .getAsJsonObject("properties")
          .getAsJsonObject("status")
          .getAsJsonArray("enum")
          .add("Paused");
    }
    JsonObject item =
        ok(s, LIST, "get")
            .getAsJsonObject("properties")
            .getAsJsonObject("entities")
            .getAsJsonObject("items");
    item.getAsJsonObject("properties")
        .getAsJsonObject("status")
        .getAsJsonArray("enum")
        .add("Paused");
  }

  static void newOptionalQueryParameter(JsonObject s) {
    JsonObject p = new JsonObject();
    p.addProperty("name", "search");
    p.addProperty("in", "query");
    p.addProperty("required", false);
    JsonObject schema = new JsonObject();
    schema.addProperty("type", "string");
    schema.addProperty("description", "Case-insensitive substring match on the name.");
    p.add("schema", schema);
    // before the others: the generated Retrofit method's positional order changes
    JsonArray ps = op(s, LIST, "get").getAsJsonArray("parameters");
    JsonArray out = new JsonArray();
    out.add(p);
    ps.forEach(out::add);
    op(s, LIST, "get").add("parameters", out);
  }

  static void newRequiredQueryParameter(JsonObject s) {
    JsonObject p = new JsonObject();
    p.addProperty("name", "workspace");
    p.addProperty("in", "query");
    p.addProperty("required", true);
    JsonObject schema = new JsonObject();
    schema.addProperty("type", "string");
    p.add("schema", schema);
    op(s, LIST, "get").getAsJsonArray("parameters").add(p);
  }

  static void renamedOperationId(JsonObject s) {
    op(s, ONE, "get").addProperty("operationId", "getDestination");
    op(s, LIST, "get").addProperty("operationId", "destinationsList");
  }

  static void newOperation(JsonObject s) {
    JsonObject item = s.getAsJsonObject("paths").getAsJsonObject(ONE).deepCopy();
    JsonObject post = item.getAsJsonObject("get");
    post.addProperty("x-stainless-method", "destinations.test");
    post.addProperty("operationId", "testDestination");
    post.addProperty("description", "Sends a test event through the destination.");
    JsonObject path = new JsonObject();
    path.add("post", post);
    s.getAsJsonObject("paths").add(ONE + "/test", path);
  }

  static void newOptionalResponseField(JsonObject s) {
    JsonObject f = new JsonObject();
    f.addProperty("type", "string");
    f.addProperty("format", "date-time");
    f.addProperty("nullable", true);
    f.addProperty("description", "When the destination last delivered an event.");
    for (String[] o : new String[][] {{ONE, "get"}, {ONE, "patch"}, {LIST, "post"}}) {
      ok(s, o[0], o[1]).getAsJsonObject("properties").add("lastDeliveredAt", f.deepCopy());
    }
    ok(s, LIST, "get")
        .getAsJsonObject("properties")
        .getAsJsonObject("entities")
        .getAsJsonObject("items")
        .getAsJsonObject("properties")
        .add("lastDeliveredAt", f.deepCopy());
  }

  /** Only one response gains the field: its shape splits from the other responses'. */
  static void newFieldInOneResponse(JsonObject s) {
    JsonObject f = new JsonObject();
    f.addProperty("type", "integer");
    f.addProperty("nullable", true);
    ok(s, ONE, "get").getAsJsonObject("properties").add("eventCount", f);
  }

  /** Gone from every response that had it (from one only, the model keeps it for the others). */
  static void removedResponseField(JsonObject s) {
    for (String[] o : new String[][] {{ONE, "get"}, {ONE, "patch"}, {LIST, "post"}}) {
      ok(s, o[0], o[1]).getAsJsonObject("properties").remove("hashingSalt");
    }
    ok(s, LIST, "get")
        .getAsJsonObject("properties")
        .getAsJsonObject("entities")
        .getAsJsonObject("items")
        .getAsJsonObject("properties")
        .remove("hashingSalt");
  }

  static void changedFieldType(JsonObject s) {
    JsonObject name = body(s, LIST, "post").getAsJsonObject("properties").getAsJsonObject("name");
    name.addProperty("type", "integer");
  }

  static void removedOperation(JsonObject s) {
    s.getAsJsonObject("paths").getAsJsonObject(ONE).remove("delete");
  }

  /** A second credential every destinations call must also send: the SDK has no such setting. */
  static void newRequiredSecurityScheme(JsonObject s) {
    addScheme(s);
    JsonArray req = new JsonArray();
    JsonObject both = new JsonObject();
    both.add("apiKey", new JsonArray());
    both.add("workspaceKey", new JsonArray());
    req.add(both);
    op(s, LIST, "get").add("security", req);
  }

  /** The same scheme offered as an alternative: the SDK's key still works. */
  static void newAlternativeSecurityScheme(JsonObject s) {
    addScheme(s);
    JsonArray req = new JsonArray();
    JsonObject a = new JsonObject();
    a.add("apiKey", new JsonArray());
    JsonObject b = new JsonObject();
    b.add("workspaceKey", new JsonArray());
    req.add(a);
    req.add(b);
    op(s, LIST, "get").add("security", req);
  }

  private static void addScheme(JsonObject s) {
    JsonObject scheme = new JsonObject();
    scheme.addProperty("type", "apiKey");
    scheme.addProperty("in", "header");
    scheme.addProperty("name", "X-Workspace-Key");
    s.getAsJsonObject("components").getAsJsonObject("securitySchemes").add("workspaceKey", scheme);
  }

  // ---- OpenAPI 3.1 ---------------------------------------------------------------------------

  /**
   * The same API written the way vendors migrate to 3.1: {@code type: [T, "null"]} (and {@code
   * null} in nullable enums) instead of {@code nullable}, {@code examples} instead of {@code
   * example}, one-value enums as {@code const}, nullable objects as {@code anyOf [X, {type:
   * null}]}, the shared error body as a component behind {@code $ref}s with a {@code description}
   * beside them, a {@code webhooks} section and a license {@code identifier}.
   */
  static JsonObject openApi31(JsonObject spec) {
    JsonObject s = spec.deepCopy();
    s.addProperty("openapi", "3.1.0");
    s.addProperty("jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base");
    JsonObject license = new JsonObject();
    license.addProperty("name", "Proprietary");
    license.addProperty("identifier", "LicenseRef-Proprietary");
    s.getAsJsonObject("info").add("license", license);
    s.add("webhooks", new JsonObject());
    // the most common error body becomes a component, as the normalizer names it: ErrorBody
    Map<String, Integer> votes = new java.util.HashMap<>();
    Map<String, JsonObject> byShape = new java.util.HashMap<>();
    forEachJson(
        s,
        (status, holder) -> {
          if (!status.startsWith("2")) {
            String shape = Json.shape(holder.getAsJsonObject("schema"));
            votes.merge(shape, 1, Integer::sum);
            byShape.putIfAbsent(shape, holder.getAsJsonObject("schema").deepCopy());
          }
        });
    String common =
        votes.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse("");
    forEachJson(
        s,
        (status, holder) -> {
          JsonObject schema = holder.getAsJsonObject("schema");
          if (!status.startsWith("2") && Json.shape(schema).equals(common)) {
            JsonObject ref = new JsonObject();
            ref.addProperty("$ref", Normalizer.REF_PREFIX + "ErrorBody");
            ref.addProperty("description", "What went wrong.");
            holder.add("schema", ref);
          } else {
            schema31(schema);
          }
        });
    for (Map.Entry<String, JsonElement> p : s.getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> m : p.getValue().getAsJsonObject().entrySet()) {
        if (!m.getValue().isJsonObject()) {
          continue;
        }
        JsonObject op = m.getValue().getAsJsonObject();
        for (JsonElement param : iterable(op.getAsJsonArray("parameters"))) {
          schema31(param.getAsJsonObject().getAsJsonObject("schema"));
        }
        for (JsonElement param : iterable(Json.arr(p.getValue().getAsJsonObject(), "parameters"))) {
          schema31(param.getAsJsonObject().getAsJsonObject("schema"));
        }
        JsonObject rb = op.getAsJsonObject("requestBody");
        if (rb != null) {
          schema31(json(rb));
        }
      }
    }
    JsonObject shared = s.getAsJsonObject("components").getAsJsonObject("parameters");
    if (shared != null) {
      shared
          .entrySet()
          .forEach(e -> schema31(e.getValue().getAsJsonObject().getAsJsonObject("schema")));
    }
    if (byShape.containsKey(common)) {
      JsonObject error = byShape.get(common);
      schema31(error);
      s.getAsJsonObject("components").getAsJsonObject("schemas").add("ErrorBody", error);
    }
    return s;
  }

  /** Every JSON response of every operation: (status, media type object). */
  private static void forEachJson(
      JsonObject s, java.util.function.BiConsumer<String, JsonObject> action) {
    for (Map.Entry<String, JsonElement> p : s.getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> m : p.getValue().getAsJsonObject().entrySet()) {
        if (!m.getValue().isJsonObject()) {
          continue;
        }
        JsonObject op = m.getValue().getAsJsonObject();
        for (Map.Entry<String, JsonElement> r : op.getAsJsonObject("responses").entrySet()) {
          JsonObject content = r.getValue().getAsJsonObject().getAsJsonObject("content");
          if (content != null && content.has("application/json")) {
            action.accept(r.getKey(), content.getAsJsonObject("application/json"));
          }
        }
      }
    }
  }

  private static void schema31(JsonObject s) {
    if (s == null) {
      return;
    }
    JsonObject props = s.getAsJsonObject("properties");
    if (props != null) {
      for (Map.Entry<String, JsonElement> p : props.entrySet()) {
        schema31(p.getValue().getAsJsonObject());
      }
    }
    for (String k : new String[] {"items", "additionalProperties"}) {
      if (s.get(k) != null && s.get(k).isJsonObject()) {
        schema31(s.getAsJsonObject(k));
      }
    }
    for (String k : new String[] {"anyOf", "oneOf", "allOf"}) {
      for (JsonElement v : iterable(s.getAsJsonArray(k))) {
        schema31(v.getAsJsonObject());
      }
    }
    if (s.has("example")) {
      s.add("examples", strings());
      s.getAsJsonArray("examples").add(s.remove("example"));
    }
    JsonArray values = s.getAsJsonArray("enum");
    boolean nullable = s.has("nullable") && s.remove("nullable").getAsBoolean();
    if (values != null && values.size() == 1 && !nullable) {
      s.add("const", values.get(0));
      s.remove("enum");
    }
    if (!nullable) {
      return;
    }
    if (values != null) {
      values.add(com.google.gson.JsonNull.INSTANCE);
    }
    JsonElement type = s.get("type");
    if (type != null && "object".equals(type.getAsString()) && s.has("properties")) {
      // a nullable object: a union with null, the description outside
      JsonObject variant = new JsonObject();
      for (String k : new ArrayList<>(s.keySet())) {
        if (!k.equals("description")) {
          variant.add(k, s.remove(k));
        }
      }
      JsonObject nul = new JsonObject();
      nul.addProperty("type", "null");
      JsonArray any = new JsonArray();
      any.add(variant);
      any.add(nul);
      s.add("anyOf", any);
    } else if (type != null) {
      JsonArray types = new JsonArray();
      types.add(type);
      types.add("null");
      s.add("type", types);
    } else {
      JsonArray any = new JsonArray();
      JsonObject nul = new JsonObject();
      nul.addProperty("type", "null");
      JsonObject whatever = new JsonObject();
      any.add(whatever);
      any.add(nul);
      s.add("anyOf", any);
    }
  }

  /** A 3.1 keyword with no 3.0 form, at a known place. */
  static void tupleItems(JsonObject s) {
    JsonObject f = new JsonObject();
    f.addProperty("type", "array");
    JsonArray prefix = new JsonArray();
    JsonObject a = new JsonObject();
    a.addProperty("type", "number");
    prefix.add(a);
    prefix.add(a.deepCopy());
    f.add("prefixItems", prefix);
    body(s, LIST, "post").getAsJsonObject("properties").add("location", f);
  }

  static JsonObject swagger2(JsonObject spec) {
    JsonObject s = spec.deepCopy();
    s.remove("openapi");
    s.addProperty("swagger", "2.0");
    return s;
  }

  private static JsonArray strings(String... values) {
    JsonArray a = new JsonArray();
    for (String v : values) {
      a.add(new JsonPrimitive(v));
    }
    return a;
  }

  private static Iterable<JsonElement> iterable(JsonArray a) {
    return a == null ? List.of() : a;
  }
}

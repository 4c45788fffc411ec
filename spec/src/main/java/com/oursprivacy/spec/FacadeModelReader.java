package com.oursprivacy.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.oursprivacy.spec.FacadeModel.Facade;
import com.oursprivacy.spec.FacadeModel.Field;
import com.oursprivacy.spec.FacadeModel.Kind;
import com.oursprivacy.spec.FacadeModel.Op;
import com.oursprivacy.spec.FacadeModel.Paging;
import com.oursprivacy.spec.FacadeModel.Resource;
import com.oursprivacy.spec.FacadeModel.Shape;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Reads the {@link FacadeModel} from a normalized, annotated spec: resources and verbs from {@code
 * x-ours-resource}/{@code x-ours-verb} (that is, {@code x-stainless-method}), result and body types
 * from {@code x-ours-response-type}/{@code x-ours-body-type}, paging from {@code
 * x-ours-pagination}/{@code x-ours-items}, and every Java type from the schema itself ({@code
 * integer} + {@code int64} is a {@code long}, {@code date-time} an {@code Instant}). It needs no
 * generated class, so the golden tests run on spec fragments alone.
 */
final class FacadeModelReader {
  private static final TypeName MAP_OF_ANY =
      ParameterizedTypeName.get(
          ClassName.get(Map.class),
          ClassName.get(String.class),
          WildcardTypeName.subtypeOf(Object.class));

  private final JsonObject schemas;

  /** Nested body objects by schema name, in discovery order; null while being read (recursion). */
  private final Map<String, Shape> inputs = new LinkedHashMap<>();

  private FacadeModelReader(JsonObject spec) {
    this.schemas = Json.obj(Json.obj(spec, "components"), "schemas");
  }

  static Facade read(JsonObject spec) {
    return new FacadeModelReader(spec).facade(spec);
  }

  private Facade facade(JsonObject spec) {
    Map<String, List<Op>> byResource = new LinkedHashMap<>();
    for (Operation operation : Operation.all(spec)) {
      byResource.computeIfAbsent(operation.resource, r -> new ArrayList<>()).add(op(operation));
    }
    List<Resource> resources = new ArrayList<>();
    byResource.forEach(
        (name, ops) ->
            resources.add(
                new Resource(
                    name,
                    camel(name),
                    ClassName.get(FacadeModel.PKG, Names.singularPascal(name) + "Service"),
                    ops)));
    return new Facade(resources, new ArrayList<>(inputs.values()));
  }

  private Op op(Operation o) {
    JsonObject n = o.node;
    List<Field> path = new ArrayList<>();
    List<Field> query = new ArrayList<>();
    for (JsonElement e : iterable(Json.arr(n, "parameters"))) {
      JsonObject p = e.getAsJsonObject();
      String in = Json.str(p, "in");
      if ("path".equals(in)) {
        path.add(
            new Field(
                Json.str(p, "name"),
                camel(Json.str(p, "name")),
                Kind.VALUE,
                ClassName.get(String.class),
                null,
                true,
                false,
                paramDoc(p),
                Deprecations.note(p)));
      } else if ("query".equals(in)) {
        Field q =
            withDeprecation(
                scalar(
                    Json.str(p, "name"),
                    Json.obj(p, "schema"),
                    Json.bool(p, "required"),
                    paramDoc(p)),
                Deprecations.note(p));
        List<String> values = Json.strings(Json.arr(Json.obj(p, "schema"), "enum"));
        query.add(
            values.isEmpty() || !q.type().equals(ClassName.get(String.class))
                ? q
                : new Field(
                    q.json(),
                    q.java(),
                    q.kind(),
                    q.type(),
                    null,
                    q.required(),
                    false,
                    q.description(),
                    q.deprecated(),
                    values));
      }
    }
    String bodyType = Json.str(n, "x-ours-body-type");
    JsonObject bodySchema = bodyType == null ? null : Json.obj(schemas, bodyType);
    boolean hasBody = o.requestSchema() != null;
    boolean patchLike = "patch".equals(o.method) || "put".equals(o.method);
    String responseType = Json.str(n, "x-ours-response-type");
    TypeName result = responseType(responseType);
    Shape params = null;
    if (hasBody || !query.isEmpty()) {
      List<Field> body = bodySchema == null ? List.of() : fields(bodySchema);
      JsonObject response = responseType == null ? null : Json.obj(schemas, responseType);
      TypeName entity =
          "patch".equals(o.method) && response != null && Json.obj(response, "properties") != null
              ? result
              : null;
      params =
          new Shape(
              ClassName.get(FacadeModel.PKG, o.singular() + Names.pascal(o.verb) + "Params"),
              o.key(),
              "The request of {@code "
                  + o.key()
                  + "} ("
                  + o.method.toUpperCase(Locale.ROOT)
                  + " "
                  + o.path
                  + ")",
              query,
              body,
              hasBody,
              patchLike,
              entity);
    }
    Paging paging = paging(Json.str(n, "x-ours-pagination"));
    List<String> items = Json.strings(Json.arr(n, "x-ours-items"));
    String itemType = Json.str(n, "x-ours-item-type");
    TypeName pagination = null;
    boolean total = false;
    if (paging != Paging.NONE) {
      JsonObject props = Json.obj(Json.obj(schemas, responseType), "properties");
      String ref = Json.str(Json.obj(props, "pagination"), "$ref");
      pagination = ref == null ? null : model(refName(ref));
      total = Json.obj(props, "total") != null;
    }
    return new Op(
        o.key(),
        o.method.toUpperCase(Locale.ROOT),
        o.path,
        javaVerb(o.verb),
        Json.str(n, "description"),
        path,
        params,
        result,
        paging,
        itemType == null ? null : model(itemType),
        items.isEmpty() ? null : items.get(0),
        pagination,
        total,
        stub(o),
        Deprecations.note(n));
  }

  /**
   * The generated Retrofit method of {@code o}, named and ordered as openapi-generator 7 does: the
   * interface after the first tag ({@code default} without one), the method after the {@code
   * operationId} (else method and path), path, query and header parameters in spec order with the
   * body after them, then the required ones moved first ({@code sortParamsByRequiredFlag}).
   */
  private static FacadeModel.Stub stub(Operation o) {
    JsonObject n = o.node;
    List<String> tags = Json.strings(Json.arr(n, "tags"));
    ClassName api =
        ClassName.get(
            "com.oursprivacy.lowlevel.platform.api",
            generatorCamel(tags.isEmpty() ? "default" : tags.get(0), true) + "Api");
    String opId = Json.str(n, "operationId");
    String method = generatorCamel(opId != null ? opId : o.path + "_" + o.method, false);
    List<FacadeModel.StubArg> required = new ArrayList<>();
    List<FacadeModel.StubArg> optional = new ArrayList<>();
    for (JsonElement e : iterable(Json.arr(n, "parameters"))) {
      JsonObject p = e.getAsJsonObject();
      String in = Json.str(p, "in");
      if (!"path".equals(in) && !"query".equals(in) && !"header".equals(in)) {
        continue;
      }
      JsonObject schema = Json.obj(p, "schema");
      String format = schema == null ? null : Json.str(schema, "format");
      TypeName type = null;
      if ("date-time".equals(format)) {
        type = ClassName.get("java.time", "OffsetDateTime");
      } else if ("uuid".equals(format)) {
        type = ClassName.get("java.util", "UUID");
      }
      FacadeModel.StubArg arg = new FacadeModel.StubArg(in, Json.str(p, "name"), type);
      ("path".equals(in) || Json.bool(p, "required") ? required : optional).add(arg);
    }
    JsonObject body = Json.obj(n, "requestBody");
    if (body != null) {
      (Json.bool(body, "required") ? required : optional)
          .add(new FacadeModel.StubArg("body", null, null));
    }
    required.addAll(optional);
    return new FacadeModel.Stub(api, method, required);
  }

  /** openapi-generator's camelize of a sanitized name: words split at non-alphanumerics. */
  private static String generatorCamel(String s, boolean upperFirst) {
    StringBuilder out = new StringBuilder();
    boolean wordStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 0x80 && Character.isLetterOrDigit(c))) {
        wordStart = true;
        continue;
      }
      if (wordStart) {
        c = out.length() == 0 && !upperFirst ? Character.toLowerCase(c) : Character.toUpperCase(c);
      }
      out.append(c);
      wordStart = false;
    }
    return out.toString();
  }

  private static Paging paging(String style) {
    if (style == null) {
      return Paging.NONE;
    }
    switch (style) {
      case "cursor":
        return Paging.CURSOR;
      case "offset":
        return Paging.OFFSET;
      default:
        return Paging.UNPAGED;
    }
  }

  private TypeName responseType(String name) {
    if (name == null) {
      return ClassName.get(Void.class);
    }
    if (schemas != null && schemas.has(name)) {
      return model(name);
    }
    switch (name) {
      case "boolean":
        return ClassName.get(Boolean.class);
      case "string":
        return ClassName.get(String.class);
      case "integer":
        return ClassName.get(Long.class);
      case "number":
        return ClassName.get(Double.class);
      default:
        return ClassName.get("com.google.gson", "JsonElement");
    }
  }

  /**
   * The writable fields of a body object, in spec order; read-only ones are never worth sending.
   */
  private List<Field> fields(JsonObject schema) {
    List<Field> out = new ArrayList<>();
    JsonObject props = Json.obj(schema, "properties");
    List<String> required = Json.strings(Json.arr(schema, "required"));
    if (props == null) {
      return out;
    }
    for (Map.Entry<String, JsonElement> p : props.entrySet()) {
      JsonObject s = p.getValue().getAsJsonObject();
      if (Json.bool(s, "readOnly")) {
        continue;
      }
      out.add(bodyField(p.getKey(), s, required.contains(p.getKey())));
    }
    return out;
  }

  private Field bodyField(String name, JsonObject s, boolean required) {
    return withDeprecation(bodyFieldType(name, s, required), Deprecations.note(s));
  }

  private static Field withDeprecation(Field f, String deprecated) {
    return deprecated == null
        ? f
        : new Field(
            f.json(),
            f.java(),
            f.kind(),
            f.type(),
            f.element(),
            f.required(),
            f.nullable(),
            f.description(),
            deprecated);
  }

  private Field bodyFieldType(String name, JsonObject s, boolean required) {
    String doc = Json.str(s, "description");
    boolean nullable = Json.bool(s, "nullable");
    String ref = Json.str(s, "$ref");
    if (ref != null) {
      JsonObject target = Json.obj(schemas, refName(ref));
      if (Json.isStringEnum(target)) {
        return new Field(
            name, camel(name), Kind.ENUM, model(refName(ref)), null, required, nullable, doc, null);
      }
      if (target != null && Json.obj(target, "properties") != null) {
        return new Field(
            name,
            camel(name),
            Kind.INPUT,
            input(refName(ref)),
            null,
            required,
            nullable,
            doc,
            null);
      }
    }
    String type = Json.str(s, "type");
    if ("array".equals(type)) {
      JsonObject items = Json.obj(s, "items");
      String itemRef = items == null ? null : Json.str(items, "$ref");
      if (itemRef != null && Json.obj(Json.obj(schemas, refName(itemRef)), "properties") != null) {
        ClassName element = input(refName(itemRef));
        return new Field(
            name,
            camel(name),
            Kind.INPUT_LIST,
            list(element),
            element,
            required,
            nullable,
            doc,
            null);
      }
      return new Field(
          name,
          camel(name),
          Kind.VALUE,
          list(items == null ? ClassName.OBJECT : elementType(items)),
          null,
          required,
          nullable,
          doc,
          null);
    }
    if ("object".equals(type) && Json.obj(s, "properties") == null) {
      return new Field(
          name, camel(name), Kind.MAP, MAP_OF_ANY, null, required, nullable, doc, null);
    }
    Field f = scalar(name, s, required, doc);
    return new Field(f.json(), f.java(), f.kind(), f.type(), null, required, nullable, doc, null);
  }

  /**
   * A query parameter or scalar body field: primitive setters so {@code limit(100)} always
   * compiles.
   */
  private static Field scalar(String name, JsonObject s, boolean required, String doc) {
    String type = Json.str(s, "type");
    String format = Json.str(s, "format");
    TypeName t;
    Kind kind = Kind.VALUE;
    if ("integer".equals(type)) {
      t = "int64".equals(format) ? TypeName.LONG : TypeName.INT;
    } else if ("number".equals(type)) {
      t = TypeName.DOUBLE;
    } else if ("boolean".equals(type)) {
      t = TypeName.BOOLEAN;
    } else if ("string".equals(type) && "date-time".equals(format)) {
      t = ClassName.get("java.time", "Instant");
      kind = Kind.INSTANT;
    } else if ("string".equals(type)) {
      t = ClassName.get(String.class);
    } else {
      t = ClassName.OBJECT;
    }
    return new Field(name, camel(name), kind, t, null, required, false, doc, null);
  }

  private TypeName elementType(JsonObject items) {
    String ref = Json.str(items, "$ref");
    if (ref != null) {
      return model(refName(ref));
    }
    String type = Json.str(items, "type");
    if ("object".equals(type) && Json.obj(items, "properties") == null) {
      return MAP_OF_ANY;
    }
    TypeName t = scalar("item", items, false, null).type();
    return t.isPrimitive() ? t.box() : t;
  }

  /** The {@code …Input} class of a nested body object, read once. */
  private ClassName input(String schemaName) {
    ClassName name = ClassName.get(FacadeModel.PKG, schemaName + "Input");
    if (!inputs.containsKey(schemaName)) {
      inputs.put(schemaName, null);
      JsonObject schema = Json.obj(schemas, schemaName);
      inputs.put(
          schemaName,
          new Shape(
              name,
              schemaName,
              "A {@code " + schemaName + "} object inside a request body",
              List.of(),
              fields(schema),
              true,
              false,
              null));
    }
    return name;
  }

  private static String paramDoc(JsonObject p) {
    String d = Json.str(p, "description");
    JsonObject schema = Json.obj(p, "schema");
    if (d == null) {
      d = Json.str(schema, "description");
    }
    List<String> values = Json.strings(Json.arr(schema, "enum"));
    String oneOf =
        values.isEmpty() || values.size() > 12 ? "" : " (one of " + String.join(", ", values) + ")";
    return d == null ? (oneOf.isEmpty() ? null : oneOf.strip()) : d + oneOf;
  }

  private static TypeName list(TypeName element) {
    return ParameterizedTypeName.get(ClassName.get(List.class), element);
  }

  private static ClassName model(String name) {
    return ClassName.get(FacadeModel.MODELS, name);
  }

  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static Iterable<JsonElement> iterable(com.google.gson.JsonArray a) {
    return a == null ? List.of() : a;
  }

  /** {@code retrieve} reads as {@code get}; a keyword verb gets {@code Op} appended. */
  static String javaVerb(String verb) {
    if (verb.equals("retrieve")) {
      return "get";
    }
    String v = Names.pascal(verb);
    v = Character.toLowerCase(v.charAt(0)) + v.substring(1);
    return SourceVersion.isKeyword(v) ? v + "Op" : v;
  }

  /** A Java identifier for a JSON or snake_case name; keywords get {@code Value} appended. */
  static String camel(String raw) {
    String p = Names.pascal(raw);
    String c = Character.toLowerCase(p.charAt(0)) + p.substring(1);
    return SourceVersion.isKeyword(c) || Set.of("none", "builder").contains(c) ? c + "Value" : c;
  }
}

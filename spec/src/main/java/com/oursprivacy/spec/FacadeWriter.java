package com.oursprivacy.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the resource facade ({@code ours.destinations().list()} …) from the normalized,
 * annotated platform spec, at build time, so a resource or operation added to the spec appears
 * with its pager and PATCH helper without a hand edit.
 *
 * <p>It runs in the wrapper module with the generated client on its class path and finds each
 * operation's generated Retrofit method by reflection (HTTP method + path), so it never
 * re-derives the generator's naming rules. Per resource it writes {@code XService}; per
 * operation with query parameters an immutable {@code XVerbParams}; per PATCH/PUT body a
 * tri-state {@code XVerb} builder; and {@code PlatformResources} (the accessors) plus {@code
 * FacadeIndex} (every operation → its facade method, for the coverage test).
 */
public final class FacadeWriter {
  static final String PKG = "com.oursprivacy.resources";
  static final String API_PKG = "com.oursprivacy.lowlevel.platform.api.";
  static final String MODEL_PKG = "com.oursprivacy.models.";

  private final JsonObject spec;
  private final JsonObject schemas;
  private final Path out;
  private final ClassLoader loader;

  private FacadeWriter(JsonObject spec, Path out, ClassLoader loader) {
    this.spec = spec;
    this.schemas = Json.obj(Json.obj(spec, "components"), "schemas");
    this.out = out;
    this.loader = loader;
  }

  /** Build entry point: {@code ours.facade.spec} (normalized platform.json) and {@code ours.facade.out}. */
  public static void main(String[] args) throws IOException {
    Path specFile = Path.of(System.getProperty("ours.facade.spec"));
    Path out = Path.of(System.getProperty("ours.facade.out"));
    JsonObject spec = JsonParser.parseString(Files.readString(specFile, StandardCharsets.UTF_8)).getAsJsonObject();
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    int ops = new FacadeWriter(spec, out, cl).run();
    System.out.println("[ours-facade] " + ops + " operations written to " + out);
  }

  /** One operation, with what the spec and the generated method say about it. */
  static final class Op {
    Operation op;
    Method method;
    String apiClass;
    String javaName;
    final List<String[]> pathParams = new ArrayList<>(); // {name, javaType}
    final List<String[]> queryParams = new ArrayList<>(); // {name, javaType}
    boolean hasBody;
    String bodyType;
    String responseType;
    String paging;
    String itemType;
    List<String> itemsProps = List.of();
    String paramsClass;
    String patchClass;
    /** Query parameters the spec marks required: the params class insists on them. */
    final java.util.Set<String> requiredQuery = new java.util.LinkedHashSet<>();
  }

  int run() {
    Map<String, List<Op>> byResource = new LinkedHashMap<>();
    for (Operation operation : Operation.all(spec)) {
      Op o = describe(operation);
      byResource.computeIfAbsent(operation.resource, r -> new ArrayList<>()).add(o);
    }
    int count = 0;
    for (Map.Entry<String, List<Op>> en : byResource.entrySet()) {
      for (Op o : en.getValue()) {
        if (o.paramsClass != null) {
          writeParams(o);
        }
        if (o.patchClass != null) {
          PatchWriter.write(this, o);
        }
        count++;
      }
      ServiceWriter.write(this, en.getKey(), en.getValue());
    }
    writeAccessors(byResource);
    writeIndex(byResource);
    return count;
  }

  private Op describe(Operation operation) {
    Op o = new Op();
    o.op = operation;
    o.javaName = javaVerb(operation.verb);
    JsonObject n = operation.node;
    o.bodyType = Json.str(n, "x-ours-body-type");
    o.responseType = Json.str(n, "x-ours-response-type");
    o.paging = Json.str(n, "x-ours-pagination");
    o.itemType = Json.str(n, "x-ours-item-type");
    o.itemsProps = Json.strings(Json.arr(n, "x-ours-items"));
    findGeneratedMethod(o);
    String base = operation.singular() + Names.pascal(operation.verb);
    boolean patchLike = o.hasBody && ("patch".equals(operation.method) || "put".equals(operation.method))
        && o.bodyType != null && schemas.has(o.bodyType);
    if (patchLike) {
      o.patchClass = base;
    }
    if (!o.queryParams.isEmpty()) {
      o.paramsClass = o.hasBody ? base + "Query" : base + "Params";
    }
    com.google.gson.JsonArray ps = Json.arr(n, "parameters");
    if (ps != null) {
      for (JsonElement p : ps) {
        JsonObject po = p.getAsJsonObject();
        if ("query".equals(Json.str(po, "in")) && Json.bool(po, "required")) {
          o.requiredQuery.add(Json.str(po, "name"));
        }
      }
    }
    return o;
  }

  static String javaVerb(String verb) {
    if (verb.equals("retrieve")) {
      return "get";
    }
    String v = Names.pascal(verb);
    v = Character.toLowerCase(v.charAt(0)) + v.substring(1);
    return JavaOut.KEYWORDS.contains(v) ? v + "Op" : v;
  }

  static String camel(String raw) {
    String p = Names.pascal(raw);
    String c = Character.toLowerCase(p.charAt(0)) + p.substring(1);
    return JavaOut.KEYWORDS.contains(c) ? c + "Value" : c;
  }

  private void findGeneratedMethod(Op o) {
    String tag = o.op.scope();
    String cls = API_PKG + Names.pascal(tag) + "Api";
    Class<?> api;
    try {
      api = Class.forName(cls, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no generated API " + cls + " for " + o.op.key(), e);
    }
    String want = o.op.method.toUpperCase(Locale.ROOT) + " " + o.op.path.replaceFirst("^/", "");
    for (Method m : api.getMethods()) {
      for (Annotation a : m.getAnnotations()) {
        if (want.equals(httpOf(a))) {
          o.method = m;
          o.apiClass = cls;
          readParams(o, m);
          return;
        }
      }
    }
    throw new IllegalStateException("no generated method for " + want + " (" + o.op.key() + ") in " + cls);
  }

  private static String httpOf(Annotation a) {
    String type = a.annotationType().getName();
    if (!type.startsWith("retrofit2.http.")) {
      return null;
    }
    String simple = a.annotationType().getSimpleName();
    if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(simple)) {
      return null;
    }
    try {
      return simple + " " + a.annotationType().getMethod("value").invoke(a);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static void readParams(Op o, Method m) {
    Annotation[][] anns = m.getParameterAnnotations();
    Type[] types = m.getGenericParameterTypes();
    for (int i = 0; i < anns.length; i++) {
      for (Annotation a : anns[i]) {
        String simple = a.annotationType().getSimpleName();
        String name = annotationValue(a);
        String type = types[i].getTypeName();
        if (simple.equals("Path")) {
          o.pathParams.add(new String[] {name, type});
        } else if (simple.equals("Query")) {
          o.queryParams.add(new String[] {name, type});
        } else if (simple.equals("Body")) {
          o.hasBody = true;
        }
      }
    }
  }

  private static String annotationValue(Annotation a) {
    try {
      return String.valueOf(a.annotationType().getMethod("value").invoke(a));
    } catch (ReflectiveOperationException e) {
      return "";
    }
  }

  JsonObject schema(String name) {
    return name == null ? null : Json.obj(schemas, name);
  }

  /** A component's Java type: generated model class for objects and enums, else a JDK type. */
  String modelType(String component) {
    return MODEL_PKG + component;
  }

  /** The getter the generator wrote for JSON property {@code prop} of model {@code component}. */
  String getter(String component, String prop) {
    try {
      Class<?> c = Class.forName(MODEL_PKG + component, false, loader);
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        for (Annotation a : f.getAnnotations()) {
          if (a.annotationType().getSimpleName().equals("SerializedName") && prop.equals(annotationValue(a))) {
            String g = "get" + Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
            c.getMethod(g);
            return g;
          }
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read model " + component + "." + prop, e);
    }
    throw new IllegalStateException("model " + component + " has no property " + prop);
  }

  Path out() {
    return out;
  }

  private void writeParams(Op o) {
    JavaOut j = new JavaOut();
    j.line("package " + PKG + ";").blank();
    j.doc("Query parameters of {@code " + o.op.key() + "} (" + o.op.method.toUpperCase(Locale.ROOT) + " "
        + o.op.path + "). Immutable; every parameter is optional.\n\n@see " + o.op.singular() + "Service");
    j.line("public final class " + o.paramsClass + " {");
    boolean anyRequired = !o.requiredQuery.isEmpty();
    if (!anyRequired) {
      j.line("private static final " + o.paramsClass + " NONE = builder().build();").blank();
    }
    for (String[] p : o.queryParams) {
      j.line("private final " + p[1] + " " + camel(p[0]) + ";");
    }
    j.blank();
    j.line("private " + o.paramsClass + "(Builder b) {");
    for (String[] p : o.queryParams) {
      j.line("this." + camel(p[0]) + " = b." + camel(p[0]) + ";");
    }
    j.line("}").blank();
    if (!anyRequired) {
      j.doc("No parameters: the server's defaults.\n\n@return the empty parameters");
      j.line("public static " + o.paramsClass + " none() {").line("return NONE;").line("}").blank();
    }
    j.doc("A builder with nothing set.\n\n@return a new builder");
    j.line("public static Builder builder() {").line("return new Builder();").line("}").blank();
    j.doc("A builder holding these values.\n\n@return a new builder");
    j.line("public Builder toBuilder() {").line("Builder b = new Builder();");
    for (String[] p : o.queryParams) {
      j.line("b." + camel(p[0]) + " = " + camel(p[0]) + ";");
    }
    j.line("return b;").line("}");
    for (String[] p : o.queryParams) {
      j.blank().doc("Query parameter {@code " + p[0] + "}" + paramDoc(o, p[0]) + "; null when not set.\n\n@return the value, or null");
      j.line("public " + p[1] + " " + camel(p[0]) + "() {").line("return " + camel(p[0]) + ";").line("}");
    }
    j.blank().line("@Override").line("public String toString() {");
    StringBuilder ts = new StringBuilder("return \"" + o.paramsClass + "{\"");
    String sep = "";
    for (String[] p : o.queryParams) {
      ts.append(" + \"").append(sep).append(p[0]).append("=\" + ").append(camel(p[0]));
      sep = ", ";
    }
    j.line(ts + " + \"}\";").line("}").blank();
    j.doc("Builds {@link " + o.paramsClass + "}. Not thread-safe.");
    j.line("public static final class Builder {");
    for (String[] p : o.queryParams) {
      j.line("private " + p[1] + " " + camel(p[0]) + ";");
    }
    j.blank().line("private Builder() {}");
    for (String[] p : o.queryParams) {
      j.blank().doc("Sets query parameter {@code " + p[0] + "}" + paramDoc(o, p[0]) + "; null unsets it.\n\n@param "
          + camel(p[0]) + " the value, or null\n@return this builder");
      j.line("public Builder " + camel(p[0]) + "(" + p[1] + " " + camel(p[0]) + ") {");
      j.line("this." + camel(p[0]) + " = " + camel(p[0]) + ";").line("return this;").line("}");
    }
    j.blank().doc("The immutable parameters."
        + (anyRequired ? "\n\n@throws com.oursprivacy.errors.OursValidationException when a required parameter ("
            + String.join(", ", o.requiredQuery) + ") is missing, before anything is sent" : "")
        + "\n@return the parameters");
    j.line("public " + o.paramsClass + " build() {");
    for (String[] p : o.queryParams) {
      if (o.requiredQuery.contains(p[0])) {
        j.line("if (" + camel(p[0]) + " == null) {");
        j.line("throw new com.oursprivacy.errors.OursValidationException(" + JavaOut.str(o.op.key() + "." + p[0])
            + ", \"is required by the API; set it with " + camel(p[0]) + "(…)\");");
        j.line("}");
      }
    }
    j.line("return new " + o.paramsClass + "(this);").line("}");
    j.line("}");
    j.line("}");
    j.write(out, PKG, o.paramsClass);
  }

  private static String paramDoc(Op o, String name) {
    com.google.gson.JsonArray ps = Json.arr(o.op.node, "parameters");
    if (ps != null) {
      for (JsonElement p : ps) {
        JsonObject po = p.getAsJsonObject();
        if (name.equals(Json.str(po, "name"))) {
          String d = Json.str(po, "description");
          if (d == null) {
            d = Json.str(Json.obj(po, "schema"), "description");
          }
          com.google.gson.JsonArray en = Json.arr(Json.obj(po, "schema"), "enum");
          String values = en == null || en.size() > 12 ? "" : " (one of " + String.join(", ", Json.strings(en)) + ")";
          return d == null ? JavaOut.escape(values) : ": " + JavaOut.escape(d + values);
        }
      }
    }
    return "";
  }

  private void writeAccessors(Map<String, List<Op>> byResource) {
    JavaOut j = new JavaOut();
    j.line("package " + PKG + ";").blank();
    j.line("import com.oursprivacy.internal.ClientCore;").blank();
    j.doc("The platform API's resources, one accessor each: {@code ours.destinations().list()}.\n"
        + "Generated from the spec; {@link com.oursprivacy.OursPrivacy} extends it. Thread-safe.");
    j.line("public abstract class PlatformResources {");
    for (String r : byResource.keySet()) {
      j.line("private volatile " + service(r) + " " + camel(r) + ";");
    }
    j.blank().doc("For {@link com.oursprivacy.OursPrivacy} only.");
    j.line("protected PlatformResources() {}").blank();
    j.doc("The HTTP stack every resource call goes through.\n\n@return the client's core");
    j.line("protected abstract ClientCore core();");
    for (Map.Entry<String, List<Op>> en : byResource.entrySet()) {
      String r = en.getKey();
      TreeSet<String> verbs = new TreeSet<>();
      en.getValue().forEach(o -> verbs.add(o.javaName));
      j.blank().doc("Operations on " + Json.str(en.getValue().get(0).op.node, "x-ours-resource").replace('_', ' ')
          + ": " + String.join(", ", verbs) + ".\n\n@return the " + r + " service, created on first use");
      j.line("public final " + service(r) + " " + camel(r) + "() {");
      j.line(service(r) + " s = " + camel(r) + ";");
      j.line("if (s == null) {");
      j.line("synchronized (this) {");
      j.line("s = " + camel(r) + ";");
      j.line("if (s == null) {");
      j.line("s = new " + service(r) + "(core());");
      j.line(camel(r) + " = s;");
      j.line("}").line("}").line("}");
      j.line("return s;").line("}");
    }
    j.line("}");
    j.write(out, PKG, "PlatformResources");
  }

  static String service(String resource) {
    return Names.singularPascal(resource) + "Service";
  }

  private void writeIndex(Map<String, List<Op>> byResource) {
    JavaOut j = new JavaOut();
    j.line("package " + PKG + ";").blank();
    j.line("import java.util.List;").blank();
    j.doc("Every platform operation and the facade method that reaches it, for coverage checks.\n"
        + "Each entry: {x-stainless-method, HTTP method, path, accessor on OursPrivacy, service method}.");
    j.line("public final class FacadeIndex {");
    j.line("private FacadeIndex() {}").blank();
    j.doc("The operations, in spec order.");
    j.line("public static final List<List<String>> OPERATIONS = List.of(");
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, List<Op>> en : byResource.entrySet()) {
      for (Op o : en.getValue()) {
        rows.add("List.of(" + JavaOut.str(o.op.key()) + ", " + JavaOut.str(o.op.method.toUpperCase(Locale.ROOT))
            + ", " + JavaOut.str(o.op.path) + ", " + JavaOut.str(camel(en.getKey())) + ", " + JavaOut.str(o.javaName) + ")");
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      j.line("    " + rows.get(i) + (i + 1 < rows.size() ? "," : ");"));
    }
    j.line("}");
    j.write(out, PKG, "FacadeIndex");
  }

  static void writeFile(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package com.oursprivacy.spec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one resource's service ({@code DestinationService}): per operation a synchronous
 * method (with and without {@code RequestOptions}, and without its optional query parameters),
 * an {@code …Async} variant for non-list operations, and for lists an {@code AutoPager} (cursor
 * or offset) or a {@code List}.
 */
final class ServiceWriter {
  private ServiceWriter() {}

  static void write(FacadeWriter w, String resource, List<FacadeWriter.Op> ops) {
    String cls = FacadeWriter.service(resource);
    String api = ops.get(0).apiClass;
    JavaOut j = new JavaOut();
    j.line("package " + FacadeWriter.PKG + ";").blank();
    j.line("import com.oursprivacy.core.RequestOptions;");
    j.line("import com.oursprivacy.internal.ClientCore;");
    j.line("import com.oursprivacy.pagination.AutoPager;");
    j.line("import com.oursprivacy.pagination.Page;");
    j.line("import java.util.concurrent.CompletableFuture;").blank();
    j.doc("The " + JavaOut.escape(ops.get(0).op.scope()) + " operations ({@code " + resource + ".*}), reached with {@code ours."
        + FacadeWriter.camel(resource) + "()}. Thread-safe. Every method throws an {@link\n"
        + "com.oursprivacy.errors.OursException} subtype on failure: {@link com.oursprivacy.errors.OursValidationException}\n"
        + "before sending when an argument is invalid, an {@link com.oursprivacy.errors.OursApiException} for an\n"
        + "error status.");
    j.line("public final class " + cls + " {");
    j.line("private final ClientCore core;");
    j.line("private final " + api + " api;").blank();
    j.line(cls + "(ClientCore core) {");
    j.line("this.core = core;");
    j.line("this.api = core.api(" + api + ".class);").line("}");
    for (FacadeWriter.Op o : ops) {
      operation(w, j, o);
    }
    j.line("}");
    j.write(w.out(), FacadeWriter.PKG, cls);
  }

  private static String callType(FacadeWriter.Op o) {
    Type t = o.method.getGenericReturnType();
    if (t instanceof ParameterizedType) {
      return ((ParameterizedType) t).getActualTypeArguments()[0].getTypeName();
    }
    return "Object";
  }

  private static String bodyType(FacadeWriter.Op o) {
    java.lang.annotation.Annotation[][] anns = o.method.getParameterAnnotations();
    for (int i = 0; i < anns.length; i++) {
      for (java.lang.annotation.Annotation a : anns[i]) {
        if (a.annotationType().getSimpleName().equals("Body")) {
          return o.method.getGenericParameterTypes()[i].getTypeName();
        }
      }
    }
    return null;
  }

  private static void operation(FacadeWriter w, JavaOut j, FacadeWriter.Op o) {
    String key = o.op.key();
    String desc = Json.str(o.op.node, "description");
    String http = o.op.method.toUpperCase(Locale.ROOT) + " " + o.op.path;
    List<String> decl = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String[] p : o.pathParams) {
      decl.add("String " + FacadeWriter.camel(p[0]));
      names.add(FacadeWriter.camel(p[0]));
    }
    boolean patch = o.patchClass != null;
    if (o.hasBody) {
      decl.add((patch ? o.patchClass : bodyType(o)) + " body");
      names.add("body");
    }
    if (o.paramsClass != null) {
      decl.add(o.paramsClass + " params");
      names.add("params");
    }
    String ret;
    String itemType = null;
    if ("cursor".equals(o.paging) || "offset".equals(o.paging) || "none".equals(o.paging)) {
      itemType = itemJavaType(w, o);
      ret = "none".equals(o.paging) ? "java.util.List<" + itemType + ">" : "AutoPager<" + itemType + ">";
    } else {
      ret = callType(o);
    }
    String m = o.javaName;
    String full = String.join(", ", decl);
    String fullWithOptions = full.isEmpty() ? "RequestOptions options" : full + ", RequestOptions options";
    String argNames = String.join(", ", names);
    String argNamesOpt = argNames.isEmpty() ? "options" : argNames + ", options";
    String doc = (desc == null ? key : JavaOut.escape(desc)) + "\n\n<p>{@code " + http + "} ({@code " + key + "})."
        + (o.paging != null && !"none".equals(o.paging)
            ? " Lazy: a page is fetched only when iteration reaches it." : "");
    String returns = "none".equals(o.paging) ? "the items"
        : o.paging != null ? "a lazy pager over every item; no request is sent until iteration starts"
        : "the result";

    // convenience overloads
    j.blank().doc(doc + tags(decl, false, returns));
    j.line("public " + ret + " " + m + "(" + full + ") {");
    j.line("return " + m + "(" + (argNames.isEmpty() ? "" : argNames + ", ") + "RequestOptions.none());").line("}");
    if (o.paramsClass != null && o.requiredQuery.isEmpty()) {
      List<String> declNoParams = new ArrayList<>(decl.subList(0, decl.size() - 1));
      List<String> namesNoParams = new ArrayList<>(names.subList(0, names.size() - 1));
      namesNoParams.add(o.paramsClass + ".none()");
      namesNoParams.add("RequestOptions.none()");
      j.blank().doc("Same as {@link #" + m + "(" + typesOnly(decl) + ")} with no query parameters."
          + tags(declNoParams, false, returns));
      j.line("public " + ret + " " + m + "(" + String.join(", ", declNoParams) + ") {");
      j.line("return " + m + "(" + String.join(", ", namesNoParams) + ");").line("}");
    }

    // the full form
    j.blank().doc("Same as {@link #" + m + "(" + typesOnly(decl) + ")}, with per-request options."
        + tags(decl, true, returns));
    j.line("public " + ret + " " + m + "(" + fullWithOptions + ") {");
    guards(w, j, o, key);
    if ("cursor".equals(o.paging)) {
      cursorBody(w, j, o, key);
    } else if ("offset".equals(o.paging)) {
      offsetBody(w, j, o, key);
    } else if ("none".equals(o.paging)) {
      String items = w.getter(o.responseType, o.itemsProps.get(0));
      j.line(w.modelType(o.responseType) + " r = FacadeSupport.body(core.execute(" + retrofitCall(o, null) + ", options), "
          + JavaOut.str(key) + ");");
      j.line("return FacadeSupport.items(r." + items + "(), " + JavaOut.str(key) + ", " + JavaOut.str(o.itemsProps.get(0)) + ");");
    } else if (patch) {
      j.line("return core.execute(" + patchArgs(o) + ", options);");
    } else {
      j.line("return core.execute(" + retrofitCall(o, null) + ", options);");
    }
    j.line("}");

    if (o.paging == null) {
      j.blank().doc("Asynchronous {@link #" + m + "(" + typesOnly(decl) + ")}: completes with the result, or\n"
          + "exceptionally with an {@link com.oursprivacy.errors.OursException}; never blocks a thread per retry."
          + tags(decl, true, "a future of the result").replace("\n@throws com.oursprivacy.errors.OursException on failure (see the class documentation)", ""));
      j.line("public CompletableFuture<" + ret + "> " + m + "Async(" + fullWithOptions + ") {");
      guards(w, j, o, key);
      if (patch) {
        j.line("return core.executeAsync(" + patchArgs(o) + ", options);");
      } else {
        j.line("return core.executeAsync(" + retrofitCall(o, null) + ", options);");
      }
      j.line("}");
      j.blank().doc("Same as {@link #" + m + "Async(" + typesOnly(decl) + (decl.isEmpty() ? "" : ", ")
          + "RequestOptions)} with default options."
          + tags(decl, false, "a future of the result").replace("\n@throws com.oursprivacy.errors.OursException on failure (see the class documentation)", ""));
      j.line("public CompletableFuture<" + ret + "> " + m + "Async(" + full + ") {");
      j.line("return " + m + "Async(" + argNamesOpt.replace("options", "RequestOptions.none()") + ");").line("}");
    }
  }

  /** {@code @param}/{@code @return}/{@code @throws} lines for a method with parameters {@code decl}. */
  private static String tags(List<String> decl, boolean options, String returns) {
    StringBuilder sb = new StringBuilder("\n");
    for (String d : decl) {
      String name = d.substring(d.lastIndexOf(' ') + 1);
      String what;
      switch (name) {
        case "body":
          what = "the request body";
          break;
        case "params":
          what = "the query parameters";
          break;
        default:
          what = "the {@code " + name + "} path parameter; must not be blank";
      }
      sb.append("\n@param ").append(name).append(' ').append(what);
    }
    if (options) {
      sb.append("\n@param options per-request timeout, retries, headers and query parameters");
    }
    sb.append("\n@return ").append(returns);
    sb.append("\n@throws com.oursprivacy.errors.OursException on failure (see the class documentation)");
    return sb.toString();
  }

  private static void guards(FacadeWriter w, JavaOut j, FacadeWriter.Op o, String key) {
    for (String[] p : o.pathParams) {
      j.line("FacadeSupport.requirePathParam(" + JavaOut.str(key) + ", " + JavaOut.str(p[0]) + ", "
          + FacadeWriter.camel(p[0]) + ");");
    }
    if (o.hasBody) {
      j.line("java.util.Objects.requireNonNull(body, \"body == null\");");
      if (o.patchClass == null && w.schema(o.bodyType) != null) {
        // The API rejects a body without its required fields: say so before sending.
        for (String req : Json.strings(Json.arr(w.schema(o.bodyType), "required"))) {
          j.line("FacadeSupport.requireField(" + JavaOut.str(key) + ", " + JavaOut.str(req) + ", body."
              + w.getter(o.bodyType, req) + "());");
        }
      }
    }
    if (o.paramsClass != null) {
      j.line("java.util.Objects.requireNonNull(params, \"params == null\");");
    }
    j.line("java.util.Objects.requireNonNull(options, \"options == null\");");
  }

  private static String typesOnly(List<String> decl) {
    List<String> t = new ArrayList<>();
    for (String d : decl) {
      String type = d.substring(0, d.lastIndexOf(' '));
      t.add(type.replaceAll("<.*>", ""));
    }
    return String.join(", ", t);
  }

  /** The generated Retrofit call with this operation's arguments; {@code override} replaces one query param. */
  private static String retrofitCall(FacadeWriter.Op o, String[] override) {
    List<String> args = new ArrayList<>();
    java.lang.annotation.Annotation[][] anns = o.method.getParameterAnnotations();
    for (java.lang.annotation.Annotation[] pa : anns) {
      for (java.lang.annotation.Annotation a : pa) {
        String simple = a.annotationType().getSimpleName();
        String value = valueOf(a);
        if (simple.equals("Path")) {
          args.add(FacadeWriter.camel(value));
        } else if (simple.equals("Query")) {
          args.add(override != null && override[0].equals(value) ? override[1] : "params." + FacadeWriter.camel(value) + "()");
        } else if (simple.equals("Body")) {
          args.add("body");
        }
      }
    }
    return "api." + o.method.getName() + "(" + String.join(", ", args) + ")";
  }

  private static String valueOf(java.lang.annotation.Annotation a) {
    try {
      return String.valueOf(a.annotationType().getMethod("value").invoke(a));
    } catch (ReflectiveOperationException e) {
      return "";
    }
  }

  private static String patchArgs(FacadeWriter.Op o) {
    StringBuilder path = new StringBuilder("FacadeSupport.path(" + JavaOut.str(o.op.path));
    for (String[] p : o.pathParams) {
      path.append(", ").append(JavaOut.str(p[0])).append(", ").append(FacadeWriter.camel(p[0]));
    }
    path.append(")");
    StringBuilder query = new StringBuilder("FacadeSupport.query(");
    String sep = "";
    for (String[] q : o.queryParams) {
      query.append(sep).append(JavaOut.str(q[0])).append(", params.").append(FacadeWriter.camel(q[0])).append("()");
      sep = ", ";
    }
    query.append(")");
    return JavaOut.str(o.op.method.toUpperCase(Locale.ROOT)) + ", " + path + ", " + query + ", body.toJson(), "
        + "new com.google.gson.reflect.TypeToken<" + callType(o) + ">() {}.getType()";
  }

  private static String itemJavaType(FacadeWriter w, FacadeWriter.Op o) {
    try {
      Class<?> c = Class.forName(w.modelType(o.responseType), false, Thread.currentThread().getContextClassLoader());
      Type t = c.getMethod(w.getter(o.responseType, o.itemsProps.get(0))).getGenericReturnType();
      if (t instanceof ParameterizedType) {
        return ((ParameterizedType) t).getActualTypeArguments()[0].getTypeName();
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read items of " + o.op.key(), e);
    }
    return "Object";
  }

  private static void cursorBody(FacadeWriter w, JavaOut j, FacadeWriter.Op o, String key) {
    String resp = w.modelType(o.responseType);
    String items = w.getter(o.responseType, o.itemsProps.get(0));
    String pag = w.getter(o.responseType, "pagination");
    String pagType = pagType(w, o);
    String next = w.getter(pagType, "nextCursor");
    String more = w.getter(pagType, "hasMore");
    j.line("return AutoPager.ofCursor(cursor -> {");
    j.line(resp + " r = FacadeSupport.body(core.execute("
        + retrofitCall(o, new String[] {"cursor", "cursor != null ? cursor : params.cursor()"}) + ", options), "
        + JavaOut.str(key) + ");");
    j.line(w.modelType(pagType) + " p = r." + pag + "();");
    j.line("return Page.cursor(FacadeSupport.items(r." + items + "(), " + JavaOut.str(key) + ", "
        + JavaOut.str(o.itemsProps.get(0)) + "), p == null ? null : p." + next + "(), p != null && Boolean.TRUE.equals(p."
        + more + "()), r);");
    j.line("});");
  }

  private static String pagType(FacadeWriter w, FacadeWriter.Op o) {
    com.google.gson.JsonObject ps = Json.obj(Json.obj(w.schema(o.responseType), "properties"), "pagination");
    String ref = Json.str(ps, "$ref");
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static void offsetBody(FacadeWriter w, JavaOut j, FacadeWriter.Op o, String key) {
    String resp = w.modelType(o.responseType);
    String items = w.getter(o.responseType, o.itemsProps.get(0));
    String more = w.getter(o.responseType, "hasMore");
    boolean hasTotal = Json.obj(Json.obj(w.schema(o.responseType), "properties"), "total") != null;
    String offsetType = "java.lang.Integer";
    for (String[] q : o.queryParams) {
      if (q[0].equals("offset")) {
        offsetType = q[1];
      }
    }
    String conv;
    switch (offsetType) {
      case "java.lang.Long":
        conv = "Long.valueOf(offset)";
        break;
      case "java.math.BigDecimal":
        conv = "java.math.BigDecimal.valueOf(offset)";
        break;
      default:
        conv = "Math.toIntExact(offset)";
    }
    j.line("long start = params.offset() == null ? 0L : params.offset().longValue();");
    j.line("return AutoPager.ofOffset(offset -> {");
    j.line(resp + " r = FacadeSupport.body(core.execute(" + retrofitCall(o, new String[] {"offset", conv}) + ", options), "
        + JavaOut.str(key) + ");");
    j.line("return Page.offset(FacadeSupport.items(r." + items + "(), " + JavaOut.str(key) + ", "
        + JavaOut.str(o.itemsProps.get(0)) + "), offset, Boolean.TRUE.equals(r." + more + "()), "
        + (hasTotal ? "FacadeSupport.toLong(r." + w.getter(o.responseType, "total") + "())" : "null") + ", r);");
    j.line("}, start);");
  }
}

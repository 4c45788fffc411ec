package com.oursprivacy.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the tri-state body builder of a PATCH/PUT operation ({@code DestinationUpdate}): a
 * setter per writable field, {@code clearX()} only where the spec marks the field nullable,
 * {@code putX}/{@code clearX(key)} for free-form maps (patch-only {@code settings}), and {@code
 * from(entity)} for GET → PATCH round trips.
 */
final class PatchWriter {
  private PatchWriter() {}

  static void write(FacadeWriter w, FacadeWriter.Op o) {
    JsonObject body = w.schema(o.bodyType);
    JsonObject props = Json.obj(body, "properties");
    List<String> fields = new ArrayList<>();
    List<String> nullable = new ArrayList<>();
    JavaOut setters = new JavaOut();
    if (props != null) {
      for (Map.Entry<String, JsonElement> p : props.entrySet()) {
        JsonObject s = p.getValue().getAsJsonObject();
        if (Json.bool(s, "readOnly")) {
          continue; // accepted and ignored by the server: never worth sending
        }
        String name = p.getKey();
        fields.add(name);
        boolean canClear = Json.bool(s, "nullable");
        if (canClear) {
          nullable.add(name);
        }
        setter(w, setters, o, name, s, canClear);
      }
    }
    String cls = o.patchClass;
    String entity = o.responseType != null && w.schema(o.responseType) != null
        && Json.obj(w.schema(o.responseType), "properties") != null ? o.responseType : null;
    JavaOut j = new JavaOut();
    j.line("package " + FacadeWriter.PKG + ";").blank();
    j.line("import com.google.gson.Gson;");
    j.line("import com.google.gson.JsonObject;");
    j.line("import com.oursprivacy.patch.PatchBuilder;");
    j.line("import java.util.Set;").blank();
    j.doc("The body of {@code " + o.op.key() + "} (" + o.op.method.toUpperCase(Locale.ROOT) + " " + o.op.path
        + "). Each field has three states: set (sends the value), cleared (sends JSON {@code null};\n"
        + "only for fields the API marks nullable) and untouched (omitted; the server keeps its value).\n"
        + "Immutable and thread-safe; build one with {@link #builder()}"
        + (entity != null ? " or {@link #from}" : "") + ".");
    j.line("public final class " + cls + " {");
    j.line("static final Set<String> FIELDS = Set.of(" + quoted(fields) + ");");
    j.line("static final Set<String> NULLABLE = Set.of(" + quoted(nullable) + ");");
    j.line("private static final Gson GSON = new Gson();").blank();
    j.line("private final JsonObject json;").blank();
    j.line("private " + cls + "(JsonObject json) {").line("this.json = json;").line("}").blank();
    j.doc("A builder with every field untouched.\n\n@return a new builder");
    j.line("public static Builder builder() {").line("return new Builder();").line("}");
    if (entity != null) {
      j.blank().doc("Starts an update of {@code current} (typically just retrieved): only fields then set to a\n"
          + "value different from {@code current}'s, or cleared, are sent.\n\n@param current the entity as retrieved\n@return a builder based on it");
      j.line("public static Builder from(" + w.modelType(entity) + " current) {");
      j.line("java.util.Objects.requireNonNull(current, \"current == null\");");
      j.line("return new Builder().withBase(GSON.toJsonTree(current).getAsJsonObject());").line("}");
    }
    j.blank().doc("The JSON body to send: set fields with their values, cleared fields as {@code null}.\n\n@return a copy of the body");
    j.line("public JsonObject toJson() {").line("return json.deepCopy();").line("}").blank();
    j.doc("Names the fields set and cleared, never their values (a field may hold a secret such as a salt).");
    j.line("@Override").line("public String toString() {");
    j.line("return \"" + cls + "\" + json.keySet();").line("}").blank();
    j.doc("Builds {@link " + cls + "}. Not thread-safe.");
    j.line("public static final class Builder extends PatchBuilder<Builder> {");
    j.line("private Builder() {").line("super(" + JavaOut.str(o.op.key()) + ", FIELDS, NULLABLE);").line("}").blank();
    j.line("@Override").line("protected Builder self() {").line("return this;").line("}").blank();
    j.line("private Builder withBase(JsonObject current) {").line("return base(current);").line("}");
    for (String l : setters.toString().split("\n")) {
      if (!l.isEmpty()) {
        j.line(l.strip());
      } else {
        j.blank();
      }
    }
    List<String> required = Json.strings(Json.arr(body, "required"));
    j.blank().doc("The immutable body."
        + (required.isEmpty() ? "" : "\n\n@throws com.oursprivacy.errors.OursValidationException when a field the API requires ("
            + String.join(", ", required) + ") is not set, before anything is sent")
        + "\n@return the body");
    j.line("public " + cls + " build() {");
    j.line("JsonObject json = toJson();");
    for (String req : required) {
      j.line("if (!json.has(" + JavaOut.str(req) + ") || json.get(" + JavaOut.str(req) + ").isJsonNull()) {");
      j.line("throw new com.oursprivacy.errors.OursValidationException(" + JavaOut.str(o.op.key() + "." + req)
          + ", \"is required by the API\");");
      j.line("}");
    }
    j.line("return new " + cls + "(json);").line("}");
    j.line("}");
    j.line("}");
    j.write(w.out(), FacadeWriter.PKG, cls);
  }

  private static void setter(FacadeWriter w, JavaOut j, FacadeWriter.Op o, String name, JsonObject s, boolean canClear) {
    String m = FacadeWriter.camel(name);
    String desc = Json.str(s, "description");
    String docTail = desc == null ? "" : "\n\n" + JavaOut.escape(desc);
    String ref = Json.str(s, "$ref");
    JsonObject target = ref == null ? s : w.schema(ref.substring(ref.lastIndexOf('/') + 1));
    String type = javaType(w, s);
    boolean freeMap = ref == null && "object".equals(Json.str(s, "type")) && Json.obj(s, "properties") == null;
    j.blank();
    j.doc("Sets {@code " + name + "}." + docTail + "\n\n@param " + m + " the new value (not null)\n@return this builder");
    j.line("public Builder " + m + "(" + type + " " + m + ") {").line("return set(" + JavaOut.str(name) + ", " + m + ");").line("}");
    if (ref != null && Json.isStringEnum(target) && !type.equals("String")) {
      j.blank().doc("Sets {@code " + name + "} to a raw value, for values this SDK version does not know yet.\n\n@param "
          + m + " the raw value (not null)\n@return this builder");
      j.line("public Builder " + m + "(String " + m + ") {").line("return set(" + JavaOut.str(name) + ", " + m + ");").line("}");
    }
    if (freeMap) {
      String single = FacadeWriter.camel(Names.singularPascal(name));
      String upper = Character.toUpperCase(single.charAt(0)) + single.substring(1);
      j.blank().doc("Sets one key of {@code " + name + "}; the keys you do not name keep their values.\n\n"
          + "@param key the key\n@param value its new value (not null; use the clear method to remove a key)\n@return this builder");
      j.line("public Builder put" + upper + "(String key, Object value) {");
      j.line("return putEntry(" + JavaOut.str(name) + ", key, value);").line("}");
      j.blank().doc("Clears one key of {@code " + name + "} (sends {@code \"key\": null}); other keys keep their values.\n\n"
          + "@param key the key to clear\n@return this builder");
      j.line("public Builder clear" + upper + "(String key) {");
      j.line("return clearEntry(" + JavaOut.str(name) + ", key);").line("}");
    }
    if (canClear) {
      String upper = Character.toUpperCase(m.charAt(0)) + m.substring(1);
      j.blank().doc("Clears {@code " + name + "}: sends JSON {@code null}.\n\n@return this builder");
      j.line("public Builder clear" + upper + "() {").line("return clear(" + JavaOut.str(name) + ");").line("}");
    }
  }

  /** The setter's parameter type for a property schema. */
  static String javaType(FacadeWriter w, JsonObject s) {
    String ref = Json.str(s, "$ref");
    if (ref != null) {
      return w.modelType(ref.substring(ref.lastIndexOf('/') + 1));
    }
    String type = Json.str(s, "type");
    if (type == null) {
      return "Object";
    }
    switch (type) {
      case "string":
        return "String";
      case "integer":
      case "number":
        return "Number";
      case "boolean":
        return "Boolean";
      case "array":
        JsonObject items = Json.obj(s, "items");
        String it = items == null ? "Object" : javaType(w, items);
        return "java.util.List<" + (it.equals("Object") ? "?" : it) + ">";
      case "object":
        return Json.obj(s, "properties") == null ? "java.util.Map<String, ?>" : "Object";
      default:
        return "Object";
    }
  }

  private static String quoted(List<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add(JavaOut.str(n)));
    return String.join(", ", q);
  }
}

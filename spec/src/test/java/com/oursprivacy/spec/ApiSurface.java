package com.oursprivacy.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * The Java API a normalized spec generates, as comparable lines: every public facade method with
 * its parameter and return types ({@code com.oursprivacy.resources.DestinationService#get(String,
 * RequestOptions) -> Destination}), every model class, its properties and their types, and every
 * enum constant. Removed lines are incompatible changes; added lines are additions.
 */
final class ApiSurface {
  final TreeSet<String> lines = new TreeSet<>();
  final TreeSet<String> deprecated = new TreeSet<>();

  /** Nullable body fields of PATCH/PUT params: their tri-state {@code clearX()}. */
  final int patchNullable;

  /** Every {@code clearX()} of every request object, nested inputs included. */
  final int clearable;

  /** Nullable properties of the model classes. */
  final int nullableProperties;

  private ApiSurface(JsonObject normalized) {
    for (JavaFile f : FacadeWriter.files(normalized)) {
      type(f.packageName() + ".", f.typeSpec());
    }
    JsonObject schemas = Json.obj(Json.obj(normalized, "components"), "schemas");
    for (Map.Entry<String, JsonElement> s : schemas.entrySet()) {
      JsonObject schema = s.getValue().getAsJsonObject();
      String model = "model " + s.getKey();
      lines.add(model);
      for (String v : Json.strings(Json.arr(schema, "enum"))) {
        lines.add(model + "." + v);
      }
      JsonObject props = Json.obj(schema, "properties");
      if (props != null) {
        for (Map.Entry<String, JsonElement> p : props.entrySet()) {
          JsonObject ps = p.getValue().getAsJsonObject();
          String ref = Json.str(ps, "$ref");
          String items = Json.str(Json.obj(ps, "items"), "$ref");
          String type =
              ref != null
                  ? ref.substring(ref.lastIndexOf('/') + 1)
                  : items != null
                      ? "List<" + items.substring(items.lastIndexOf('/') + 1) + ">"
                      : SpecSummary.type(ps);
          lines.add(model + "#" + p.getKey() + " : " + type);
        }
      }
    }
    FacadeModel.Facade facade = FacadeModelReader.read(normalized);
    patchNullable =
        (int)
            facade.resources().stream()
                .flatMap(r -> r.ops().stream())
                .filter(o -> o.params() != null && o.params().patchLike())
                .flatMap(o -> o.params().body().stream())
                .filter(FacadeModel.Field::nullable)
                .count();
    clearable =
        (int)
            Stream.concat(
                    facade.resources().stream()
                        .flatMap(r -> r.ops().stream())
                        .filter(o -> o.params() != null)
                        .map(FacadeModel.Op::params),
                    facade.inputs().stream())
                .flatMap(sh -> sh.body().stream())
                .filter(FacadeModel.Field::nullable)
                .count();
    int n = 0;
    for (Map.Entry<String, JsonElement> s : schemas.entrySet()) {
      JsonObject props = Json.obj(s.getValue().getAsJsonObject(), "properties");
      if (props != null) {
        for (Map.Entry<String, JsonElement> p : props.entrySet()) {
          n += Json.bool(p.getValue().getAsJsonObject(), "nullable") ? 1 : 0;
        }
      }
    }
    nullableProperties = n;
  }

  static ApiSurface of(JsonObject normalized) {
    return new ApiSurface(normalized);
  }

  private void type(String prefix, TypeSpec t) {
    if (!t.modifiers().contains(Modifier.PUBLIC)) {
      return;
    }
    String name = prefix + t.name();
    lines.add("class " + name);
    for (MethodSpec m : t.methodSpecs()) {
      if (!m.modifiers().contains(Modifier.PUBLIC)) {
        continue;
      }
      String sig =
          name
              + "#"
              + m.name()
              + "("
              + m.parameters().stream()
                  .map(ParameterSpec::type)
                  .map(Object::toString)
                  .collect(Collectors.joining(", "))
              + ")"
              + (m.returnType() == null ? "" : " -> " + m.returnType());
      lines.add(sig);
      if (m.annotations().stream().anyMatch(a -> a.type().toString().endsWith("Deprecated"))) {
        deprecated.add(sig);
      }
    }
    for (TypeSpec nested : t.typeSpecs()) {
      type(name + ".", nested);
    }
  }

  /** What {@code after} lacks of this surface: the incompatible changes. */
  TreeSet<String> removedIn(ApiSurface after) {
    TreeSet<String> out = new TreeSet<>(lines);
    out.removeAll(after.lines);
    return out;
  }

  /** What {@code after} adds to this surface. */
  TreeSet<String> addedIn(ApiSurface after) {
    TreeSet<String> out = new TreeSet<>(after.lines);
    out.removeAll(lines);
    return out;
  }
}

package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The spec changes often. Older and newer versions, derived here from the spec this build pulled,
 * must normalize without edits, and resources that did not change must keep their class names (they
 * are public API).
 */
class SpecEvolutionTest {
  private static JsonObject pulled() {
    return OlderSpec.pulled();
  }

  /** Component names referenced by operations of resources outside {@code excluded}. */
  private static Set<String> namesUsedOutside(JsonObject prepared, Set<String> excluded) {
    Set<String> out = new TreeSet<>();
    for (Operation op : Operation.all(prepared)) {
      if (!excluded.contains(op.resource)) {
        collectRefs(op.node, prepared, out);
      }
    }
    return out;
  }

  private static void collectRefs(JsonElement e, JsonObject spec, Set<String> out) {
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      if (o.has("$ref")) {
        String name = o.get("$ref").getAsString().replace(Normalizer.REF_PREFIX, "");
        if (out.add(name)) {
          collectRefs(
              spec.getAsJsonObject("components").getAsJsonObject("schemas").get(name), spec, out);
        }
      }
      o.entrySet().forEach(en -> collectRefs(en.getValue(), spec, out));
    } else if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> collectRefs(x, spec, out));
    }
  }

  private static int removeResource(JsonObject spec, String resource) {
    int removed = 0;
    JsonObject paths = spec.getAsJsonObject("paths");
    for (String path : new ArrayList<>(paths.keySet())) {
      JsonObject item = paths.getAsJsonObject(path);
      for (String method : new ArrayList<>(item.keySet())) {
        JsonElement op = item.get(method);
        if (op.isJsonObject()
            && op.getAsJsonObject().has("x-stainless-method")
            && op.getAsJsonObject()
                .get("x-stainless-method")
                .getAsString()
                .startsWith(resource + ".")) {
          item.remove(method);
          removed++;
        }
      }
      if (item.size() == 0) {
        paths.remove(path);
      }
    }
    return removed;
  }

  @Test
  void anOlderSpecWithoutSomeResourcesKeepsEveryOtherName() throws IOException {
    JsonObject current = pulled();
    JsonObject older = current.deepCopy();
    Set<String> gone = Set.of("funnels", "audience_conversion_reports");
    int removed =
        removeResource(older, "funnels") + removeResource(older, "audience_conversion_reports");
    assertThat(removed).isPositive();

    JsonObject a = SpecPipeline.prepare(current);
    JsonObject b = SpecPipeline.prepare(older);

    assertThat(Operation.all(b)).hasSize(Operation.all(a).size() - removed);
    assertThat(namesUsedOutside(b, gone)).isEqualTo(namesUsedOutside(a, gone));
  }

  @Test
  void aNewResourceAppearsWithItsOwnNamesAndAnnotations() throws IOException {
    JsonObject current = pulled();
    JsonObject newer = current.deepCopy();
    JsonObject paths = newer.getAsJsonObject("paths");
    // a resource name the pulled spec does not have yet, whatever spec the build was pointed at
    String slug = "signal-routes";
    while (paths.has("/rest/v1/" + slug)) {
      slug = "x" + slug;
    }
    String resource = slug.replace('-', '_');
    String tag = Names.pascal(resource);
    String single = Names.singularPascal(resource);
    // A new resource shaped exactly like destinations: it must get classes of its own.
    for (Map.Entry<String, JsonElement> p : current.getAsJsonObject("paths").entrySet()) {
      if (p.getKey().equals("/rest/v1/destinations")
          || p.getKey().equals("/rest/v1/destinations/{id}")) {
        JsonObject copy = p.getValue().getAsJsonObject().deepCopy();
        for (Map.Entry<String, JsonElement> m : copy.entrySet()) {
          JsonObject op = m.getValue().getAsJsonObject();
          String verb = op.get("x-stainless-method").getAsString().split("\\.", -1)[1];
          op.addProperty("x-stainless-method", resource + "." + verb);
          op.addProperty("operationId", verb + tag);
          com.google.gson.JsonArray tags = new com.google.gson.JsonArray();
          tags.add(tag);
          op.add("tags", tags);
        }
        paths.add(p.getKey().replace("destinations", slug), copy);
      }
    }

    JsonObject a = SpecPipeline.prepare(current);
    JsonObject b = SpecPipeline.prepare(newer);
    JsonObject schemas = b.getAsJsonObject("components").getAsJsonObject("schemas");

    assertThat(schemas.keySet())
        .contains(
            single,
            single + "CreateBody",
            single + "UpdateBody",
            single + "ListResponse",
            "Destination",
            "DestinationCreateBody");
    // ... and the facade gets its service, params and accessor with no hand edit
    java.util.Set<String> facade = new java.util.HashSet<>();
    FacadeWriter.files(b).forEach(f -> facade.add(f.typeSpec().name()));
    assertThat(facade)
        .contains(
            single + "Service",
            single + "CreateParams",
            single + "UpdateParams",
            single + "ListParams",
            "DestinationService");
    JsonObject list =
        b.getAsJsonObject("paths").getAsJsonObject("/rest/v1/" + slug).getAsJsonObject("get");
    assertThat(list.get("x-ours-pagination").getAsString()).isEqualTo("cursor");
    assertThat(list.get("x-ours-item-type").getAsString()).isEqualTo(single);
    assertThat(namesUsedOutside(b, Set.of(resource))).isEqualTo(namesUsedOutside(a, Set.of()));
  }
}

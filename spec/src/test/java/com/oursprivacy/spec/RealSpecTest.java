package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the normalized output this very build produced (the ours-spec resources under {@link
 * NormalizedSpecs#RESOURCE_DIR}, written in the process-classes phase) from whichever spec the
 * build was pointed at.
 */
class RealSpecTest {
  private static JsonObject load(String name) throws IOException {
    return NormalizedSpecs.read(name + ".json");
  }

  @Test
  void everyOperationIsAnnotatedAndNoSchemaNameLooksGeneratorMade() throws IOException {
    for (String name : new String[] {"platform", "ingest"}) {
      JsonObject spec = load(name);
      for (Operation op : Operation.all(spec)) {
        assertThat(op.node.has("x-ours-resource")).as(op.key()).isTrue();
        assertThat(op.node.has("x-ours-verb")).as(op.key()).isTrue();
      }
      JsonObject schemas = spec.getAsJsonObject("components").getAsJsonObject("schemas");
      assertThat(schemas.keySet())
          .isNotEmpty()
          .noneMatch(n -> Normalizer.FORBIDDEN.matcher(n).find());
      assertNoInlineObjects(spec.get("paths"), "paths");
    }
  }

  @Test
  void listOperationsArePaginationAnnotated() throws IOException {
    Map<String, Integer> styles = new HashMap<>();
    JsonObject spec = load("platform");
    JsonObject schemas = spec.getAsJsonObject("components").getAsJsonObject("schemas");
    for (Operation op : Operation.all(spec)) {
      JsonElement p = op.node.get("x-ours-pagination");
      if (p != null) {
        styles.merge(p.getAsString(), 1, Integer::sum);
        assertThat(op.node.has("x-ours-item-type")).as(op.key()).isTrue();
      }
      JsonObject result = op.responseSchema("200");
      if (op.verb.equals("list") && result != null && result.has("$ref")) {
        String ref = result.get("$ref").getAsString();
        JsonObject envelope = schemas.getAsJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        if (envelope.getAsJsonObject("properties").has("entities")) {
          assertThat(p).as(op.key() + " lists entities").isNotNull();
        }
      }
    }
    assertThat(styles.getOrDefault("cursor", 0)).isGreaterThanOrEqualTo(1);
  }

  /** After hoisting, no object with properties may remain inline under paths. */
  private static void assertNoInlineObjects(JsonElement e, String where) {
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      if (!where.endsWith("x-ours-page-size")) {
        assertThat(Json.isObjectNode(o) && !where.endsWith(".properties"))
            .as("inline object at " + where)
            .isFalse();
      }
      o.entrySet().forEach(en -> assertNoInlineObjects(en.getValue(), where + "." + en.getKey()));
    } else if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> assertNoInlineObjects(x, where + "[]"));
    }
  }
}

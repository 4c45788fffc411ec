package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An "older" platform spec derived from the one this build pulled (never a committed copy): it
 * lacks the last three operations and one response field, has one more operation, one more enum
 * value and one requirement fewer. Seen from it, the current spec has at least these 3 breaking and
 * 4 additive changes, plus the class renames they cause through shape sharing.
 */
final class OlderSpec {
  static final int BREAKING = 3;
  static final int ADDITIVE = 4;

  private OlderSpec() {}

  /** The spec as this build pulled it ({@code platform.source.json} of the ours-spec resources). */
  static JsonObject pulled() {
    return NormalizedSpecs.read("platform.source.json");
  }

  static JsonObject derive(JsonObject current) {
    JsonObject older = current.deepCopy();
    JsonObject paths = older.getAsJsonObject("paths");
    // additive (x3): the newest three operations did not exist yet
    List<String[]> ops = new ArrayList<>();
    for (String path : paths.keySet()) {
      for (String method : paths.getAsJsonObject(path).keySet()) {
        if (paths.getAsJsonObject(path).get(method).isJsonObject()
            && paths.getAsJsonObject(path).getAsJsonObject(method).has("x-stainless-method")) {
          ops.add(new String[] {path, method});
        }
      }
    }
    for (String[] op : ops.subList(ops.size() - 3, ops.size())) {
      paths.getAsJsonObject(op[0]).remove(op[1]);
      if (paths.getAsJsonObject(op[0]).size() == 0) {
        paths.remove(op[0]);
      }
    }
    JsonObject retrieve =
        paths.getAsJsonObject("/rest/v1/destinations/{id}").getAsJsonObject("get");
    // additive: destinations.retrieve's response had no hashingSalt yet
    schema(retrieve.getAsJsonObject("responses").getAsJsonObject("200"))
        .getAsJsonObject("properties")
        .remove("hashingSalt");
    // breaking: an operation the current spec removed (a whole resource, legacy_reports)
    JsonObject legacy = new JsonObject();
    JsonObject get = retrieve.deepCopy();
    get.addProperty("x-stainless-method", "legacy_reports.retrieve");
    get.addProperty("operationId", "findLegacyReports");
    JsonArray tags = new JsonArray();
    tags.add("Legacy Reports");
    get.add("tags", tags);
    legacy.add("get", get);
    paths.add("/rest/v1/legacy-reports/{id}", legacy);
    // breaking: destinations.create accepted a type value the current spec removed
    JsonObject create =
        schema(
            paths
                .getAsJsonObject("/rest/v1/destinations")
                .getAsJsonObject("post")
                .getAsJsonObject("requestBody"));
    create
        .getAsJsonObject("properties")
        .getAsJsonObject("type")
        .getAsJsonArray("enum")
        .add("LegacyPixel");
    // breaking: destinations.create's type was optional
    JsonArray required = new JsonArray();
    for (JsonElement r : create.getAsJsonArray("required")) {
      if (!r.getAsString().equals("type")) {
        required.add(r);
      }
    }
    create.add("required", required);
    return older;
  }

  private static JsonObject schema(JsonObject holder) {
    return holder
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema");
  }
}

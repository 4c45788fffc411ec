package com.oursprivacy.sandbox;

import com.google.gson.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's state: one insertion-ordered map per resource, plus each source's tokens (kept
 * beside the source, as the real API does: they are not fields of {@code Source}). Thread-safe:
 * every method locks the store.
 */
final class Store {
  private static final java.util.Set<String> PIXEL_TYPES =
      java.util.Set.of("WebSource", "PixelImage", "SegmentWebPlugin");

  private final Map<String, String> itemTypes;
  private final Map<String, Map<String, JsonObject>> data = new HashMap<>();
  private final Map<String, String[]> tokens = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final String ingestBaseUrl;

  /** {@code itemTypes}: resource → schema name of its stored item. */
  Store(Map<String, String> itemTypes, String ingestBaseUrl) {
    this.itemTypes = itemTypes;
    this.ingestBaseUrl = ingestBaseUrl;
  }

  boolean isStored(String resource) {
    return itemTypes.containsKey(resource);
  }

  String itemType(String resource) {
    return itemTypes.get(resource);
  }

  synchronized JsonObject create(String resource, JsonObject entity) {
    String id = entity.get("id").getAsString();
    data.computeIfAbsent(resource, r -> new LinkedHashMap<>()).put(id, entity);
    if ("sources".equals(resource)) {
      String token = "ours_" + hex(12);
      tokens.put(id, new String[] {token, "test_" + token.substring(5)});
    }
    return entity.deepCopy();
  }

  synchronized JsonObject get(String resource, String id) {
    JsonObject e = data.getOrDefault(resource, Map.of()).get(id);
    return e == null ? null : e.deepCopy();
  }

  synchronized JsonObject put(String resource, String id, JsonObject entity) {
    data.computeIfAbsent(resource, r -> new LinkedHashMap<>()).put(id, entity);
    return entity.deepCopy();
  }

  synchronized void remove(String resource, String id) {
    Map<String, JsonObject> m = data.get(resource);
    if (m != null) {
      m.remove(id);
    }
    if ("sources".equals(resource)) {
      tokens.remove(id);
    }
  }

  synchronized List<JsonObject> all(String resource) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject e : data.getOrDefault(resource, Map.of()).values()) {
      out.add(e.deepCopy());
    }
    return out;
  }

  synchronized void clear() {
    data.clear();
    tokens.clear();
  }

  /** The tokens body of a source: the pixel shape for web sources, the webhook shape otherwise. */
  synchronized JsonObject tokensOf(JsonObject source) {
    String id = source.get("id").getAsString();
    String[] t = tokens.get(id);
    String type =
        source.has("type") && source.get("type").isJsonPrimitive()
            ? source.get("type").getAsString()
            : "";
    JsonObject o = new JsonObject();
    o.addProperty("token", t[0]);
    o.addProperty("testToken", t[1]);
    if (PIXEL_TYPES.contains(type)) {
      o.addProperty("sourceType", "pixel");
      o.addProperty(
          "installScript",
          "<script src=\"https://cdn.oursprivacy.com/main.js\" data-token=\""
              + t[0]
              + "\"></script>");
      o.addProperty(
          "testInstallScript",
          "<script src=\"https://cdn.oursprivacy.com/main.js\" data-token=\""
              + t[1]
              + "\"></script>");
    } else {
      o.addProperty("sourceType", "webhook");
      o.addProperty("ingestUrl", ingestBaseUrl + "/track");
      o.addProperty("testIngestUrl", ingestBaseUrl + "/track");
      o.addProperty(
          "sampleCurl",
          "curl -X POST "
              + ingestBaseUrl
              + "/track -H 'Content-Type: application/json' -d '{\"event\":\"Test\",\"token\":\"…\",\"userId\":\"u1\"}'");
    }
    return o;
  }

  /** {@code [sourceId, "test"|"live"]} for a token of a live source, or null. */
  synchronized String[] sourceOf(String token) {
    for (Map.Entry<String, String[]> e : tokens.entrySet()) {
      if (e.getValue()[0].equals(token)) {
        return new String[] {e.getKey(), "live"};
      }
      if (e.getValue()[1].equals(token)) {
        return new String[] {e.getKey(), "test"};
      }
    }
    return null;
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}

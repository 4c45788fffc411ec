package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the lock remembers of a spec: its hash, its operations ({@code destinations.list GET
 * /rest/v1/destinations}) and its fields ({@code destinations.update body.hashingSalt}), enough
 * to tell a reader what changed between two versions.
 */
final class SpecSummary {
  /** Fields deeper than this are folded into their parent; it keeps the lock readable. */
  static final int MAX_FIELD_DEPTH = 2;

  String source;
  String sha256;
  int operationCount;
  final TreeSet<String> operations = new TreeSet<>();
  final TreeSet<String> fields = new TreeSet<>();

  static SpecSummary of(JsonObject spec, byte[] raw, String source) {
    SpecSummary s = new SpecSummary();
    s.source = source;
    s.sha256 = sha256(raw);
    for (Operation op : Operation.all(spec)) {
      s.operationCount++;
      String key = op.key();
      s.operations.add(key + " " + op.method.toUpperCase(Locale.ROOT) + " " + op.path);
      JsonArray params = Json.arr(op.node, "parameters");
      if (params != null) {
        for (JsonElement p : params) {
          if (p.isJsonObject()) {
            s.fields.add(key + " " + Json.str(p.getAsJsonObject(), "in") + "." + Json.str(p.getAsJsonObject(), "name"));
          }
        }
      }
      JsonObject body = op.requestSchema();
      if (body != null) {
        fields(s.fields, key + " body", body, 0);
      }
      String ok = op.successStatus();
      if (ok != null && op.responseSchema(ok) != null) {
        fields(s.fields, key + " response", op.responseSchema(ok), 0);
      }
    }
    return s;
  }

  private static void fields(TreeSet<String> out, String prefix, JsonObject schema, int depth) {
    if (depth >= MAX_FIELD_DEPTH) {
      return;
    }
    JsonObject items = Json.obj(schema, "items");
    if (items != null) {
      fields(out, prefix + "[]", items, depth);
      return;
    }
    for (String comp : new String[] {"anyOf", "oneOf", "allOf"}) {
      JsonArray vs = Json.arr(schema, comp);
      if (vs != null) {
        for (JsonElement v : vs) {
          if (v.isJsonObject()) {
            fields(out, prefix, v.getAsJsonObject(), depth);
          }
        }
      }
    }
    JsonObject props = Json.obj(schema, "properties");
    if (props == null) {
      return;
    }
    for (Map.Entry<String, JsonElement> p : props.entrySet()) {
      String path = prefix + "." + p.getKey();
      out.add(path);
      if (p.getValue().isJsonObject()) {
        fields(out, path, p.getValue().getAsJsonObject(), depth + 1);
      }
    }
  }

  static String sha256(byte[] raw) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format(Locale.ROOT, "%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

package com.oursprivacy.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The ingest API: {@code /track}, {@code /identify}, {@code /batch}. Bodies are checked against the
 * ingest spec; the rules the spec states in prose (at least one identity, the time window) are
 * checked here. Stricter than the real API in one respect: a {@code time} outside the last 7 days
 * (or more than a minute ahead) is rejected instead of being silently moved.
 */
final class IngestApi {
  private static final Duration MAX_AGE = Duration.ofDays(7);
  private static final Duration MAX_AHEAD = Duration.ofMinutes(1);

  private final Spec spec;
  private final SchemaValidator validator;
  private final Store store;
  private final IngestLog log;
  private final Clock clock;
  private final JsonObject batchEnvelope;

  IngestApi(Spec spec, Store store, IngestLog log, Clock clock) {
    this.spec = spec;
    this.validator = new SchemaValidator(spec);
    this.store = store;
    this.log = log;
    this.clock = clock;
    // /batch rows are judged one by one (207), so the envelope check leaves them alone.
    JsonObject env = spec.schema("BatchCreateBody").deepCopy();
    env.getAsJsonObject("properties").getAsJsonObject("events").add("items", new JsonObject());
    this.batchEnvelope = env;
  }

  Reply handle(Operation op, Request req) {
    boolean batch = op.template.endsWith("/batch");
    String err = RequestCheck.check(op, req, java.util.Map.of(), validator, true);
    if (err == null) {
      err = validator.firstError(req.json, batch ? batchEnvelope : op.bodySchema(), "body");
    }
    if (err != null) {
      return failure(400, err);
    }
    JsonObject body = req.json.getAsJsonObject();
    String[] source = store.sourceOf(body.get("token").getAsString());
    if (source == null) {
      return failure(401, "token: not a live or test token of any source in this sandbox");
    }
    boolean test = "test".equals(source[1]);
    if (op.template.endsWith("/identify")) {
      log.identified(body.get("userId").getAsString());
      return success();
    }
    if (!batch) {
      String rule = rules(body, "body");
      if (rule != null) {
        return failure(400, rule);
      }
      JsonObject row = body.deepCopy();
      if (!row.has("distinctId") || row.get("distinctId").isJsonNull()) {
        row.addProperty("distinctId", UUID.randomUUID().toString());
      }
      log.record(new RecordedEvent(source[0], "track", test, row));
      return success();
    }
    return batch(body, source[0], test);
  }

  private Reply batch(JsonObject body, String sourceId, boolean test) {
    JsonArray rows = body.getAsJsonArray("events");
    JsonArray results = new JsonArray();
    int accepted = 0;
    JsonObject rowSchema = spec.schema("BatchCreateEvent");
    for (int i = 0; i < rows.size(); i++) {
      JsonElement row = rows.get(i);
      String where = "events[" + i + "]";
      String err = validator.firstError(row, rowSchema, where);
      if (err == null) {
        err = rules(row.getAsJsonObject(), where);
      }
      String rowSource = sourceId;
      boolean rowTest = test;
      if (err == null && row.getAsJsonObject().has("token")) {
        String[] s = store.sourceOf(row.getAsJsonObject().get("token").getAsString());
        if (s == null) {
          err = where + ".token: not a token of any source in this sandbox";
        } else {
          rowSource = s[0];
          rowTest = "test".equals(s[1]);
        }
      }
      JsonObject result = new JsonObject();
      result.addProperty("index", i);
      result.addProperty("success", err == null);
      if (err == null) {
        accepted++;
        log.record(new RecordedEvent(rowSource, "batch", rowTest, row.getAsJsonObject()));
      } else {
        result.addProperty("code", "invalid_event");
        result.addProperty("message", err);
      }
      results.add(result);
    }
    JsonObject out = new JsonObject();
    out.addProperty("success", accepted == rows.size());
    out.addProperty("accepted", accepted);
    out.addProperty("failed", rows.size() - accepted);
    out.add("results", results);
    return new Reply(accepted == rows.size() ? 200 : 207, out);
  }

  /** The spec's prose rules: at least one identity; time in the last 7 days. */
  private String rules(JsonObject row, String where) {
    if (!present(row, "userId") && !present(row, "externalId") && !present(row, "email")) {
      return where + ": at least one of userId, externalId, email is required";
    }
    if (present(row, "time")) {
      double t = row.get("time").getAsDouble();
      long millis = t < 100_000_000_000d ? (long) (t * 1000) : (long) t;
      long now = clock.millis();
      if (millis > now + MAX_AHEAD.toMillis()) {
        return where + ".time: in the future; the API accepts only past times";
      }
      if (millis < now - MAX_AGE.toMillis()) {
        return where + ".time: more than 7 days in the past; the API accepts at most 7";
      }
    }
    return null;
  }

  private static boolean present(JsonObject o, String name) {
    return o.has(name)
        && !o.get(name).isJsonNull()
        && !(o.get(name).isJsonPrimitive() && o.get(name).getAsString().isEmpty());
  }

  private static Reply success() {
    JsonObject o = new JsonObject();
    o.addProperty("success", true);
    return Reply.ok(o);
  }

  /** {@code {success: false, error, details}}: the ingest shape plus the platform's fields. */
  static Reply failure(int status, String details) {
    JsonObject o = new JsonObject();
    o.addProperty("success", false);
    o.addProperty("error", Reply.reason(status));
    o.addProperty("details", details);
    return new Reply(status, o);
  }
}

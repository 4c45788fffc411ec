package com.oursprivacy.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every request's path through the sandbox: faults and latency, then the API by prefix ({@code
 * /rest/v1} platform with its bearer key, {@code /api/v1} ingest), the spec's operation (404
 * unknown path, 405 unknown method), the spec check (400), and the behaviour.
 */
final class Router implements HttpHandler {
  static final String INGEST_PREFIX = "/api/v1";

  private final Spec platform;
  private final Spec ingest;
  private final SchemaValidator platformValidator;
  private final PlatformApi platformApi;
  private final IngestApi ingestApi;
  private final Faults faults;
  private final String apiKey;

  Router(
      Spec platform,
      Spec ingest,
      PlatformApi platformApi,
      IngestApi ingestApi,
      Faults faults,
      String apiKey) {
    this.platform = platform;
    this.ingest = ingest;
    this.platformValidator = new SchemaValidator(platform);
    this.platformApi = platformApi;
    this.ingestApi = ingestApi;
    this.faults = faults;
    this.apiKey = apiKey;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Reply reply;
    try {
      Request req = read(ex);
      Duration latency = faults.latency();
      if (!latency.isZero()) {
        Thread.sleep(latency.toMillis());
      }
      boolean isIngest = req.path.startsWith(INGEST_PREFIX + "/");
      Reply fault = faults.next();
      if (fault != null) {
        reply = isIngest ? ingestShape(fault) : fault;
      } else {
        reply = isIngest ? ingest(req) : platform(req);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply = Reply.error(503, "sandbox is stopping");
    } catch (RuntimeException e) {
      reply = Reply.error(500, "sandbox failed on this request: " + e.getClass().getSimpleName());
    }
    write(ex, reply);
  }

  private Reply platform(Request req) {
    String auth = req.headers.get("authorization");
    if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
      return Reply.error(401, "missing API key: send Authorization: Bearer <key>");
    }
    if (!auth.substring(7).trim().equals(apiKey)) {
      return Reply.error(401, "invalid API key");
    }
    Found f = find(platform, req);
    if (f.reply != null) {
      return f.reply;
    }
    String err = RequestCheck.check(f.op, req, f.params, platformValidator, false);
    if (err != null) {
      return Reply.error(400, err);
    }
    return platformApi.handle(f.op, f.params, req);
  }

  private Reply ingest(Request req) {
    Found f = find(ingest, req);
    return f.reply != null ? ingestShape(f.reply) : ingestApi.handle(f.op, req);
  }

  private static Reply ingestShape(Reply r) {
    Reply out = IngestApi.failure(r.status, r.body.getAsJsonObject().get("details").getAsString());
    out.headers.putAll(r.headers);
    return out;
  }

  private static Found find(Spec spec, Request req) {
    boolean pathKnown = false;
    for (Operation op : spec.operations()) {
      Map<String, String> params = op.match(req.path);
      if (params != null) {
        if (op.method.equals(req.method)) {
          return new Found(op, params, null);
        }
        pathKnown = true;
      }
    }
    String what = req.method + " " + req.path;
    return new Found(
        null,
        null,
        pathKnown
            ? Reply.error(405, what + ": the spec defines this path, not this method")
            : Reply.error(404, what + ": no such operation in the spec"));
  }

  private static Request read(HttpExchange ex) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
      headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
    }
    Map<String, String> query = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.merge(k, v, (a, b) -> a + "," + b);
      }
    }
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    return new Request(
        ex.getRequestMethod().toUpperCase(Locale.ROOT),
        ex.getRequestURI().getRawPath(),
        query,
        headers,
        body);
  }

  private void write(HttpExchange ex, Reply reply) throws IOException {
    byte[] bytes = reply.body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    String[] rl = faults.headers();
    if (rl != null && reply.status != 429) {
      ex.getResponseHeaders().set("X-RateLimit-Limit", rl[0]);
      ex.getResponseHeaders().set("X-RateLimit-Remaining", rl[1]);
    }
    for (Map.Entry<String, String> h : reply.headers.entrySet()) {
      ex.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    ex.sendResponseHeaders(reply.status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static final class Found {
    final Operation op;
    final Map<String, String> params;
    final Reply reply;

    Found(Operation op, Map<String, String> params, Reply reply) {
      this.op = op;
      this.params = params;
      this.reply = reply;
    }
  }
}

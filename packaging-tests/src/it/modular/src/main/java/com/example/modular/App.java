package com.example.modular;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.models.Destination;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Runs on the module path: checks that the SDK is the explicit module com.oursprivacy, then reads
 * a destination (Retrofit, OkHttp, Gson and the generated models at work) and sends an ingest
 * event, both against a loopback server. Exits non-zero on any mismatch, which fails the build.
 */
public final class App {
  private App() {}

  public static void main(String[] args) throws IOException {
    Module sdk = OursPrivacy.class.getModule();
    ModuleDescriptor d = sdk.getDescriptor();
    check(sdk.isNamed() && "com.oursprivacy".equals(sdk.getName()), "SDK module: " + sdk);
    check(!d.isAutomatic(), "com.oursprivacy has a module-info (not an automatic module)");
    check(App.class.getModule().isNamed(), "this application runs as a named module");

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/rest/v1/destinations/dst_1",
        x ->
            reply(
                x,
                "{\"id\":\"dst_1\",\"name\":\"Mixpanel EU\",\"type\":\"Mixpanel\","
                    + "\"status\":\"Enabled\",\"createdAt\":\"2026-01-01T00:00:00Z\"}"));
    server.createContext("/api/v1/track", x -> reply(x, "{\"success\":true}"));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try (OursPrivacy ours = OursPrivacy.builder().apiKey("k-modular-123456").baseUrl(base).build();
        OursIngest ingest =
            OursIngest.builder()
                .testToken("test_modular_token")
                .mode(Mode.TEST)
                .baseUrl(base + "/api/v1")
                .build()) {
      Destination dst = ours.destinations().get("dst_1");
      check("Mixpanel EU".equals(dst.getName()), "read destination " + dst.getName());
      Event sent = ingest.track(Event.named("Modular Signup").userId("u1"));
      check(sent.distinctId() != null, "tracked an event with distinctId");
    } finally {
      server.stop(0);
    }
    System.out.println("modular consumer: OK, com.oursprivacy is an explicit module on the module path");
  }

  private static void reply(com.sun.net.httpserver.HttpExchange x, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(200, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private static void check(boolean ok, String what) {
    System.out.println((ok ? "  ok   " : "  FAIL ") + what);
    if (!ok) {
      System.exit(1);
    }
  }
}

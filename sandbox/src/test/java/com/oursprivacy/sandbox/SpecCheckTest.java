package com.oursprivacy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests the SDK would never send, straight over HTTP: each violation is a 400 naming it. */
class SpecCheckTest {
  private static OursSandbox sandbox;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    sandbox = OursSandbox.builder().apiKey("sk_test_key").start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header("Authorization", "Bearer sk_test_key")
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void missingRequiredBodyFieldIs400WithDetails() throws Exception {
    HttpResponse<String> r = send("POST", "/rest/v1/destinations", "{\"name\":\"no type\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"error\":\"Bad Request\"").contains("body.type: required");
  }

  @Test
  void wrongTypeUnknownEnumAndUnknownPropertyAre400() throws Exception {
    assertThat(send("POST", "/rest/v1/destinations", "{\"type\":\"Mixpanel\",\"name\":42}").body())
        .contains("body.name: expected string, got number");
    assertThat(send("POST", "/rest/v1/destinations", "{\"type\":\"NoSuchType\"}").body())
        .contains("body.type: \\\"NoSuchType\\\" is not one of");
    assertThat(
            send("POST", "/rest/v1/destinations", "{\"type\":\"Mixpanel\",\"nmae\":\"typo\"}")
                .body())
        .contains("body.nmae: unknown property");
  }

  @Test
  void nullOnANonNullableFieldIs400() throws Exception {
    String id =
        com.google.gson.JsonParser.parseString(
                send("POST", "/rest/v1/sources", "{\"type\":\"WebSource\"}").body())
            .getAsJsonObject()
            .get("id")
            .getAsString();
    HttpResponse<String> r = send("PATCH", "/rest/v1/sources/" + id, "{\"type\":null}");
    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void badQueryParametersAre400() throws Exception {
    assertThat(send("GET", "/rest/v1/destinations?limit=abc", null).body())
        .contains("query parameter 'limit': expected integer");
    assertThat(send("GET", "/rest/v1/destinations?status=Paused", null).body())
        .contains("query parameter 'status'");
    assertThat(send("GET", "/rest/v1/destinations?colour=red", null).body())
        .contains("query parameter 'colour': not defined");
  }

  @Test
  void unknownPathIs404AndUnknownMethodIs405() throws Exception {
    assertThat(send("GET", "/rest/v1/no-such-thing", null).statusCode()).isEqualTo(404);
    assertThat(send("PUT", "/rest/v1/destinations", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void nonJsonBodyIs400() throws Exception {
    HttpResponse<String> r = send("POST", "/rest/v1/destinations", "{not json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not valid JSON");
  }

  @Test
  void missingKeyIs401() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/rest/v1/destinations")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"error\":\"Unauthorized\"").doesNotContain("sk_test_key");
  }

  @Test
  void nonCrudOperationsAnswerAValidMinimalBody() throws Exception {
    HttpResponse<String> r = send("GET", "/rest/v1/destinations/types", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"entities\":[]");
    assertThat(send("GET", "/rest/v1/videos/analytics?limit=10", null).body())
        .contains("query parameter 'from': required");
    assertThat(send("GET", "/rest/v1/videos/analytics?from=2026-01-01&to=yesterday", null).body())
        .contains("query parameter 'to': does not match pattern");
    HttpResponse<String> page =
        send(
            "GET",
            "/rest/v1/videos/analytics?from=2026-01-01&to=2026-01-31&limit=10&offset=0",
            null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("\"hasMore\":false");
  }
}

package com.oursprivacy.benchmarks;

import com.google.gson.Gson;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationCreateBody;
import com.oursprivacy.models.DestinationListResponse;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Type;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor: each operation written by hand with one shared {@link OkHttpClient} and one {@link
 * Gson}, parsing straight from the response stream into the same generated model classes the SDK
 * returns. No retries, no error mapping, no envelope handling: what any SDK adds is measured
 * against this. Thread-safe.
 */
public final class RawClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final byte[] UPDATE_BODY =
      "{\"name\":\"Renamed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final OkHttpClient http;
  private final Gson gson = new Gson();
  private final String base;
  private final String authorization;

  /**
   * A client for {@code baseUrl} (no trailing slash) sending {@code Authorization: Bearer apiKey}.
   */
  public RawClient(OkHttpClient http, String baseUrl, String apiKey) {
    this.http = http;
    this.base = baseUrl;
    this.authorization = "Bearer " + apiKey;
  }

  /** {@code GET /rest/v1/destinations/{id}}. */
  public Destination get(String id) throws IOException {
    return call(request("/rest/v1/destinations/" + id).get().build(), Destination.class);
  }

  /** {@code GET /rest/v1/destinations?limit=100}: one page. */
  public DestinationListResponse list() throws IOException {
    return call(
        request("/rest/v1/destinations?limit=100").get().build(), DestinationListResponse.class);
  }

  /** {@code POST /rest/v1/destinations}. */
  public Destination create(DestinationCreateBody params) throws IOException {
    RequestBody body = RequestBody.create(gson.toJson(params), JSON);
    return call(request("/rest/v1/destinations").post(body).build(), Destination.class);
  }

  /** {@code PATCH /rest/v1/destinations/{id}} with {@code {"name":"Renamed"}}. */
  public Destination rename(String id) throws IOException {
    RequestBody body = RequestBody.create(UPDATE_BODY, JSON);
    return call(request("/rest/v1/destinations/" + id).patch(body).build(), Destination.class);
  }

  private Request.Builder request(String path) {
    return new Request.Builder().url(base + path).header("Authorization", authorization);
  }

  private <T> T call(Request request, Type type) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      try (Reader reader = response.body().charStream()) {
        return gson.fromJson(reader, type);
      }
    }
  }
}

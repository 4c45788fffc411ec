package com.oursprivacy.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.oursprivacy.patch.PatchJson;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Retrofit's JSON converters, on the core's single Gson. Request bodies are written here; response
 * bodies are normally parsed by the core's executor, but Retrofit insists on a converter for every
 * response type, and this one parses the same way (envelope included).
 */
final class JsonConverterFactory extends Converter.Factory {
  private final Gson gson;
  private final ResponseParser parser;
  private final long maxResponseBytes;

  JsonConverterFactory(Gson gson, ResponseParser parser, long maxResponseBytes) {
    this.gson = gson;
    this.parser = parser;
    this.maxResponseBytes = maxResponseBytes;
  }

  /**
   * Path and query values. Date-times are written with seconds ({@link DateTimes#format}):
   * Retrofit's default, {@code toString()}, writes {@code 2026-05-15T00:00Z} for midnight, which
   * the spec's {@code date-time} rejects. Everything else keeps Retrofit's default.
   */
  @Override
  public Converter<?, String> stringConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    if (type == OffsetDateTime.class) {
      return (OffsetDateTime value) -> DateTimes.format(value);
    }
    return null;
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    // A hand-built JsonElement says exactly what to send, explicit nulls included (they clear
    // fields); a model object's null fields mean "not set" and are left out.
    return (Object value) -> {
      String json =
          value instanceof JsonElement
              ? PatchJson.write((JsonElement) value)
              : gson.toJson(value, type);
      return RequestBody.create(json.getBytes(StandardCharsets.UTF_8), ClientCore.JSON);
    };
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    return (ResponseBody body) -> {
      try (ResponseBody b = body) {
        if (BoundedBody.declaredTooLarge(b, maxResponseBytes)) {
          throw new BoundedBody.TooLargeException(maxResponseBytes);
        }
        return parser.parse(200, new BoundedBody(b, maxResponseBytes), type);
      }
    };
  }
}

package com.oursprivacy.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonWriter;
import com.oursprivacy.patch.PatchJson;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
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

  /**
   * Request bodies, resolved once per method: a {@link JsonElement} parameter (the facade's
   * overloads) is written exactly as given, explicit nulls included (they clear fields); a model's
   * adapter is looked up here, not per call, and its null fields mean "not set" and are left out.
   * Either way the JSON is encoded into an okio buffer and sent from there, without an intermediate
   * {@code String}. At run time a {@link JsonElement} passed where the method declares a model (a
   * raw caller's choice) still goes out as given.
   */
  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    TypeAdapter<Object> adapter = adapter(type);
    return (Object value) -> {
      Buffer buffer = new Buffer();
      Utf8Writer out = new Utf8Writer(buffer);
      if (value instanceof JsonElement) {
        PatchJson.write((JsonElement) value, out);
        out.flush();
      } else {
        try (JsonWriter writer = gson.newJsonWriter(out)) {
          adapter.write(writer, value);
        }
      }
      return RequestBody.create(buffer.readByteArray(), ClientCore.JSON);
    };
  }

  @SuppressWarnings("unchecked")
  private TypeAdapter<Object> adapter(Type type) {
    return (TypeAdapter<Object>) gson.getAdapter(TypeToken.get(type));
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

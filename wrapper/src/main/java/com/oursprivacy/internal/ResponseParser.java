package com.oursprivacy.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.errors.OursInvalidResponseException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.nio.channels.Channels;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/**
 * Turns response bodies into values or exceptions. The one place that knows the {@code data}
 * envelope and the two error-body shapes; no Gson exception escapes it.
 */
final class ResponseParser {
  private final Gson gson;
  private final Redactor redactor;

  ResponseParser(Gson gson, Redactor redactor) {
    this.gson = gson;
    this.redactor = redactor;
  }

  /**
   * Parses a 2xx body as a stream: no String of the whole body, no JSON tree except for the few
   * small members around a list. {@code Void} yields null without reading the body; an empty body
   * yields null for 204/205 and is invalid otherwise; {@code {"data": x}} (with no other member)
   * yields {@code x} parsed as {@code type}; for a type holding an {@code entities} list, a {@code
   * data} array (bare, or beside {@code pagination}) or a bare array fills {@code entities} (see
   * {@link ListEnvelope}). Types that are JSON trees or maps ({@code JsonElement}, {@code Map},
   * {@code Object}) are read as a tree and adapted as before.
   *
   * @throws IOException the network failure that stopped the read (cut off, timed out, over the
   *     size limit), as recorded by {@code body}
   * @throws OursInvalidResponseException when the body is not JSON of the expected shape
   */
  <T> T parse(int status, BoundedBody body, Type type) throws IOException {
    if (type == Void.class || type == void.class) {
      return null;
    }
    try {
      BufferedSource source = body.source();
      skipWhitespace(source);
      if (source.exhausted()) {
        if (status == 204 || status == 205) {
          return null;
        }
        throw new OursInvalidResponseException(
            status,
            "HTTP " + status + " with an empty body; expected JSON for " + name(type),
            null);
      }
      Class<?> raw = TypeToken.get(type).getRawType();
      boolean tree =
          JsonElement.class.isAssignableFrom(raw)
              || Map.class.isAssignableFrom(raw)
              || raw == Object.class;
      Field entities = tree ? null : ListEnvelope.entitiesField(type);
      byte first = source.getBuffer().getByte(0);
      // Decided on the raw bytes, before the reader below buffers any of them.
      boolean envelope = !tree && first == '{' && (entities != null || firstNameIsData(source));
      JsonReader reader = reader(source);
      Object v;
      if (tree) {
        // Trees and maps: a {"data": …} map cannot be told from an envelope before its end.
        v =
            gson.fromJson(
                ListEnvelope.adapt(gson.getAdapter(JsonElement.class).read(reader), type), type);
      } else if (first == '[' && entities != null) {
        v =
            ListEnvelope.withEntities(
                gson, type, new JsonObject(), entities, readAs(reader, entities.getGenericType()));
      } else if (envelope) {
        v = readObject(reader, type, entities);
      } else {
        // The common case, a bare object: straight into the model.
        v = readAs(reader, type);
      }
      @SuppressWarnings("unchecked")
      T value = (T) v;
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new MalformedJsonException("trailing data after the JSON value");
      }
      return value;
    } catch (OursInvalidResponseException e) {
      throw e;
    } catch (IOException e) {
      if (body.networkFailure() != null) {
        throw body.networkFailure();
      }
      throw new OursInvalidResponseException(
          status, "HTTP " + status + " body is not valid JSON (expected " + name(type) + ")", e);
    } catch (RuntimeException e) {
      if (body.networkFailure() != null) {
        throw body.networkFailure();
      }
      // Gson reports shape errors as JsonSyntaxException, IllegalStateException,
      // NumberFormatException or UnsupportedOperationException; all mean the same here.
      throw new OursInvalidResponseException(
          status, "HTTP " + status + " body does not match " + name(type), e);
    }
  }

  /**
   * An object that may be an envelope: {@code data} (and {@code entities}) stream into their
   * targets; any other member is kept as a small tree (a list's {@code pagination}).
   */
  private Object readObject(JsonReader reader, Type type, Field entities) throws IOException {
    JsonObject rest = new JsonObject();
    Object fromData = null;
    boolean dataSeen = false;
    Object items = null;
    boolean itemsSeen = false;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (name.equals("data") && !dataSeen && !itemsSeen) {
        dataSeen = true;
        if (entities != null && reader.peek() == JsonToken.BEGIN_ARRAY) {
          items = readAs(reader, entities.getGenericType());
          itemsSeen = true;
        } else {
          fromData = readAs(reader, type);
        }
      } else if (name.equals("entities") && entities != null && !itemsSeen) {
        items = readAs(reader, entities.getGenericType());
        itemsSeen = true;
      } else {
        rest.add(name, gson.getAdapter(JsonElement.class).read(reader));
      }
    }
    reader.endObject();
    if (itemsSeen) {
      return ListEnvelope.withEntities(gson, type, rest, entities, items);
    }
    if (dataSeen && rest.size() == 0) {
      return fromData;
    }
    // {"data": x, "other": …} is not an envelope: the object is the value (the model has no
    // "data" property, so x would have been ignored anyway).
    return gson.fromJson(rest, type);
  }

  private Object readAs(JsonReader reader, Type type) throws IOException {
    return gson.getAdapter(TypeToken.get(type)).read(reader);
  }

  // Bytes decoded per refill of JsonReader's 1 KiB char buffer.
  private static final int DECODE_BUFFER_BYTES = 1024;
  private static final byte[] DATA_NAME = {'"', 'd', 'a', 't', 'a', '"'};

  /**
   * Whether the object starting at the head of {@code source} has {@code data} as first member.
   * Decided on the raw bytes, by index into the source's own buffer, without a second reader and
   * its buffers (about 10 KB per response) and without {@code peek()}: a peek shares the buffer's
   * segments, and okio never returns a shared segment to its pool, so every response would cost a
   * fresh 8 KiB segment later. A name written with escapes falls back to a {@link JsonReader}. A
   * malformed start answers false: the main reader then reports it.
   */
  private static boolean firstNameIsData(BufferedSource source) throws IOException {
    long i = 1; // past '{'
    while (source.request(i + 1) && isWhitespace(source.getBuffer().getByte(i))) {
      i++;
    }
    for (byte expected : DATA_NAME) {
      if (!source.request(i + 1)) {
        return false;
      }
      byte b = source.getBuffer().getByte(i++);
      if (b == '\\') {
        return firstNameIsDataEscaped(source);
      }
      if (b != expected) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private static boolean firstNameIsDataEscaped(BufferedSource source) throws IOException {
    JsonReader peek = reader(source.peek());
    peek.beginObject();
    return peek.hasNext() && peek.nextName().equals("data");
  }

  private static JsonReader reader(BufferedSource source) {
    // An InputStreamReader allocates an 8 KiB byte buffer per response (the largest single
    // allocation of a small call, JFR showed); JsonReader already buffers 1 KiB of chars, so a
    // small byte buffer filled straight from okio's segments is enough. Malformed UTF-8 is
    // replaced, as InputStreamReader does.
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    JsonReader reader = new JsonReader(Channels.newReader(source, utf8, DECODE_BUFFER_BYTES));
    reader.setStrictness(Strictness.STRICT);
    return reader;
  }

  private static void skipWhitespace(BufferedSource source) throws IOException {
    while (source.request(1) && isWhitespace(source.getBuffer().getByte(0))) {
      source.skip(1);
    }
  }

  /** The exception for a non-2xx response; never fails, whatever the body holds. */
  OursApiException error(int status, String body, Map<String, List<String>> headers) {
    String error = null;
    String details = null;
    try {
      JsonElement element = unwrap(parseStrict(body));
      if (element.isJsonObject()) {
        JsonObject o = element.getAsJsonObject();
        error = text(o.get("error"));
        details = text(o.get("details"));
        if (details == null) {
          details = text(o.get("message"));
        }
      }
    } catch (IOException | RuntimeException notJson) {
      // An HTML error page or an empty body: the status says enough, rawBody keeps the rest.
    }
    return OursApiException.of(
        status,
        redactor.text(error),
        redactor.text(details),
        redactor.headers(headers),
        redactor.text(body),
        body);
  }

  JsonElement parseStrict(String body) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(body));
    reader.setStrictness(Strictness.STRICT);
    JsonElement element = gson.getAdapter(JsonElement.class).read(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new MalformedJsonException("trailing data after the JSON value");
    }
    return element;
  }

  /**
   * The docs promise {@code {"data": …}} around every response while the spec shows bare objects;
   * accept both. Only an object whose single member is {@code data} counts as an envelope, so a
   * resource that merely has a {@code data} field is left alone.
   */
  static JsonElement unwrap(JsonElement element) {
    if (element.isJsonObject()) {
      JsonObject o = element.getAsJsonObject();
      if (o.size() == 1 && o.has("data")) {
        return o.get("data");
      }
    }
    return element;
  }

  private static String text(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (e.isJsonPrimitive()) {
      return e.getAsString();
    }
    if (e.isJsonObject() && e.getAsJsonObject().has("message")) {
      return text(e.getAsJsonObject().get("message"));
    }
    return e.toString();
  }

  private static String name(Type type) {
    return type instanceof Class ? ((Class<?>) type).getSimpleName() : type.getTypeName();
  }
}

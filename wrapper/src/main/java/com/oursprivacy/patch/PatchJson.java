package com.oursprivacy.patch;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonWriter;
import com.oursprivacy.internal.SdkGson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/** Serializes patch bodies without losing their explicit nulls. */
public final class PatchJson {
  private PatchJson() {}

  /**
   * Writes {@code element} as compact JSON, keeping object members whose value is {@code JsonNull}
   * (a default {@code Gson} silently drops them, which would turn "clear this field" into "leave it
   * alone"). HTML characters are not escaped. Thread-safe.
   *
   * @param element the element
   * @return the JSON text, e.g. {@code {"name":"x","hashingSalt":null}}
   * @throws NullPointerException if {@code element} is null (pass {@code JsonNull.INSTANCE})
   * @throws IllegalArgumentException if the tree holds NaN or an infinite number, which JSON cannot
   *     express
   */
  public static String write(JsonElement element) {
    StringWriter out = new StringWriter();
    try {
      write(element, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with a StringWriter
    }
    return out.toString();
  }

  /**
   * Writes {@code element} to {@code out} exactly as {@link #write(JsonElement)} returns it,
   * without building a {@code String} first; {@code out} is flushed, not closed.
   *
   * @param element the JSON to write
   * @param out where to write it
   * @throws IOException if {@code out} fails
   * @throws NullPointerException if {@code element} is null (pass {@code JsonNull.INSTANCE})
   * @throws IllegalArgumentException if the tree holds NaN or an infinite number
   */
  public static void write(JsonElement element, Writer out) throws IOException {
    Objects.requireNonNull(element, "element == null");
    JsonWriter writer = new JsonWriter(out);
    writer.setSerializeNulls(true);
    writer.setHtmlSafe(false);
    // Straight to the adapter: Gson.toJson would make the writer lenient and let NaN through.
    SdkGson.get().getAdapter(JsonElement.class).write(writer, element);
    writer.flush();
  }
}

package com.oursprivacy.internal;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How date-times go on the wire: RFC 3339 / ISO-8601 with seconds always written ({@link
 * DateTimeFormatter#ISO_OFFSET_DATE_TIME}). {@link OffsetDateTime#toString()} drops zero seconds
 * ({@code 2026-05-15T00:00Z}), which the spec's {@code date-time} format rejects, so a calendar day
 * at midnight, the most natural value, would fail with 400.
 */
final class DateTimes {
  private DateTimes() {}

  /** {@code value} as the spec's {@code date-time}, seconds included. */
  static String format(OffsetDateTime value) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
  }

  /** The Gson adapter of the core's single Gson: writes {@link #format}, reads ISO-8601. */
  static final TypeAdapter<OffsetDateTime> ADAPTER =
      new TypeAdapter<OffsetDateTime>() {
        @Override
        public void write(JsonWriter out, OffsetDateTime value) throws IOException {
          if (value == null) {
            out.nullValue();
          } else {
            out.value(format(value));
          }
        }

        @Override
        public OffsetDateTime read(JsonReader in) throws IOException {
          if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return null;
          }
          String s = in.nextString();
          try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
          } catch (DateTimeParseException e) {
            throw new com.google.gson.JsonSyntaxException(
                "not an ISO-8601 date-time at " + in.getPath(), e);
          }
        }
      }.nullSafe();
}

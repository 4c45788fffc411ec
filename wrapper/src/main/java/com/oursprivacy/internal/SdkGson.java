package com.oursprivacy.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.time.OffsetDateTime;

/**
 * The SDK's one Gson configuration, shared by the HTTP stack ({@link ClientCore}), the patch
 * helpers ({@code com.oursprivacy.patch}) and the generated resource facade: HTML characters are
 * not escaped, and {@code OffsetDateTime} is written with seconds ({@link DateTimes}). A {@code
 * Gson} is immutable and thread-safe, so one instance serves every client; building it once also
 * keeps its reflection and adapter caches warm for all of them.
 *
 * <p><b>Internal, no compatibility guarantee.</b>
 */
public final class SdkGson {
  private static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .registerTypeAdapter(OffsetDateTime.class, DateTimes.ADAPTER)
          .create();

  private SdkGson() {}

  /** The shared instance. */
  public static Gson get() {
    return GSON;
  }
}

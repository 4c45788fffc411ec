package com.oursprivacy.patch;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one shared Gson that converts patch values to JSON trees. */
final class PatchGson {
  static final Gson GSON = new GsonBuilder().create();

  private PatchGson() {}
}

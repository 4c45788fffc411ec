/**
 * The Ours Privacy Java SDK: the Platform REST API client ({@code com.oursprivacy}) and the Ingest
 * API client ({@code com.oursprivacy.ingest}).
 *
 * <p>A modular application {@code requires com.oursprivacy;} and nothing else: the libraries that
 * appear in the SDK's public signatures (the generated models, Gson, OkHttp, Okio, Retrofit) are required
 * transitively, and the ones it only runs on (the Kotlin standard library OkHttp and Okio are
 * written in, SLF4J) are required here so that the module system resolves them. Retrofit, OkHttp
 * and Okio are automatic modules (they ship no module descriptor of their own).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module com.oursprivacy {
  requires transitive com.oursprivacy.generated;
  requires transitive com.google.gson;
  requires transitive okhttp3;
  requires transitive retrofit2;
  requires transitive okio;
  requires kotlin.stdlib;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static com.google.errorprone.annotations;

  exports com.oursprivacy;
  exports com.oursprivacy.core;
  exports com.oursprivacy.errors;
  exports com.oursprivacy.ingest;
  exports com.oursprivacy.pagination;
  exports com.oursprivacy.patch;
  exports com.oursprivacy.resources;
  // Internal, no compatibility guarantee; exported because generated services and the sandbox
  // build on it.
  exports com.oursprivacy.internal;
}

package com.oursprivacy.benchmarks;

import com.google.gson.Gson;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.models.DestinationCreateBody;
import com.oursprivacy.models.DestinationCreateType;
import com.oursprivacy.resources.DestinationCreateParams;
import java.util.Map;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.gson.GsonConverterFactory;

/**
 * Builds every client under test the way its own documentation says to, pointed at the loopback
 * server, with logging off and default connection pooling (every client keeps its connection alive
 * between calls).
 */
public final class Clients {
  /** The API key every client sends; the loopback server ignores it. */
  public static final String API_KEY = "bench-key";

  private Clients() {}

  /** The SDK's platform client. */
  public static OursPrivacy wrapper(String baseUrl) {
    return OursPrivacy.builder().apiKey(API_KEY).baseUrl(baseUrl).logLevel(LogLevel.OFF).build();
  }

  /** The floor: hand-written OkHttp + Gson. */
  public static RawClient raw(String baseUrl) {
    return new RawClient(new OkHttpClient(), baseUrl, API_KEY);
  }

  /**
   * The bare generated Retrofit interface with Gson and an auth interceptor: what the wrapper would
   * cost if it were only the generator's output.
   */
  public static DestinationsApi generated(String baseUrl) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", "Bearer " + API_KEY)
                            .build()))
            .build();
    return new Retrofit.Builder()
        .baseUrl(baseUrl + "/")
        .client(http)
        .addConverterFactory(GsonConverterFactory.create(new Gson()))
        .build()
        .create(DestinationsApi.class);
  }

  /** openai-java (the Stainless Java stack), on its own OkHttp client. */
  public static OpenAIClient openAi(String baseUrl) {
    return OpenAIOkHttpClient.builder().apiKey(API_KEY).baseUrl(baseUrl + "/v1").build();
  }

  /** The create request the SDK's facade sends. */
  public static DestinationCreateParams createParams() {
    return DestinationCreateParams.builder()
        .name("Mixpanel production")
        .type(DestinationCreateType.MIXPANEL)
        .settings(Map.of("projectToken", "0123456789abcdef", "region", "us"))
        .build();
  }

  /** The same body as the generated wire model, for the raw and generated-client baselines. */
  public static DestinationCreateBody createBody() {
    return new DestinationCreateBody()
        .name("Mixpanel production")
        .type(DestinationCreateType.MIXPANEL)
        .settings(Map.of("projectToken", "0123456789abcdef", "region", "us"));
  }
}

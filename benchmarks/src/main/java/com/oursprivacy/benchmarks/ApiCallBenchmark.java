package com.oursprivacy.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.benchmarks.server.LoopbackServer;
import com.oursprivacy.benchmarks.server.Routes;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationCreateBody;
import com.oursprivacy.models.DestinationUpdateBody;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.resources.DestinationListParams;
import com.oursprivacy.resources.DestinationUpdateParams;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-call latency (and, with {@code -prof gc}, allocation) of the same four calls made through the
 * SDK ({@code wrapper*}), by hand with OkHttp + Gson ({@code raw*}), through the bare generated
 * Retrofit interface ({@code generated*}) and, for the list of 100, through openai-java ({@code
 * openai*}). One warm client of each kind per fork, one loopback server, same bytes. Every item of
 * a list is touched so that lazy parsing cannot skip work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApiCallBenchmark {
  private static final String ID = "dst_000001";

  private LoopbackServer server;
  private OursPrivacy wrapper;
  private RawClient raw;
  private DestinationsApi generated;
  private OpenAIClient openAi;
  private DestinationCreateParams createParams;
  private DestinationListParams listParams;
  private DestinationCreateBody createBody;
  private DestinationUpdateParams update;
  private DestinationUpdateBody generatedUpdate;
  private FileListParams openAiListParams;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = LoopbackServer.start(new Routes(1));
    String base = server.baseUrl();
    wrapper = Clients.wrapper(base);
    raw = Clients.raw(base);
    generated = Clients.generated(base);
    openAi = Clients.openAi(base);
    createParams = Clients.createParams();
    createBody = Clients.createBody();
    listParams = DestinationListParams.builder().limit(100).build();
    update = DestinationUpdateParams.builder().name("Renamed").build();
    generatedUpdate = new DestinationUpdateBody().name("Renamed");
    openAiListParams = FileListParams.builder().limit(100).build();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    wrapper.close();
    openAi.close();
    server.close();
  }

  @Benchmark
  public Destination wrapperGet() {
    return wrapper.destinations().get(ID);
  }

  @Benchmark
  public Destination rawGet() throws IOException {
    return raw.get(ID);
  }

  @Benchmark
  public Destination generatedGet() throws IOException {
    return generated.findDestinations(ID).execute().body();
  }

  @Benchmark
  public void wrapperList(Blackhole bh) {
    consume(wrapper.destinations().list(listParams).firstPage().items(), bh);
  }

  @Benchmark
  public void rawList(Blackhole bh) throws IOException {
    consume(raw.list().getEntities(), bh);
  }

  @Benchmark
  public void generatedList(Blackhole bh) throws IOException {
    consume(generated.listDestinations(100L, null, null, null).execute().body().getEntities(), bh);
  }

  @Benchmark
  public void openaiList(Blackhole bh) {
    List<FileObject> files = openAi.files().list(openAiListParams).data();
    for (FileObject f : files) {
      bh.consume(f.id());
    }
  }

  @Benchmark
  public Destination wrapperCreate() {
    return wrapper.destinations().create(createParams);
  }

  @Benchmark
  public Destination rawCreate() throws IOException {
    return raw.create(createBody);
  }

  @Benchmark
  public Destination generatedCreate() throws IOException {
    return generated.createDestinations(createBody).execute().body();
  }

  @Benchmark
  public Destination wrapperUpdate() {
    return wrapper.destinations().update(ID, update);
  }

  @Benchmark
  public Destination rawUpdate() throws IOException {
    return raw.rename(ID);
  }

  @Benchmark
  public Destination generatedUpdate() throws IOException {
    return generated.patchDestinations(ID, generatedUpdate).execute().body();
  }

  private static void consume(List<Destination> items, Blackhole bh) {
    for (Destination d : items) {
      bh.consume(d.getId());
    }
  }
}

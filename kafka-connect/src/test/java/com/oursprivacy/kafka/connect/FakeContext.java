package com.oursprivacy.kafka.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A sink task context that records timeouts and (optionally) errant-record reports. */
final class FakeContext implements SinkTaskContext {
  /** One report: the record and the reason. */
  record Report(SinkRecord record, Throwable error) {}

  private final Map<String, String> configs;
  private final boolean withReporter;
  final List<Report> reports = new ArrayList<>();
  final List<Long> timeouts = new ArrayList<>();

  FakeContext(Map<String, String> configs, boolean withReporter) {
    this.configs = configs;
    this.withReporter = withReporter;
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public void offset(Map<TopicPartition, Long> offsets) {}

  @Override
  public void offset(TopicPartition tp, long offset) {}

  @Override
  public void timeout(long timeoutMs) {
    timeouts.add(timeoutMs);
  }

  @Override
  public Set<TopicPartition> assignment() {
    return Set.of();
  }

  @Override
  public void pause(TopicPartition... partitions) {}

  @Override
  public void resume(TopicPartition... partitions) {}

  @Override
  public void requestCommit() {}

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    if (!withReporter) {
      return null;
    }
    return new ErrantRecordReporter() {
      @Override
      public Future<Void> report(SinkRecord record, Throwable error) {
        synchronized (FakeContext.this) {
          reports.add(new Report(record, error));
        }
        return CompletableFuture.completedFuture(null);
      }
    };
  }

  @Override
  public PluginMetrics pluginMetrics() {
    throw new UnsupportedOperationException("not used by the sink");
  }
}

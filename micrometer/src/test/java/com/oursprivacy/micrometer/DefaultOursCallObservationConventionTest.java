package com.oursprivacy.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default convention reuses the values of calls that end like the one before: what a call is
 * tagged with must never depend on the calls before it.
 */
class DefaultOursCallObservationConventionTest {
  private static final Duration TOOK = Duration.ofMillis(3);

  private static CallInfo get() {
    return new CallInfo(
        CallInfo.Api.PLATFORM, "destinations.retrieve", "GET", "/rest/v1/destinations/{id}", 3);
  }

  @Test
  void aCallsValuesDoNotDependOnTheCallsBeforeIt() {
    DefaultOursCallObservationConvention shared = new DefaultOursCallObservationConvention();
    List<CallEnd> endings =
        List.of(
            new CallEnd(get(), 200, 1, TOOK, null),
            new CallEnd(get(), 200, 1, TOOK, null),
            new CallEnd(get(), 201, 1, TOOK, null),
            new CallEnd(get(), 200, 2, TOOK, null),
            new CallEnd(get(), 404, 1, TOOK, new IllegalStateException("not found")),
            new CallEnd(get(), 0, 3, TOOK, new IOException("reset")),
            new CallEnd(get(), 200, 1, TOOK, null),
            new CallEnd(
                new CallInfo(CallInfo.Api.INGEST, "destinations.retrieve", "GET", "/x/{id}", 1),
                200,
                1,
                TOOK,
                null));
    for (CallEnd end : endings) {
      OursCallContext started = new OursCallContext(end.call(), false);
      OursCallContext ended = new OursCallContext(end.call(), false);
      ended.setResponse(end);
      for (OursCallContext context : List.of(started, ended)) {
        // A new convention has seen no call before this one.
        DefaultOursCallObservationConvention fresh = new DefaultOursCallObservationConvention();
        assertThat(map(shared.getLowCardinalityKeyValues(context)))
            .isEqualTo(map(fresh.getLowCardinalityKeyValues(context)));
        assertThat(map(shared.getHighCardinalityKeyValues(context)))
            .isEqualTo(map(fresh.getHighCardinalityKeyValues(context)));
        assertThat(shared.getContextualName(context)).isEqualTo(fresh.getContextualName(context));
      }
    }
  }

  @Test
  void theValuesOfEachEnding() {
    DefaultOursCallObservationConvention convention = new DefaultOursCallObservationConvention();
    OursCallContext ok = ended(new CallEnd(get(), 200, 1, TOOK, null));
    OursCallContext retried = ended(new CallEnd(get(), 200, 2, TOOK, null));
    OursCallContext missing =
        ended(new CallEnd(get(), 404, 1, TOOK, new IllegalStateException("not found")));
    OursCallContext reset = ended(new CallEnd(get(), 0, 3, TOOK, new IOException("reset")));

    assertThat(map(convention.getLowCardinalityKeyValues(ok)))
        .containsEntry("ours.api", "platform")
        .containsEntry("uri", "/rest/v1/destinations/{id}")
        .containsEntry("status", "200")
        .containsEntry("outcome", "SUCCESS")
        .containsEntry("exception", "none");
    assertThat(map(convention.getHighCardinalityKeyValues(ok)))
        .containsEntry("http.response.status_code", "200")
        .containsEntry("ours.attempts", "1")
        .containsEntry("http.request.resend_count", "0")
        .doesNotContainKey("error.type");
    assertThat(map(convention.getHighCardinalityKeyValues(retried)))
        .containsEntry("ours.attempts", "2")
        .containsEntry("http.request.resend_count", "1");
    assertThat(map(convention.getLowCardinalityKeyValues(missing)))
        .containsEntry("status", "404")
        .containsEntry("outcome", "CLIENT_ERROR")
        .containsEntry("exception", "IllegalStateException");
    assertThat(map(convention.getHighCardinalityKeyValues(missing)))
        .containsEntry("error.type", "404");
    assertThat(map(convention.getLowCardinalityKeyValues(reset)))
        .containsEntry("status", "IO_ERROR")
        .containsEntry("outcome", "UNKNOWN")
        .containsEntry("exception", "IOException");
    assertThat(map(convention.getHighCardinalityKeyValues(reset)))
        .containsEntry("error.type", "java.io.IOException")
        .doesNotContainKey("http.response.status_code");
    assertThat(convention.getContextualName(ok)).isEqualTo("GET /rest/v1/destinations/{id}");
    // The first call's values again, after the others.
    assertThat(map(convention.getLowCardinalityKeyValues(ok))).containsEntry("status", "200");
  }

  private static OursCallContext ended(CallEnd end) {
    OursCallContext context = new OursCallContext(end.call(), false);
    context.setResponse(end);
    return context;
  }

  private static Map<String, String> map(KeyValues values) {
    Map<String, String> m = new LinkedHashMap<>();
    for (KeyValue kv : values) {
      m.put(kv.getKey(), kv.getValue());
    }
    return m;
  }
}

package com.oursprivacy.ingest;

import com.google.gson.JsonObject;
import com.oursprivacy.internal.OperationName;
import com.oursprivacy.lowlevel.ingest.model.Batch;
import com.oursprivacy.lowlevel.ingest.model.TrackEventResponse;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;

/**
 * The three ingest operations, taking the bodies {@link Wire} builds (the generated interface takes
 * generated models; building JSON directly keeps the token in one place and the values exactly as
 * given). Run only through {@code ClientCore}.
 */
interface IngestService {
  @OperationName("track")
  @POST("track")
  Call<TrackEventResponse> track(@Body JsonObject body);

  @OperationName("identify")
  @POST("identify")
  Call<TrackEventResponse> identify(@Body JsonObject body);

  @OperationName("batch")
  @POST("batch")
  Call<Batch> batch(@Body JsonObject body);

  /** The tracker's /batch: the body is streamed (see {@code CoreTransport.BatchBody}). */
  @OperationName("batch")
  @POST("batch")
  Call<Batch> batchStream(@Body okhttp3.RequestBody body);
}

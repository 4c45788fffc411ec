/**
 * Benchmarks of the Ours Privacy SDK against the floor (raw OkHttp + Gson), the bare generated
 * Retrofit client and two peers (openai-java, Segment analytics-java), all against an embedded
 * loopback server. Entry point: {@link com.oursprivacy.benchmarks.Suite}; run {@code
 * benchmarks/run.sh}.
 */
package com.oursprivacy.benchmarks;

package com.oursprivacy.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Retrofit;

/**
 * Wraps every {@code Call<T>} a generated interface returns in a {@link CoreCall} that carries the
 * method's response type, resolved here once per method (Retrofit caches the adapter with the
 * method), so running a call never reads the type back from the request's {@code Invocation}.
 */
final class CoreCallAdapterFactory extends CallAdapter.Factory {
  private final ClientCore core;

  CoreCallAdapterFactory(ClientCore core) {
    this.core = core;
  }

  @Override
  public CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    if (getRawType(returnType) != Call.class || !(returnType instanceof ParameterizedType)) {
      return null;
    }
    Type responseType = getParameterUpperBound(0, (ParameterizedType) returnType);
    return new Adapter<>(core, responseType);
  }

  private static final class Adapter<R> implements CallAdapter<R, Call<R>> {
    private final ClientCore core;
    private final Type responseType;

    Adapter(ClientCore core, Type responseType) {
      this.core = core;
      this.responseType = responseType;
    }

    @Override
    public Type responseType() {
      return responseType;
    }

    @Override
    public Call<R> adapt(Call<R> call) {
      return new CoreCall<>(core, call, responseType);
    }
  }
}

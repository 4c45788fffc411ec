package com.oursprivacy.internal;

import com.oursprivacy.errors.OursException;
import com.oursprivacy.errors.OursValidationException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the {@code Authorization: Bearer …} credential of each request comes from: a fixed key, a
 * supplier asked before every call (rotation from a secrets store), or a token exchanged for the
 * key ({@link TokenExchanger}). <b>Internal, no compatibility guarantee.</b> Thread-safe.
 */
public abstract class BearerSource {
  BearerSource() {}

  /**
   * The credential to send now.
   *
   * @throws OursException when it cannot be obtained (a supplier failed, an exchange was refused)
   */
  abstract String current();

  /**
   * Called once a request sent with {@code used} got a 401: true when a different credential is now
   * available, so the request is worth sending once more. The default has nothing newer.
   */
  boolean refreshAfterUnauthorized(String used) {
    return false;
  }

  /** Whether {@link #current()} may change between calls (then it is read per call). */
  abstract boolean changes();

  /** A fixed credential, checked once now. */
  public static BearerSource fixed(String field, String secret) {
    return new Fixed(check(field, secret));
  }

  /**
   * A credential read from {@code supplier} before every call: trimmed and checked like a fixed
   * one; a failing supplier fails the call with an {@link OursException} naming {@code field}.
   */
  public static BearerSource supplied(String field, Supplier<String> supplier) {
    return new Supplied(field, Objects.requireNonNull(supplier, field + " == null"));
  }

  /**
   * {@code value} trimmed, when it is present, not blank and can travel in a header.
   *
   * @throws OursValidationException naming {@code field}; never quoting the value
   */
  static String check(String field, String value) {
    if (value == null) {
      throw new OursValidationException(field, "is required, got null");
    }
    String v = value.trim();
    if (v.isEmpty()) {
      throw new OursValidationException(field, "must not be blank");
    }
    HeaderRules.requireValue(field, v);
    return v;
  }

  private static final class Fixed extends BearerSource {
    private final String secret;

    Fixed(String secret) {
      this.secret = secret;
    }

    @Override
    String current() {
      return secret;
    }

    @Override
    boolean changes() {
      return false;
    }

    @Override
    public String toString() {
      return "BearerSource.fixed([redacted])";
    }
  }

  private static final class Supplied extends BearerSource {
    private final String field;
    private final Supplier<String> supplier;

    Supplied(String field, Supplier<String> supplier) {
      this.field = field;
      this.supplier = supplier;
    }

    @Override
    String current() {
      String value;
      try {
        value = supplier.get();
      } catch (RuntimeException e) {
        // The supplier's own message is not ours to vouch for: it may quote the secret.
        throw new OursException(
            field + ": the credentials supplier failed (" + e.getClass().getName() + ")", e);
      }
      return check(field + " (supplied value)", value);
    }

    @Override
    boolean refreshAfterUnauthorized(String used) {
      // A store may have rotated the key since this call read it: worth one more try if so.
      return !current().equals(used);
    }

    @Override
    boolean changes() {
      return true;
    }

    @Override
    public String toString() {
      return "BearerSource.supplied(" + field + ", [redacted])";
    }
  }
}

package com.oursprivacy.errors;

/**
 * Input was rejected before any request was sent. The message names the field, the rule and the
 * shape of the value (never the value when it could be a secret), for example {@code event.time: 9
 * days in the past; the API accepts at most 7}.
 */
public final class OursValidationException extends OursException {
  private static final long serialVersionUID = 1L;

  /**
   * @serial the offending field's path
   */
  private final String field;

  /**
   * @serial the rule that failed
   */
  private final String rule;

  /**
   * @param field the offending field's path, e.g. {@code event.time} or {@code events[3].event}
   * @param rule what the value must satisfy and how it failed
   */
  public OursValidationException(String field, String rule) {
    super(field + ": " + rule);
    this.field = field;
    this.rule = rule;
  }

  /** {@return the offending field's path, e.g} {@code event.time}. */
  public String field() {
    return field;
  }

  /** {@return the rule that failed, in words} */
  public String rule() {
    return rule;
  }
}

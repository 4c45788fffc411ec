package com.oursprivacy.sandbox;

import com.google.gson.JsonElement;
import java.util.Map;

/** A received request: method, path without query, decoded query, headers (lower-case), body. */
final class Request {
  final String method;
  final String path;
  final Map<String, String> query;
  final Map<String, String> headers;
  final String body;

  /** The parsed body once checked; null when there is none. */
  JsonElement json;

  Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String body) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
  }
}

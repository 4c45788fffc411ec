/** A user's modular application: the SDK is one {@code requires}. */
module com.example.modular {
  requires com.oursprivacy;
  requires jdk.httpserver; // the loopback stand-in for the two APIs, not the SDK's
}

package dev.ironkube.sim.scaleway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a route answers: a status and a JSON body (null for none), or a dropped connection after the
 * route did its work (the "lost-response" fault).
 */
record ScwReply(int status, JsonNode body, boolean dropped) {

  static ScwReply of(int status, JsonNode body) {
    return new ScwReply(status, body, false);
  }

  static ScwReply ok(JsonNode body) {
    return of(200, body);
  }

  static ScwReply noContent() {
    return new ScwReply(204, null, false);
  }

  static ScwReply drop() {
    return new ScwReply(0, null, true);
  }
}

package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a route answers: a status and a JSON body (null for none), or a dropped connection after the
 * route did its work (the "lost-response" fault).
 */
record Reply(int status, JsonNode body, boolean dropped) {

  static Reply of(int status, JsonNode body) {
    return new Reply(status, body, false);
  }

  static Reply noContent() {
    return new Reply(204, null, false);
  }

  static Reply drop() {
    return new Reply(0, null, true);
  }
}

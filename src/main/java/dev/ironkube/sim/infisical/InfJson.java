package dev.ironkube.sim.infisical;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/** Infisical's answer shapes: the error envelope of its error handler, and the reply record. */
final class InfJson {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong REQUESTS = new AtomicLong();

  private InfJson() {}

  /** An answer: a status and a JSON body. */
  record Reply(int status, ObjectNode body) {}

  static Reply ok(ObjectNode body) {
    return new Reply(200, body);
  }

  /** {@code {"reqId","statusCode","message","error"}}, as every error the contract lists. */
  static Reply error(int status, String error, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("reqId", "req-sim" + REQUESTS.incrementAndGet());
    body.put("statusCode", status);
    body.put("message", message);
    body.put("error", error);
    return new Reply(status, body);
  }

  /** A 422's message is an array of zod issues. */
  static Reply validation(String path, String issue) {
    ObjectNode body = JSON.createObjectNode();
    body.put("reqId", "req-sim" + REQUESTS.incrementAndGet());
    body.put("statusCode", 422);
    ObjectNode item = body.putArray("message").addObject();
    item.put("code", "invalid_type");
    item.putArray("path").add(path);
    item.put("message", issue);
    body.put("error", "ValidationFailure");
    return new Reply(422, body);
  }

  static Reply tokenExpired() {
    return error(403, "TokenError", "Your token has expired. Please re-authenticate.");
  }
}

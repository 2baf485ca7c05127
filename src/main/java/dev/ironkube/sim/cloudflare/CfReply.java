package dev.ironkube.sim.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An answer in Cloudflare's envelope, keys in the order the 2025 recordings show: {@code result,
 * success, errors, messages[, result_info]}.
 */
record CfReply(int status, ObjectNode body) {
  static final ObjectMapper JSON = new ObjectMapper();

  static CfReply ok(JsonNode result) {
    ObjectNode body = JSON.createObjectNode();
    body.set("result", result);
    body.put("success", true);
    body.putArray("errors");
    body.putArray("messages");
    return new CfReply(200, body);
  }

  static CfReply list(ArrayNode page, int pageNumber, int perPage, int totalCount) {
    CfReply reply = ok(page);
    ObjectNode info = reply.body().putObject("result_info");
    info.put("page", pageNumber);
    info.put("per_page", perPage);
    info.put("count", page.size());
    info.put("total_count", totalCount);
    info.put("total_pages", Math.max(1, (totalCount + perPage - 1) / perPage));
    return reply;
  }

  static CfReply error(int status, int code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putNull("result");
    body.put("success", false);
    ObjectNode error = body.putArray("errors").addObject();
    error.put("code", code);
    error.put("message", message);
    body.putArray("messages");
    return new CfReply(status, body);
  }
}

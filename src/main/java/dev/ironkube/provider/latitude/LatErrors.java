package dev.ironkube.provider.latitude;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Latitude's error body. Every key is optional in practice: {@code status} may be a word
 * ("bad_request", "locked"), {@code code} may be null, lower or upper case, and newer endpoints put
 * the text in {@code message} instead of {@code title}/{@code detail}.
 */
public record LatErrors(List<Item> errors) {

  public List<Item> items() {
    return errors == null ? List.of() : errors;
  }

  public record Item(
      String code, String status, String title, String detail, String message, JsonNode meta) {

    /** The most specific human text the item carries. */
    public String text() {
      for (String candidate : new String[] {detail, message, title, code}) {
        if (candidate != null && !candidate.isBlank()) {
          return candidate;
        }
      }
      return "";
    }
  }
}

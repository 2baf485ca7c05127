package dev.ironkube.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Decides what may appear in logs: credentials never do, whatever a service names them. */
final class Redaction {
  static final String MASK = "[REDACTED]";

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "authorization|auth|token|secret|password|passwd|key|signature|credential|cookie|session",
          Pattern.CASE_INSENSITIVE);

  private Redaction() {}

  static boolean looksSecret(String name) {
    return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
  }

  static Map<String, String> headers(Map<String, String> headers) {
    Map<String, String> safe = new LinkedHashMap<>();
    headers.forEach((name, value) -> safe.put(name, looksSecret(name) ? MASK : value));
    return Map.copyOf(safe);
  }

  /** A base URI without userinfo, should one carry credentials ("https://user:pass@host"). */
  static String base(String base) {
    return base.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1" + MASK + "@");
  }

  /** The query as sent, in readable (decoded) form, with secret-looking values masked. */
  static String query(List<Map.Entry<String, String>> query) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> param : query) {
      out.append(out.isEmpty() ? '?' : '&').append(param.getKey()).append('=');
      out.append(looksSecret(param.getKey()) ? MASK : param.getValue());
    }
    return out.toString();
  }
}

package dev.ironkube.dns.cloudflare;

/** One entry of {@code errors} or {@code messages}: {@code {"code":81058,"message":"..."}}. */
public record CfMessage(Integer code, String message) {

  boolean present() {
    return code != null || (message != null && !message.isBlank());
  }

  int codeOrZero() {
    return code == null ? 0 : code;
  }

  /** "81058 An identical record already exists." */
  String text() {
    String words = message == null ? "" : message;
    return code == null ? words : (code + " " + words).strip();
  }
}

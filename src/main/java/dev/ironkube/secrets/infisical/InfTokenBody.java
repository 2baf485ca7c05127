package dev.ironkube.secrets.infisical;

/** The body of a renewal: {@code {"accessToken":"..."}}. */
record InfTokenBody(String accessToken) {
  @Override
  public String toString() {
    return "InfTokenBody[accessToken=****]";
  }
}

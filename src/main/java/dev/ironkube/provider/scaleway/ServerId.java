package dev.ironkube.provider.scaleway;

/**
 * How ironkube names a Scaleway server: {@code <zone>/<uuid>}. Every server call needs the zone in
 * its path, and the SPI hands back only an id, so the zone travels inside it.
 */
record ServerId(String zone, String uuid) {

  static ServerId parse(String id, String defaultZone) {
    int slash = id.indexOf('/');
    return slash < 0
        ? new ServerId(defaultZone, id)
        : new ServerId(id.substring(0, slash), id.substring(slash + 1));
  }

  @Override
  public String toString() {
    return zone + "/" + uuid;
  }
}

package dev.ironkube.provider.latitude;

/**
 * Attributes of {@code POST /servers}. {@code ipxe} is the URL of an iPXE script (or its base64
 * text) and only goes with {@code operating_system: "ipxe"}.
 *
 * @param site upper case ("MIA2"); the API expects it so
 * @param billing always explicit: an omitted billing may mean monthly, charged upfront
 */
public record LatNewServer(
    String project,
    String plan,
    String site,
    String operatingSystem,
    String ipxe,
    String hostname,
    String billing) {}

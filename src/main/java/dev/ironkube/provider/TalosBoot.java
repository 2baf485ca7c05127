package dev.ironkube.provider;

/**
 * Where a new server gets Talos from, as Image Factory URLs; each provider uses the one its boot
 * path needs (Latitude: the iPXE script URL at create; Scaleway: the raw metal image written by a
 * cloud-init pivot).
 *
 * @param talosVersion such as "v1.11.5"
 * @param schematicId the Image Factory schematic
 * @param pxeUrl the iPXE script URL for this schematic, version and architecture
 * @param rawImageUrl the compressed raw metal disk image
 */
public record TalosBoot(
    String talosVersion, String schematicId, String pxeUrl, String rawImageUrl) {}

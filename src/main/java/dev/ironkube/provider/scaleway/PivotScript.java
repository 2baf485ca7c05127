package dev.ironkube.provider.scaleway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cloud-init user data that turns a freshly installed Scaleway server into a Talos node: a
 * shell script that downloads the Image Factory's compressed metal raw image into RAM, verifies it,
 * writes it over the boot disk and reboots into Talos maintenance mode (talos.md §7.1, option A).
 * It runs once, at the end of the first boot, with networking up.
 *
 * <p>Verification: the community Image Factory publishes no checksum for its images (the {@code
 * .sha256} suffixes answer 402, Enterprise only), so a checksum is compared only when the caller
 * has one. Always verified: the download completed with HTTP success and has a plausible size, the
 * xz or zstd stream decompresses with its own integrity checks passing (both formats carry content
 * checksums), and the decompressed image starts with a GPT header. Its SHA-256 is logged to {@code
 * /var/log/ironkube-talos-pivot.log} either way.
 */
public final class PivotScript {
  /** A compressed metal image is a few hundred MB; anything far smaller is an error page. */
  static final long MIN_IMAGE_BYTES = 50_000_000L;

  public static final String LOG = "/var/log/ironkube-talos-pivot.log";

  // The URL goes into the script between single quotes; these characters cannot break out.
  private static final Pattern SAFE_URL = Pattern.compile("https?://[A-Za-z0-9._~:/%+@=-]+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private PivotScript() {}

  /** The script itself, for reading and for tests. */
  public static String script(String rawImageUrl, Optional<String> expectedSha256) {
    if (rawImageUrl == null || !SAFE_URL.matcher(rawImageUrl).matches()) {
      throw new IllegalArgumentException("not a usable raw image URL: " + rawImageUrl);
    }
    String file = rawImageUrl.substring(rawImageUrl.lastIndexOf('/') + 1);
    // Cloud-platform images read the user data as a Talos config; only metal ignores it.
    if (!file.startsWith("metal-") || !(file.endsWith(".raw.zst") || file.endsWith(".raw.xz"))) {
      throw new IllegalArgumentException(
          "the pivot needs a metal raw image (.raw.zst or .raw.xz), not " + file);
    }
    String sha = expectedSha256.map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
    if (!sha.isEmpty() && !SHA256.matcher(sha).matches()) {
      throw new IllegalArgumentException("not a SHA-256: " + sha);
    }
    return TEMPLATE
        .replace("@@IMAGE_URL@@", rawImageUrl)
        .replace("@@SHA256@@", sha)
        .replace("@@MIN_BYTES@@", Long.toString(MIN_IMAGE_BYTES))
        .replace("@@LOG@@", LOG);
  }

  /** The script as Scaleway's {@code user_data} wants it: standard base64 with padding. */
  public static String userData(String rawImageUrl, Optional<String> expectedSha256) {
    byte[] text = script(rawImageUrl, expectedSha256).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(text);
  }

  private static final String TEMPLATE =
      """
      #!/bin/bash
      # ironkube: replace this machine's OS with Talos Linux, then reboot into maintenance mode.
      set -euo pipefail
      exec >>@@LOG@@ 2>&1
      echo "ironkube pivot: start $(date -u +%FT%TZ)"

      IMAGE_URL='@@IMAGE_URL@@'
      EXPECTED_SHA256='@@SHA256@@'
      MIN_BYTES=@@MIN_BYTES@@
      WORK=/dev/shm/ironkube-pivot
      fail() { echo "ironkube pivot: FAILED: $*"; exit 1; }

      case "$IMAGE_URL" in
        *.raw.zst) FORMAT=zst ;;
        *.raw.xz) FORMAT=xz ;;
        *) fail "unsupported image format: $IMAGE_URL" ;;
      esac
      # The factory serves both compressions; xz-utils ships everywhere, zstd not always.
      if [ "$FORMAT" = zst ] && ! command -v zstd >/dev/null; then
        if ! { apt-get update -q && apt-get install -y -q zstd; }; then
          IMAGE_URL="${IMAGE_URL%.zst}.xz"
          FORMAT=xz
        fi
      fi
      decompress() {
        if [ "$FORMAT" = zst ]; then zstd -dcq "$IMAGE"; else xz -dc "$IMAGE"; fi
      }

      # The root filesystem is about to be overwritten, so the image is held in RAM (tmpfs).
      mkdir -p "$WORK"
      IMAGE="$WORK/talos.raw.$FORMAT"
      curl -fsSL --retry 5 --retry-delay 10 --retry-all-errors -o "$IMAGE" "$IMAGE_URL" \\
        || fail "download of $IMAGE_URL"

      # Verify before touching the disk: nothing is lost yet if any check fails.
      SIZE=$(stat -c %s "$IMAGE")
      [ "$SIZE" -ge "$MIN_BYTES" ] || fail "image is only $SIZE bytes"
      ACTUAL_SHA256=$(sha256sum "$IMAGE" | cut -d' ' -f1)
      echo "ironkube pivot: downloaded $SIZE bytes, sha256 $ACTUAL_SHA256"
      if [ -n "$EXPECTED_SHA256" ] && [ "$ACTUAL_SHA256" != "$EXPECTED_SHA256" ]; then
        fail "checksum mismatch: expected $EXPECTED_SHA256"
      fi
      # xz and zstd check their own content checksums while testing the whole stream.
      if [ "$FORMAT" = zst ]; then zstd -tq "$IMAGE"; else xz -t "$IMAGE"; fi \\
        || fail "image does not decompress cleanly"
      # A raw disk image has a GPT header ("EFI PART") right after the protective MBR.
      GPT=$( (decompress || true) | dd bs=1 skip=512 count=8 2>/dev/null)
      [ "$GPT" = "EFI PART" ] || fail "image has no GPT header"

      # The firmware boots from the disk holding the EFI partition; fall back to the root's disk.
      # (|| true: under pipefail, awk leaving early must not end the script without a message.)
      disk_of() {
        { lsblk -nsro NAME,TYPE "$1" 2>/dev/null || true; } | awk '$2=="disk"{print "/dev/"$1; exit}' || true
      }
      BOOT_DISK=""
      for MOUNT in /boot/efi /; do
        SOURCE=$(findmnt -no SOURCE "$MOUNT" 2>/dev/null || true)
        if [ -n "$SOURCE" ]; then BOOT_DISK=$(disk_of "$SOURCE"); fi
        if [ -n "$BOOT_DISK" ]; then break; fi
      done
      [ -b "$BOOT_DISK" ] || fail "cannot find the boot disk"

      # Boot entries for the old OS would point at a loader that is about to vanish; without them
      # the firmware falls back to the disk's removable-media loader, which the Talos image has.
      if [ -d /sys/firmware/efi ] && command -v efibootmgr >/dev/null; then
        for ENTRY in $(efibootmgr | awk 'tolower($0) ~ /ubuntu|debian|rocky|centos/ {print substr($1,5,4)}'); do
          efibootmgr -q -b "$ENTRY" -B || true
        done
      fi

      echo "ironkube pivot: writing Talos to $BOOT_DISK"
      sync
      decompress | dd of="$BOOT_DISK" bs=4M conv=fsync status=none || fail "write to $BOOT_DISK"
      sync
      echo "ironkube pivot: rebooting into Talos"
      # A normal reboot can hang: the filesystems it would unmount no longer exist on disk.
      echo 1 > /proc/sys/kernel/sysrq
      echo s > /proc/sysrq-trigger
      echo b > /proc/sysrq-trigger
      """;
}

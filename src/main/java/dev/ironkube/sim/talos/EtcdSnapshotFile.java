package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ironkube.sim.kube.StoreContents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of a simulated etcd snapshot, laid out as the etcd client's {@code Snapshot} produces
 * them and checked as etcd's restore checks them:
 *
 * <ul>
 *   <li>a bbolt file: 4096-byte pages, pages 0 and 1 the two meta pages with bbolt's page header
 *       (id, flags 0x04, count, overflow) and meta (magic 0xED0CDAED, version 2, page size, flags,
 *       root bucket, freelist, high-water pgid, txid, FNV-1a 64 checksum of the meta before it),
 *       little-endian as on amd64 (go.etcd.io/bbolt v1.4 {@code internal/common/meta.go}, {@code
 *       page.go}). The data pages that follow hold the store's keys and objects as one JSON
 *       document instead of bbolt's B+tree: only etcd reads them, and the simulated etcd is ours;
 *   <li>then the SHA-256 of everything before it: etcd's {@code maintenance.Snapshot} appends it,
 *       so a snapshot's size is 32 more than a multiple of 512 (talosctl's {@code etcd snapshot}
 *       refuses a download where {@code size % 512 != sha256.Size}: siderolabs/talos v1.11.6 {@code
 *       cmd/talosctl/cmd/talos/etcd.go});
 *   <li>on recovery, etcd's {@code snapshot.Status} opens the file with bbolt (an invalid meta is
 *       "invalid database", a wrong version "version mismatch", a bad checksum "checksum error"),
 *       then the restore checks the trailing hash unless skipped: none is "snapshot missing hash
 *       but --skip-hash-check=false", a wrong one "expected sha256 [..], got [..]" (etcd-io/etcd
 *       v3.5 {@code etcdutl/snapshot/v3_snapshot.go} saveDB). Talos wraps them as "error verifying
 *       snapshot: %w" and "error recovering from the snapshot: %w" (talos v1.11.6 {@code
 *       internal/app/machined/pkg/system/services/etcd.go} recoverFromSnapshot).
 * </ul>
 */
final class EtcdSnapshotFile {
  static final int PAGE = 4096;
  private static final int MAGIC = 0xED0CDAED;
  private static final int VERSION = 2;
  private static final int HEADER = 16;
  private static final short META_FLAG = 0x04;
  private static final short LEAF_FLAG = 0x02;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A snapshot etcd refuses, with the message Talos's etcd service fails with. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private EtcdSnapshotFile() {}

  static byte[] write(StoreContents contents, long txid) {
    byte[] payload = payload(contents);
    int dataPages = (4 + payload.length + HEADER + PAGE - 1) / PAGE;
    int pages = 2 + dataPages;
    ByteBuffer db = ByteBuffer.allocate(pages * PAGE).order(ByteOrder.LITTLE_ENDIAN);
    for (int m = 0; m < 2; m++) {
      meta(db, m, txid - 1 + m, pages);
    }
    db.position(2 * PAGE);
    db.putLong(2).putShort(LEAF_FLAG).putShort((short) contents.objects().size());
    db.putInt(dataPages - 1);
    db.putInt(payload.length).put(payload);
    byte[] body = db.array();
    byte[] out = Arrays.copyOf(body, body.length + 32);
    System.arraycopy(sha256(body, body.length), 0, out, body.length, 32);
    return out;
  }

  /** What etcd restores from {@code snapshot}, or why it refuses it. */
  static StoreContents read(byte[] snapshot, boolean skipHashCheck) throws Refused {
    status(snapshot);
    int size = snapshot.length;
    boolean hasHash = size % 512 == 32;
    if (!hasHash && !skipHashCheck) {
      throw new Refused(
          "error recovering from the snapshot: snapshot missing hash but --skip-hash-check=false");
    }
    int dbSize = hasHash ? size - 32 : size;
    if (hasHash && !skipHashCheck) {
      byte[] want = Arrays.copyOfRange(snapshot, dbSize, size);
      byte[] got = sha256(snapshot, dbSize);
      if (!Arrays.equals(want, got)) {
        throw new Refused(
            "error recovering from the snapshot: expected sha256 "
                + goBytes(want)
                + ", got "
                + goBytes(got));
      }
    }
    return contents(snapshot, dbSize);
  }

  /** bbolt's open: a valid meta page, as {@code snapshot.Status} needs before anything else. */
  private static void status(byte[] snapshot) throws Refused {
    String firstError = null;
    for (int m = 0; m < 2; m++) {
      if (snapshot.length < (m + 1) * PAGE) {
        firstError = firstError == null ? "invalid database" : firstError;
        continue;
      }
      ByteBuffer meta =
          ByteBuffer.wrap(snapshot, m * PAGE + HEADER, 64).order(ByteOrder.LITTLE_ENDIAN);
      if (meta.getInt() != MAGIC) {
        firstError = firstError == null ? "invalid database" : firstError;
      } else if (meta.getInt() != VERSION) {
        firstError = firstError == null ? "version mismatch" : firstError;
      } else if (fnv64a(snapshot, m * PAGE + HEADER, 56)
          != ByteBuffer.wrap(snapshot, m * PAGE + HEADER + 56, 8)
              .order(ByteOrder.LITTLE_ENDIAN)
              .getLong()) {
        firstError = firstError == null ? "checksum error" : firstError;
      } else {
        return; // bbolt uses whichever meta page is valid
      }
    }
    throw new Refused("error verifying snapshot: " + firstError);
  }

  private static void meta(ByteBuffer db, int pgid, long txid, int highWater) {
    int at = pgid * PAGE;
    db.position(at);
    db.putLong(pgid).putShort(META_FLAG).putShort((short) 0).putInt(0);
    db.putInt(MAGIC).putInt(VERSION).putInt(PAGE).putInt(0);
    db.putLong(2).putLong(0); // root bucket: its page, sequence
    db.putLong(0); // freelist: none kept (etcd sets NoFreelistSync)
    db.putLong(highWater).putLong(txid);
    db.putLong(fnv64a(db.array(), at + HEADER, 56));
  }

  private static byte[] payload(StoreContents contents) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("revision", contents.revision());
    ObjectNode kvs = doc.putObject("kvs");
    new TreeMap<>(contents.objects()).forEach(kvs::set);
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException("JSON in memory", e);
    }
  }

  private static StoreContents contents(byte[] snapshot, int dbSize) throws Refused {
    try {
      ByteBuffer data =
          ByteBuffer.wrap(snapshot, 2 * PAGE + HEADER, 4).order(ByteOrder.LITTLE_ENDIAN);
      int length = data.getInt();
      if (length < 0 || 2 * PAGE + HEADER + 4 + length > dbSize) {
        throw new Refused("error recovering from the snapshot: unexpected EOF");
      }
      JsonNode doc =
          JSON.readTree(
              new String(snapshot, 2 * PAGE + HEADER + 4, length, StandardCharsets.UTF_8));
      Map<String, ObjectNode> objects = new TreeMap<>();
      doc.path("kvs")
          .fields()
          .forEachRemaining(e -> objects.put(e.getKey(), (ObjectNode) e.getValue()));
      return new StoreContents(objects, doc.path("revision").asLong());
    } catch (IOException | RuntimeException e) {
      throw new Refused("error recovering from the snapshot: " + e.getMessage());
    }
  }

  static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(bytes, 0, length);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static long fnv64a(byte[] bytes, int from, int length) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < from + length; i++) {
      h ^= bytes[i] & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Go's %v of a []byte: "[1 2 3]". */
  private static String goBytes(byte[] b) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < b.length; i++) {
      s.append(i == 0 ? "" : " ").append(b[i] & 0xff);
    }
    return s.append(']').toString();
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}

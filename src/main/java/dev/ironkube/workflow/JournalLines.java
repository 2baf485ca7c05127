package dev.ironkube.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The journal's bytes. Each entry is one JSON object on one line, written with a single write, and
 * ends with its own checksum: {@code {...,"crc":"1a2b3c4d"}}, the CRC-32C of the line without that
 * member. A line that does not check out is damage, never a different entry. Lines written before
 * checksums existed (no "crc" member) are still read as they are.
 */
final class JournalLines {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final Pattern CHECKED = Pattern.compile("(\\{.*),\"crc\":\"([0-9a-f]{8})\"}");

  /**
   * The start of an outcome line as {@link #encode} writes it (members in record order: at, type,
   * action), enough to tell which outcome a cut-off line was recording.
   */
  private static final Pattern OUTCOME_PREFIX =
      Pattern.compile("\\{\"at\":\"[^\"]*\",\"type\":\"outcome\",\"action\":\"([a-z-]+)\"");

  private JournalLines() {}

  /** What a journal file held: its entries and what was wrong with it. */
  record Read(List<JournalEntry> entries, JournalDamage damage, boolean endsWithNewline) {}

  static byte[] encode(JournalEntry e) {
    String body;
    try {
      body = JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("journal entry cannot be written as JSON", ex);
    }
    String line = body.substring(0, body.length() - 1) + ",\"crc\":\"" + crc(body) + "\"}\n";
    return line.getBytes(StandardCharsets.UTF_8);
  }

  static Read decode(byte[] bytes) {
    List<JournalEntry> entries = new ArrayList<>();
    List<Integer> corrupt = new ArrayList<>();
    boolean torn = false;
    String recovered = null;
    int lines = 0;
    int start = 0;
    int number = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      boolean terminated = end < bytes.length;
      number++;
      String text = utf8(bytes, start, end);
      start = end + 1;
      if (text != null && text.isBlank()) {
        continue;
      }
      lines++;
      JournalEntry entry = text == null ? null : entry(text.strip());
      if (entry != null) {
        entries.add(entry);
      } else if (!terminated) {
        torn = true;
        recovered = text == null ? null : recoverOutcome(text, entries);
      } else {
        corrupt.add(number);
      }
    }
    JournalDamage damage = new JournalDamage(lines, corrupt, torn, recovered, null);
    boolean newline = bytes.length == 0 || bytes[bytes.length - 1] == '\n';
    return new Read(entries, damage, newline);
  }

  /** The outcome a cut-off line was recording, added to {@code entries} when it can be told. */
  private static String recoverOutcome(String text, List<JournalEntry> entries) {
    Matcher m = OUTCOME_PREFIX.matcher(text);
    if (!m.lookingAt()) {
      return null;
    }
    String outcome = m.group(1);
    Instant at = entries.isEmpty() ? Instant.EPOCH : entries.get(entries.size() - 1).at();
    entries.add(
        new JournalEntry(
            at,
            JournalEntry.OUTCOME,
            "",
            outcome,
            "",
            "",
            outcome,
            Map.of("detail", "recovered from a cut-off journal line")));
    return outcome;
  }

  private static JournalEntry entry(String line) {
    String body = line;
    Matcher m = CHECKED.matcher(line);
    if (m.matches()) {
      body = m.group(1) + "}";
      if (!crc(body).equals(m.group(2))) {
        return null;
      }
    }
    try {
      JournalEntry e = JSON.readValue(body, JournalEntry.class);
      return e.at() == null || e.type() == null ? null : normalised(e);
    } catch (JsonProcessingException ex) {
      return null;
    }
  }

  /**
   * Members left out when empty come back as empty strings, as every reader expects. An action line
   * from before the typed kind existed gets it derived from its text, here and only here.
   */
  private static JournalEntry normalised(JournalEntry e) {
    ActionKind act = e.act();
    if (act == null
        && (JournalEntry.INTENT.equals(e.type()) || JournalEntry.ACTED.equals(e.type()))
        && orEmpty(e.kind()).isEmpty()) {
      act = ActionKind.ofLegacyText(e.action());
    }
    return new JournalEntry(
        e.at(),
        e.type(),
        orEmpty(e.system()),
        orEmpty(e.action()),
        orEmpty(e.kind()),
        orEmpty(e.id()),
        orEmpty(e.name()),
        e.data() == null ? Map.of() : e.data(),
        act);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String utf8(byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static String crc(String body) {
    CRC32C c = new CRC32C();
    c.update(body.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", c.getValue());
  }
}

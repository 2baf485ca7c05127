package dev.ironkube.sim.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ironkube.sim.launch.SimEndpoints;
import dev.ironkube.store.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code daemon.json}: what a command needs to use the background simulated datacenter, written by
 * the datacenter once every service listens. 0600, since the control token in it lets its holder
 * stop the datacenter.
 *
 * @param pid the datacenter's process
 * @param processStart when that process started, as the OS reports it; tells a live datacenter from
 *     an unrelated process that got the same pid after it died (null when the OS does not say)
 * @param since when the datacenter started serving
 * @param control its control endpoint (status, stop, name resolution), answering with {@code token}
 * @param exports the variables a real run exports to use it (the output of {@code ironkube sim})
 */
record DaemonFile(
    long pid,
    Instant processStart,
    Instant since,
    URI control,
    String token,
    SimEndpoints endpoints,
    String teleportIdentity,
    String log,
    Map<String, String> exports) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  void write(Path file) {
    try {
      SecureFiles.write(file, MAPPER.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The file's content, or empty when there is none; a damaged file counts as none. */
  static Optional<DaemonFile> read(Path file) {
    try {
      return Optional.of(MAPPER.readValue(Files.readAllBytes(file), DaemonFile.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // Half-written by a process killed mid-write (the write is atomic, so only by hand): the
      // datacenter it named cannot be reached through it either.
      return Optional.empty();
    }
  }

  /** Whether the process it names is the datacenter that wrote it, and still running. */
  boolean alive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                processStart == null
                    || p.info().startInstant().map(processStart::equals).orElse(true))
        .isPresent();
  }

  /** The start instant of this process as the OS reports it, for {@link #processStart}. */
  static Instant currentProcessStart() {
    return ProcessHandle.current().info().startInstant().orElse(null);
  }
}

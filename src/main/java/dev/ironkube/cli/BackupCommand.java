package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.lifecycle.ClusterTarget;
import dev.ironkube.lifecycle.EtcdBackup;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.api.Polling;
import dev.ironkube.talos.api.TalosClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `ironkube backup <cluster>`: an etcd snapshot and the secrets bundle, encrypted. */
@Command(
    name = "backup",
    description = {
      "Save an etcd snapshot of a cluster through the Talos API (as 'talosctl etcd snapshot'),"
          + " checked for etcd's trailing SHA-256, with a sha256sum file and the cluster's secrets"
          + " bundle encrypted with a passphrase (OpenPGP; 'gpg --decrypt' opens it too). Files"
          + " are 0600, in $IRONKUBE_HOME/clusters/<cluster>/backups unless --output-dir.",
      "",
      "The passphrase comes from --passphrase-file, $IRONKUBE_BACKUP_PASSPHRASE or a prompt;"
          + " --no-secrets leaves the bundle out.",
      "",
      "Examples:",
      "  IRONKUBE_BACKUP_PASSPHRASE=... ironkube backup demo",
      "  ironkube backup demo --output-dir /mnt/backups --passphrase-file ~/.pass"
    })
final class BackupCommand implements Callable<Integer> {
  static final String PASSPHRASE_ENV = "IRONKUBE_BACKUP_PASSPHRASE";

  private final CliEnvironment env;

  @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster's name.")
  String cluster;

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Where to write the files.")
  Path outputDir;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "Read the passphrase that encrypts the secrets bundle from this file.")
  Path passphraseFile;

  @Option(names = "--no-secrets", description = "Do not save the secrets bundle.")
  boolean noSecrets;

  @Mixin OutputOption output = new OutputOption();

  BackupCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    ClusterFiles files = SettingsResolution.home(env).cluster(cluster);
    ClusterTarget target = ClusterTarget.load(cluster, files, env.clock());
    CredentialWarnings.print(env, cluster);
    Optional<byte[]> bundle = Optional.empty();
    char[] passphrase = new char[0];
    if (!noSecrets) {
      if (!Files.isRegularFile(files.secrets())) {
        throw new UserInputException(
            "cluster " + cluster + " has no secrets bundle in " + files.dir(),
            "pass --no-secrets to save the etcd snapshot alone",
            ExitCodes.NOT_FOUND);
      }
      passphrase = passphrase();
      bundle = Optional.of(Files.readAllBytes(files.secrets()));
    }
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(env.clock().instant());
    Path dir = outputDir != null ? outputDir : files.dir().resolve("backups");
    Path snapshot = dir.resolve(cluster + "-" + stamp + ".etcd.snapshot");
    Polling polling = Polling.defaults().withCallTimeout(Duration.ofSeconds(10));
    var result =
        new EtcdBackup(
                address ->
                    TalosClient.secure(address, TalosClient.APID_PORT, target.identity(), polling),
                line -> env.err().println(line),
                Duration.ofMinutes(10))
            .backup(target, snapshot, bundle, passphrase, new SecureRandom());
    Arrays.fill(passphrase, '\0');
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("snapshot", result.snapshot().toString());
    out.put("size", result.size());
    out.put("sha256", result.sha256());
    out.put("checksumFile", result.checksum().toString());
    out.put("secrets", result.secrets().map(Path::toString).orElse(null));
    out.put("node", result.node());
    if (output.json()) {
      Json.print(env.out(), out);
    } else {
      out.forEach((k, v) -> env.out().printf("%-13s %s%n", k + ":", v == null ? "(not saved)" : v));
    }
    return 0;
  }

  private char[] passphrase() throws IOException {
    if (passphraseFile != null) {
      String p = Files.readString(passphraseFile, StandardCharsets.UTF_8).strip();
      if (p.isEmpty()) {
        throw new UserInputException(passphraseFile + " is empty", "write the passphrase in it");
      }
      return p.toCharArray();
    }
    String fromEnv = env.env().get(PASSPHRASE_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    ConsolePrompter prompter = new ConsolePrompter(env, true);
    if (prompter.available()) {
      Optional<String> typed = prompter.secret("Passphrase for the secrets bundle");
      if (typed.isPresent() && !typed.get().isEmpty()) {
        return typed.get().toCharArray();
      }
    }
    throw new UserInputException(
        "the secrets bundle needs a passphrase and none was given",
        "set "
            + PASSPHRASE_ENV
            + ", pass --passphrase-file FILE, or --no-secrets to save the etcd snapshot alone");
  }
}

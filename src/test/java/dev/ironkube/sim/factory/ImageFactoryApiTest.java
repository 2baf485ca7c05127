package dev.ironkube.sim.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.TimeModel;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageFactoryApiTest {
  private static SimulatedDatacenter dc;
  private static SimHttp http;

  @BeforeAll
  static void start() {
    dc = SimulatedDatacenter.builder().timeModel(TimeModel.instant()).build().start();
    http = new SimHttp(dc.imageFactoryUrl(), null);
  }

  @AfterAll
  static void stop() {
    dc.close();
  }

  /**
   * upstream image-factory internal/artifacts/versions.go: every release from minTalosVersion
   * 1.2.0, ascending, pre-releases only of the newest minor; meta.go encodes them with json.Encoder
   * (a trailing newline).
   */
  @Test
  void versions_list_every_release_from_1_2_0_up_to_the_newest_ascending() throws Exception {
    SimHttp.Answer answer = http.get("/versions");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).endsWith("]\n");
    List<String> versions = new ArrayList<>();
    answer.json().forEach(v -> versions.add(v.asText()));
    assertThat(versions.get(0)).isEqualTo("v1.2.0");
    assertThat(versions.get(versions.size() - 1)).isEqualTo("v1.14.6");
    assertThat(versions)
        .contains("v1.11.6", "v1.12.12", "v1.13.10", "v1.14.0")
        .doesNotContain("v1.11.7", "v1.14.7")
        .noneMatch(v -> v.contains("-"));
    List<String> sorted = new ArrayList<>(versions);
    sorted.sort(
        Comparator.comparingInt((String v) -> Integer.parseInt(v.split("\\.")[1]))
            .thenComparingInt(v -> Integer.parseInt(v.split("\\.")[2])));
    assertThat(versions).isEqualTo(sorted);
  }

  @Test
  void the_empty_schematic_gets_the_well_known_id() throws Exception {
    SimHttp.Answer answer = http.post("/schematics", "customization: {}\n");
    SimHttp.Answer empty = http.post("/schematics", "");

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.json().get("id").asText()).isEqualTo(Schematic.VANILLA_ID);
    assertThat(empty.json().get("id").asText()).isEqualTo(Schematic.VANILLA_ID);
  }

  @Test
  void the_id_depends_on_content_not_formatting() throws Exception {
    String yaml =
        "customization:\n  extraKernelArgs:\n    - console=ttyS0,115200\n"
            + "  systemExtensions:\n    officialExtensions:\n      - siderolabs/intel-ucode\n";
    String json =
        "{\"customization\":{\"systemExtensions\":{\"officialExtensions\":"
            + "[\"siderolabs/intel-ucode\"]},\"extraKernelArgs\":[\"console=ttyS0,115200\"]}}";

    String fromYaml = http.post("/schematics", yaml).json().get("id").asText();
    String fromJson = http.post("/schematics", json).json().get("id").asText();

    assertThat(fromYaml)
        .matches("[0-9a-f]{64}")
        .isEqualTo(fromJson)
        .isNotEqualTo(Schematic.VANILLA_ID);
    assertThat(dc.imageFactory().schematicIds()).contains(fromYaml);
  }

  @Test
  void unknown_fields_are_rejected() throws Exception {
    SimHttp.Answer answer = http.post("/schematics", "customization:\n  extraKernelArg: [x]\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("extraKernelArg not found");
  }

  @Test
  void the_pxe_script_chains_kernel_and_initrd_from_this_factory() throws Exception {
    String id =
        http.post(
                "/schematics", "customization:\n  extraKernelArgs: [talos.dashboard.disabled=1]\n")
            .json()
            .get("id")
            .asText();
    SimHttp.Answer script = http.get("/pxe/" + id + "/v1.11.5/metal-amd64");

    String images = dc.imageFactoryUrl() + "/image/" + id + "/v1.11.5/";
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body())
        .startsWith("#!ipxe\n")
        .contains("imgfree\n")
        .contains("kernel " + images + "kernel-amd64 talos.platform=metal console=tty0")
        .contains("talos.dashboard.disabled=1\n")
        .contains("initrd " + images + "initramfs-amd64.xz\n")
        .endsWith("boot\n");
  }

  @Test
  void assets_answer_get_and_head_and_unknown_schematics_are_404() throws Exception {
    String base = "/image/" + Schematic.VANILLA_ID + "/v1.11.5/";
    String unknown = "0".repeat(64);

    assertThat(http.get(base + "kernel-amd64").status()).isEqualTo(200);
    assertThat(http.head(base + "initramfs-amd64.xz").status()).isEqualTo(200);
    assertThat(http.get(base + "cmdline-metal-amd64").body()).startsWith("talos.platform=metal ");
    assertThat(http.get(base + "metal-amd64.raw.zst.sha256").status()).isEqualTo(402);
    assertThat(http.get("/pxe/" + unknown + "/v1.11.5/metal-amd64").status()).isEqualTo(404);
    assertThat(http.get("/image/" + unknown + "/v1.11.5/kernel-amd64").status()).isEqualTo(404);
  }

  /**
   * Errors as image-factory v1.5.0 writes them: {@code MatchError} in internal/frontend/http/
   * http.go sends {@code http.Error(message)}; the storage's not-found is {@code schematic ID %q
   * not found} (internal/schematic/storage/cache/cache.go); image.go refuses checksum and signature
   * sidecars (402, its two messages) before it looks the schematic up, and adds a missing {@code v}
   * to the version; an unparsable profile path is InvalidErrorTag (400, internal/profile/
   * profile.go "invalid profile path: %q"); semver.Parse failing is untagged, hence 500.
   */
  @Test
  void errors_carry_the_factory_messages_and_statuses() throws Exception {
    String unknown = "0".repeat(64);
    String vanilla = "/image/" + Schematic.VANILLA_ID;

    SimHttp.Answer missing = http.get("/pxe/" + unknown + "/v1.11.5/metal-amd64");
    SimHttp.Answer shortId = http.get("/image/abc/v1.11.5/kernel-amd64");
    SimHttp.Answer checksum = http.get("/image/" + unknown + "/v1.11.5/metal-amd64.iso.sha512");
    SimHttp.Answer signature = http.get(vanilla + "/v1.11.5/kernel-amd64.sigstore.json");
    SimHttp.Answer nonsense = http.get(vanilla + "/v1.11.5/nonsense");
    SimHttp.Answer badVersion = http.get(vanilla + "/latest/kernel-amd64");
    SimHttp.Answer bare = http.get("/pxe/" + Schematic.VANILLA_ID + "/1.11.5/metal-amd64");
    SimHttp.Answer created = http.post("/schematics", "customization: {}\n");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("schematic ID \"" + unknown + "\" not found\n");
    assertThat(missing.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(shortId.body()).isEqualTo("schematic ID \"abc\" not found\n");
    assertThat(checksum.status()).isEqualTo(402);
    assertThat(checksum.body())
        .isEqualTo("enterprise not enabled: checksum endpoint is not available\n");
    assertThat(signature.status()).isEqualTo(402);
    assertThat(signature.body())
        .isEqualTo("enterprise signing is not enabled: signature endpoint is not available\n");
    assertThat(nonsense.status()).isEqualTo(400);
    assertThat(nonsense.body())
        .isEqualTo("error parsing profile from path: invalid profile path: \"nonsense\"\n");
    assertThat(badVersion.status()).isEqualTo(500);
    assertThat(bare.status()).isEqualTo(200);
    assertThat(bare.body()).contains("/v1.11.5/kernel-amd64 ");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).endsWith("}\n");
  }
}

package dev.ironkube.talos.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.provider.TalosBoot;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ImageFactoryUrlsTest {
  private static final String ID =
      "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";
  private final ImageFactoryUrls urls = ImageFactoryUrls.defaults();

  @Test
  void pxeScriptIsServedByThePxeHost() {
    assertThat(urls.pxeScript(ID, "v1.11.5"))
        .isEqualTo("https://pxe.factory.talos.dev/pxe/" + ID + "/v1.11.5/metal-amd64");
  }

  @Test
  void installerImagesNameTheFactoryRegistry() {
    assertThat(urls.installerImage(ID, "v1.11.5"))
        .isEqualTo("factory.talos.dev/metal-installer/" + ID + ":v1.11.5");
    assertThat(urls.legacyInstallerImage(ID, "v1.9.4"))
        .isEqualTo("factory.talos.dev/installer/" + ID + ":v1.9.4");
  }

  @Test
  void diskImageAndCmdlineAreFactoryAssets() {
    assertThat(urls.rawImage(ID, "v1.11.5"))
        .isEqualTo("https://factory.talos.dev/image/" + ID + "/v1.11.5/metal-amd64.raw.zst");
    assertThat(urls.kernelCmdline(ID, "v1.11.5"))
        .isEqualTo("https://factory.talos.dev/image/" + ID + "/v1.11.5/cmdline-metal-amd64");
  }

  @Test
  void versionsGetTheirLeadingVAndBasesLoseTheirTrailingSlash() {
    ImageFactoryUrls local =
        new ImageFactoryUrls(
            URI.create("http://127.0.0.1:8088/"), URI.create("http://127.0.0.1:8089/"));

    assertThat(local.pxeScript(ID, "1.11.5"))
        .isEqualTo("http://127.0.0.1:8089/pxe/" + ID + "/v1.11.5/metal-amd64");
    // A plain-HTTP factory keeps its scheme: Talos would pull a bare reference over HTTPS.
    assertThat(local.installerImage(ID, "1.11.5"))
        .isEqualTo("http://127.0.0.1:8088/metal-installer/" + ID + ":v1.11.5");
  }

  @Test
  void bootCarriesWhatEachProviderNeeds() {
    TalosBoot boot = urls.boot(ID, "1.11.5");

    assertThat(boot.talosVersion()).isEqualTo("v1.11.5");
    assertThat(boot.schematicId()).isEqualTo(ID);
    assertThat(boot.pxeUrl()).isEqualTo(urls.pxeScript(ID, "v1.11.5"));
    assertThat(boot.rawImageUrl()).isEqualTo(urls.rawImage(ID, "v1.11.5"));
  }
}

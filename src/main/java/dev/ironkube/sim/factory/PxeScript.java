package dev.ironkube.sim.factory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The iPXE script and kernel command line the factory derives from a schematic. */
final class PxeScript {
  private PxeScript() {}

  static String of(URI base, String id, String version, String arch, Schematic schematic) {
    String images = base + "/image/" + id + "/" + version + "/";
    if (schematic.secureBoot()) {
      return "#!ipxe\n\nimgfree\nkernel "
          + images
          + "metal-"
          + arch
          + "-secureboot-uki.efi\nboot\n";
    }
    return "#!ipxe\n\nimgfree\nkernel "
        + images
        + "kernel-"
        + arch
        + " "
        + cmdline(arch, schematic)
        + "\ninitrd "
        + images
        + "initramfs-"
        + arch
        + ".xz\nboot\n";
  }

  /** What the factory's imager puts on the metal command line (Talos 1.10+), then the extras. */
  static String cmdline(String arch, Schematic schematic) {
    List<String> args = new ArrayList<>();
    args.add("talos.platform=metal");
    if (arch.equals("arm64")) {
      args.add("console=ttyAMA0");
    }
    args.add("console=tty0");
    args.addAll(
        List.of(
            "init_on_alloc=1",
            "slab_nomerge",
            "pti=on",
            "consoleblank=0",
            "nvme_core.io_timeout=4294967295",
            "printk.devkmsg=on",
            "ima_template=ima-ng",
            "ima_appraise=fix",
            "ima_hash=sha512",
            "selinux=1"));
    args.addAll(schematic.extraKernelArgs());
    return String.join(" ", args);
  }
}

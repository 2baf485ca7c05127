package dev.ironkube.sim.latitude;

import dev.ironkube.sim.SimHttp;
import dev.ironkube.sim.launch.SimulatedDatacenter;
import java.io.IOException;

/** Orders through a bare HTTP client, the way any client of the fake would. */
final class LatitudeFixture {
  static final String IPXE = "http://pxe.example/pxe/abc/v1.11.5/metal-amd64";

  private LatitudeFixture() {}

  static SimHttp client(SimulatedDatacenter dc) {
    return new SimHttp(dc.latitudeUrl(), SimulatedDatacenter.LATITUDE_TEST_KEY);
  }

  static String createProject(SimHttp http, String name) throws IOException, InterruptedException {
    SimHttp.Answer answer =
        http.post(
            "/projects",
            "{\"data\":{\"type\":\"projects\",\"attributes\":{\"name\":\""
                + name
                + "\",\"provisioning_type\":\"on_demand\",\"environment\":\"Development\"}}}");
    if (answer.status() != 201) {
      throw new AssertionError("project create: " + answer);
    }
    return answer.json().path("data").path("id").asText();
  }

  static String serverBody(String project, String hostname, String plan, String site) {
    return "{\"data\":{\"type\":\"servers\",\"attributes\":{\"project\":\""
        + project
        + "\",\"plan\":\""
        + plan
        + "\",\"site\":\""
        + site
        + "\",\"operating_system\":\"ipxe\",\"ipxe\":\""
        + IPXE
        + "\",\"hostname\":\""
        + hostname
        + "\",\"billing\":\"hourly\"}}}";
  }

  static SimHttp.Answer createServer(SimHttp http, String project, String hostname)
      throws IOException, InterruptedException {
    return http.post("/servers", serverBody(project, hostname, "c2-small-x86", "MIA2"));
  }
}

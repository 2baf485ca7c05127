package dev.ironkube.sim.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ironkube.sim.Faults;
import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.TimeModel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Record {@code comment} and {@code tags}, which ownership markers rely on. Facts: the recorded
 * 2025 create body ({@code dns-lexicon-extracted/dns_records.create.A.200.json}: {@code
 * "comment":null,"tags":[]} on a record made without them); cloudflare-go v6.6.0 {@code
 * dns/record.go}: {@code comment_modified_on} / {@code tags_modified_on} "omitted if there is no
 * comment / are no tags", list parameters {@code comment.*}, {@code tag.*}, {@code tag_match},
 * {@code match}, all text filters case-insensitive; cloudflare-go v0.116.0 {@code dns.go}: "to the
 * server, there's no difference between 'no comment' and 'empty comment'"; the API reference of
 * List DNS Records: {@code tag=name} is {@code tag.present=name}, {@code tag=name:value} is {@code
 * tag.exact=name:value}, {@code comment} is {@code comment.exact}.
 */
class CommentAndTagsTest {
  private final RecordedShapeTest wire = new RecordedShapeTest();
  private CloudflareApi api;
  private final String records = "/zones/" + CloudflareOptions.DEFAULT_ZONE_ID + "/dns_records";

  @BeforeEach
  void start() {
    api =
        new CloudflareApi(
                CloudflareOptions.defaults(), TimeModel.instant(), Faults.none(), new RequestLog())
            .start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    return RecordedShapeTest.JSON.readTree(wire.send(api.baseUri(), method, path, body).body());
  }

  private String create(String name, String ip, String extra) throws Exception {
    return call(
            "POST",
            records,
            "{\"type\":\"A\",\"name\":\""
                + name
                + "\",\"content\":\""
                + ip
                + "\",\"ttl\":60"
                + extra
                + "}")
        .at("/result/id")
        .asText();
  }

  private List<String> names(String query) throws Exception {
    List<String> names = new ArrayList<>();
    call("GET", records + "?" + query, null)
        .get("result")
        .forEach(r -> names.add(r.get("name").asText().replace(".ironkube.test", "")));
    return names;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void comment_and_tags_are_kept_with_their_stamps_and_an_empty_comment_reads_as_null()
      throws Exception {
    JsonNode recorded = RecordedShapeTest.recorded("dns_records.create.A.200.json").get("result");

    JsonNode plain =
        call(
                "POST",
                records,
                "{\"type\":\"A\",\"name\":\"a\",\"content\":\"192.0.2.1\",\"ttl\":60}")
            .get("result");
    JsonNode marked =
        call(
                "POST",
                records,
                "{\"type\":\"A\",\"name\":\"b\",\"content\":\"192.0.2.2\",\"ttl\":60,"
                    + "\"comment\":\"managed-by=ironkube cluster=demo\","
                    + "\"tags\":[\"owner:ironkube\",\"cluster:demo\"]}")
            .get("result");
    String id = marked.get("id").asText();
    JsonNode cleared =
        call(
                "PUT",
                records + "/" + id,
                "{\"type\":\"A\",\"name\":\"b\",\"content\":\"192.0.2.2\",\"ttl\":60,"
                    + "\"comment\":\"\",\"tags\":[\"owner:ironkube\"]}")
            .get("result");

    assertThat(RecordedShapeTest.keys(plain)).isEqualTo(RecordedShapeTest.keys(recorded));
    assertThat(plain.get("comment")).isEqualTo(recorded.get("comment"));
    assertThat(plain.get("tags")).isEqualTo(recorded.get("tags"));
    List<String> withNotes = new ArrayList<>(RecordedShapeTest.keys(recorded));
    withNotes.addAll(List.of("comment_modified_on", "tags_modified_on"));
    assertThat(RecordedShapeTest.keys(marked)).isEqualTo(withNotes);
    assertThat(marked.get("comment").asText()).isEqualTo("managed-by=ironkube cluster=demo");
    assertThat(marked.get("tags"))
        .extracting(JsonNode::asText)
        .containsExactly("owner:ironkube", "cluster:demo");
    assertThat(cleared.get("comment").isNull()).isTrue();
    assertThat(cleared.has("comment_modified_on")).isFalse();
    assertThat(cleared.get("tags")).extracting(JsonNode::asText).containsExactly("owner:ironkube");
    assertThat(cleared.has("tags_modified_on")).isTrue();
    assertThat(call("GET", records + "/" + id, null).get("result")).isEqualTo(cleared);
  }

  @Test
  void lists_filter_by_comment_and_tag_case_insensitively() throws Exception {
    create("a", "192.0.2.1", ",\"comment\":\"Managed-By=ironkube\",\"tags\":[\"owner:ironkube\"]");
    create("b", "192.0.2.2", ",\"comment\":\"by hand\",\"tags\":[\"owner:alice\",\"important\"]");
    create("c", "192.0.2.3", "");

    assertThat(names("comment=" + enc("managed-by=IRONKUBE"))).containsExactly("a");
    assertThat(names("comment.contains=" + enc("ironkube"))).containsExactly("a");
    assertThat(names("comment.startswith=by")).containsExactly("b");
    assertThat(names("comment.present=")).containsExactly("a", "b");
    assertThat(names("comment.absent=")).containsExactly("c");
    assertThat(names("tag=" + enc("owner:IronKube"))).containsExactly("a");
    assertThat(names("tag=owner")).containsExactly("a", "b");
    assertThat(names("tag.absent=important")).containsExactly("a", "c");
    assertThat(names("tag.startswith=" + enc("owner:al"))).containsExactly("b");
    assertThat(names("tag=" + enc("owner:ironkube") + "&tag=important")).isEmpty();
    assertThat(names("tag=" + enc("owner:ironkube") + "&tag=important&tag_match=any"))
        .containsExactly("a", "b");
    assertThat(names("comment=" + enc("by hand") + "&type=A")).containsExactly("b");
    assertThat(names("comment=" + enc("by hand") + "&content=192.0.2.3&match=any"))
        .containsExactly("b", "c");
  }
}

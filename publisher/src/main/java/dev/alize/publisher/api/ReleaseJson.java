package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.publisher.repository.ReleaseResult;
import dev.alize.publisher.repository.RepositoryView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The write API's answers, in the words of the signed release facts ({@code custom} of each
 * target), so that what a client reads here is what consumers verify.
 */
final class ReleaseJson {

  private ReleaseJson() {}

  /** A release's facts and its target path. */
  static ObjectNode facts(ReleaseFacts facts) {
    ObjectNode json = facts.toJson();
    json.put("target", facts.targetPath());
    return json;
  }

  /** A new release: its facts, and the length and hashes of its archive. */
  static ObjectNode released(ReleaseResult result) {
    ObjectNode json = facts(result.facts());
    json.put("length", result.length());
    ObjectNode hashes = json.putObject("hashes");
    result.hashes().forEach(hashes::put);
    return json;
  }

  /** Every datasource served, with its releases in version order. */
  static ObjectNode view(RepositoryView view) {
    Map<String, ArrayNode> byDatasource = new LinkedHashMap<>();
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    ArrayNode datasources = json.putArray("datasources");
    for (ReleaseFacts facts : view.releases()) {
      byDatasource
          .computeIfAbsent(
              facts.datasource(),
              name -> {
                ObjectNode d = datasources.addObject();
                d.put("name", name);
                return d.putArray("releases");
              })
          .add(facts(facts));
    }
    return json;
  }
}

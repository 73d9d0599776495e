package dev.kubectlqperf.pipeline.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON patches the pipeline writes a status with: a test of the object's uid first, so a
 * patch never lands on a re-created object of the same name (a merge patch cannot test), then
 * {@code add} operations. Pure.
 */
final class StatusPatch {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusPatch() {}

  /** Replaces the whole {@code .status} of the object with this uid. */
  static String replaceStatus(String uid, Object status) {
    return add(uid, "/status", status);
  }

  /** Sets {@code .status.<map>.<key>} (the map must exist) of the object with this uid. */
  static String setEntry(String uid, String map, String key, Object value) {
    return add(uid, "/status/" + map + "/" + key.replace("~", "~0").replace("/", "~1"), value);
  }

  private static String add(String uid, String path, Object value) {
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "test").put("path", "/metadata/uid").put("value", uid);
    patch.addObject().put("op", "add").put("path", path).set("value", withoutEmptyStrings(JSON.valueToTree(value)));
    return patch.toString();
  }

  /**
   * The tree without its empty strings: an API server of Kubernetes 1.20 reads {@code ""} in a
   * status patch as null and refuses the whole status (422 "must be of type string"). Absent and
   * empty mean the same in our status.
   */
  static JsonNode withoutEmptyStrings(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> empty = new ArrayList<>();
      object.fields().forEachRemaining(f -> {
        if (f.getValue().isTextual() && f.getValue().asText().isEmpty()) {
          empty.add(f.getKey());
        } else {
          withoutEmptyStrings(f.getValue());
        }
      });
      object.remove(empty);
    } else if (node instanceof ArrayNode array) {
      array.forEach(StatusPatch::withoutEmptyStrings);
    }
    return node;
  }
}

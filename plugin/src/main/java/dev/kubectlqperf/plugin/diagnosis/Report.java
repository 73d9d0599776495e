package dev.kubectlqperf.plugin.diagnosis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubectlqperf.plugin.output.Table;
import java.io.PrintWriter;
import java.util.List;

/** Doctor's findings in order; passed when none failed (warnings do not fail). */
public record Report(List<Finding> findings) {

  public boolean passed() {
    return findings.stream().noneMatch(f -> f.status() == Status.FAIL);
  }

  public void printTable(PrintWriter out) {
    Table table = new Table("CHECK", "STATUS", "DETAIL", "FIX");
    findings.forEach(f -> table.row(f.check(), f.status().symbol(), f.detail(), f.fix()));
    table.print(out);
  }

  public String json() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("passed", passed());
    ArrayNode checks = root.putArray("checks");
    for (Finding f : findings) {
      checks.addObject().put("check", f.check()).put("status", f.status().word()).put("detail", f.detail())
          .put("fix", f.fix());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

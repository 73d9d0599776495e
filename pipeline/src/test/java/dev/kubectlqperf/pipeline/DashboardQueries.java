package dev.kubectlqperf.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The InfluxQL a Grafana dashboard runs (panel targets and template variables), with Grafana's
 * macros and variables replaced as Grafana would for "all" over the last week.
 */
final class DashboardQueries {

  private DashboardQueries() {}

  static List<String> of(Path dashboard) throws IOException {
    JsonNode json = new ObjectMapper().readTree(dashboard.toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode variable : json.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        queries.add(variable.path("query").asText());
      }
    }
    for (JsonNode panel : json.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("query").asText()
            .replace("$timeFilter", "time > now() - 7d")
            .replace("$__interval", "1m")
            .replaceAll("\\$(namespace|test|server_node|client_node)\\b", ".*"));
      }
    }
    return queries;
  }
}

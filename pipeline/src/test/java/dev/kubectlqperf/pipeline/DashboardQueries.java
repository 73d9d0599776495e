package dev.kubectlqperf.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries a Grafana dashboard runs, with Grafana's macros and variables replaced as Grafana
 * would for "all" over the last week: the InfluxQL of its InfluxDB panels and template variables,
 * and the PromQL of its Prometheus panels.
 */
public final class DashboardQueries {

  private DashboardQueries() {}

  public static List<String> of(Path dashboard) throws IOException {
    JsonNode json = new ObjectMapper().readTree(dashboard.toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode variable : json.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        queries.add(variable.path("query").asText());
      }
    }
    for (JsonNode panel : panels(json, "influxdb")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("query").asText()
            .replace("$timeFilter", "time > now() - 7d")
            .replace("$__interval", "1m")
            .replaceAll("\\$(namespace|test|server_node|client_node)\\b", ".*"));
      }
    }
    return queries;
  }

  public static List<String> prometheus(Path dashboard) throws IOException {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : panels(new ObjectMapper().readTree(dashboard.toFile()), "prometheus")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText().replaceAll("\\$(namespace|test)\\b", ".*"));
      }
    }
    return queries;
  }

  private static List<JsonNode> panels(JsonNode dashboard, String datasourceType) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("datasource").path("type").asText().equals(datasourceType)) {
        panels.add(panel);
      }
    }
    return panels;
  }
}

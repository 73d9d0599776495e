package dev.kubectlqperf.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries a Grafana dashboard runs: the InfluxQL of its InfluxDB panels and template variables,
 * with Grafana's macros replaced as Grafana would over the last week and each variable by its "All"
 * value (the variable's {@code allValue}), or by a chosen value; and the PromQL of its Prometheus panels.
 */
public final class DashboardQueries {

  private static final Pattern VARIABLE = Pattern.compile("\\$([a-z_]+)\\b");

  private DashboardQueries() {}

  /** The queries of single runs, every variable at All: the matrix panels and variable are left out. */
  public static List<String> of(Path dashboard) throws IOException {
    return queries(dashboard, false, Map.of());
  }

  /**
   * The matrix panels' and variable's queries, with {@code $matrix} set to the one matrix
   * {@code matrix}, its regex characters escaped as Grafana escapes a value for InfluxDB.
   */
  public static List<String> matrix(Path dashboard, String matrix) throws IOException {
    return queries(dashboard, true, Map.of("matrix", matrix.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0")));
  }

  private static List<String> queries(Path dashboard, boolean matrixOnes, Map<String, String> chosen)
      throws IOException {
    JsonNode json = new ObjectMapper().readTree(dashboard.toFile());
    Map<String, String> values = new HashMap<>();
    List<String> queries = new ArrayList<>();
    for (JsonNode variable : json.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        values.put(variable.path("name").asText(), variable.path("allValue").asText(".*"));
        String query = variable.path("query").asText();
        if (isMatrix(query) == matrixOnes) {
          queries.add(query);
        }
      }
    }
    values.putAll(chosen);
    for (JsonNode panel : panels(json, "influxdb")) {
      for (JsonNode target : panel.path("targets")) {
        String query = target.path("query").asText();
        if (isMatrix(query) == matrixOnes) {
          queries.add(substitute(query.replace("$timeFilter", "time > now() - 7d").replace("$__interval", "1m"),
              values));
        }
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

  private static boolean isMatrix(String query) {
    return query.contains("$matrix") || query.contains("KEY = \"matrix\"");
  }

  private static String substitute(String query, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new AssertionError("the dashboard uses $" + m.group(1) + ", which it does not define: " + query);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }
}

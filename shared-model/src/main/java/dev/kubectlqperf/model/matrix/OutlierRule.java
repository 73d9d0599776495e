package dev.kubectlqperf.model.matrix;

import dev.kubectlqperf.model.matrix.Outlier.Metric;
import dev.kubectlqperf.model.matrix.Outlier.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a value is an outlier against its scenario's cluster median: bandwidth below
 * fraction × median, latency above median / fraction (so 0.5 flags half the bandwidth or twice the latency).
 */
record OutlierRule(ScenarioMedians cluster, double fraction) {

  List<Outlier> pairOutliers(PairResult pair) {
    List<Outlier> outliers = new ArrayList<>(2);
    if (slowBandwidth(pair.bandwidth())) {
      outliers.add(Outlier.pair(pair.src(), pair.dst(), cluster.scenario(), Metric.Bandwidth, pair.bandwidth(),
          cluster.bandwidth()));
    }
    if (slowLatency(pair.latency())) {
      outliers.add(Outlier.pair(pair.src(), pair.dst(), cluster.scenario(), Metric.Latency, pair.latency(),
          cluster.latency()));
    }
    return outliers;
  }

  List<Outlier> nodeOutliers(NodeMedians node) {
    List<Outlier> outliers = new ArrayList<>(4);
    if (slowBandwidth(node.bandwidthAsClient())) {
      outliers.add(Outlier.node(node.node(), Role.Client, cluster.scenario(), Metric.Bandwidth, node.bandwidthAsClient(),
          cluster.bandwidth()));
    }
    if (slowBandwidth(node.bandwidthAsServer())) {
      outliers.add(Outlier.node(node.node(), Role.Server, cluster.scenario(), Metric.Bandwidth, node.bandwidthAsServer(),
          cluster.bandwidth()));
    }
    if (slowLatency(node.latencyAsClient())) {
      outliers.add(Outlier.node(node.node(), Role.Client, cluster.scenario(), Metric.Latency, node.latencyAsClient(),
          cluster.latency()));
    }
    if (slowLatency(node.latencyAsServer())) {
      outliers.add(Outlier.node(node.node(), Role.Server, cluster.scenario(), Metric.Latency, node.latencyAsServer(),
          cluster.latency()));
    }
    return outliers;
  }

  /** How good the value is against the median, 1 = as good; lower is worse, for ordering worst first. */
  static double severity(Outlier outlier) {
    if (outlier.metric() == Metric.Bandwidth) {
      return outlier.clusterMedian() == 0 ? 1 : outlier.value() / outlier.clusterMedian();
    }
    return outlier.value() == 0 ? 1 : outlier.clusterMedian() / outlier.value();
  }

  private boolean slowBandwidth(Double value) {
    return value != null && cluster.bandwidth() != null && value < fraction * cluster.bandwidth();
  }

  private boolean slowLatency(Double value) {
    return value != null && cluster.latency() != null && value > cluster.latency() / fraction;
  }
}

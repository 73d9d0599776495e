package dev.kubectlqperf.model.result;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** CSV with one row per test, loop values and metric of a run's statistics, for spreadsheets. */
public final class StatisticsCsv {

  public static final String HEADER = "namespace,name,uid,end_time,test,loop,occurrence,metric,unit,count,mean,"
      + "stddev,cv_percent,min,p50,p90,p99,max,ci95_low,ci95_high,verdict";

  private StatisticsCsv() {}

  public static List<String> rows(QperfResult result) {
    RunIdentity run = result.run() == null ? RunIdentity.UNKNOWN : result.run();
    String verdict = result.verdict() == null ? null : result.verdict().result().name();
    List<String> rows = new ArrayList<>();
    for (MetricStatistics s : result.statisticsOrEmpty()) {
      String loop = s.loop() == null ? null : s.loop().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(";"));
      rows.add(ResultCsv.join(run.namespace(), run.name(), run.uid(), run.endTime(), s.test(), loop,
          s.occurrence() == null ? null : s.occurrence().toString(), s.metric(), s.unit(), String.valueOf(s.count()),
          plain(s.mean()), plain(s.stddev()), plain(s.cvPercent()), plain(s.min()), plain(s.p50()), plain(s.p90()),
          plain(s.p99()), plain(s.max()), plain(s.ci95Low()), plain(s.ci95High()), verdict));
    }
    return rows;
  }

  private static String plain(Double value) {
    return value == null ? null : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

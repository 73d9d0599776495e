package dev.kubectlqperf.pipeline.route;

import dev.kubectlqperf.model.result.QperfResult;
import dev.kubectlqperf.pipeline.delivery.DeliveryGuard;
import java.util.List;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The results route hands a run to each sink's queue once, however often the reconciler publishes it. */
class ResultRouteTest extends CamelTestSupport {

  private final DeliveryGuard guard = new DeliveryGuard();

  @Override
  public boolean isUseAdviceWith() {
    return true;
  }

  @Override
  protected RoutesBuilder createRouteBuilder() {
    return new ResultRoute(guard);
  }

  @Override
  protected Properties useOverridePropertiesWithPropertiesComponent() {
    Properties properties = new Properties();
    properties.put("qperf.results.uri", "mock:results");
    return properties;
  }

  @Test
  void aRunPublishedTwiceReachesEachSinkQueueOnce() throws Exception {
    startWithSinkQueuesMocked();
    QperfResult result = RecordedOutcomes.result("nightly", "uid-1");
    getMockEndpoint("mock:seda:sink-file").expectedBodiesReceived(result);
    getMockEndpoint("mock:seda:sink-influxdb").expectedBodiesReceived(result);
    getMockEndpoint("mock:results").expectedMessageCount(1);

    template.sendBodyAndHeader(ResultRoute.URI, result, ResultRoute.SINKS, List.of("file", "influxdb"));
    template.sendBodyAndHeader(ResultRoute.URI, result, ResultRoute.SINKS, List.of("file", "influxdb"));

    MockEndpoint.assertIsSatisfied(context);
  }

  @Test
  void aSinkStillDeliveringTheRunIsSkippedAndAnotherOneServed() throws Exception {
    startWithSinkQueuesMocked();
    guard.claim("uid-2", "file");
    MockEndpoint file = getMockEndpoint("mock:seda:sink-file");
    MockEndpoint slack = getMockEndpoint("mock:seda:sink-slack");
    file.expectedMessageCount(0);
    slack.expectedMessageCount(1);

    template.sendBodyAndHeader(ResultRoute.URI, RecordedOutcomes.result("other", "uid-2"), ResultRoute.SINKS,
        List.of("file", "slack"));

    MockEndpoint.assertIsSatisfied(context);
  }

  @Test
  void aRunWithNoSinkLeftIsNotCopiedToTheResultsLog() throws Exception {
    startWithSinkQueuesMocked();
    getMockEndpoint("mock:results").expectedMessageCount(0);

    template.sendBodyAndHeader(ResultRoute.URI, RecordedOutcomes.result("none", "uid-3"), ResultRoute.SINKS, List.of());

    MockEndpoint.assertIsSatisfied(context);
  }

  /** The sink queues become mock endpoints that take what the route hands on, and keep it. */
  private void startWithSinkQueuesMocked() throws Exception {
    AdviceWith.adviceWith("qperf-results", context, new AdviceWithRouteBuilder() {
      @Override
      public void configure() throws Exception {
        mockEndpointsAndSkip("seda:sink-*");
      }
    });
    context.start();
  }
}

package dev.kubectlqperf.pipeline.reconcile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathNotReadyTest {

  /** qperf's server serves one test at a time, and a test's child waits for its data connection without a timeout. */
  @Test
  void onlyFailuresAfterTheServerTookTheRequestLeaveItWaiting() {
    assertTrue(PathNotReady.leavesServerWaiting("failed to receive port: Resource temporarily unavailable"));
    assertTrue(PathNotReady.leavesServerWaiting("failed to receive synchronization before test: timed out"));
    assertFalse(PathNotReady.leavesServerWaiting("getaddrinfo failed: Name or service not known"));
    assertFalse(PathNotReady.leavesServerWaiting("cip: failed to connect"));
  }
}

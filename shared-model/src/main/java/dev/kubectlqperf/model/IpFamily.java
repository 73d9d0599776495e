package dev.kubectlqperf.model;

import java.util.Optional;

/** The IP family a run measures over; the names are Kubernetes' ({@code Service.spec.ipFamilies}). */
public enum IpFamily {
  IPv4,
  IPv6;

  /** The family of this Kubernetes name, e.g. from a Service's {@code ipFamilies}; empty when it is none of ours. */
  public static Optional<IpFamily> of(String name) {
    for (IpFamily family : values()) {
      if (family.name().equals(name)) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }

  /** The family of an IP address literal: IPv6 when it has a colon. */
  public static IpFamily ofAddress(String address) {
    return address.indexOf(':') >= 0 ? IPv6 : IPv4;
  }
}

package dev.kubectlqperf.plugin.doctor;

import dev.kubectlqperf.plugin.diagnosis.Access;
import dev.kubectlqperf.plugin.diagnosis.Fetched;
import dev.kubectlqperf.plugin.failure.Failures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * Doctor's reads from the API server, each returning the value or the one-line reason it could not
 * be read: a check whose data is forbidden is a finding, not an error.
 */
final class ClusterReader {

  private static final int UNPROCESSABLE = 422;
  private final KubernetesClient client;

  ClusterReader(KubernetesClient client) {
    this.client = client;
  }

  /** The server's version: the first request, which fails when no cluster answers. */
  VersionInfo version() {
    return client.getKubernetesVersion();
  }

  KubernetesClient client() {
    return client;
  }

  String server() {
    return client.getConfiguration().getMasterUrl();
  }

  Fetched<CustomResourceDefinition> crd(String name) {
    return read(() -> client.apiextensions().v1().customResourceDefinitions().withName(name).get());
  }

  Fetched<Lease> lease(String namespace, String name) {
    return read(() -> client.leases().inNamespace(namespace).withName(name).get());
  }

  Fetched<ConfigMap> configMap(String namespace, String name) {
    return read(() -> client.configMaps().inNamespace(namespace).withName(name).get());
  }

  Fetched<List<Node>> nodes() {
    return read(() -> client.nodes().list().getItems());
  }

  Fetched<Namespace> namespace(String name) {
    return read(() -> client.namespaces().withName(name).get());
  }

  Fetched<List<NetworkPolicy>> networkPolicies(String namespace) {
    return read(() -> client.network().v1().networkPolicies().inNamespace(namespace).list().getItems());
  }

  /**
   * A server-side dry run (nothing is stored) of a dual-stack Service in the namespace: the Service
   * as the API server would make it; a null value when it refuses one (422: not a dual-stack cluster).
   */
  Fetched<Service> dualStackDryRun(String namespace) {
    Service service = new ServiceBuilder().withNewMetadata().withGenerateName("qperf-doctor-").withNamespace(namespace)
        .endMetadata().withNewSpec().withIpFamilyPolicy("RequireDualStack").addNewPort().withName("qperf")
        .withPort(19765).endPort().endSpec().build();
    try {
      return Fetched.of(client.resource(service).dryRun().create());
    } catch (KubernetesClientException e) {
      return e.getCode() == UNPROCESSABLE ? Fetched.of(null) : Fetched.failed(Failures.messageOf(e));
    } catch (RuntimeException e) {
      return Fetched.failed(Failures.messageOf(e));
    }
  }

  /** The {@code kubernetes} Service of {@code default}: its address is of the cluster's primary family. */
  Fetched<Service> kubernetesService() {
    return read(() -> client.services().inNamespace("default").withName("kubernetes").get());
  }

  /** A SelfSubjectAccessReview: may the user (or whom --as names) do this in the namespace? */
  Fetched<Boolean> allowed(Access access, String namespace) {
    SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
        .withNamespace(namespace).withVerb(access.verb()).withGroup(access.group()).withResource(access.resource())
        .withSubresource(access.subresource()).endResourceAttributes().endSpec().build();
    return read(() -> client.authorization().v1().selfSubjectAccessReview().create(review).getStatus()
        .getAllowed());
  }

  private static <T> Fetched<T> read(Supplier<T> request) {
    try {
      return Fetched.of(request.get());
    } catch (RuntimeException e) {
      return Fetched.failed(Failures.messageOf(e));
    }
  }
}

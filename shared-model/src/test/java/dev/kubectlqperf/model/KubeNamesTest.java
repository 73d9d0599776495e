package dev.kubectlqperf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KubeNamesTest {

  static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
  static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  @Test
  void aValidLabelValueIsKeptAsItIs() {
    assertEquals("worker-1.eu-west-1.compute.internal", KubeNames.labelValue("worker-1.eu-west-1.compute.internal"));
    assertEquals("", KubeNames.labelValue(null));
  }

  @Test
  void aLongOrInvalidLabelValueIsShortenedWithAHash() {
    String longNode = "ip-10-0-1-23." + "very-long-subdomain.".repeat(10) + "internal";
    String value = KubeNames.labelValue(longNode);
    assertTrue(LABEL_VALUE.matcher(value).matches(), value);
    assertEquals(63, value.length());
    assertTrue(value.startsWith("ip-10-0-1-23.very-long-subdomain."), value);
    assertNotEquals(value, KubeNames.labelValue(longNode + "x"), "names that share their start still differ");
    String odd = KubeNames.labelValue("-node with spaces-");
    assertTrue(LABEL_VALUE.matcher(odd).matches(), odd);
  }

  @Test
  void aDnsLabelFromAnyPartsIsValidShortAndUnique() {
    String a = KubeNames.dnsLabelWithHash("a-b|c", "a-b", "c");
    String b = KubeNames.dnsLabelWithHash("a|b-c", "a", "b-c");
    assertTrue(a.startsWith("a-b-c-"), a);
    assertTrue(b.startsWith("a-b-c-"), b);
    assertNotEquals(a, b, "the same readable form, different identities");
    String digits = KubeNames.dnsLabelWithHash("1", "1.2.3", "NODE_X");
    assertTrue(DNS_1035.matcher(digits).matches(), digits);
    String huge = KubeNames.dnsLabelWithHash("x", "m".repeat(300), "n".repeat(300), "o".repeat(5));
    assertTrue(DNS_1035.matcher(huge).matches(), huge);
    assertEquals(63, huge.length());
    assertTrue(huge.contains("-ooooo-"), "a short part keeps its whole name: " + huge);
  }

  @Test
  void theHashIsStable() {
    assertEquals(KubeNames.hash("matrix"), KubeNames.hash("matrix"));
    assertTrue(Pattern.matches("[a-z2-7]{12}", KubeNames.hash("matrix")));
  }
}

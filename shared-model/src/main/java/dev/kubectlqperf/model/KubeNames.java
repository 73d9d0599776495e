package dev.kubectlqperf.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes names and label values made from arbitrary strings (node names can be 253 characters
 * long and hold dots): readable where they fit, shortened with a hash suffix where they do not.
 * The hash is of the original strings, so two inputs that shorten alike still get distinct names.
 */
public final class KubeNames {

  /** The longest DNS-1035 label (a Service name) and the longest label value. */
  public static final int MAX_LENGTH = 63;
  private static final int HASH_LENGTH = 12;
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  private KubeNames() {}

  /**
   * A label value: the value itself when it is one (at most 63 characters of letters, digits,
   * '-', '_', '.', starting and ending alphanumeric), else its readable start and a hash.
   */
  public static String labelValue(String value) {
    if (value == null) {
      return "";
    }
    if (value.length() <= MAX_LENGTH && LABEL_VALUE.matcher(value).matches()) {
      return value;
    }
    String readable = trimToAlphanumeric(value.replaceAll("[^A-Za-z0-9_.-]+", "-"),
        MAX_LENGTH - HASH_LENGTH - 1);
    return (readable.isEmpty() ? "" : readable + "-") + hash(value);
  }

  /**
   * A DNS-1035 label (lower-case letters, digits and '-', starting with a letter, at most 63
   * characters) joining readable forms of the parts with '-', ending in a hash of {@code identity}:
   * unique for distinct identities even when the readable forms coincide ("a-b","c" and "a","b-c").
   * The parts share the room left by the hash, a short part leaving its share to the longer ones.
   */
  public static String dnsLabelWithHash(String identity, String... parts) {
    List<String> readable = new ArrayList<>();
    for (String part : parts) {
      String clean = part == null ? "" : trimToAlphanumeric(part.toLowerCase().replaceAll("[^a-z0-9]+", "-"), MAX_LENGTH);
      if (!clean.isEmpty()) {
        readable.add(clean);
      }
    }
    boolean letterFirst = !readable.isEmpty() && Character.isLetter(readable.get(0).charAt(0));
    if (!letterFirst) {
      readable.add(0, "q");
    }
    int room = MAX_LENGTH - HASH_LENGTH - readable.size();
    int[] shares = shares(readable, room);
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < readable.size(); i++) {
      String part = trimToAlphanumeric(readable.get(i), shares[i]);
      if (!part.isEmpty()) {
        name.append(part).append('-');
      }
    }
    return name.append(hash(identity)).toString();
  }

  /** Water-filling: each part gets up to an equal share of the room; what a short part leaves goes to the others. */
  private static int[] shares(List<String> parts, int room) {
    int[] shares = new int[parts.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Integer.compare(parts.get(a).length(), parts.get(b).length()));
    int left = Math.max(0, room);
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      shares[i] = Math.min(parts.get(i).length(), left / (order.size() - k));
      left -= shares[i];
    }
    return shares;
  }

  /** At most {@code max} characters, without leading or trailing characters that are not letters or digits. */
  private static String trimToAlphanumeric(String s, int max) {
    String cut = s.length() > max ? s.substring(0, Math.max(0, max)) : s;
    return cut.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }

  /** 12 base32 characters (60 bits) of the SHA-256 of the text: lower-case letters and digits. */
  public static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder(HASH_LENGTH);
      long bits = 0;
      for (int i = 0; i < 8; i++) {
        bits = bits << 8 | (digest[i] & 0xff);
      }
      for (int i = 0; i < HASH_LENGTH; i++) {
        out.append(BASE32.charAt((int) (bits >>> (64 - 5 * (i + 1)) & 31)));
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}

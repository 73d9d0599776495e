package dev.kubectlqperf.model.validation;

import dev.kubectlqperf.model.qperf.QperfOption.Setting;
import java.util.EnumMap;
import java.util.Map;

/**
 * What spec.options leave qperf's variables at when the tests run. qperf reads its arguments left
 * to right, so a later option overrides an earlier one; a loop sets its variable before every run
 * of the tests, so it overrides any option, and of two loops over one variable the later (inner)
 * one wins.
 */
final class Settings {

  private final Map<Setting, Assignment> byOption = new EnumMap<>(Setting.class);
  private final Map<Setting, Assignment> byLoop = new EnumMap<>(Setting.class);

  void add(Assignment assignment) {
    (assignment.loop() ? byLoop : byOption).put(assignment.option().setting(), assignment);
  }

  /** The assignment in force when the tests run, or null when the variable keeps qperf's default. */
  Assignment atTests(Setting setting) {
    Assignment looped = byLoop.get(setting);
    return looped != null ? looped : byOption.get(setting);
  }
}

package dev.kubectlqperf.pipeline.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An informer handler that turns every add, update and delete into the work-queue key of the
 * object it concerns ({@code toKey}: null for an object that concerns no run), handed to {@code keys}.
 */
public final class KeyedEvents implements ResourceEventHandler<HasMetadata> {

  private final Function<HasMetadata, String> toKey;
  private final Consumer<String> keys;

  public KeyedEvents(Function<HasMetadata, String> toKey, Consumer<String> keys) {
    this.toKey = toKey;
    this.keys = keys;
  }

  @Override
  public void onAdd(HasMetadata obj) {
    emit(obj);
  }

  @Override
  public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
    emit(newObj);
  }

  @Override
  public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
    emit(obj);
  }

  private void emit(HasMetadata obj) {
    String key = toKey.apply(obj);
    if (key != null) {
      keys.accept(key);
    }
  }
}

package io.loglake.producer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the generator draws from: the services (chosen uniformly) and the level weights.
 *
 * @param services at least one non-blank service name, no duplicates; known services (those of
 *     {@link #DEFAULT_SERVICES}) get service-specific messages, others get generic ones
 * @param levelWeights how often each level is drawn
 * @param eventIds whether each record carries an {@code event_id} (the default); without one a
 *     record is in the seed producer's own format, and the other fields are the same as with one
 */
public record GeneratorConfig(List<String> services, LevelWeights levelWeights, boolean eventIds) {
  /** The seed pipeline's services. */
  public static final List<String> DEFAULT_SERVICES =
      List.of("auth-api", "payment-api", "order-api");

  public GeneratorConfig {
    services = List.copyOf(services);
    if (services.isEmpty()) {
      throw new IllegalArgumentException("at least one service is needed");
    }
    Set<String> seen = new HashSet<>();
    for (String service : services) {
      if (service.isBlank()) {
        throw new IllegalArgumentException(
            "a service name must not be blank, got '" + service + "'");
      }
      if (!seen.add(service)) {
        throw new IllegalArgumentException("service '" + service + "' is listed twice");
      }
    }
    if (levelWeights == null) {
      throw new IllegalArgumentException("level weights are required");
    }
  }

  /** Records with an {@code event_id}. */
  public GeneratorConfig(List<String> services, LevelWeights levelWeights) {
    this(services, levelWeights, true);
  }

  /** The seed pipeline's services with the default level mix, records with an event_id. */
  public static GeneratorConfig defaults() {
    return new GeneratorConfig(DEFAULT_SERVICES, LevelWeights.DEFAULT, true);
  }

  public GeneratorConfig withServices(List<String> newServices) {
    return new GeneratorConfig(newServices, levelWeights, eventIds);
  }

  public GeneratorConfig withLevelWeights(LevelWeights newLevelWeights) {
    return new GeneratorConfig(services, newLevelWeights, eventIds);
  }

  public GeneratorConfig withEventIds(boolean newEventIds) {
    return new GeneratorConfig(services, levelWeights, newEventIds);
  }
}

package io.loglake.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack's Glue job is the job jobs/glue/job-definition.json defines (the definition for a
 * deployment by hand): same version, capacity, limits, code and arguments, so a change to one that
 * is not made to the other fails here. Only the name and the role differ: the stack's are its own.
 */
class StackGlueJobTest {
  private static final Path DEFINITION = Path.of("jobs/glue/job-definition.json");

  private static StackTemplate stack;
  private static Map<?, ?> stackJob;
  private static JsonNode definition;

  @BeforeAll
  static void read() throws IOException {
    stack = StackTemplate.load();
    String jobId = stack.resourcesOfType("AWS::Glue::Job").get(0);
    stackJob = stack.properties(jobId);
    definition = new ObjectMapper().readTree(DEFINITION.toFile());
  }

  /** A value of job-definition.json with its placeholders filled as the stack's are rendered. */
  private static String filled(JsonNode value) {
    return value.asText().replace("${BucketName}", StackTemplate.BUCKET);
  }

  @Test
  void theStackDefinesExactlyOneGlueJob() {
    assertThat(stack.resourcesOfType("AWS::Glue::Job")).hasSize(1);
  }

  @Test
  void versionCapacityAndLimitsAreTheDefinitions() {
    for (String member :
        new String[] {"GlueVersion", "WorkerType", "NumberOfWorkers", "Timeout", "MaxRetries"}) {
      assertThat(stack.render(stackJob.get(member)))
          .as("%s of the stack's Glue job", member)
          .isEqualTo(filled(definition.get(member)));
    }
    assertThat(
            stack.render(((Map<?, ?>) stackJob.get("ExecutionProperty")).get("MaxConcurrentRuns")))
        .isEqualTo(filled(definition.get("ExecutionProperty").get("MaxConcurrentRuns")));
  }

  @Test
  void theCodeIsTheDefinitions() {
    Map<?, ?> command = (Map<?, ?>) stackJob.get("Command");
    assertThat(stack.render(command.get("Name")))
        .isEqualTo(filled(definition.get("Command").get("Name")));
    assertThat(stack.render(command.get("ScriptLocation")))
        .isEqualTo(filled(definition.get("Command").get("ScriptLocation")));
  }

  @Test
  void theArgumentsAreTheDefinitions() {
    assertThat(rendered("DefaultArguments")).isEqualTo(expected("DefaultArguments"));
    assertThat(rendered("NonOverridableArguments")).isEqualTo(expected("NonOverridableArguments"));
  }

  private static Map<String, String> rendered(String member) {
    Map<String, String> arguments = new LinkedHashMap<>();
    ((Map<?, ?>) stackJob.get(member))
        .forEach((key, value) -> arguments.put(String.valueOf(key), stack.render(value)));
    return arguments;
  }

  private static Map<String, String> expected(String member) {
    Map<String, String> arguments = new LinkedHashMap<>();
    definition
        .get(member)
        .fields()
        .forEachRemaining(e -> arguments.put(e.getKey(), filled(e.getValue())));
    return arguments;
  }
}

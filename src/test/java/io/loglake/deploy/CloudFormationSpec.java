package io.loglake.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * AWS's CloudFormation resource specification (src/test/resources/cloudformation, its README says
 * which version and from where): which resource types exist, their properties (required or not, of
 * which type) and the attributes {@code Fn::GetAtt} may name.
 */
final class CloudFormationSpec {
  private static final String RESOURCE =
      "/cloudformation/CloudFormationResourceSpecification.json.gz";

  /** One property of a resource or property type, as the specification declares it. */
  record Property(String name, JsonNode declaration) {
    boolean required() {
      return declaration.path("Required").asBoolean(false);
    }

    /** A primitive type ({@code String}, {@code Integer}, {@code Json}...), if it is one. */
    Optional<String> primitiveType() {
      return text("PrimitiveType");
    }

    /** {@code List} or {@code Map}, or the name of a property type. */
    Optional<String> type() {
      return text("Type");
    }

    /** For a list or map: its items' property type, or else their primitive type. */
    Optional<String> itemType() {
      return text("ItemType");
    }

    Optional<String> primitiveItemType() {
      return text("PrimitiveItemType");
    }

    private Optional<String> text(String field) {
      JsonNode node = declaration.get(field);
      return node == null ? Optional.empty() : Optional.of(node.asText());
    }
  }

  private final JsonNode root;

  private CloudFormationSpec(JsonNode root) {
    this.root = root;
  }

  static CloudFormationSpec load() {
    try (InputStream in = CloudFormationSpec.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Cannot read the specification: no " + RESOURCE);
      }
      return new CloudFormationSpec(new ObjectMapper().readTree(new GZIPInputStream(in)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the specification " + RESOURCE, e);
    }
  }

  String version() {
    return root.path("ResourceSpecificationVersion").asText();
  }

  boolean hasResourceType(String type) {
    return root.path("ResourceTypes").has(type);
  }

  /** The declarations of a resource type's properties (empty if the type does not exist). */
  JsonNode resourceProperties(String resourceType) {
    return root.path("ResourceTypes").path(resourceType).path("Properties");
  }

  boolean hasAttribute(String resourceType, String attribute) {
    return root.path("ResourceTypes").path(resourceType).path("Attributes").has(attribute);
  }

  /**
   * The declarations of the properties of property type {@code name} as used by {@code
   * resourceType}: {@code AWS::S3::Bucket.LifecycleConfiguration}, or a shared one such as {@code
   * Tag}; empty if neither exists.
   */
  Optional<JsonNode> propertyTypeProperties(String resourceType, String name) {
    JsonNode types = root.path("PropertyTypes");
    JsonNode own = types.get(resourceType + "." + name);
    JsonNode found = own != null ? own : types.get(name);
    return found == null ? Optional.empty() : Optional.of(found.path("Properties"));
  }
}

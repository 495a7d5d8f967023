package io.loglake.producer;

import java.util.List;
import java.util.Map;

/** Realistic messages per service and level; services it does not know get generic messages. */
final class MessageCatalog {
  private static final Map<String, Map<LogLevel, List<String>>> BY_SERVICE =
      Map.of(
          "auth-api",
          Map.of(
              LogLevel.INFO,
              List.of(
                  "User logged in",
                  "User logged out",
                  "Token refreshed",
                  "Password reset email sent",
                  "MFA challenge passed"),
              LogLevel.WARN,
              List.of(
                  "Token expiring soon",
                  "Multiple failed login attempts",
                  "Login from new device",
                  "Slow response from identity provider"),
              LogLevel.ERROR,
              List.of(
                  "Invalid credentials",
                  "Token validation failed",
                  "Account locked after failed logins",
                  "Identity provider unavailable")),
          "payment-api",
          Map.of(
              LogLevel.INFO,
              List.of(
                  "Payment authorized",
                  "Payment captured",
                  "Refund issued",
                  "Payment method added"),
              LogLevel.WARN,
              List.of(
                  "Payment retry scheduled",
                  "Fraud score above review threshold",
                  "Slow response from payment gateway",
                  "Exchange rate is stale"),
              LogLevel.ERROR,
              List.of(
                  "Card declined",
                  "Payment gateway timeout",
                  "Insufficient funds",
                  "Duplicate charge detected")),
          "order-api",
          Map.of(
              LogLevel.INFO,
              List.of("Order created", "Order shipped", "Order delivered", "Cart updated"),
              LogLevel.WARN,
              List.of(
                  "Inventory low for SKU",
                  "Order delayed",
                  "Address validation failed, using fallback",
                  "Slow response from inventory service"),
              LogLevel.ERROR,
              List.of(
                  "Order creation failed",
                  "Inventory service unavailable",
                  "Payment confirmation missing for order",
                  "Database connection timeout")));

  private static final Map<LogLevel, List<String>> GENERIC =
      Map.of(
          LogLevel.INFO,
          List.of("Request completed", "Health check passed", "Cache refreshed"),
          LogLevel.WARN,
          List.of("Slow response from downstream service", "Retrying request", "High memory usage"),
          LogLevel.ERROR,
          List.of(
              "Request failed with status 500",
              "Downstream service unavailable",
              "Unhandled exception"));

  private MessageCatalog() {}

  /** The messages {@code service} logs at {@code level}; never empty. */
  static List<String> messages(String service, LogLevel level) {
    return BY_SERVICE.getOrDefault(service, GENERIC).get(level);
  }
}

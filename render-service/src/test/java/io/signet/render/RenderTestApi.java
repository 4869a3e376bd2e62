package io.signet.render;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.signet.testing.TestTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What render-service tests do through the tenant admin's API: a template, a rule for everyone. */
final class RenderTestApi {

  private RenderTestApi() {}

  /** Creates a template (201) and returns its id. */
  static String createTemplate(String tenant, String name, String source) {
    return given()
        .auth()
        .oauth2(TestTokens.tenant(tenant))
        .contentType(ContentType.JSON)
        .body(Map.of("name", name, "source", source))
        .post("/api/v1/tenants/" + tenant + "/templates")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Replaces the tenant's rules by one giving everyone the template, with these rule fields. */
  static void ruleForEveryone(String tenant, String templateId, Map<String, Object> fields) {
    Map<String, Object> rule = new LinkedHashMap<>(fields);
    rule.put("audience", Map.of("kind", "EVERYONE"));
    rule.put("templateId", templateId);
    given()
        .auth()
        .oauth2(TestTokens.tenant(tenant))
        .contentType(ContentType.JSON)
        .body(List.of(rule))
        .put("/api/v1/tenants/" + tenant + "/rules")
        .then()
        .statusCode(200);
  }

  /** One template for everyone of the tenant; returns its id. */
  static String signEveryone(String tenant, String source) {
    String templateId = createTemplate(tenant, "Default", source);
    ruleForEveryone(tenant, templateId, Map.of());
    return templateId;
  }
}

package io.signet.google;

import java.net.URI;

/**
 * Where the Google APIs live: Google itself, or anything that answers like it (the workspace
 * emulator). Root URLs end with a slash; the clients append their service paths.
 */
public record GoogleEndpoints(URI tokenUri, String gmailRootUrl, String directoryRootUrl) {

  /**
   * The audience every service-account JWT carries, whatever token URI it is sent to: Google
   * validates it against this constant.
   */
  public static final String TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";

  public GoogleEndpoints {
    gmailRootUrl = withTrailingSlash(gmailRootUrl);
    directoryRootUrl = withTrailingSlash(directoryRootUrl);
  }

  /** Google's production endpoints. */
  public static GoogleEndpoints google() {
    return new GoogleEndpoints(
        URI.create(TOKEN_AUDIENCE),
        "https://gmail.googleapis.com/",
        "https://admin.googleapis.com/");
  }

  /**
   * Every API and the token endpoint ({@code <base>/token}) under one base URL, as the workspace
   * emulator serves them.
   */
  public static GoogleEndpoints at(String baseUrl) {
    String base = withTrailingSlash(baseUrl);
    return new GoogleEndpoints(URI.create(base + "token"), base, base);
  }

  private static String withTrailingSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}

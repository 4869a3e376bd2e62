package io.signet.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where Google is: Google itself by default, the workspace emulator in tests and locally. */
@ConfigMapping(prefix = "signet.google")
public interface GoogleConfig {

  /** The OAuth token endpoint JWT-bearer grants are sent to. */
  @WithDefault("https://oauth2.googleapis.com/token")
  String tokenUri();

  /** Root URL of the Gmail API. */
  @WithDefault("https://gmail.googleapis.com/")
  String gmailRootUrl();

  /** Root URL of the Admin SDK Directory API. */
  @WithDefault("https://admin.googleapis.com/")
  String directoryRootUrl();

  /** Connect and read timeout of each call. */
  @WithDefault("PT20S")
  Duration timeout();

  /** Connections kept open to each Google host. */
  @WithDefault("16")
  int maxConnections();
}

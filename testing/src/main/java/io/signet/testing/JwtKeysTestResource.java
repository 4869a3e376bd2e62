package io.signet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a test application's token signing and verification at this JVM's {@link TestJwtKeys}. */
public class JwtKeysTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    TestJwtKeys keys = TestJwtKeys.instance();
    return Map.of(
        "smallrye.jwt.sign.key.location", keys.privateKeyFile().toString(),
        "mp.jwt.verify.publickey.location", keys.publicKeyFile().toString());
  }

  @Override
  public void stop() {
    // The key files live as long as the JVM.
  }
}

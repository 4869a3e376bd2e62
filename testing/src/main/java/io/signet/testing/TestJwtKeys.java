package io.signet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * The RSA key pair that signs and verifies Signet's access tokens in this test JVM: generated at
 * test time (never committed), written as PEM files the services' configuration points at.
 */
public final class TestJwtKeys {

  private static TestJwtKeys keys;

  private final KeyPair pair;
  private final Path privateKeyFile;
  private final Path publicKeyFile;

  private TestJwtKeys(KeyPair pair, Path privateKeyFile, Path publicKeyFile) {
    this.pair = pair;
    this.privateKeyFile = privateKeyFile;
    this.publicKeyFile = publicKeyFile;
  }

  public static synchronized TestJwtKeys instance() {
    if (keys == null) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path dir = Files.createTempDirectory("signet-jwt-");
        Path privateKey = dir.resolve("jwt-private.pem");
        Path publicKey = dir.resolve("jwt-public.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> TestFiles.deleteTree(dir), "jwt-keys-cleanup"));
        keys = new TestJwtKeys(pair, privateKey, publicKey);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return keys;
  }

  public Path privateKeyFile() {
    return privateKeyFile;
  }

  public Path publicKeyFile() {
    return publicKeyFile;
  }

  PrivateKey privateKey() {
    return pair.getPrivate();
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
